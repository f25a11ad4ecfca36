/**
 * The rules `compose2ecs validate` runs, in the order they are documented. Each is a small
 * named object (rule.ts); runner.ts runs them.
 */
import type { Rule } from './rule.js';
import { dependencyCycle, dependencyNeverCompletes, healthcheckMissing, unknownReference } from './depends-on.js';
import { portConflict } from './ports.js';
import { imageBuildOnly, imageBuildPush, imageTagDefault, imageUnpinned } from './images.js';
import { beyondFargate, reservationAboveLimit } from './resources.js';
import { secretInEnvironment } from './secrets.js';
import { cfnOpenPort, cfnUnsupported, ecsLaunchTypeRule, ecsUnsupported, k8sUnsupported } from './target.js';

export type { Rule, RuleContext } from './rule.js';

export const RULES: readonly Rule[] = [
  unknownReference,
  dependencyCycle,
  healthcheckMissing,
  dependencyNeverCompletes,
  portConflict,
  imageBuildOnly,
  imageBuildPush,
  imageTagDefault,
  imageUnpinned,
  reservationAboveLimit,
  beyondFargate,
  secretInEnvironment,
  ecsUnsupported,
  ecsLaunchTypeRule,
  cfnUnsupported,
  cfnOpenPort,
  k8sUnsupported,
];

/** The rule that reports `code`, if one does. */
export function ruleFor(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}
