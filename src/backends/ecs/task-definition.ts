/** A RegisterTaskDefinition input for one task of the EcsIR. */
import type { Diagnostic, DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { DerivedSecret, Json, StackLogs, TaskParts } from './container-context.js';
import { addFileWriter, FILES_CONTAINER, TASK_FILES_MAX, type FileDelivery } from './task-files.js';
import { MAX_CONTAINERS_PER_TASK } from '../../passes/task-layout.js';
import { containerDefinition, ECS_NAME } from './container.js';
import { checkTask } from './task-checks.js';
import { preStartContainers } from './pre-start.js';

/**
 * How another backend embeds the ECS documents.
 *
 * @example
 * taskDefinition(ir, task, diagnostics, { managed: true }) // the CloudFormation target supplies the roles
 */
export interface EcsEmitOptions {
  /** Notes already given in this emit, by key (a once-per-project warning is given once). */
  notes?: Set<string>;
  /**
   * The surrounding stack (the CloudFormation target) creates what the definitions only
   * refer to — the task execution role, the service's network configuration — so the
   * warnings about them being missing are not given.
   */
  managed?: boolean;
  /**
   * Container ports the surrounding stack's load balancers target, by service (the
   * CloudFormation target's routes): like the ports x-ecs.service.load_balancers name, each
   * stays a single port mapping rather than part of a containerPortRange.
   */
  routedPorts?: ReadonlyMap<string, ReadonlySet<number>>;
  /**
   * The surrounding stack creates a log group for the task and knows its Region (the
   * CloudFormation target): every container without compose `logging` writes there through
   * awslogs, unless x-ecs.logging names its own group or Region. The values are the stack's
   * own references (`{ Ref: … }`), written into the options as they are.
   */
  stackLogs?: StackLogs;
  /**
   * Compose fields the surrounding stack carries itself, as JSON pointers (`/services/db/expose`
   * opened in security groups, `/services/web/ports/0` published by its load balancer): the
   * mapping does not report them as dropped or trimmed.
   */
  carried?: ReadonlySet<string>;
  /**
   * Filled with the secret references derived from the project's name (no ARN in the files),
   * by valueFrom: the CloudFormation target makes each a stack parameter.
   */
  secretRefs?: Map<string, DerivedSecret>;
  /**
   * The surrounding stack takes the image of a build-only service without a registry as a
   * parameter (the CloudFormation target's `<Service>Image`): its container is left without
   * an image for the stack to fill in, and no ECS_NO_IMAGE is reported.
   */
  imageParameters?: boolean;
}

export function taskDefinition(ir: EcsIR, task: Task, diagnostics: Diagnostic[], options: EcsEmitOptions = {}): Json {
  const s = task.settings;
  const report = (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]): void => {
    diagnostics.push(ir.diagnostic(code, sev, msg, path));
  };
  const parts: TaskParts = { volumes: new Map(), files: [], ...(options.secretRefs ? { secretRefs: options.secretRefs } : {}), notes: options.notes ?? new Set(), ...(options.routedPorts ? { routedPorts: options.routedPorts } : {}), ...(options.stackLogs ? { stackLogs: options.stackLogs } : {}), ...(options.carried ? { carried: options.carried } : {}), ...(options.imageParameters ? { imageParameters: true } : {}) };
  const mains = task.services.map((s) => containerDefinition(ir, task, ir.services[s]!, parts, diagnostics));
  const containers = mains.flatMap((main, i) => [...preStartContainers(ir, task, ir.services[task.services[i] as string]!, main, parts, diagnostics), main]);
  checkContainerCount(ir, task, containers.length, report);
  const fargate = task.launchType === 'FARGATE';
  const td: Json = { family: task.family, containerDefinitions: containers, volumes: [...parts.volumes.values()] };
  if (task.family !== task.name && !ECS_NAME.test(task.family)) report('ECS_INVALID', 'error', `the family "${task.family}" may hold only letters, digits, - and _`, ['x-ecs', 'family']);
  if (task.networkMode !== 'bridge' || s.network_mode) td.networkMode = task.networkMode;
  if (task.launchType !== 'EC2') td.requiresCompatibilities = [task.launchType];
  if (task.cpu !== undefined) td.cpu = String(task.cpu);
  if (task.memory !== undefined) td.memory = String(task.memory);
  if (s.task_role_arn) td.taskRoleArn = s.task_role_arn;
  if (s.execution_role_arn) td.executionRoleArn = s.execution_role_arn;
  const platform = s.runtime_platform
    ? { ...(s.runtime_platform.cpu_architecture ? { cpuArchitecture: s.runtime_platform.cpu_architecture } : {}), ...(s.runtime_platform.operating_system_family ? { operatingSystemFamily: s.runtime_platform.operating_system_family } : {}) }
    : parts.runtimePlatform?.value;
  if (platform) td.runtimePlatform = platform;
  if (s.ephemeral_storage !== undefined) {
    if (fargate) td.ephemeralStorage = { sizeInGiB: s.ephemeral_storage };
    else report('ECS_LAUNCH_TYPE_RULE', 'warning', `x-ecs.ephemeral_storage applies to Fargate tasks only; task "${task.name}" runs on ${task.launchType}`, settingPath(ir, task.services, 'ephemeral_storage'));
  }
  // x-ecs.pid_mode / ipc_mode win over what pid: and ipc: gave; Fargate allows pidMode task only, and no ipcMode.
  const pidMode = s.pid_mode ?? parts.pidMode?.value;
  const ipcMode = s.ipc_mode ?? parts.ipcMode?.value;
  if (pidMode && fargate && pidMode !== 'task') report('ECS_LAUNCH_TYPE_RULE', 'warning', `x-ecs.pid_mode ${pidMode} is left out: Fargate supports only pidMode task`, settingPath(ir, task.services, 'pid_mode'));
  else if (pidMode) td.pidMode = pidMode;
  if (ipcMode && fargate) report('ECS_LAUNCH_TYPE_RULE', 'warning', `x-ecs.ipc_mode is left out: Fargate does not support ipcMode`, settingPath(ir, task.services, 'ipc_mode'));
  else if (ipcMode) td.ipcMode = ipcMode;
  // Only memberOf is a task definition constraint; distinctInstance goes to the ECS service.
  const memberOf = (s.placement_constraints ?? []).filter((p) => p.type === 'memberOf');
  if (memberOf.length) {
    if (fargate) report('ECS_LAUNCH_TYPE_RULE', 'warning', 'x-ecs.placement_constraints are left out: Fargate tasks have no placement constraints', settingPath(ir, task.services, 'placement_constraints'));
    else td.placementConstraints = memberOf.map((p) => ({ type: p.type, ...(p.expression ? { expression: p.expression } : {}) }));
  }
  if (s.tags && Object.keys(s.tags).length) td.tags = Object.keys(s.tags).sort().map((key) => ({ key, value: s.tags![key]! }));
  // The checks read one container per service (in service order); dependsOn may name a step.
  checkTask(ir, task, mains, report, options, containers, parts.files.flatMap((f) => ('valueFrom' in f.from ? [f.from.valueFrom] : [])));
  const fileVolumes = addFileWriter(task, containers, parts.files);
  if (fileVolumes.length) {
    td.volumes = [...(td.volumes as Json[]), ...fileVolumes];
    const first = parts.files[0] as FileDelivery;
    if (task.services.includes(FILES_CONTAINER)) report('ECS_INVALID', 'error', `task "${task.name}" holds a service named ${FILES_CONTAINER}, the name of the container that writes its secrets and configs: rename the service`, ['services', FILES_CONTAINER]);
    // Each file is bounded; together they must still leave room in the task definition (64 KiB).
    let total = 0;
    for (const f of parts.files) {
      total += 'text' in f.from ? new TextEncoder().encode(f.from.text).byteLength : 0;
      if (total <= TASK_FILES_MAX) continue;
      report('ECS_LIMIT', 'error', `the files task "${task.name}" receives through the ${FILES_CONTAINER} container hold more than ${TASK_FILES_MAX / 1024} KiB of text, and ECS allows 64 KiB for a whole task definition: bake some into the image or mount them from EFS`, ['services', f.service, ...f.at]);
      break;
    }
    // The layout pass counted the services; the writer is one container more.
    if (containers.length > MAX_CONTAINERS_PER_TASK && task.services.length <= MAX_CONTAINERS_PER_TASK) {
      report('ECS_LIMIT', 'error', `task "${task.name}" would hold ${containers.length} containers with the ${FILES_CONTAINER} container that writes its secrets and configs; ECS allows at most ${MAX_CONTAINERS_PER_TASK}: use --layout service or split the services with x-ecs.task`, ['services', first.service, ...first.at]);
    }
  }
  return td;
}

/** Init containers count against the ECS limit of containers per task (the layout checked the services alone). */
function checkContainerCount(ir: EcsIR, task: Task, count: number, report: (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]) => void): void {
  if (count <= MAX_CONTAINERS_PER_TASK || task.services.length > MAX_CONTAINERS_PER_TASK) return;
  const first = task.services.find((n) => ir.project.services[n]?.pre_start?.length) ?? task.services[0] ?? '';
  report('ECS_LIMIT', 'error', `task "${task.name}" would hold ${count} containers with the pre_start steps of its services as init containers; ECS allows at most ${MAX_CONTAINERS_PER_TASK} in a task definition: merge steps into one command, or split the services with x-ecs.task`, ['services', first, 'pre_start']);
}

/**
 * Where an x-ecs task setting was written: in the last member service (by name) that sets it —
 * the one whose value the task takes — else at the top level.
 *
 * @example
 * settingPath(ir, ['web'], 'ephemeral_storage') // ['services', 'web', 'x-ecs', 'ephemeral_storage'] or ['x-ecs', 'ephemeral_storage']
 */
export function settingPath(ir: EcsIR, services: readonly string[], key: string): (string | number)[] {
  for (const name of [...services].reverse()) {
    const own = ir.project.services[name]?.extensions['x-ecs'] as Record<string, unknown> | undefined;
    if (own && Object.hasOwn(own, key)) return ['services', name, 'x-ecs', key];
  }
  return ['x-ecs', key];
}
