/** Checks on ECS backend outputs shared by the property tests. */
import { expect } from 'vitest';
import type { Output } from '../../src/backends/backend.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { validateCreateService, validateRegisterTaskDefinition, validateRunTask } from '../validators/ecs.js';

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

/** No diagnostic says the compiler threw (and caught it). */
export function expectNoInternalError(diagnostics: readonly Diagnostic[], what: string): void {
  const internal = diagnostics.filter((d) => d.code === 'INTERNAL_ERROR').map((d) => d.message.slice(0, 800));
  expect(internal, `${what}: INTERNAL_ERROR`).toEqual([]);
}
