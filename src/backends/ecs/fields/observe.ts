/** Health checks and logging. */
import type { ContainerContext } from '../container-context.js';

/** ECS limits of healthCheck, in seconds (retries a count). */
const HEALTH_LIMITS = {
  interval: { field: 'interval', min: 5, max: 300 },
  timeout: { field: 'timeout', min: 2, max: 120 },
  retries: { field: 'retries', min: 1, max: 10 },
  start_period: { field: 'startPeriod', min: 0, max: 300 },
} as const;

export function healthcheck(c: ContainerContext): void {
  const h = c.service.healthcheck;
  if (!h) return;
  const test = h.test;
  if (h.disable || !test || test[0] === 'NONE') return;
  const at = ['healthcheck'];
  const hc: Record<string, unknown> = {};
  if (test[0] === 'CMD' || test[0] === 'CMD-SHELL') hc.command = test;
  else hc.command = ['CMD', ...test];
  for (const key of ['interval', 'timeout', 'retries', 'start_period'] as const) {
    const v = h[key];
    if (v === undefined) continue;
    const { field, min, max } = HEALTH_LIMITS[key];
    let n = Math.ceil(v);
    if (n < min || n > max) {
      const clamped = Math.min(max, Math.max(min, n));
      c.report('ECS_LIMIT', 'warning', `${c.where([...at, key])} is ${v}${key === 'retries' ? '' : 's'}; ECS allows ${min} to ${max}, so ${clamped} is used`, [...at, key]);
      n = clamped;
    }
    hc[field] = n;
  }
  if (h.start_interval !== undefined) c.unsupported([...at, 'start_interval'], 'ECS health checks have no start interval');
  c.put('healthCheck', hc, at);
}

/** Log drivers ECS knows (LogDriver). */
const LOG_DRIVERS = new Set(['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens']);

export function logging(c: ContainerContext): void {
  const l = c.service.logging;
  if (!l) return;
  const driver = l.driver ?? 'json-file';
  if (!LOG_DRIVERS.has(driver)) {
    c.unsupported(['logging', 'driver'], `ECS log drivers are ${[...LOG_DRIVERS].join(', ')}, not ${driver}`);
    return;
  }
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(l.options ?? {})) if (v !== null) options[k] = String(v);
  c.put('logConfiguration', { logDriver: driver, ...(Object.keys(options).length ? { options } : {}) }, ['logging']);
}

/** The project's default awslogs configuration (x-ecs.logging), for containers without `logging`. */
export function defaultLogging(c: ContainerContext): void {
  const d = c.facts.settings.logging;
  if (!d || c.service.logging) return;
  const options: Record<string, string> = {
    'awslogs-group': d.group ?? `/ecs/${c.ir.project.name}`,
    'awslogs-stream-prefix': d.stream_prefix ?? c.ir.project.name,
  };
  if (d.region) options['awslogs-region'] = d.region;
  if (d.create_group) options['awslogs-create-group'] = 'true';
  c.put('logConfiguration', { logDriver: 'awslogs', options }, ['x-ecs', 'logging']);
}
