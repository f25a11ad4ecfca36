/**
 * depends_on and links inside and across tasks. In one task with bridge networking,
 * `depends_on` and `links` become container `links` (the rewrite the ecs-cli flow needed);
 * under awsvpc and host networking containers of a task reach each other on localhost, so no
 * links. Conditions become container `dependsOn` (x-ecs.depends_on replaces them). A
 * dependency between tasks cannot be said in a task definition: it is reported (the
 * CloudFormation backend turns it into DependsOn).
 */
import type { ContainerDependency, EcsSettings, ServiceFacts, Task, Workload } from '../ir/ir.js';
import type { Service } from '../model/project.js';
import type { PassContext } from './context.js';
import { byName as nameOrder } from './by-name.js';
import { ownValue } from '../core/own.js';
import { jobMark, neverCompletes } from './workloads.js';
import { sharesWith } from './task-scheduling.js';
import { sourceOf } from '../core/source.js';

const CONDITIONS = {
  service_started: 'START',
  service_healthy: 'HEALTHY',
  service_completed_successfully: 'SUCCESS',
} as const;

export interface DependencyFacts {
  dependsOn: Map<string, ContainerDependency[]>;
  links: Map<string, string[]>;
  /** Services some other container waits on to complete (COMPLETE, SUCCESS): they cannot be essential. */
  completes: Set<string>;
  /** Services of other tasks each service depends on or links to (depends_on first, then links), each once. */
  crossTask: Map<string, string[]>;
}

type Path = (string | number)[];

/** Whether `name`'s container has a health check: its compose healthcheck with x-ecs.healthcheck over it. */
export function hasHealthcheck(ctx: PassContext, name: string, settings: EcsSettings | undefined): boolean {
  const hc = ownValue(ctx.project.services, name)?.healthcheck;
  const test = settings?.healthcheck?.command ?? (hc?.disable ? undefined : hc?.test);
  return test !== undefined && test.length > 0 && test[0] !== 'NONE';
}

/**
 * Why a job that `waiter` waits for keeps a task of its own instead of running inside the
 * waiter's task (job-placement.ts), and what would change that: x-ecs.job standalone as
 * written, or a namespace or volumes it shares with another service, which only that
 * service's task could give it.
 */
function ownTaskReason(ctx: PassContext, waiter: string, job: string): { why: string; fix: string } {
  const svc = ctx.project.services[job] as Service;
  if (jobMark(svc) === 'standalone') return { why: 'x-ecs.job: standalone', fix: `, or drop x-ecs.job: standalone to run it inside ${waiter}'s task` };
  const shared = sharesWith({ name: job, service: svc }).find((x) => Object.hasOwn(ctx.project.services, x.other));
  if (shared) return { why: `its ${shared.what === 'volumes_from' ? `volumes_from ${shared.other}` : `${shared.what}${shared.other}`} keeps it apart from ${waiter}'s task`, fix: '' };
  return { why: 'its task holds only jobs', fix: '' };
}

export function resolveDependencies(
  ctx: PassContext,
  tasks: readonly Task[],
  taskOf: ReadonlyMap<string, string>,
  settingsOf: ReadonlyMap<string, EcsSettings>,
  proxied: boolean,
  workloads: Readonly<Record<string, Workload>>,
): DependencyFacts {
  const facts: DependencyFacts = { dependsOn: new Map(), links: new Map(), completes: new Set(), crossTask: new Map() };
  const byName = new Map(tasks.map((t) => [t.name, t]));
  // Membership, not each service's own task: a job runs in the task of every service that
  // depends on it (job-placement.ts).
  const members = new Map(tasks.map((t) => [t.name, new Set(t.services)]));
  const together = (taskName: string, target: string): boolean => members.get(taskName)?.has(target) === true;
  const localhostNoted = new Set<string>();
  // By name: which entry a once-per-task note is attached to must not follow the file's order.
  for (const name of Object.keys(ctx.project.services).sort(nameOrder)) {
    const svc = ctx.project.services[name] as Service;
    const taskName = taskOf.get(name) as string;
    const task = byName.get(taskName) as Task;
    const bridge = task.networkMode === 'bridge';
    const composeDeps: { dep: ContainerDependency; path: Path }[] = [];
    const links: string[] = [];
    const linked = new Set<string>();
    /** Targets already reported as links across tasks: their implied depends_on entry says nothing new. */
    const linkedAcross = new Set<string>();
    const noteLocalhost = (path: Path): void => {
      if (localhostNoted.has(taskName)) return;
      localhostNoted.add(taskName);
      const how = task.networkMode === 'none' ? 'they cannot reach each other at all' : 'its containers reach each other on localhost (use localhost:<port> instead of the service name)';
      ctx.report('ECS_UNSUPPORTED_FIELD', 'info', `task "${taskName}" uses ${task.networkMode} networking, where ECS has no container links: ${how}`, path);
    };

    for (const [link, i] of (svc.links ?? []).map((l, i) => [l, i] as const)) {
      const [target = link, alias] = link.split(':');
      const path = ['services', name, 'links', i];
      if (!Object.hasOwn(ctx.project.services, target)) continue; // the loader reported it
      if (!together(taskName, target)) {
        linkedAcross.add(target);
        // With Service Connect the link resolves by name to a task with an ECS service: the ECS
        // backend says where it cannot (name-resolution.ts). A standalone job has no name at all.
        if (!proxied || byName.get(taskOf.get(target) as string)?.withService === false) ctx.report('ECS_CROSS_TASK_DEPENDENCY', 'warning', `services.${name}.links: ${target} runs in another task ("${taskOf.get(target)}"); ECS links only join containers of one task: reach it through a load balancer or service discovery`, path);
        continue;
      }
      if (!bridge) {
        noteLocalhost(path);
        continue;
      }
      linked.add(target);
      links.push(alias && alias !== target ? `${target}:${alias}` : target);
    }

    for (const [target, dep] of Object.entries(svc.depends_on ?? {})) {
      const path = ['services', name, 'depends_on', target];
      if (!Object.hasOwn(ctx.project.services, target)) continue;
      if (dep.restart && writtenRestart(dep)) {
        ctx.report('ECS_UNSUPPORTED_FIELD', 'warning', `services.${name}.depends_on.${target}.restart is not carried over: compose restarts ${name} after it updates ${target}, but ECS does not restart ${name}'s containers when ${target} is redeployed or restarted; redeploy ${name} after ${target} (aws ecs update-service --force-new-deployment)`, [...path, 'restart']);
      }
      if (!together(taskName, target)) {
        facts.crossTask.set(name, [...(facts.crossTask.get(name) ?? []), target]);
        if (linkedAcross.has(target)) continue;
        if (byName.get(taskOf.get(target) as string)?.withService === false) {
          const { why, fix } = ownTaskReason(ctx, name, target);
          ctx.report(
            'ECS_CROSS_TASK_DEPENDENCY',
            'warning',
            `services.${name}.depends_on.${target}: ${target} is a job with a task definition of its own and no ECS service (${why}, started with aws ecs run-task): ECS cannot make ${name} wait for it; run it to completion before deploying ${name}${fix}`,
            path,
          );
          continue;
        }
        ctx.report(
          'ECS_CROSS_TASK_DEPENDENCY',
          'info',
          `services.${name}.depends_on.${target}: ${target} runs in another task ("${taskOf.get(target)}"); a task definition cannot wait for another task (the CloudFormation target turns this into DependsOn between the ECS services)`,
          path,
        );
        continue;
      }
      // A target the core keeps running (restart always, a daemon, x-ecs.job: false) is an
      // essential container of the task: SUCCESS would never come, and would leave the task
      // without one. It waits for it to start; DEPENDENCY_NEVER_COMPLETES says so at the
      // condition for a service started again whenever it exits, this warning for the others.
      const kept = workloads[target];
      const waitsToStart = dep.condition === 'service_completed_successfully' && kept !== undefined && kept.kind !== 'job';
      if (waitsToStart && neverCompletes(kept.service) === undefined) {
        ctx.report('ECS_UNSUPPORTED_FIELD', 'warning', `services.${name}.depends_on.${target}: ${target} is ${kept.kind === 'daemon' ? 'a daemon' : 'a long-running service'} (${kept.kindReason}), kept running in this task, so ${name} waits for it to start (START), not to complete as under compose; wait with service_started or service_healthy, or make ${target} a job`, [...path, 'condition']);
      }
      const condition = waitsToStart ? 'START' : (ownValue<ContainerDependency['condition']>(CONDITIONS, dep.condition) ?? 'START');
      // A container that must have exited first cannot be linked to (Docker links need it running).
      if (bridge && !linked.has(target) && condition !== 'SUCCESS') {
        linked.add(target);
        links.push(target);
      } else if (!bridge) noteLocalhost(path);
      composeDeps.push({ dep: { containerName: target, condition }, path: [...path, 'condition'] });
    }

    const across = [...(facts.crossTask.get(name) ?? []), ...linkedAcross].filter((t, i, all) => all.indexOf(t) === i);
    if (across.length) facts.crossTask.set(name, across);

    for (const { dep, path } of composeDeps) {
      if (dep.condition === 'HEALTHY' && !hasHealthcheck(ctx, dep.containerName, settingsOf.get(dep.containerName))) {
        ctx.report('ECS_INVALID', 'error', `services.${name}.depends_on.${dep.containerName}: condition service_healthy needs a healthcheck on ${dep.containerName}, which has none; ECS would never start ${name}`, path);
      }
    }
    // x-ecs.depends_on replaces the derived dependencies as written; the backend checks it
    // against the emitted task (a container of the task, a health check for HEALTHY).
    const own = settingsOf.get(name)?.depends_on;
    const chosen = own ? own.map((d): ContainerDependency => ({ containerName: d.container_name, condition: d.condition })) : composeDeps.map((c) => c.dep);
    for (const dep of chosen) if (dep.condition === 'COMPLETE' || dep.condition === 'SUCCESS') facts.completes.add(dep.containerName);
    if (chosen.length) facts.dependsOn.set(name, chosen);
    if (links.length) facts.links.set(name, links);
  }
  return facts;
}

/**
 * Essential flags: x-ecs.essential, else true except for containers others wait on to
 * complete (ECS allows COMPLETE and SUCCESS only on a non-essential container; the backend
 * reports an x-ecs.essential: true that contradicts it) and jobs that share a task with
 * something that must keep running. A task needs an essential container.
 */
export function markEssential(ctx: PassContext, tasks: readonly Task[], services: Record<string, ServiceFacts>, completes: ReadonlySet<string>, workloads: Readonly<Record<string, Workload>>): void {
  const byTask = new Map(tasks.map((t) => [t.name, { withService: t.withService, members: new Set(t.services) }]));
  for (const [name, facts] of Object.entries(services)) {
    // A job exits: essential, it would stop the task of the services beside it (or of the jobs
    // that wait for it). Alone in a task without a service, its exit is the task's end.
    const w = workloads[name];
    const task = byTask.get(facts.task);
    const quiet = w?.kind === 'job' && (task?.withService !== false || w.waitedOnBy.some((d) => task.members.has(d.service)));
    facts.essential = facts.settings.essential ?? !(completes.has(name) || quiet);
  }
  for (const task of tasks) {
    if (!task.services.some((s) => services[s]?.essential)) {
      ctx.report('ECS_INVALID', 'error', `task "${task.name}" has no essential container; ECS needs at least one (set x-ecs.essential: true on one service)`, ['services', task.services[0] ?? '']);
    }
  }
}

/**
 * Whether `restart` was written in the depends_on entry: the entries the loader adds for links
 * and `service:` namespaces carry restart: true as compose sets it, positioned where the link is.
 */
export function writtenRestart(dep: object): boolean {
  const s = sourceOf(dep);
  const r = s?.value('restart');
  const own = s?.range;
  // An implied entry's keys are all positioned at the link or namespace that made it.
  return r !== undefined && !(own !== undefined && r.file === own.file && r.start === own.start && r.end === own.end);
}
