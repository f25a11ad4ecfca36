/**
 * The ECS backend: for each task of the IR, `<family>.task-definition.json` (the input of
 * `aws ecs register-task-definition --cli-input-json`) and `<service>.service.json` (the input
 * of `aws ecs create-service --cli-input-json`), keys sorted, byte-identical for the same input.
 * A task that holds only jobs gets `<task>.run-task.json` (`aws ecs run-task --cli-input-json`)
 * instead of a service.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { ecsView } from '../../ir/ir.js';
import { defineBackend, jsonOutput, type Output } from '../backend.js';
import { ECS_OPTIONS } from './options.js';
import { runTaskInput } from './run-task.js';
import { serviceDefinition } from './service.js';
import { taskDefinition } from './task-definition.js';
import { reportCloudFormationOnly } from './x-ecs-map.js';
import { reportInternalNetworks, reportNetworkGroups, reportUnresolvedNames } from './name-resolution.js';
import { reportUnsharedVolumes } from './shared-volumes.js';

/**
 * The ECS backend: per task, `<family>.task-definition.json` (RegisterTaskDefinition input) and
 * `<service>.service.json` (CreateService input), keys sorted, byte-identical for the same input.
 *
 * @example
 * const { outputs } = await convert({ files: ['compose.yaml'], target: ecsBackend });
 */
export const ecsBackend = defineBackend({
  name: 'ecs',
  layers: ['ecs'],
  options: ECS_OPTIONS,
  emit(core) {
    const ir = ecsView(core);
    if (!ir) return { outputs: [], diagnostics: [core.diagnostic('INTERNAL_ERROR', 'error', 'internal error in compose2ecs (please report it): the ecs backend was given no ECS layer')] };
    const diagnostics: Diagnostic[] = reportCloudFormationOnly(ir);
    const outputs: Output[] = [];
    const notes = new Set<string>();
    for (const task of ir.tasks) {
      outputs.push(jsonOutput(`${task.family}.task-definition.json`, taskDefinition(ir, task, diagnostics, { notes })));
      if (!task.withService) {
        // A task of jobs only: run to completion with run-task, never kept running by a service.
        outputs.push(jsonOutput(`${task.name}.run-task.json`, runTaskInput(ir, task, diagnostics)));
        continue;
      }
      const sd = serviceDefinition(ir, task, diagnostics) as { serviceName: string };
      outputs.push(jsonOutput(`${sd.serviceName}.service.json`, sd));
    }
    reportUnresolvedNames(ir, diagnostics);
    reportNetworkGroups(ir, diagnostics);
    reportInternalNetworks(ir, diagnostics);
    reportUnsharedVolumes(ir, diagnostics);
    return { outputs, diagnostics };
  },
});
