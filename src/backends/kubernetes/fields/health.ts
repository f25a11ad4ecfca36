/**
 * healthcheck → liveness and readiness probes running the same command (CMD as exec,
 * CMD-SHELL through `sh -c`). Compose's defaults (interval 30s, timeout 30s, retries 3) are
 * written out, since Kubernetes' own (10s, 1s, 3) differ. start_period becomes a startupProbe
 * (checked every start_interval, 5s by default, for the whole period) or, with the
 * `startPeriod=initialDelay` option, initialDelaySeconds on both probes.
 */
import type { Healthcheck } from '../../../model/project.js';
import type { Json, Path, ServiceContext } from '../context.js';
import { hostUses } from '../../host-uses.js';

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
  selfByName(c, command);
}

/**
 * A check that calls the service by its own name (supabase's storage: `wget http://storage:5000/status`).
 * Compose resolves the name to the container whatever its health; a Service gives the pod's
 * address only once the pod is ready, which this very check decides, so it would never pass.
 * The pod maps the name to itself (hostAliases 127.0.0.1), with an info.
 */
function selfByName(c: ServiceContext, command: readonly string[]): void {
  // hostAliases are only valid for pods off the node's network (where compose gives no service name either).
  if (c.service.network_mode !== undefined && c.service.network_mode !== 'bridge' && c.service.network_mode !== 'default') return;
  const own = new Set([c.name.toLowerCase(), c.k8sName]);
  const names = [...new Set(hostUses(command.join(' ')).map((u) => u.host).filter((h) => own.has(h.toLowerCase())))];
  if (!names.length) return;
  const aliases = (c.pod.hostAliases as { ip: string; hostnames: string[] }[] | undefined) ?? [];
  const taken = new Set(aliases.flatMap((a) => a.hostnames.map((h) => h.toLowerCase())));
  const fresh = names.filter((n) => !taken.has(n.toLowerCase()));
  if (!fresh.length) return;
  const local = aliases.find((a) => a.ip === '127.0.0.1');
  if (local) local.hostnames.push(...fresh);
  else c.pod.hostAliases = [...aliases, { ip: '127.0.0.1', hostnames: fresh }];
  c.report('info', `${c.where(['healthcheck', 'test'])} calls ${fresh.join(', ')}, the service itself: its Service gives the pod's address only once the pod is ready, which this check decides, so the pod maps ${fresh.length > 1 ? 'those names' : 'the name'} to itself (hostAliases 127.0.0.1), as compose resolves a service's own name to its container`, ['healthcheck', 'test']);
}
