/**
 * depends_on and links inside and across tasks. In one task with bridge networking,
 * `depends_on` and `links` become container `links` (the rewrite the ecs-cli flow needed);
 * under awsvpc and host networking containers of a task reach each other on localhost, so no
 * links. Conditions become container `dependsOn`. A dependency between tasks cannot be said
 * in a task definition: it is reported (the CloudFormation backend turns it into DependsOn).
 */
import type { ContainerDependency, Task } from '../ir/ir.js';
import type { PassContext } from './context.js';

const CONDITIONS = {
  service_started: 'START',
  service_healthy: 'HEALTHY',
  service_completed_successfully: 'SUCCESS',
} as const;

export interface DependencyFacts {
  dependsOn: Map<string, ContainerDependency[]>;
  links: Map<string, string[]>;
  /** Services some other container waits on to complete: they are not essential. */
  completes: Set<string>;
  /** Dependencies on services of other tasks, by service. */
  crossTask: Map<string, string[]>;
}

export function resolveDependencies(ctx: PassContext, tasks: readonly Task[], taskOf: ReadonlyMap<string, string>): DependencyFacts {
  const facts: DependencyFacts = { dependsOn: new Map(), links: new Map(), completes: new Set(), crossTask: new Map() };
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const localhostNoted = new Set<string>();
  for (const [name, svc] of Object.entries(ctx.project.services)) {
    const taskName = taskOf.get(name) as string;
    const task = byName.get(taskName) as Task;
    const bridge = task.networkMode === 'bridge';
    const deps: ContainerDependency[] = [];
    const links: string[] = [];
    const linked = new Set<string>();
    const noteLocalhost = (path: (string | number)[]): void => {
      if (localhostNoted.has(taskName)) return;
      localhostNoted.add(taskName);
      ctx.report(
        'ECS_UNSUPPORTED_FIELD',
        'info',
        `task "${taskName}" uses ${task.networkMode} networking, where ECS has no container links: its containers reach each other on localhost (use localhost:<port> instead of the service name)`,
        path,
      );
    };

    for (const [link, i] of (svc.links ?? []).map((l, i) => [l, i] as const)) {
      const [target = link, alias] = link.split(':');
      const path = ['services', name, 'links', i];
      if (!Object.hasOwn(ctx.project.services, target)) continue; // the loader reported it
      if (taskOf.get(target) !== taskName) {
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
        ctx.report(
          'ECS_CROSS_TASK_DEPENDENCY',
          'info',
          `services.${name}.depends_on.${target}: ${target} runs in another task ("${taskOf.get(target)}"); a task definition cannot wait for another task (the CloudFormation target turns this into DependsOn between the ECS services)`,
          path,
        );
        continue;
      }
      if (bridge && !linked.has(target)) {
        linked.add(target);
        links.push(target);
      } else if (!bridge) noteLocalhost(path);
      const condition = CONDITIONS[dep.condition] ?? 'START';
      if (dep.condition === 'service_healthy') {
        const hc = ctx.project.services[target]?.healthcheck;
        const usable = hc && !hc.disable && hc.test && hc.test.length > 0 && hc.test[0] !== 'NONE';
        if (!usable) {
          ctx.report('ECS_INVALID', 'error', `services.${name}.depends_on.${target}: condition service_healthy needs a healthcheck on ${target}, which has none; ECS would never start ${name}`, [...path, 'condition']);
        }
      }
      if (dep.condition === 'service_completed_successfully') facts.completes.add(target);
      deps.push({ containerName: target, condition });
    }
    if (deps.length) facts.dependsOn.set(name, deps);
    if (links.length) facts.links.set(name, links);
  }
  return facts;
}
