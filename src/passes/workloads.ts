/**
 * The core pass: one target-neutral Workload per compose service — its kind, replicas,
 * dependencies both ways, networks and aliases, ports, and resources in CPUs and bytes. Every
 * backend reads these; nothing here knows a target, so nothing here reports a target's code.
 */
import type { Service } from '../model/project.js';
import type { Sourced, Workload, WorkloadDependency, WorkloadKind, WorkloadNetwork, WorkloadPort, WorkloadResources, WrittenPath } from '../ir/ir.js';
import { getOwn, isMapping, setOwn } from '../core/own.js';
import type { PassContext } from './context.js';
import { byName } from './by-name.js';
import { exposeRange } from '../core/expose.js';

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

const NOT_A_JOB = 'compose merely does not restart it; it is a job only when a service waits for it with condition service_completed_successfully (or with x-ecs.job: true)';

/** A kind, why it was chosen, and the key that decided it (where `explain` shows the reason). */
export interface KindDecision {
  kind: WorkloadKind;
  reason: string;
  path: WrittenPath;
}

/** `x-ecs.job` as written in the service: true, false or "standalone" (schemas/x-ecs.schema.json). */
export function jobMark(svc: Service): boolean | 'standalone' | undefined {
  const own = getOwn(svc.extensions ?? {}, 'x-ecs');
  const job = isMapping(own) ? getOwn(own, 'job') : undefined;
  return job === true || job === false || job === 'standalone' ? job : undefined;
}

/**
 * Why a service never exits for good, or undefined: `restart: always` or `unless-stopped` (or
 * deploy.restart_policy.condition any, which wins over restart as in compose) start it again
 * whenever it exits, so a wait for its successful completion (05-services depends_on
 * service_completed_successfully) never ends, under compose as on any target. A service marked
 * a job (x-ecs.job, deploy.mode replicated-job or global-job) runs to completion as asked.
 *
 * @example
 * neverCompletes({ image: 'nginx', restart: 'always' }) // 'restart is "always"'
 */
export function neverCompletes(svc: Service): string | undefined {
  const mark = jobMark(svc);
  const mode = svc.deploy?.mode;
  if (mark === true || mark === 'standalone' || mode === 'replicated-job' || mode === 'global-job') return undefined;
  const condition = svc.deploy?.restart_policy?.condition;
  if (condition !== undefined) return condition === 'any' ? 'deploy.restart_policy.condition is any' : undefined;
  return svc.restart === 'always' || svc.restart === 'unless-stopped' ? `restart is "${svc.restart}"` : undefined;
}

/**
 * The kind (issue 18, 05-services `restart`, `deploy`, `depends_on`):
 * - x-ecs.job decides when written (true or "standalone": a job; false: never one);
 * - deploy.mode global is a daemon; replicated-job and global-job are jobs;
 * - deploy.restart_policy.condition none is a job, and on-failure together with a dependent
 *   that waits for it with service_completed_successfully (restart_policy wins over restart, as
 *   in compose); on-failure alone is how Swarm files keep servers up, so it is no sign of a
 *   one-shot. With several replicas each copy runs to completion (compose starts none of them
 *   again), so they are a job of that many copies (a Kubernetes Job's completions, run-task's
 *   count);
 * - restart "no" (the default) or on-failure[:N] is a job only together with a dependent that waits for it with
 *   service_completed_successfully: compose would merely not restart such a service, and many
 *   long-running servers say `restart: "no"` (the default), so alone it is no sign of a one-shot;
 * - anything else is a long-running service.
 */
export function kindOf(name: string, svc: Service, waiter: string | undefined): KindDecision {
  const base = ['services', name];
  const mark = jobMark(svc);
  if (mark === false) return { kind: 'service', reason: 'x-ecs.job is false: kept running whatever restart and depends_on say', path: [...base, 'x-ecs', 'job'] };
  if (mark !== undefined) return { kind: 'job', reason: `x-ecs.job is ${JSON.stringify(mark)}: it runs to completion`, path: [...base, 'x-ecs', 'job'] };
  const mode = svc.deploy?.mode;
  if (mode === 'global') return { kind: 'daemon', reason: 'deploy.mode is global: one copy per host', path: [...base, 'deploy', 'mode'] };
  if (mode === 'replicated-job' || mode === 'global-job') return { kind: 'job', reason: `deploy.mode is ${mode}: it runs to completion`, path: [...base, 'deploy', 'mode'] };
  const condition = svc.deploy?.restart_policy?.condition;
  const replicas = svc.deploy?.replicas ?? svc.scale ?? 1;
  if (condition !== undefined) {
    const at = [...base, 'deploy', 'restart_policy', 'condition'];
    const copies = replicas > 1 ? ` (each of its ${replicas} replicas)` : '';
    if (condition === 'none') return { kind: 'job', reason: `deploy.restart_policy.condition is none: it runs to completion${copies}`, path: at };
    // on-failure is also how Swarm files keep servers up (a server never exits 0): a job only when waited on to complete.
    if (condition === 'on-failure' && waiter !== undefined) return { kind: 'job', reason: `deploy.restart_policy.condition is on-failure and ${waiter} waits for it with condition service_completed_successfully: it runs to completion${copies}`, path: at };
    if (condition === 'on-failure') return { kind: 'service', reason: 'deploy.restart_policy.condition is on-failure: restarted when it fails, and a server never exits 0, so it is kept running (x-ecs.job: true, or a service waiting for it with service_completed_successfully, makes it a job)', path: at };
    return { kind: 'service', reason: `deploy.restart_policy.condition is ${condition}: kept running`, path: at };
  }
  // restart "no" is compose's default: a service without restart is not restarted either.
  const restart = svc.restart;
  const once = restart === undefined || restart === 'no' || restart.startsWith('on-failure');
  if (once && waiter !== undefined) {
    return { kind: 'job', reason: `restart is ${JSON.stringify(restart ?? 'no')}${restart === undefined ? ' (the default)' : ''} and ${waiter} waits for it with condition service_completed_successfully: it runs to completion`, path: restart === undefined ? ['services', waiter, 'depends_on', name, 'condition'] : [...base, 'restart'] };
  }
  if (restart !== undefined) {
    const why = once ? `: ${NOT_A_JOB}` : '';
    return { kind: 'service', reason: `restart is ${JSON.stringify(restart)}${why}`, path: [...base, 'restart'] };
  }
  return { kind: 'service', reason: 'a long-running service (the default)', path: base };
}

/**
 * One info per workload that is not a long-running service, at the key that decided it: the
 * kind changes what every target emits (no ECS service, a Job, a DaemonSet), so it is said.
 *
 * @example
 * reportKinds(ctx, workloads) // WORKLOAD_KIND info "services.migrate is a job: …"
 */
export function reportKinds(ctx: PassContext, workloads: Readonly<Record<string, Workload>>): void {
  for (const name of Object.keys(workloads).sort(byName)) {
    const w = workloads[name] as Workload;
    // A service is worth a word only where it might have been taken for a job.
    if (w.kind === 'service' && w.kindPath[2] !== 'x-ecs' && !w.kindReason.endsWith(NOT_A_JOB)) continue;
    ctx.report('WORKLOAD_KIND', 'info', `services.${name} is ${w.kind === 'job' ? 'a job' : w.kind === 'daemon' ? 'a daemon' : 'a long-running service'}: ${w.kindReason}`, [...w.kindPath]);
  }
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
    const r = exposeRange(text);
    if (!r) return;
    for (let target = r.from; target <= r.to; target++) out.push({ target, protocol: r.protocol, path: ['services', name, 'expose', i] });
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
    const decision = kindOf(name, svc, waiters.find((w) => w.condition === 'service_completed_successfully')?.service);
    const dependsOn = Object.entries(svc.depends_on ?? {}).map(([service, dep]) => ({ service, condition: dep.condition, required: dep.required !== false }));
    // setOwn: a service may be called `__proto__`.
    setOwn(out, name, {
      name,
      service: svc,
      kind: decision.kind,
      kindReason: decision.reason,
      kindPath: decision.path,
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
