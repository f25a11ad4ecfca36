/**
 * Where jobs run on ECS (issue 18; DESIGN.md "Runs like compose": one-shot jobs run to
 * completion). ECS services keep their tasks running, so a job never gets one:
 *
 * - a job other services depend on (05-services `depends_on`: "service_completed_successfully
 *   specifies that a dependency is expected to run to successful completion before starting a
 *   dependent service") becomes a non-essential container of each dependent's task, which the
 *   dependent's container waits for (SUCCESS for service_completed_successfully; what ECS offers
 *   for "run before me" inside a task). Its own task, when it held nothing else, is dropped;
 * - a job nobody depends on, or one marked `x-ecs.job: standalone`, keeps a task definition of
 *   its own with no ECS service: the backends give the input of `aws ecs run-task` instead.
 *
 * A job copied into several tasks runs once per task (once per replica of each dependent), not
 * once per project as under `docker compose up`; that is said in an info at the job.
 */
import type { Task, Workload } from '../ir/ir.js';
import type { PassContext } from './context.js';
import { byName } from './by-name.js';
import { jobMark } from './workloads.js';
import { MAX_CONTAINERS_PER_TASK } from './task-layout.js';
import { sharesWith } from './task-scheduling.js';

export interface JobPlacement {
  tasks: Task[];
  /** Each service's own task; a job whose own task was dropped: the first task it was copied into. */
  taskOf: Map<string, string>;
  /** Jobs copied into the tasks of the services that depend on them, with those tasks by name. */
  embedded: Map<string, string[]>;
}

/**
 * Jobs that get copied into their dependents' tasks: depended on, not marked standalone, and
 * sharing no namespace or volumes with another service (pid, ipc or network_mode `service:x`,
 * volumes_from): such a job runs only where that service runs, in the task the layout gave it,
 * and a dependent in another task waits for it across tasks (reported by the dependency pass).
 */
function embeddable(workloads: Readonly<Record<string, Workload>>): string[] {
  return Object.keys(workloads)
    .filter((n) => {
      const w = workloads[n] as Workload;
      const pinned = sharesWith(w).some((x) => Object.hasOwn(workloads, x.other));
      return w.kind === 'job' && w.waitedOnBy.length > 0 && jobMark(w.service) !== 'standalone' && !pinned;
    })
    .sort(byName);
}

/**
 * Copies each embeddable job into the tasks of its dependents (a job that another embedded job
 * depends on follows it into every task it went to), drops a job's own task when it held only
 * the job, and marks tasks that hold nothing but jobs as tasks without an ECS service.
 *
 * @example
 * placeJobs(ctx, ir.workloads, tasks, taskOf).embedded.get('migrate') // ['web', 'worker']
 */
export function placeJobs(ctx: PassContext, workloads: Readonly<Record<string, Workload>>, tasks: readonly Task[], taskOf: ReadonlyMap<string, string>): JobPlacement {
  const jobs = embeddable(workloads);
  const tasksOf = new Map<string, Set<string>>();
  for (const [service, task] of taskOf) tasksOf.set(service, new Set([task]));
  // A dependency chain of jobs settles in at most one round per job (depends_on has no cycle
  // that reaches here; a cycle was reported and the bound still ends the loop).
  for (let round = 0, changed = true; changed && round <= jobs.length; round++) {
    changed = false;
    for (const job of jobs) {
      const into = tasksOf.get(job) as Set<string>;
      for (const dep of (workloads[job] as Workload).waitedOnBy) {
        for (const t of tasksOf.get(dep.service) ?? []) {
          if (into.has(t)) continue;
          into.add(t);
          changed = true;
        }
      }
    }
  }

  // A job's own task goes when it held only the job and the job runs elsewhere; decided for
  // every job first, since a job that another job waits for follows it out of that task too.
  // By name: a search of `tasks` per job or per task is quadratic with one task per service.
  const sizeBefore = new Map<string, number>();
  for (const t of tasks) if (!sizeBefore.has(t.name)) sizeBefore.set(t.name, t.services.length);
  const dropped = new Set<string>();
  for (const job of jobs) {
    const home = taskOf.get(job) as string;
    const alone = sizeBefore.get(home) === 1;
    if (alone && (tasksOf.get(job) as Set<string>).size > 1) dropped.add(home);
  }
  // A job keeps its own task when every task it would run in goes too (jobs waiting for each
  // other in a cycle, which the dependency-cycle check reports): it must run somewhere.
  for (let changed = true; changed; ) {
    changed = false;
    for (const job of jobs) {
      const home = taskOf.get(job) as string;
      if (!dropped.has(home) || [...(tasksOf.get(job) as Set<string>)].some((t) => t !== home && !dropped.has(t))) continue;
      dropped.delete(home);
      changed = true;
    }
  }
  const byTask = new Map(tasks.filter((t) => !dropped.has(t.name)).map((t) => [t.name, { ...t, services: [...t.services] }]));
  const embedded = new Map<string, string[]>();
  const outTaskOf = new Map(taskOf);
  for (const job of jobs) {
    const home = taskOf.get(job) as string;
    const others = [...(tasksOf.get(job) as Set<string>)].filter((t) => t !== home && !dropped.has(t)).sort(byName);
    if (!others.length) continue;
    for (const t of others) {
      const task = byTask.get(t) as Task;
      task.services = [...task.services, job].sort(byName);
    }
    embedded.set(job, others);
    if (dropped.has(home)) outTaskOf.set(job, others[0] as string);
  }

  const out = tasks.filter((t) => byTask.has(t.name)).map((t) => byTask.get(t.name) as Task);
  for (const task of out) {
    if (task.services.every((s) => workloads[s]?.kind === 'job')) task.withService = false;
    const before = sizeBefore.get(task.name) ?? 0;
    if (task.services.length > MAX_CONTAINERS_PER_TASK && before <= MAX_CONTAINERS_PER_TASK) {
      const added = task.services.filter((s) => embedded.get(s)?.includes(task.name));
      const job = added[0] ?? task.services[0] ?? '';
      ctx.report('ECS_LIMIT', 'error', `task "${task.name}" would hold ${task.services.length} containers once the jobs its services wait for run in it (${added.join(', ')}); ECS allows at most ${MAX_CONTAINERS_PER_TASK}: mark a job x-ecs.job: standalone and run it with run-task`, ['services', job]);
    }
  }
  reportPlacement(ctx, workloads, embedded, out);
  return { tasks: out, taskOf: outTaskOf, embedded };
}

/**
 * The finding at each job: where it runs now, how often, and how to keep it single. Once per
 * task of one ECS service with one copy is an info; several copies per deployment (several
 * waiting tasks, or replicas) run at the same time, which compose never does (a migration run
 * twice at once can fail or corrupt): a warning.
 */
function reportPlacement(ctx: PassContext, workloads: Readonly<Record<string, Workload>>, embedded: ReadonlyMap<string, string[]>, tasks: readonly Task[]): void {
  for (const [job, into] of embedded) {
    const dependents = (workloads[job] as Workload).waitedOnBy.map((d) => d.service);
    const many = into.length > 1 || dependents.some((d) => (workloads[d]?.replicas ?? 1) > 1 || workloads[d]?.kind === 'daemon');
    ctx.report(
      'WORKLOAD_KIND',
      many ? 'warning' : 'info',
      `services.${job} runs as a non-essential container in the task of each service that depends on it (${into.map((t) => `"${t}"`).join(', ')}), which waits for it inside the task: it runs once per task${many ? ', so several times per deployment and at the same time (a migration may then run twice at once)' : ''}, not once per project as under docker compose up; to run it once, set x-ecs.job: standalone and start it with aws ecs run-task before deploying`,
      ['services', job],
    );
  }
  for (const task of tasks) {
    if (task.withService) {
      for (const s of task.services) {
        if (workloads[s]?.kind !== 'job' || embedded.has(s) || workloads[s]?.waitedOnBy.length) continue;
        ctx.report('WORKLOAD_KIND', 'info', `services.${s} runs to completion in task "${task.name}" beside long-running services: it is a non-essential container there, run each time a task of that ECS service starts`, ['services', s]);
      }
      continue;
    }
    ctx.report('WORKLOAD_KIND', 'info', `task "${task.name}" runs ${task.services.join(', ')} to completion: it gets a task definition and no ECS service (an ECS service would restart it forever); start it with aws ecs run-task (the ecs target writes ${task.name}.run-task.json for --cli-input-json; the cloudformation stack gives the command as an Output)`, ['services', task.services[0] ?? '']);
  }
}
