/** Checks on ECS backend outputs shared by the property tests. */
import { expect } from 'vitest';
import type { Output } from '../../src/backends/backend.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { validateCreateService, validateRegisterTaskDefinition, validateRunTask } from '../validators/ecs.js';
import { checkEcsDocuments } from '../validators/ecs-semantics.js';

/**
 * Every emitted ECS document passes the validator of its API shape.
 *
 * @example
 * expectValidEcsOutputs((await convert({ files, target: 'ecs' })).outputs);
 */
export function expectValidEcsOutputs(outputs: readonly Output[]): void {
  for (const o of outputs) {
    const doc = JSON.parse(o.contents) as unknown;
    if (o.path.endsWith('.task-definition.json')) expect(validateRegisterTaskDefinition(doc), o.path).toEqual([]);
    else if (o.path.endsWith('.service.json')) expect(validateCreateService(doc), o.path).toEqual([]);
    else if (o.path.endsWith('.run-task.json')) expect(validateRunTask(doc), o.path).toEqual([]);
    else throw new Error(`unexpected ECS output ${o.path}`);
  }
}

/**
 * The documents of one project hold together as the ECS API reference requires (a service's
 * containers, ports and Service Connect names are its task's; dependsOn conditions fit the
 * containers they name; …: validators/ecs-semantics.ts), or a warning says what is missing.
 *
 * @example
 * const { outputs, diagnostics } = await convert({ files, target: 'ecs' });
 * expectWorkingEcsOutputs(outputs, diagnostics);
 */
export function expectWorkingEcsOutputs(outputs: readonly Output[], diagnostics: readonly Diagnostic[]): void {
  expect(checkEcsDocuments(outputs, diagnostics)).toEqual([]);
}

/** No diagnostic says the compiler threw (and caught it). */
export function expectNoInternalError(diagnostics: readonly Diagnostic[], what: string): void {
  const internal = diagnostics.filter((d) => d.code === 'INTERNAL_ERROR').map((d) => d.message.slice(0, 800));
  expect(internal, `${what}: INTERNAL_ERROR`).toEqual([]);
}
