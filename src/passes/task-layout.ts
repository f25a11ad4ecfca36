/**
 * Groups compose services into ECS tasks. `project` layout puts the whole project in one
 * task definition (how ecs-cli ran QA environments); `service` layout gives each compose
 * service its own task definition and ECS service, except services that join a named task
 * through `x-ecs.task`, and a service on `network_mode`, `ipc` or `pid` `service:X`, which joins X's task.
 *
 * The compose `services` mapping has no order (02-model), so nothing here may follow the order
 * the services are written in: the members of a task, and so its containerDefinitions, the
 * order settings are layered in (the later by name wins) and the task a finding about the
 * whole task is attached to, all go by service name (code-unit order, locale-independent).
 * Tasks come in the order of their first member's name.
 */
import type { EcsSettings, LaunchType, Layout, NetworkMode, Task, Workload } from '../ir/ir.js';
import type { PassContext } from './context.js';
import { byName } from './by-name.js';
import { ownValue } from '../core/own.js';
import { effectiveServiceSettings, layer, networkFlags, omit, settingPath, SERVICE_ONLY } from './ecs-settings.js';
import { splitBySchedule } from './task-scheduling.js';

/** ECS allows at most 10 containers in one task definition. */
export const MAX_CONTAINERS_PER_TASK = 10;

const COMPOSE_NETWORK_MODES: Record<string, NetworkMode> = { bridge: 'bridge', host: 'host', none: 'none' };

/** Settings of the task definition and its ECS service: one value per task, whichever member sets it. */
const TASK_KEYS = [
  'family', 'launch_type', 'capacity_provider_strategy', 'network_mode', 'task_role_arn', 'execution_role_arn', 'task_role',
  'cpu', 'memory', 'runtime_platform', 'ephemeral_storage', 'pid_mode', 'ipc_mode', 'placement_constraints', 'placement_strategy',
  'tags', 'revision', 'service', 'autoscaling',
] as const;

export interface LayoutResult {
  layout: Layout;
  tasks: Task[];
  /** Task name of each service. */
  taskOf: Map<string, string>;
  /** Effective settings of each service. */
  settingsOf: Map<string, EcsSettings>;
}

/** Settings given on the command line for this run: they win over every file. */
function withFlags(ctx: PassContext, s: EcsSettings): EcsSettings {
  if (ctx.options.launchType) s.launch_type = ctx.options.launchType;
  if (ctx.options.cluster) s.service = { ...s.service, cluster: ctx.options.cluster };
  const network = networkFlags(ctx);
  if (network) s.service = { ...s.service, network_configuration: { ...s.service?.network_configuration, ...network } };
  return s;
}

/**
 * The tasks of the project. In project layout, services scheduled differently (the core's
 * kind, replicas, deploy.mode; `workloads`) are split into tasks of their own
 * (task-scheduling.ts); without `workloads` every service is in the one task.
 */
export function layoutTasks(ctx: PassContext, project: EcsSettings, own: Map<string, EcsSettings>, workloads?: Readonly<Record<string, Workload>>): LayoutResult {
  const layout: Layout = project.layout ?? 'service';
  const names = Object.keys(ctx.project.services).sort(byName);
  const projectTask = project.family ?? ctx.project.name;
  const scheduled = layout === 'project' && workloads ? splitBySchedule(ctx, projectTask, names, workloads) : undefined;
  const settingsOf = new Map<string, EcsSettings>();
  for (const n of names) settingsOf.set(n, withFlags(ctx, effectiveServiceSettings(project, own.get(n) ?? {})));

  const groups = new Map<string, string[]>();
  const taskOf = new Map<string, string>();
  for (const n of names) {
    const task = layout === 'project' ? (scheduled?.get(n) ?? projectTask) : serviceTask(ctx, n, own);
    if (layout === 'project') {
      for (const key of ['task', 'family'] as const) {
        if (own.get(n)?.[key] === undefined) continue;
        ctx.report('ECS_INVALID', 'warning', `services.${n}.x-ecs.${key} is ignored in project layout, where every service is in one task (set the top-level x-ecs.family to name it)`, ['services', n, 'x-ecs', key]);
      }
    }
    taskOf.set(n, task);
    groups.set(task, [...(groups.get(task) ?? []), n]);
  }
  if (layout === 'service' && project.family !== undefined && groups.size > 1) {
    ctx.report('ECS_INVALID', 'warning', `x-ecs.family names the one task of project layout (or of a project with one task); here there are ${groups.size} tasks, each named after its service or x-ecs.task: set family in a service's x-ecs instead`, ['x-ecs', 'family']);
  }

  const tasks: Task[] = [];
  for (const [name, services] of groups) {
    // Task-level settings: the project's, then each member service's own, by name.
    let settings: EcsSettings = layer({}, project);
    for (const s of services) settings = layer(settings, omit(own.get(s) ?? {}, [...SERVICE_ONLY, 'secrets']));
    settings = withFlags(ctx, settings);
    reportConflicts(ctx, name, services, own, layout === 'project' ? TASK_KEYS.filter((k) => k !== 'family') : TASK_KEYS);
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
    tasks.push({ name, family: familyOf(layout, name, services, own, groups.size === 1 ? project.family : undefined), services, launchType, networkMode, settings, withService: true });
  }
  reportDuplicateFamilies(ctx, tasks, own);
  return { layout, tasks, taskOf, settingsOf };
}

/** The keys whose `service:X` puts a service into X's namespace, in the order they choose its task. */
const SHARED_NAMESPACES = ['network_mode', 'ipc', 'pid'] as const;

/**
 * Service layout: the task of a service: its x-ecs.task, else, for `network_mode: service:X`
 * (or ipc, pid `service:X`), the task of X (05-services: the container uses X's network stack,
 * IPC or process namespace, which on ECS only the containers of one task share: awsvpc's one
 * network stack, ipcMode and pidMode task), else its own name.
 */
function serviceTask(ctx: PassContext, name: string, own: ReadonlyMap<string, EcsSettings>, seen = new Set<string>()): string {
  const set = own.get(name)?.task;
  if (set !== undefined) return set;
  const svc = ctx.project.services[name];
  // A network mode of its own (host, none) keeps it apart: one task has one network mode.
  const keys = svc?.network_mode === undefined || svc.network_mode.startsWith('service:') ? SHARED_NAMESPACES : (['network_mode'] as const);
  const mode = keys.map((k) => svc?.[k]).find((v) => v?.startsWith('service:') && ownValue(ctx.project.services, v.slice('service:'.length)));
  const shared = mode?.slice('service:'.length);
  // A cycle of such references is a dependency cycle, reported by its own pass.
  if (shared === undefined || !ownValue(ctx.project.services, shared) || seen.has(shared)) return name;
  seen.add(name);
  return serviceTask(ctx, shared, own, seen);
}

/**
 * Project layout: the task's name (the top-level family or the project name). Service layout:
 * the last member's (by name) own x-ecs.family, else the top-level one when there is a single task,
 * else the task's name.
 */
function familyOf(layout: Layout, name: string, services: readonly string[], own: ReadonlyMap<string, EcsSettings>, projectFamily: string | undefined): string {
  if (layout === 'project') return name;
  const set = services.map((s) => own.get(s)?.family).filter((f): f is string => f !== undefined);
  return set[set.length - 1] ?? projectFamily ?? name;
}

/** Two services of one task that set a task-level key differently: the later by name wins, and says so. */
function reportConflicts(ctx: PassContext, task: string, services: readonly string[], own: ReadonlyMap<string, EcsSettings>, keys: readonly (typeof TASK_KEYS)[number][]): void {
  for (const key of keys) {
    let first: { service: string; json: string } | undefined;
    for (const s of services) {
      const v = own.get(s)?.[key];
      if (v === undefined) continue;
      const json = JSON.stringify(v);
      if (first && first.json !== json) {
        ctx.report('ECS_INVALID', 'warning', `services ${first.service} and ${s} share task "${task}" but set x-ecs.${key} differently; a task has one ${key}, and ${s}'s (the later by name) is used`, ['services', s, 'x-ecs', key]);
      }
      first ??= { service: s, json };
    }
  }
}

/**
 * ECS registers a task definition per family: two tasks with one family would overwrite each
 * other. Reported at an x-ecs.family that makes the clash (the later task's, else the
 * earlier's), else at the later task's first service.
 */
function reportDuplicateFamilies(ctx: PassContext, tasks: readonly Task[], own: ReadonlyMap<string, EcsSettings>): void {
  const seen = new Map<string, Task>();
  const setterOf = (t: Task): string | undefined => [...t.services].reverse().find((s) => own.get(s)?.family === t.family);
  for (const t of tasks) {
    const other = seen.get(t.family);
    if (other !== undefined) {
      const setter = setterOf(t) ?? setterOf(other);
      ctx.report('ECS_INVALID', 'error', `tasks "${other.name}" and "${t.name}" would both be task definition family "${t.family}"; give each task its own family`, setter ? ['services', setter, 'x-ecs', 'family'] : ['services', t.services[0] ?? '']);
    } else seen.set(t.family, t);
  }
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
    const mode = ownValue(COMPOSE_NETWORK_MODES, nm);
    if (!mode) continue; // service:/container: modes are reported by the container mapping
    if (fromCompose && fromCompose.mode !== mode) {
      ctx.report('ECS_INVALID', 'error', `services ${fromCompose.service} and ${s} share a task but ask for network modes ${fromCompose.mode} and ${mode}; a task has one network mode`, ['services', s, 'network_mode']);
    }
    fromCompose ??= { mode, service: s };
  }
  const mode = settings.network_mode ?? fromCompose?.mode ?? (launchType === 'FARGATE' ? 'awsvpc' : 'bridge');
  if (launchType === 'FARGATE' && mode !== 'awsvpc') {
    const path = settings.network_mode ? settingPath(ctx, services, 'network_mode') : ['services', fromCompose?.service ?? services[0] ?? '', 'network_mode'];
    ctx.report('ECS_LAUNCH_TYPE_RULE', 'error', `Fargate tasks use the awsvpc network mode only, not ${mode}`, path);
    return 'awsvpc';
  }
  return mode;
}
