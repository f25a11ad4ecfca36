/**
 * The core pass: one target-neutral Workload per compose service — its kind, replicas,
 * dependencies both ways, networks and aliases, ports, and resources in CPUs and bytes. Every
 * backend reads these; nothing here knows a target, so nothing here reports a target's code.
 */
import type { Service } from '../model/project.js';
import type { Sourced, Workload, WorkloadDependency, WorkloadKind, WorkloadNetwork, WorkloadPort, WorkloadResources, WrittenPath } from '../ir/ir.js';
import { setOwn } from '../core/own.js';
import { byName } from './by-name.js';

/** Docker's CFS period when cpu_period is not set: 100 ms. */
export const DEFAULT_CPU_PERIOD_US = 100_000;

/** cpu_shares is a relative weight; docker's default weight 1024 is one CPU's worth. */
export const SHARES_PER_CPU = 1024;

/** cpu_quota / cpu_period (µs) → CPUs; a quota of 0 or -1 is no limit. */
export function quotaToCpus(quota: number | undefined, period: number | undefined): number | undefined {
  if (quota === undefined || quota <= 0) return undefined;
  return quota / (period || DEFAULT_CPU_PERIOD_US);
}

function first<T>(...candidates: [T | undefined, WrittenPath][]): Sourced<T> | undefined {
  for (const [value, path] of candidates) if (value !== undefined) return { value, path };
  return undefined;
}

/** Resources in CPUs and bytes; 05-services `cpus`: "0.000 means no limit", so a zero gives way to the next source. */
export function workloadResources(name: string, svc: Service): WorkloadResources {
  const base = ['services', name];
  const limits = svc.deploy?.resources?.limits;
  const reservations = svc.deploy?.resources?.reservations;
  const cpus = first<number>(
    [limits?.cpus || undefined, [...base, 'deploy', 'resources', 'limits', 'cpus']],
    [svc.cpus || undefined, [...base, 'cpus']],
    [svc.cpu_shares === undefined ? undefined : svc.cpu_shares / SHARES_PER_CPU, [...base, 'cpu_shares']],
    [quotaToCpus(svc.cpu_quota, svc.cpu_period), [...base, 'cpu_quota']],
    [reservations?.cpus || undefined, [...base, 'deploy', 'resources', 'reservations', 'cpus']],
  );
  const memory = first<number>([limits?.memory || undefined, [...base, 'deploy', 'resources', 'limits', 'memory']], [svc.mem_limit || undefined, [...base, 'mem_limit']]);
  const memoryReservation = first<number>(
    [reservations?.memory || undefined, [...base, 'deploy', 'resources', 'reservations', 'memory']],
    [svc.mem_reservation || undefined, [...base, 'mem_reservation']],
  );
  const gpus = [
    ...(svc.gpus ?? []).map((r, i) => ({ r, path: [...base, 'gpus', i] })),
    ...(svc.deploy?.resources?.reservations?.devices ?? []).map((r, i) => ({ r, path: [...base, 'deploy', 'resources', 'reservations', 'devices', i] })).filter(({ r }) => (r.capabilities ?? []).includes('gpu')),
  ].map(({ r, path }) => ({ count: typeof r.count === 'number' ? r.count : r.device_ids?.length ? r.device_ids.length : undefined, path }));
  const out: WorkloadResources = { cpuCapped: svc.cpus !== undefined || limits?.cpus !== undefined, gpus };
  if (cpus) out.cpus = cpus;
  if (memory) out.memory = memory;
  if (memoryReservation) out.memoryReservation = memoryReservation;
  return out;
}

/**
 * The kind: deploy.mode global is a daemon; the job modes, and a service that runs once
 * (restart "no", or no restart and a restart_policy of none, or waited on to complete
 * successfully), are jobs; anything else is a long-running service.
 */
function kindOf(svc: Service, waitedToComplete: boolean): { kind: WorkloadKind; reason: string } {
  const mode = svc.deploy?.mode;
  if (mode === 'global') return { kind: 'daemon', reason: 'deploy.mode is global: one copy per host' };
  if (mode === 'replicated-job' || mode === 'global-job') return { kind: 'job', reason: `deploy.mode is ${mode}` };
  if (svc.restart !== undefined) {
    return svc.restart === 'no' ? { kind: 'job', reason: 'restart is "no": it runs once' } : { kind: 'service', reason: `restart is ${svc.restart}` };
  }
  if (svc.deploy?.restart_policy?.condition === 'none') return { kind: 'job', reason: 'deploy.restart_policy.condition is none: it runs once' };
  if (waitedToComplete) return { kind: 'job', reason: 'another service waits for it with condition service_completed_successfully' };
  return { kind: 'service', reason: 'a long-running service (the default)' };
}

function networksOf(svc: Service): WorkloadNetwork[] {
  if (svc.network_mode !== undefined) return [];
  return Object.entries(svc.networks ?? {})
    .map(([name, n]) => ({ name, aliases: [...(n?.aliases ?? [])] }))
    .sort((a, b) => byName(a.name, b.name));
}

function portsOf(name: string, svc: Service): WorkloadPort[] {
  const out: WorkloadPort[] = [];
  (svc.ports ?? []).forEach((p, i) => {
    const port: WorkloadPort = { target: p.target, protocol: p.protocol, path: ['services', name, 'ports', i] };
    if (p.published !== undefined) port.published = p.published;
    out.push(port);
  });
  (svc.expose ?? []).forEach((text, i) => {
    const [range = '', protocol = 'tcp'] = text.split('/');
    const [from, to = from] = range.split('-').map(Number);
    if (from === undefined || to === undefined || !Number.isInteger(from) || !Number.isInteger(to)) return;
    for (let target = from; target <= to; target++) out.push({ target, protocol, path: ['services', name, 'expose', i] });
  });
  return out;
}

/**
 * Builds every Workload of the project, keyed by service name.
 *
 * @example
 * const workloads = buildWorkloads(project.services);
 * workloads.migrate?.kind; // 'job'
 */
export function buildWorkloads(services: Readonly<Record<string, Service>>): Record<string, Workload> {
  const waitedOnBy = new Map<string, WorkloadDependency[]>();
  for (const name of Object.keys(services).sort(byName)) {
    for (const [target, dep] of Object.entries(services[name]?.depends_on ?? {})) {
      if (!Object.hasOwn(services, target)) continue;
      const list = waitedOnBy.get(target) ?? [];
      list.push({ service: name, condition: dep.condition, required: dep.required !== false });
      waitedOnBy.set(target, list);
    }
  }
  const out: Record<string, Workload> = {};
  for (const [name, svc] of Object.entries(services)) {
    const waiters = waitedOnBy.get(name) ?? [];
    const { kind, reason } = kindOf(svc, waiters.some((w) => w.condition === 'service_completed_successfully'));
    const dependsOn = Object.entries(svc.depends_on ?? {}).map(([service, dep]) => ({ service, condition: dep.condition, required: dep.required !== false }));
    // setOwn: a service may be called `__proto__`.
    setOwn(out, name, {
      name,
      service: svc,
      kind,
      kindReason: reason,
      replicas: svc.deploy?.replicas ?? svc.scale ?? 1,
      dependsOn,
      waitedOnBy: waiters,
      networks: networksOf(svc),
      ports: portsOf(name, svc),
      resources: workloadResources(name, svc),
    } satisfies Workload);
  }
  return out;
}
