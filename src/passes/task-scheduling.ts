/**
 * Project layout puts the whole project in one task, and ECS schedules a task one way: one
 * ECS service with one desired count (or DAEMON), or a one-off run. Services that compose runs
 * differently — another kind (long-running, daemon, job), another replica count, another
 * deploy.mode — would lose their own scheduling in it, so each such scheduling gets a task of
 * its own, with an info saying why. A job that others wait on with
 * service_completed_successfully is no scheduling of its own: it runs inside its waiters'
 * tasks, so it stays with the first of them (by name).
 */
import type { Workload, WrittenPath } from '../ir/ir.js';
import type { PassContext } from './context.js';
import { byName } from './by-name.js';

/** How compose runs a service, as one comparable text. */
export function schedulingOf(w: Workload): string {
  const mode = w.service.deploy?.mode ?? 'replicated';
  if (w.kind === 'daemon') return `a daemon (deploy.mode ${mode})`;
  const copies = `${w.replicas} ${w.replicas === 1 ? 'replica' : 'replicas'}`;
  if (w.kind === 'job') return `a job (${copies}${mode === 'replicated' ? '' : `, deploy.mode ${mode}`})`;
  return `a long-running service (${copies})`;
}

/** Whether services wait for this job to complete: then it runs inside their tasks. */
export function isWaitedJob(w: Workload | undefined): boolean {
  return w?.kind === 'job' && w.waitedOnBy.some((d) => d.condition === 'service_completed_successfully');
}

/** Where a service's scheduling is written: deploy.mode, the replicas, else the service. */
function schedulingPath(w: Workload, other: Workload | undefined): WrittenPath {
  const base = ['services', w.name];
  const deploy = w.service.deploy;
  if (deploy?.mode !== undefined && deploy.mode !== other?.service.deploy?.mode) return [...base, 'deploy', 'mode'];
  if (w.replicas !== other?.replicas) {
    if (deploy?.replicas !== undefined) return [...base, 'deploy', 'replicas'];
    if (w.service.scale !== undefined) return [...base, 'scale'];
  }
  if (w.kind === 'job' && w.service.restart !== undefined) return [...base, 'restart'];
  if (w.kind === 'job' && deploy?.restart_policy !== undefined) return [...base, 'deploy', 'restart_policy'];
  return base;
}

/**
 * What a service shares with another one that only a task can share: its process, IPC or
 * network namespace (`service:x`) or its volumes (volumes_from), with the key that says so.
 *
 * @example
 * sharesWith(workloads.worker) // [{ other: 'web', path: ['services', 'worker', 'ipc'], what: 'ipc service:' }]
 */
export function sharesWith(w: Pick<Workload, 'name' | 'service'>): { other: string; path: WrittenPath; what: string }[] {
  const out: { other: string; path: WrittenPath; what: string }[] = [];
  const base = ['services', w.name];
  for (const key of ['pid', 'ipc', 'network_mode'] as const) {
    const v = w.service[key];
    if (v?.startsWith('service:')) out.push({ other: v.slice(8), path: [...base, key], what: `${key} service:` });
  }
  (w.service.volumes_from ?? []).forEach((v, i) => {
    if (!v.startsWith('container:')) out.push({ other: (v.split(':')[0] ?? v), path: [...base, 'volumes_from', i], what: 'volumes_from' });
  });
  return out;
}

/**
 * The service whose task this one joins: the one it shares a namespace or volumes with, else
 * for a waited-on job its first waiter by name; followed until a service with a scheduling of
 * its own.
 */
function hostOf(name: string, workloads: Readonly<Record<string, Workload>>, seen = new Set<string>()): string | undefined {
  if (seen.has(name)) return undefined;
  seen.add(name);
  const w = workloads[name];
  const shared = w ? sharesWith(w).filter((x) => Object.hasOwn(workloads, x.other)) : [];
  for (const x of shared) {
    const host = hostOf(x.other, workloads, seen);
    if (host !== undefined) return host;
  }
  if (!isWaitedJob(w)) return name;
  const waiters = (w?.waitedOnBy ?? []).filter((d) => d.condition === 'service_completed_successfully').map((d) => d.service).sort(byName);
  for (const waiter of waiters) {
    const host = hostOf(waiter, workloads, seen);
    if (host !== undefined) return host;
  }
  return undefined;
}

/**
 * The task of each service in project layout: `base` for the largest group of one scheduling
 * (on a tie, long-running services, then the first by name), `<base>-<first service>` for
 * each other group.
 *
 * @example
 * splitBySchedule(ctx, 'shop', ['agent', 'web'], ir.workloads).get('agent') // 'shop-agent' when agent is a daemon
 */
export function splitBySchedule(ctx: PassContext, base: string, names: readonly string[], workloads: Readonly<Record<string, Workload>>): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const w = workloads[n];
    if (!w || isWaitedJob(w) || sharesWith(w).some((x) => Object.hasOwn(workloads, x.other))) continue;
    const key = schedulingOf(w);
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  const longRunning = (g: string[]): number => (workloads[g[0] as string]?.kind === 'service' ? 0 : 1);
  const ranked = [...groups.values()].sort((a, b) => b.length - a.length || longRunning(a) - longRunning(b) || byName(a[0] as string, b[0] as string));
  const main = ranked[0] ?? [];
  const mainWorkload = workloads[main[0] ?? ''];
  const taskOf = new Map<string, string>();
  ranked.forEach((group, i) => {
    for (const n of group) taskOf.set(n, i === 0 ? base : `${base}-${group[0]}`);
  });
  // By name, as everything here: a finding must not follow the order of the groups.
  for (const n of names) {
    const w = workloads[n];
    const task = taskOf.get(n);
    if (!w || !mainWorkload || task === undefined || task === base) continue;
    ctx.report('ECS_TASK_SPLIT', 'info', `services.${n} is ${schedulingOf(w)} and task "${base}" holds ${schedulingOf(mainWorkload)} (${main.join(', ')}); a task is scheduled one way, so project layout puts ${n} in task "${task}"`, schedulingPath(w, mainWorkload));
  }
  for (const n of names) {
    if (taskOf.has(n)) continue;
    const host = hostOf(n, workloads);
    const w = workloads[n];
    const hostWorkload = host === undefined ? undefined : workloads[host];
    taskOf.set(n, (host !== undefined ? taskOf.get(host) : undefined) ?? base);
    const share = w ? sharesWith(w).find((x) => Object.hasOwn(workloads, x.other)) : undefined;
    if (!w || !share || !hostWorkload || isWaitedJob(w) || schedulingOf(w) === schedulingOf(hostWorkload)) continue;
    ctx.report('ECS_TASK_SPLIT', 'warning', `services.${n} is ${schedulingOf(w)} and ${host} is ${schedulingOf(hostWorkload)}, but ${n} shares ${share.other}'s ${share.what === 'volumes_from' ? 'volumes' : 'namespace'} (${share.what}), which only containers of one task can: it stays in task "${taskOf.get(n)}" and is scheduled as that task is; drop ${share.what} to give it a task of its own`, share.path);
  }
  return taskOf;
}
