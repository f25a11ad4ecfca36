/**
 * healthcheck → liveness and readiness probes running the same command (CMD as exec,
 * CMD-SHELL through `sh -c`). Compose's defaults (interval 30s, timeout 30s, retries 3) are
 * written out, since Kubernetes' own (10s, 1s, 3) differ. start_period becomes a startupProbe
 * (checked every start_interval, 5s by default, for the whole period) or, with the
 * `startPeriod=initialDelay` option, initialDelaySeconds on both probes.
 */
import type { Healthcheck } from '../../../model/project.js';
import type { Json, Path, ServiceContext } from '../context.js';

const COMPOSE_DEFAULTS = { interval: 30, timeout: 30, retries: 3, start_interval: 5 } as const;

/** The probe command, or undefined when the check is off. */
export function probeCommand(h: Healthcheck): string[] | undefined {
  const test = h.test ?? [];
  if (h.disable || !test.length || test[0] === 'NONE') return undefined;
  if (test[0] === 'CMD-SHELL') return ['sh', '-c', test.slice(1).join(' ')];
  if (test[0] === 'CMD') return test.slice(1);
  return test;
}

/** Whole seconds, at least 1; a value that had to change is reported. */
function seconds(c: ServiceContext, value: number, at: Path): number {
  const n = Math.max(1, Math.ceil(value));
  if (n !== value) c.report('info', `${c.where(at)} is ${value}s; Kubernetes probes count whole seconds (at least 1), so ${n} is used`, at);
  return n;
}

export function healthcheck(c: ServiceContext): void {
  const h = c.service.healthcheck;
  if (!h) return;
  const at = ['healthcheck'];
  const command = probeCommand(h);
  if (!command) return; // disabled: no probes, as without a healthcheck
  if (!command.length) {
    c.unsupported([...at, 'test'], 'the check has no command');
    return;
  }
  const timeoutSeconds = seconds(c, h.timeout ?? COMPOSE_DEFAULTS.timeout, [...at, 'timeout']);
  const probe: Json = {
    exec: { command },
    periodSeconds: seconds(c, h.interval ?? COMPOSE_DEFAULTS.interval, [...at, 'interval']),
    timeoutSeconds,
    failureThreshold: Math.max(1, h.retries ?? COMPOSE_DEFAULTS.retries),
  };
  const start = h.start_period ?? 0;
  if (start > 0 && c.options.startPeriod === 'initialDelay') {
    probe.initialDelaySeconds = Math.ceil(start);
    if (h.start_interval !== undefined) c.unsupported([...at, 'start_interval'], 'with startPeriod=initialDelay nothing checks during the start period');
  } else if (start > 0) {
    const period = seconds(c, h.start_interval ?? COMPOSE_DEFAULTS.start_interval, [...at, 'start_interval']);
    c.container.startupProbe = { exec: { command }, periodSeconds: period, timeoutSeconds, failureThreshold: Math.max(1, Math.ceil(start / period)) };
  } else if (h.start_interval !== undefined) {
    c.report('info', `${c.where([...at, 'start_interval'])} has no effect without start_period`, [...at, 'start_interval']);
  }
  c.container.livenessProbe = probe;
  c.container.readinessProbe = { ...probe, exec: { command: [...command] } };
}
