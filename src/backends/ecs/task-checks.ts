/**
 * Rules ECS applies across the containers of one task definition: container dependencies,
 * the FireLens log router, and what needs a task execution role.
 */
import type { DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { Json } from './container-context.js';
import type { EcsEmitOptions } from './task-definition.js';

type Report = (code: DiagnosticCode, severity: Severity, message: string, path: (string | number)[]) => void;

interface Container {
  name?: unknown;
  essential?: unknown;
  healthCheck?: unknown;
  dependsOn?: { containerName: string; condition: string }[];
  logConfiguration?: { logDriver?: string; secretOptions?: unknown[] };
  firelensConfiguration?: unknown;
  secrets?: { valueFrom: string }[];
  repositoryCredentials?: unknown;
  environmentFiles?: unknown[];
  portMappings?: { hostPort?: number; protocol?: string }[];
}

/**
 * Reports what ECS would reject across the containers of `defs` (the task's container definitions, in service order);
 * `all` adds the init containers of pre_start steps, which a dependsOn may name.
 *
 * @example
 * checkTask(ir, task, containers, report, {}) // e.g. an awsfirelens container without a log router → ECS_INVALID
 */
export function checkTask(ir: EcsIR, task: Task, defs: readonly Json[], report: Report, options: EcsEmitOptions, all: readonly Json[] = defs, fileSecrets: readonly string[] = []): void {
  const containers = defs as readonly Container[];
  const byName = new Map((all as readonly Container[]).map((c) => [String(c.name), c]));
  containers.forEach((c, i) => {
    const service = task.services[i] as string;
    const own = ir.services[service]?.settings.depends_on !== undefined;
    (c.dependsOn ?? []).forEach((d, j) => {
      const at = own ? ['services', service, 'x-ecs', 'depends_on', j] : ['services', service, 'depends_on', d.containerName];
      const target = byName.get(d.containerName);
      if (d.containerName === service) {
        report('ECS_INVALID', 'error', `${service} cannot depend on itself`, at);
        return;
      }
      if (!target) {
        report('ECS_INVALID', 'error', `${service} depends on ${d.containerName}, which is not a container of task "${task.name}"`, at);
        return;
      }
      if ((d.condition === 'SUCCESS' || d.condition === 'COMPLETE') && target.essential) {
        report('ECS_INVALID', 'error', `${service} waits for ${d.containerName} to ${d.condition === 'SUCCESS' ? 'succeed' : 'complete'}, but ECS allows that condition only on a non-essential container (set x-ecs.essential: false on ${d.containerName})`, at);
      }
      if (own && d.condition === 'HEALTHY' && !target.healthCheck) {
        report('ECS_INVALID', 'error', `${service} waits for ${d.containerName} to be HEALTHY, but ${d.containerName} has no health check`, at);
      }
    });
  });

  const routers = containers.filter((c) => c.firelensConfiguration);
  if (routers.length > 1) report('ECS_INVALID', 'error', `task "${task.name}" has ${routers.length} FireLens log routers (x-ecs.firelens_configuration); ECS allows one`, ['services', task.services[0] ?? '']);
  containers.forEach((c, i) => {
    if (c.logConfiguration?.logDriver === 'awsfirelens' && !routers.length) {
      report('ECS_INVALID', 'error', `${task.services[i]} logs through awsfirelens, but task "${task.name}" has no log router: set x-ecs.firelens_configuration on the service that runs Fluent Bit or Fluentd`, ['services', task.services[i] as string, 'logging']);
    }
  });

  const s = task.settings;
  if (!s.execution_role_arn && !options.managed) {
    const needs = new Set<string>();
    const valueFroms = new Set<string>(fileSecrets);
    for (const c of containers) {
      for (const x of c.secrets ?? []) valueFroms.add(x.valueFrom);
      if (c.logConfiguration?.secretOptions?.length) needs.add('log secret options');
      if (c.repositoryCredentials) needs.add('private registry credentials');
      if (c.environmentFiles?.length) needs.add('environment files');
      if (task.launchType === 'FARGATE' && c.logConfiguration?.logDriver === 'awslogs') needs.add('awslogs on Fargate');
    }
    if (valueFroms.size) needs.add(`secrets (a role allowed ${secretPermissions([...valueFroms])})`);
    const at = ir.project.extensions['x-ecs'] ? ['x-ecs'] : ['services', task.services[0] ?? ''];
    if (needs.size) report('ECS_INVALID', 'warning', `task "${task.name}" uses ${[...needs].join(', ')}, which need a task execution role: set --execution-role or x-ecs.execution_role_arn`, at);
  }
  checkReservedPorts(task, containers, report);
}

/** A container instance reserves at most this many host ports, its own (22, 2375, 2376, 51678–51680) among them. */
export const MAX_RESERVED_PORTS = 100;

/**
 * Static host ports (bridge: published ports; host: every mapped port) are reserved on the
 * container instance, which holds at most MAX_RESERVED_PORTS: a task that needs more can never
 * be placed. Counted per protocol (ECS keeps tcp and udp ports apart); dynamic ports (0) and
 * ranges, whose host ports ECS picks, do not count.
 */
function checkReservedPorts(task: Task, containers: readonly Container[], report: Report): void {
  if (task.networkMode !== 'bridge' && task.networkMode !== 'host') return;
  const reserved = { tcp: new Set<number>(), udp: new Set<number>() };
  containers.forEach((c, i) => {
    for (const m of c.portMappings ?? []) {
      if (!m.hostPort) continue;
      const protocol = m.protocol === 'udp' ? 'udp' : 'tcp';
      const ports = reserved[protocol];
      ports.add(m.hostPort);
      if (ports.size !== MAX_RESERVED_PORTS + 1) continue;
      const service = task.services[i] as string;
      report('ECS_LIMIT', 'error', `task "${task.name}" would reserve more than ${MAX_RESERVED_PORTS} static ${protocol} host ports (${task.networkMode} mode), and an ECS container instance reserves at most ${MAX_RESERVED_PORTS}: the task could never be placed. Leave the ports unpublished (dynamic host ports, or one containerPortRange) or use awsvpc`, ['services', service, 'ports']);
    }
  });
}

/**
 * The IAM permissions that read `valueFroms`, for a message: ssm:GetParameters (and
 * kms:Decrypt for SecureString parameters) on each parameter, secretsmanager:GetSecretValue on
 * each secret.
 *
 * @example secretPermissions(['/shop/db']) // 'ssm:GetParameters and kms:Decrypt on the parameter /shop/db'
 */
export function secretPermissions(valueFroms: readonly string[]): string {
  const sorted = [...new Set(valueFroms)].sort();
  const sm = sorted.filter((v) => v.includes(':secretsmanager:'));
  const ssm = sorted.filter((v) => !v.includes(':secretsmanager:'));
  const parts: string[] = [];
  if (ssm.length) parts.push(`ssm:GetParameters and kms:Decrypt on the parameter${ssm.length > 1 ? 's' : ''} ${ssm.join(', ')}`);
  if (sm.length) parts.push(`secretsmanager:GetSecretValue on ${sm.join(', ')}`);
  return parts.join('; ');
}
