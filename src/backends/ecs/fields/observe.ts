/** Health checks and logging. */
import type { ContainerContext, Json } from '../container-context.js';
import { setOwn } from '../../../core/own.js';
import { hostUses } from '../../host-uses.js';

/** ECS limits of healthCheck (HealthCheck in the API reference), in seconds (retries a count). */
export const HEALTH_LIMITS = {
  interval: { field: 'interval', min: 5, max: 300 },
  timeout: { field: 'timeout', min: 2, max: 60 },
  retries: { field: 'retries', min: 1, max: 10 },
  start_period: { field: 'startPeriod', min: 0, max: 300 },
} as const;

/**
 * Docker's default health check timeout (30 s) differs from ECS's (5 s); a compose health
 * check without `timeout` gets Docker's, so it behaves on ECS as it did under compose.
 */
export const DOCKER_HEALTH_TIMEOUT = 30;

type HealthKey = keyof typeof HEALTH_LIMITS;

/**
 * healthcheck → healthCheck, with x-ecs.healthcheck overriding it field by field. A test that
 * is not CMD / CMD-SHELL runs as CMD; durations become whole seconds within ECS's limits.
 */
export function healthcheck(c: ContainerContext): void {
  const h = c.service.healthcheck;
  const x = c.facts.settings.healthcheck;
  const fromCompose = h && !h.disable && h.test && h.test[0] !== 'NONE' ? h.test : undefined;
  const test = x?.command ?? fromCompose;
  if (!test || test[0] === 'NONE') return;
  const hc: Json = { command: test[0] === 'CMD' || test[0] === 'CMD-SHELL' ? test : ['CMD', ...test] };
  for (const key of Object.keys(HEALTH_LIMITS) as HealthKey[]) {
    const own = x?.[key];
    const composed = fromCompose ? h?.[key] : undefined;
    const [v, at] = own !== undefined ? [own, ['x-ecs', 'healthcheck', key]] : [composed, ['healthcheck', key]];
    if (v === undefined) continue;
    hc[HEALTH_LIMITS[key].field] = withinLimits(c, key, v, at);
  }
  if (hc.timeout === undefined && fromCompose) hc.timeout = DOCKER_HEALTH_TIMEOUT;
  if (fromCompose && h?.start_interval !== undefined) c.unsupported(['healthcheck', 'start_interval'], 'ECS health checks have no start interval');
  c.put('healthCheck', hc, x?.command ? ['x-ecs', 'healthcheck'] : ['healthcheck']);
  if (fromCompose && !x?.command) selfByName(c, fromCompose);
}

/**
 * A check that calls the service by its own name (supabase's storage: `wget http://storage:5000/status`).
 * Compose resolves the name to the container itself, healthy or not; on ECS a container has no
 * name of its own, and a Service Connect name reaches the service's tasks only once they are
 * healthy, which this very check decides: the check fails and ECS replaces the task, forever.
 */
function selfByName(c: ContainerContext, test: readonly string[]): void {
  const own = c.name.toLowerCase();
  const calls = [...new Set(hostUses(test.slice(1).join(' ')).filter((u) => u.host.toLowerCase() === own).map((u) => `${u.host}${u.port !== undefined ? `:${u.port}` : ''}`))];
  if (!calls.length) return;
  const at = ['healthcheck', 'test'];
  c.report('ECS_NAME_UNRESOLVED', 'warning', `${c.where(at)} calls ${calls.join(', ')}, the service itself, by name: compose resolves a service's own name to its container, ECS gives a container no name of its own (a Service Connect name reaches the service's tasks only once they are healthy, which this check decides), so the check fails and ECS replaces the task; call localhost instead (${calls[0]?.replace(/^[^:]*/, 'localhost')})`, at);
}

function withinLimits(c: ContainerContext, key: HealthKey, v: number, at: (string | number)[]): number {
  const { min, max } = HEALTH_LIMITS[key];
  const n = Math.ceil(v);
  if (n >= min && n <= max) return n;
  const clamped = Math.min(max, Math.max(min, n));
  c.report('ECS_LIMIT', 'warning', `${c.where(at)} is ${v}${key === 'retries' ? '' : 's'}; ECS allows ${min} to ${max}, so ${clamped} is used`, at);
  return clamped;
}

/** Log drivers ECS knows (LogDriver). */
export const LOG_DRIVERS = ['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens'];

export function logging(c: ContainerContext): void {
  const l = c.service.logging;
  if (!l) return;
  const driver = l.driver ?? 'json-file';
  if (!LOG_DRIVERS.includes(driver)) {
    c.unsupported(['logging', 'driver'], `ECS log drivers are ${LOG_DRIVERS.join(', ')}, not ${driver}`);
    return;
  }
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(l.options ?? {})) if (v !== null) setOwn(options, k, String(v));
  if (driver === 'awslogs') checkAwslogs(c, options, ['logging', 'options']);
  c.put('logConfiguration', { logDriver: driver, ...(Object.keys(options).length ? { options } : {}) }, ['logging']);
}

/**
 * awslogs needs a group and a region, and on Fargate a stream prefix (LogConfiguration). Docker's
 * driver takes the Region of the host it runs on, so in a stack a missing awslogs-region is the
 * stack's Region, and a missing Fargate prefix the service's name, as the default logging has
 * them; a missing group stays a warning (compose needs one too).
 */
function checkAwslogs(c: ContainerContext, options: Record<string, unknown>, at: (string | number)[]): void {
  const stack = c.taskParts.stackLogs;
  if (stack && options['awslogs-region'] === undefined) options['awslogs-region'] = stack.region;
  if (stack && c.task.launchType === 'FARGATE' && options['awslogs-stream-prefix'] === undefined) options['awslogs-stream-prefix'] = c.name;
  const required = ['awslogs-group', 'awslogs-region', ...(c.task.launchType === 'FARGATE' ? ['awslogs-stream-prefix'] : [])];
  const missing = required.filter((k) => options[k] === undefined);
  if (missing.length) c.report('ECS_INVALID', 'warning', `${c.where(at)}: the awslogs log driver needs ${missing.join(', ')}${c.task.launchType === 'FARGATE' ? ' on Fargate' : ''}; the container fails to start without it`, at);
}

/**
 * Compose keeps every container's logs (`docker compose logs`); on ECS they are lost unless a
 * log driver ships them. So every container without compose `logging` writes through awslogs:
 * group `/ecs/<project>` (or the stack's), stream prefix the service, Region from
 * x-ecs.logging, the stack, --region, x-ecs.region, AWS_REGION or AWS_DEFAULT_REGION. What
 * cannot be known here is said once: no Region, and the log group to create.
 */
export function defaultLogging(c: ContainerContext): void {
  const d = c.facts.settings.logging ?? {};
  const stack = c.taskParts.stackLogs;
  // A compose logging section wins; one ECS could not carry (a driver it lacks, or one the
  // launch type forbids) leaves the container to the default, unless it asked for no logs.
  if (c.def.logConfiguration || c.service.logging?.driver === 'none') return;
  const group = d.group ?? `/ecs/${c.ir.project.name}`;
  const options: Record<string, unknown> = {
    'awslogs-group': d.group ?? stack?.group ?? group,
    'awslogs-stream-prefix': d.stream_prefix ?? c.name,
  };
  const region = d.region ?? stack?.region ?? c.ir.region?.value;
  if (region !== undefined) options['awslogs-region'] = region;
  else noteOnce(c, 'logging-region', 'ECS_LOG_REGION_MISSING', 'warning', `containers log through awslogs to ${group}, but no AWS Region is known: give --region, x-ecs.region (or x-ecs.logging.region), or set AWS_REGION or AWS_DEFAULT_REGION; until then awslogs-region is left out and the containers fail to start`);
  if (d.create_group) options['awslogs-create-group'] = 'true';
  else if (!stack || d.group !== undefined) {
    const where = region !== undefined && typeof region === 'string' ? ` --region ${region}` : '';
    noteOnce(c, `logging-group ${group}`, 'ECS_LOG_GROUP', 'info', `containers log through awslogs to the log group ${group}, which must exist before the tasks start: aws logs create-log-group --log-group-name ${group}${where} (or set x-ecs.logging.create_group: true, which needs logs:CreateLogGroup in the execution role)`);
  }
  c.put('logConfiguration', { logDriver: 'awslogs', options }, c.facts.settings.logging ? ['x-ecs', 'logging'] : []);
}

/** A finding given once per emit (`key`), at x-ecs.logging where it was written, else at the service. */
function noteOnce(c: ContainerContext, key: string, code: 'ECS_LOG_REGION_MISSING' | 'ECS_LOG_GROUP', severity: 'warning' | 'info', message: string): void {
  if (c.taskParts.notes.has(key)) return;
  c.taskParts.notes.add(key);
  const at = c.facts.settings.logging ? loggingPath(c) : ['services', c.name];
  c.diagnostics.push(c.ir.diagnostic(code, severity, message, at));
}

/** Where x-ecs.logging was written: in the service, else at the top level. */
function loggingPath(c: ContainerContext): (string | number)[] {
  const own = c.service.extensions['x-ecs'] as { logging?: unknown } | undefined;
  return own?.logging ? ['services', c.name, 'x-ecs', 'logging'] : ['x-ecs', 'logging'];
}

/** x-ecs.logging.secret_options → logConfiguration.secretOptions, whatever the log driver. */
export function logSecretOptions(c: ContainerContext): void {
  const s = c.facts.settings.logging?.secret_options;
  if (!s || !Object.keys(s).length) return;
  const config = c.def.logConfiguration as Json | undefined;
  if (!config) {
    c.diagnostics.push(c.ir.diagnostic('ECS_UNSUPPORTED_FIELD', 'warning', `x-ecs.logging.secret_options of ${c.where([])} is not carried over: the container has no log driver (set logging or x-ecs.logging)`, [...loggingPath(c), 'secret_options']));
    return;
  }
  config.secretOptions = Object.keys(s)
    .sort()
    .map((name) => ({ name, valueFrom: s[name] as string }));
}

/** x-ecs.firelens_configuration → firelensConfiguration: the container is the task's log router. */
export function firelens(c: ContainerContext): void {
  const f = c.facts.settings.firelens_configuration;
  if (!f) return;
  const options = f.options && Object.keys(f.options).length ? f.options : undefined;
  c.put('firelensConfiguration', { type: f.type, ...(options ? { options } : {}) }, ['x-ecs', 'firelens_configuration']);
}
