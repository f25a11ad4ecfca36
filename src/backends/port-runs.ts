/**
 * The loader writes a port range the way `docker compose config` does, one entry per port
 * (`"8000-8002:9000-9002"` → three ports). A backend that can say a range in one piece (ECS
 * `containerPortRange`, a security group rule from–to) or that must treat a range as a whole
 * (one finding for it, not one per port) finds the ranges again here: runs of consecutive
 * entries that differ only in their port numbers, which step by one together.
 */
import type { ServicePort } from '../model/project.js';

/** One range of a service's `ports`, as the entries the model holds for it. */
export interface PortRun {
  /** Index of the run's first entry in the service's `ports`. */
  index: number;
  /** The entries, in order: targets `first.target` … `first.target + ports.length - 1`. */
  ports: ServicePort[];
}

/** The published port as a number, when it is one port (not unset, not a range). */
function publishedPort(p: ServicePort): number | undefined {
  return p.published !== undefined && /^\d+$/.test(p.published) ? Number(p.published) : undefined;
}

/** Whether `next` continues the range that `prev` ends. */
function continues(prev: ServicePort, next: ServicePort): boolean {
  if (next.target !== prev.target + 1 || next.protocol !== prev.protocol || next.mode !== prev.mode || next.host_ip !== prev.host_ip) return false;
  // Named ports and app protocols are long-syntax entries: one port each.
  if (prev.name !== undefined || next.name !== undefined || prev.app_protocol !== undefined || next.app_protocol !== undefined) return false;
  if (Object.keys(prev).some((k) => k.startsWith('x-')) || Object.keys(next).some((k) => k.startsWith('x-'))) return false;
  if (prev.published === undefined || next.published === undefined) return prev.published === next.published;
  const a = publishedPort(prev);
  const b = publishedPort(next);
  return a !== undefined && b === a + 1;
}

/**
 * A service's ports as runs: every entry in exactly one run, in order; a port that continues
 * no range is a run of one. Linear in the number of entries.
 *
 * @example
 * portRuns(project.services.web.ports ?? []) // "80", "9000-9002/udp" → [{ index: 0, ports: [80] }, { index: 1, ports: [9000, 9001, 9002] }]
 */
export function portRuns(ports: readonly ServicePort[]): PortRun[] {
  const runs: PortRun[] = [];
  let current: PortRun | undefined;
  ports.forEach((p, i) => {
    const last = current?.ports[current.ports.length - 1];
    if (current && last && continues(last, p)) current.ports.push(p);
    else runs.push((current = { index: i, ports: [p] }));
  });
  return runs;
}

/** `80` or `80-82`: a run's container ports, for messages. */
export function targetText(run: PortRun): string {
  const first = run.ports[0]?.target;
  const last = run.ports[run.ports.length - 1]?.target;
  return first === last ? String(first) : `${first}-${last}`;
}

/** Consecutive numbers as [from, to] ranges: [1, 2, 3, 7] → [[1, 3], [7, 7]]. The input must be sorted and distinct. */
export function numberRanges(sorted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * Whether a port is published on every interface of the host (no host_ip, or 0.0.0.0 / ::), the
 * only way ECS publishes: a port bound to one address is left out of the task.
 *
 * @example
 * onEveryInterface({ host_ip: '127.0.0.1' }) // false
 */
export function onEveryInterface(p: { host_ip?: string }): boolean {
  return !p.host_ip || p.host_ip === '0.0.0.0' || p.host_ip === '::';
}
