/**
 * depends_on and links inside and across tasks. In one task with bridge networking,
 * `depends_on` and `links` become container `links` (the rewrite the ecs-cli flow needed);
 * under awsvpc and host networking containers of a task reach each other on localhost, so no
 * links. Conditions become container `dependsOn` (x-ecs.depends_on replaces them). A
 * dependency between tasks cannot be said in a task definition: it is reported (the
 * CloudFormation backend turns it into DependsOn).
 */
import type { ContainerDependency, EcsSettings, ServiceFacts, Task } from '../ir/ir.js';
import type { PassContext } from './context.js';

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
  /** Dependencies on services of other tasks, by service. */
  crossTask: Map<string, string[]>;
}

type Path = (string | number)[];

/** Whether `name`'s container has a health check: its compose healthcheck with x-ecs.healthcheck over it. */
export function hasHealthcheck(ctx: PassContext, name: string, settings: EcsSettings | undefined): boolean {
  const hc = ctx.project.services[name]?.healthcheck;
  const test = settings?.healthcheck?.command ?? (hc?.disable ? undefined : hc?.test);
  return test !== undefined && test.length > 0 && test[0] !== 'NONE';
}

export function resolveDependencies(
  ctx: PassContext,
  tasks: readonly Task[],
  taskOf: ReadonlyMap<string, string>,
  settingsOf: ReadonlyMap<string, EcsSettings>,
): DependencyFacts {
  const facts: DependencyFacts = { dependsOn: new Map(), links: new Map(), completes: new Set(), crossTask: new Map() };
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const localhostNoted = new Set<string>();
  for (const [name, svc] of Object.entries(ctx.project.services)) {
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
      if (taskOf.get(target) !== taskName) {
        linkedAcross.add(target);
        ctx.report('ECS_CROSS_TASK_DEPENDENCY', 'warning', `services.${name}.links: ${target} runs in another task ("${taskOf.get(target)}"); ECS links only join containers of one task: reach it through a load balancer or service discovery`, path);
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
      if (taskOf.get(target) !== taskName) {
        facts.crossTask.set(name, [...(facts.crossTask.get(name) ?? []), target]);
        if (linkedAcross.has(target)) continue;
        ctx.report(
          'ECS_CROSS_TASK_DEPENDENCY',
          'info',
          `services.${name}.depends_on.${target}: ${target} runs in another task ("${taskOf.get(target)}"); a task definition cannot wait for another task (the CloudFormation target turns this into DependsOn between the ECS services)`,
          path,
        );
        continue;
      }
      // A container that must have exited first cannot be linked to (Docker links need it running).
      if (bridge && !linked.has(target) && dep.condition !== 'service_completed_successfully') {
        linked.add(target);
        links.push(target);
      } else if (!bridge) noteLocalhost(path);
      composeDeps.push({ dep: { containerName: target, condition: CONDITIONS[dep.condition] ?? 'START' }, path: [...path, 'condition'] });
    }

    const own = settingsOf.get(name)?.depends_on;
    const chosen = own ? xEcsDependencies(ctx, name, taskName, taskOf, own) : composeDeps;
    for (const { dep, path } of chosen) {
      if (dep.condition === 'HEALTHY' && !hasHealthcheck(ctx, dep.containerName, settingsOf.get(dep.containerName))) {
        ctx.report('ECS_INVALID', 'error', `services.${name} waits for ${dep.containerName} to be healthy, but ${dep.containerName} has no healthcheck; ECS would never start ${name}`, path);
      }
      if (dep.condition === 'COMPLETE' || dep.condition === 'SUCCESS') facts.completes.add(dep.containerName);
    }
    if (chosen.length) facts.dependsOn.set(name, chosen.map((c) => c.dep));
    if (links.length) facts.links.set(name, links);
  }
  return facts;
}

/** x-ecs.depends_on: container dependencies as written, each on a container of the same task. */
function xEcsDependencies(
  ctx: PassContext,
  name: string,
  taskName: string,
  taskOf: ReadonlyMap<string, string>,
  entries: NonNullable<EcsSettings['depends_on']>,
): { dep: ContainerDependency; path: Path }[] {
  const out: { dep: ContainerDependency; path: Path }[] = [];
  entries.forEach((e, i) => {
    const at = ['services', name, 'x-ecs', 'depends_on', i];
    const target = e.container_name;
    if (!Object.hasOwn(ctx.project.services, target) || taskOf.get(target) !== taskName || target === name) {
      const why = target === name ? 'a container cannot wait for itself' : Object.hasOwn(ctx.project.services, target) ? `${target} runs in another task ("${taskOf.get(target)}")` : `there is no service ${target}`;
      ctx.report('ECS_INVALID', 'error', `services.${name}.x-ecs.depends_on[${i}]: ${why}; dependsOn names a container of the same task`, [...at, 'container_name']);
      return;
    }
    out.push({ dep: { containerName: target, condition: e.condition }, path: [...at, 'condition'] });
  });
  return out;
}

/**
 * Essential flags: x-ecs.essential, else true except for containers others wait on to
 * complete. ECS rejects a COMPLETE or SUCCESS dependency on an essential container, and a
 * task with no essential container.
 */
export function markEssential(ctx: PassContext, tasks: readonly Task[], services: Record<string, ServiceFacts>, completes: ReadonlySet<string>): void {
  for (const [name, facts] of Object.entries(services)) {
    facts.essential = facts.settings.essential ?? !completes.has(name);
    if (facts.essential && completes.has(name)) {
      ctx.report('ECS_INVALID', 'error', `services.${name} is essential (x-ecs.essential: true) but another container waits for it to complete; ECS allows COMPLETE and SUCCESS only on non-essential containers`, ['services', name, 'x-ecs', 'essential']);
    }
  }
  for (const task of tasks) {
    if (!task.services.some((s) => services[s]?.essential)) {
      ctx.report('ECS_INVALID', 'error', `task "${task.name}" has no essential container; ECS needs at least one (set x-ecs.essential: true on one service)`, ['services', task.services[0] ?? '']);
    }
  }
}
