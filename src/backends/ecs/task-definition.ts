/** A RegisterTaskDefinition input for one task of the IR. */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { IR, Task } from '../../ir/ir.js';
import type { Json, TaskParts } from './container-context.js';
import { containerDefinition } from './container.js';

/** `managed`: the caller (the CloudFormation backend) creates the roles and networking itself. */
export function taskDefinition(ir: IR, task: Task, diagnostics: Diagnostic[], options: { managed?: boolean } = {}): Json {
  const parts: TaskParts = { volumes: new Map() };
  const containers = task.services.map((s) => containerDefinition(ir, task, ir.services[s]!, parts, diagnostics));
  const s = task.settings;
  const report = (sev: 'error' | 'warning' | 'info', msg: string, path: (string | number)[]): void => {
    diagnostics.push(ir.diagnostic(sev === 'error' ? 'ECS_INVALID' : 'ECS_LAUNCH_TYPE_RULE', sev, msg, path));
  };
  const td: Json = { family: task.family, containerDefinitions: containers, volumes: [...parts.volumes.values()] };
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
    if (task.launchType === 'FARGATE') td.ephemeralStorage = { sizeInGiB: s.ephemeral_storage };
    else report('warning', `x-ecs.ephemeral_storage applies to Fargate tasks only; task "${task.name}" runs on ${task.launchType}`, ['x-ecs', 'ephemeral_storage']);
  }
  const pidMode = s.pid_mode ?? parts.pidMode?.value;
  const ipcMode = s.ipc_mode ?? parts.ipcMode?.value;
  if (pidMode) td.pidMode = pidMode;
  if (ipcMode) td.ipcMode = ipcMode;
  if (s.placement_constraints?.length) {
    if (task.launchType === 'FARGATE') report('warning', 'x-ecs.placement_constraints are left out: Fargate tasks have no placement constraints', ['x-ecs', 'placement_constraints']);
    else td.placementConstraints = s.placement_constraints.map((p) => ({ type: p.type, ...(p.expression ? { expression: p.expression } : {}) }));
  }
  if (s.tags && Object.keys(s.tags).length) td.tags = Object.keys(s.tags).sort().map((key) => ({ key, value: s.tags![key]! }));

  if (task.launchType === 'FARGATE' && !s.execution_role_arn && !options.managed) {
    const needs = containers.some((c) => c.secrets || c.repositoryCredentials || (c.logConfiguration as { logDriver?: string } | undefined)?.logDriver === 'awslogs');
    if (needs) report('warning', `task "${task.name}" uses awslogs, secrets or private registry credentials on Fargate, which need an execution role: set x-ecs.execution_role_arn`, ['x-ecs']);
  }
  return td;
}
