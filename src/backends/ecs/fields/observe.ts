/** Health checks and logging. */
import type { ContainerContext, Json } from '../container-context.js';
import { setOwn } from '../../../core/own.js';

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
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(l.options ?? {})) if (v !== null) setOwn(options, k, String(v));
  if (driver === 'awslogs') checkAwslogs(c, options, ['logging', 'options']);
  c.put('logConfiguration', { logDriver: driver, ...(Object.keys(options).length ? { options } : {}) }, ['logging']);
}

/** awslogs needs a group and a region, and on Fargate a stream prefix (LogConfiguration). */
function checkAwslogs(c: ContainerContext, options: Record<string, string>, at: (string | number)[]): void {
  const required = ['awslogs-group', 'awslogs-region', ...(c.task.launchType === 'FARGATE' ? ['awslogs-stream-prefix'] : [])];
  const missing = required.filter((k) => options[k] === undefined);
  if (missing.length) c.report('ECS_INVALID', 'warning', `${c.where(at)}: the awslogs log driver needs ${missing.join(', ')}${c.task.launchType === 'FARGATE' ? ' on Fargate' : ''}; the container fails to start without it`, at);
}

/**
 * The project's default awslogs configuration (x-ecs.logging), for containers without
 * `logging`. Without a region the task fails to start, so a missing one is reported (once).
 */
export function defaultLogging(c: ContainerContext): void {
  const d = c.facts.settings.logging;
  const stack = c.taskParts.stackLogs;
  if (!d || c.service.logging) return;
  const { secret_options: _secrets, ...awslogs } = d;
  if (!stack && !Object.keys(awslogs).length) return; // only secret options: no default driver
  // The stack's group and Region where x-ecs.logging names none; its stream prefix is the service.
  const options: Record<string, unknown> = {
    'awslogs-group': d.group ?? stack?.group ?? `/ecs/${c.ir.project.name}`,
    'awslogs-stream-prefix': d.stream_prefix ?? (stack ? c.name : c.ir.project.name),
  };
  if (d.region ?? stack) options['awslogs-region'] = d.region ?? stack?.region;
  else if (!c.taskParts.notes.has('logging-region')) {
    c.taskParts.notes.add('logging-region');
    c.diagnostics.push(c.ir.diagnostic('ECS_INVALID', 'warning', 'x-ecs.logging sets no region: the awslogs log driver needs awslogs-region, so set x-ecs.logging.region', loggingPath(c)));
  }
  if (d.create_group) options['awslogs-create-group'] = 'true';
  c.put('logConfiguration', { logDriver: 'awslogs', options }, ['x-ecs', 'logging']);
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
