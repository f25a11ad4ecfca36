/**
 * The validators every compiler output is checked against (test support, not shipped).
 *
 * @example
 * import { assertValidEcsTaskDefinition, createCfnValidator, validateManifest } from '../validators/index.js';
 */
export {
  DOUBLE_MEMBERS,
  assertValidEcsService,
  assertValidEcsTaskDefinition,
  declaredMembers,
  ecsSchema,
  structureMembers,
  validateCreateService,
  validateEcsShape,
  validateRegisterTaskDefinition,
} from './ecs.js';
export { createCfnValidator, formatCfnFindings } from './cloudformation.js';
export { assertValidManifest, declaredFields, validateManifest } from './kubernetes.js';
export { loadCfnRegistry } from './cfn-registry.js';
export { checkTemplate } from './cloudformation-semantics.js';
export { checkEcsDocuments, checkTaskDefinition } from './ecs-semantics.js';
export { checkManifestSemantics } from './kubernetes-semantics.js';
export { checkContainerPortReach, checkOneShots } from './kubernetes-one-shots.js';

export type { DeclaredMembers, EcsTypeHint } from './ecs.js';
export type { CfnFinding, CfnValidator, CfnValidatorOptions } from './cloudformation.js';
export type { CfnRegistry } from './cfn-registry.js';
export type { SemanticFinding } from './cloudformation-semantics.js';
export type { EcsDocument } from './ecs-semantics.js';
export type { SemanticsFinding, SemanticsInput } from './kubernetes-semantics.js';
