/**
 * Groups compose services into ECS tasks. `project` layout puts the whole project in one
 * task definition (how ecs-cli ran QA environments); `service` layout gives each compose
 * service its own task definition and ECS service, except services that join a named task
 * through `x-ecs.task`.
 */
import type { EcsSettings, LaunchType, Layout, NetworkMode, Task } from '../ir/ir.js';
import type { PassContext } from './context.js';
import { effectiveServiceSettings, layer } from './ecs-settings.js';

/** ECS allows at most 10 containers in one task definition. */
export const MAX_CONTAINERS_PER_TASK = 10;

const COMPOSE_NETWORK_MODES: Record<string, NetworkMode> = { bridge: 'bridge', host: 'host', none: 'none' };

export interface LayoutResult {
  layout: Layout;
  tasks: Task[];
  /** Task name of each service. */
  taskOf: Map<string, string>;
  /** Effective settings of each service. */
  settingsOf: Map<string, EcsSettings>;
}

export function layoutTasks(ctx: PassContext, project: EcsSettings, own: Map<string, EcsSettings>): LayoutResult {
  const layout: Layout = project.layout ?? 'service';
  const names = Object.keys(ctx.project.services);
  const settingsOf = new Map<string, EcsSettings>();
  for (const n of names) {
    const s = effectiveServiceSettings(project, own.get(n) ?? {});
    // Flags given for this run win over every file.
    if (ctx.options.launchType) s.launch_type = ctx.options.launchType;
    if (ctx.options.cluster) s.service = { ...s.service, cluster: ctx.options.cluster };
    settingsOf.set(n, s);
  }

  const groups = new Map<string, string[]>();
  const taskOf = new Map<string, string>();
  for (const n of names) {
    const task = layout === 'project' ? (project.family ?? ctx.project.name) : (own.get(n)?.task ?? n);
    if (layout === 'project' && own.get(n)?.task) {
      ctx.report('ECS_INVALID', 'warning', `services.${n}.x-ecs.task is ignored in project layout, where every service is in one task`, ['services', n, 'x-ecs', 'task']);
    }
    taskOf.set(n, task);
    groups.set(task, [...(groups.get(task) ?? []), n]);
  }

  const tasks: Task[] = [];
  for (const [name, services] of groups) {
    const first = services[0] as string;
    // Task-level settings: the project's, then each member service's own, in file order.
    let settings: EcsSettings = layer({}, project);
    for (const s of services) settings = layer(settings, stripContainerOnly(own.get(s) ?? {}));
    if (ctx.options.launchType) settings.launch_type = ctx.options.launchType;
    if (ctx.options.cluster) settings.service = { ...settings.service, cluster: ctx.options.cluster };
    const launchType: LaunchType = settings.launch_type ?? 'EC2';
    const networkMode = chooseNetworkMode(ctx, services, settings, launchType);
    if (services.length > MAX_CONTAINERS_PER_TASK) {
      ctx.report(
        'ECS_LIMIT',
        'error',
        `task "${name}" would hold ${services.length} containers (${services.join(', ')}); ECS allows at most ${MAX_CONTAINERS_PER_TASK} containers in a task definition: use --layout service or split the services with x-ecs.task`,
        ['services', services[MAX_CONTAINERS_PER_TASK] as string],
      );
    }
    const family = layout === 'project' ? name : (settings.family && services.length === 1 ? settings.family : name);
    tasks.push({ name, family, services, launchType, networkMode, settings, withService: true });
    void first;
  }
  return { layout, tasks, taskOf, settingsOf };
}

function stripContainerOnly(s: EcsSettings): EcsSettings {
  const { task: _t, essential: _e, container_cpu: _c, container_memory: _m, container_memory_reservation: _r, secrets: _s, ...rest } = s;
  return rest;
}

/**
 * x-ecs.network_mode, else the services' compose `network_mode` (bridge, host, none), else
 * awsvpc on Fargate and bridge elsewhere. Fargate accepts only awsvpc.
 */
function chooseNetworkMode(ctx: PassContext, services: string[], settings: EcsSettings, launchType: LaunchType): NetworkMode {
  let fromCompose: { mode: NetworkMode; service: string } | undefined;
  for (const s of services) {
    const nm = ctx.project.services[s]?.network_mode;
    if (nm === undefined) continue;
    const mode = COMPOSE_NETWORK_MODES[nm];
    if (!mode) continue; // service:/container: modes are reported by the container mapping
    if (fromCompose && fromCompose.mode !== mode) {
      ctx.report('ECS_INVALID', 'error', `services ${fromCompose.service} and ${s} share a task but ask for network modes ${fromCompose.mode} and ${mode}; a task has one network mode`, ['services', s, 'network_mode']);
    }
    fromCompose ??= { mode, service: s };
  }
  const mode = settings.network_mode ?? fromCompose?.mode ?? (launchType === 'FARGATE' ? 'awsvpc' : 'bridge');
  if (launchType === 'FARGATE' && mode !== 'awsvpc') {
    const path = settings.network_mode ? ['x-ecs', 'network_mode'] : ['services', fromCompose?.service ?? services[0] ?? '', 'network_mode'];
    ctx.report('ECS_LAUNCH_TYPE_RULE', 'error', `Fargate tasks use the awsvpc network mode only, not ${mode}`, path);
    return 'awsvpc';
  }
  return mode;
}
