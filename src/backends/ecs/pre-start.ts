/**
 * pre_start → init containers (05-services pre_start: "Each step runs to completion, in
 * declared order, and the service container only starts once every step has exited 0").
 * ECS orders containers of one task with dependsOn, and SUCCESS waits for a non-essential
 * container to exit 0: step 1 waits for what the service waits for, each later step for the
 * one before it, and the service's container for the last step.
 *
 * A step runs "in its own ephemeral container" that "joins the same networks as the service"
 * and "shares the service's declared volume mounts", and "inherits the environment set for
 * the service's main command": it takes the service container's environment, secrets, mounts,
 * links and log configuration, with its own command, image, user, privileged, working_dir and
 * environment over them. Without `image` it runs the service's image (and then the service's
 * user and repository credentials).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, ServiceFacts, Task } from '../../ir/ir.js';
import type { PreStartHook } from '../../model/project.js';
import { ContainerContext, type Json, type TaskParts } from './container-context.js';

/**
 * The soft memory reservation of an init container in a task without a task-level memory
 * (EC2 and EXTERNAL need a container memory value then). Reservations of the containers of a
 * task add up when ECS places it, so a step does not copy its service's: it gets this small
 * one, which is no limit (a step may use more while the instance has it).
 */
export const PRE_START_MEMORY_RESERVATION_MIB = 64;

/** What a step takes from the service's container as it is. */
const INHERITED = ['environmentFiles', 'secrets', 'mountPoints', 'volumesFrom', 'links', 'logConfiguration', 'workingDirectory'] as const;

/** The ECS container name of step `i` (0-based) of `service`: `<service>-pre-start-<n>`, from 1. */
export function preStartName(service: string, i: number): string {
  return `${service}-pre-start-${i + 1}`;
}

/**
 * The service and step number (from 1) of a container named by preStartName, when `name` is one
 * of `services`' steps.
 *
 * @example
 * preStartOf('web-pre-start-2', ['web']) // { service: 'web', step: 2 }
 */
export function preStartOf(name: string, services: readonly string[]): { service: string; step: number } | undefined {
  const m = /^(.+)-pre-start-(\d+)$/.exec(name);
  return m && services.includes(m[1] as string) ? { service: m[1] as string, step: Number(m[2]) } : undefined;
}

function environmentOf(c: ContainerContext, main: Json, step: PreStartHook, i: number): { name: string; value: string }[] {
  const vars = new Map<string, string>();
  for (const e of (main.environment as { name: string; value: string }[] | undefined) ?? []) vars.set(e.name, e.value);
  for (const [name, value] of Object.entries(step.environment ?? {})) {
    if (value === null) {
      c.report('ECS_UNSUPPORTED_FIELD', 'warning', `${c.where(['pre_start', i, 'environment', name])} has no value (it is unset where the file was read), so it is left out; give it a value or set it when converting`, ['pre_start', i, 'environment', name]);
      continue;
    }
    vars.set(name, value);
  }
  return [...vars.keys()].sort().map((name) => ({ name, value: vars.get(name) as string }));
}

/**
 * The init containers of one service, in order; the service's container (`main`, already
 * built) gets its dependsOn on the last one. Nothing when the service has no pre_start.
 *
 * @example
 * preStartContainers(ir, task, ir.services.web, main, parts, diagnostics).map((d) => d.name) // ['web-pre-start-1', 'web-pre-start-2']
 */
export function preStartContainers(ir: EcsIR, task: Task, facts: ServiceFacts, main: Json, parts: TaskParts, diagnostics: Diagnostic[]): Json[] {
  const steps = facts.service.pre_start ?? [];
  if (!steps.length) return [];
  const waitsFor = (main.dependsOn as Json[] | undefined) ?? [];
  const out = steps.map((step, i) => {
    const c = new ContainerContext(ir, task, facts, parts, diagnostics);
    const d = c.def;
    d.name = preStartName(facts.name, i);
    d.essential = false;
    d.image = step.image ?? main.image;
    for (const key of INHERITED) if (main[key] !== undefined) d[key] = main[key];
    if (step.image === undefined) {
      if (main.user !== undefined) d.user = main.user;
      if (main.repositoryCredentials !== undefined) d.repositoryCredentials = main.repositoryCredentials;
    }
    if (step.command?.length) d.command = step.command;
    else if (step.command) c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(['pre_start', i, 'command'])} is empty: ECS cannot clear an image's CMD, so the image's own command runs`, ['pre_start', i, 'command']);
    if (step.user !== undefined) d.user = step.user;
    if (step.working_dir !== undefined) d.workingDirectory = step.working_dir;
    if (step.privileged !== undefined) c.put('privileged', step.privileged, ['pre_start', i, 'privileged']);
    const env = environmentOf(c, main, step, i);
    if (env.length) d.environment = env;
    else delete d.environment;
    if (task.memory === undefined) d.memoryReservation = PRE_START_MEMORY_RESERVATION_MIB;
    const before = i === 0 ? waitsFor : [{ containerName: preStartName(facts.name, i - 1), condition: 'SUCCESS' }];
    if (before.length) d.dependsOn = before.map((x) => ({ ...x }));
    if (!step.per_replica && manyTasks(ir, facts.name)) {
      c.report(
        'ECS_UNSUPPORTED_FIELD',
        'warning',
        `${c.where(['pre_start', i])} runs in every task of ${facts.name}, once per task: compose runs it once before any replica starts (per_replica is false). If it must run once (a migration), make it a job that ${facts.name} depends on with service_completed_successfully and x-ecs.job: standalone, and start it with aws ecs run-task before deploying; if once per task is right, set per_replica: true`,
        ['pre_start', i],
      );
    }
    return d;
  });
  main.dependsOn = [...waitsFor, { containerName: preStartName(facts.name, steps.length - 1), condition: 'SUCCESS' }];
  return out;
}

/** Whether the service runs as more than one task: replicas, or a daemon (one per instance). */
function manyTasks(ir: EcsIR, name: string): boolean {
  const w = ir.workloads[name];
  return w !== undefined && (w.replicas > 1 || w.kind === 'daemon');
}
