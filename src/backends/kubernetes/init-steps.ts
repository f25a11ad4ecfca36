/**
 * What runs before a pod's main container, as init containers, in this order: the waits of
 * depends_on (waitForDependencies), the jobs the service waits on with
 * service_completed_successfully (each with its own waits and steps first), then the service's
 * own pre_start steps (05-services pre_start: "Each step runs to completion, in declared order,
 * and the service container only starts once every step has exited 0"). Kubernetes runs init
 * containers one after the other and starts the containers only when all have exited 0.
 */
import type { PreStartHook } from '../../model/project.js';
import { CONTAINER_ORDER, ordered, type Json, type ServiceContext } from './context.js';
import { escapeExpansion } from './names.js';
import { userIds } from './fields/security.js';

/** A DNS label of at most 63 characters: `prefix-suffix`, the prefix cut to make room. */
function containerName(prefix: string, suffix: string): string {
  return `${prefix.slice(0, 63 - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}

/** The step's environment over the service's (05-services pre_start: "inherits … append or override"). */
function stepEnv(c: ServiceContext, step: PreStartHook, i: number): Json[] {
  const env = new Map(c.env.map((e) => [String(e.name), e]));
  for (const name of Object.keys(step.environment ?? {}).sort()) {
    const value = step.environment?.[name];
    if (value === null || value === undefined) {
      c.report('warning', `${c.where(['pre_start', i, 'environment', name])} has no value (it is unset where the file was read), so it is left out; give it a value or set it when converting`, ['pre_start', i, 'environment', name]);
      continue;
    }
    env.set(name, { name, value: escapeExpansion(value) });
  }
  return [...env.values()].sort((a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0));
}

/** The step's security context: its own user (else the service's, when it runs the service's image) and privileged. */
function stepSecurity(c: ServiceContext, step: PreStartHook, i: number): Json {
  const out: Json = {};
  if (step.user !== undefined) {
    const ids = userIds(step.user);
    if (ids) Object.assign(out, ids);
    else c.unsupported(['pre_start', i, 'user'], `Kubernetes takes numeric user and group ids (runAsUser, runAsGroup), not "${step.user}"; set the numeric id`);
  } else if (step.image === undefined) {
    if (c.security.runAsUser !== undefined) out.runAsUser = c.security.runAsUser;
    if (c.security.runAsGroup !== undefined) out.runAsGroup = c.security.runAsGroup;
  }
  if (step.privileged !== undefined) out.privileged = step.privileged;
  return out;
}

/**
 * pre_start → one init container per step, in order, after the main container is mapped (a
 * step inherits its environment, working directory, mounts and, without an image of its own,
 * its image, entrypoint and user). Compose runs a step once before any replica starts unless
 * `per_replica: true`; an init container runs in every pod, which is said when that differs.
 */
export function preStartSteps(c: ServiceContext): void {
  const steps = c.service.pre_start ?? [];
  if (steps.length && c.facts.replicas > 1 && c.kind !== 'job') {
    const once = steps.findIndex((s) => s.per_replica !== true);
    if (once >= 0) c.report('info', `${c.where(['pre_start', once])} runs once per pod (${c.facts.replicas} replicas), not once before all of them as compose runs it: make the step safe to repeat, or set per_replica: true to say so`, ['pre_start', once]);
  }
  steps.forEach((step, i) => {
    const own = step.image !== undefined;
    // The service container's image: its own, or the one its build is pushed as (--registry).
    const image = step.image ?? (c.container.image as string | undefined) ?? c.service.image;
    if (image === undefined) return; // no image at all: the service's own error says so
    const container: Json = { name: containerName(c.k8sName, `pre-start-${i + 1}`), image };
    if (!own && c.container.imagePullPolicy) container.imagePullPolicy = c.container.imagePullPolicy;
    if (!own && c.container.command) container.command = c.container.command;
    if (step.command?.length) container.args = step.command.map(escapeExpansion);
    const workingDir = step.working_dir ?? c.service.working_dir;
    if (workingDir) container.workingDir = workingDir;
    const env = stepEnv(c, step, i);
    if (env.length) container.env = env;
    if (c.mounts.length) container.volumeMounts = c.mounts.map((m) => ({ ...m }));
    const security = stepSecurity(c, step, i);
    if (Object.keys(security).length) container.securityContext = security;
    c.preStart.push(container);
  });
}

/** Container fields an init container may not have (Kubernetes rejects probes and lifecycle on them). */
const NOT_IN_INIT = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'ports'] as const;

/**
 * Adds an init container unless the same one is there (a wait or a job reached twice); another
 * container of that name (a service called `web-pre-start-1`) is renamed rather than dropped.
 */
export function addInit(into: Json[], container: Json): void {
  const base = String(container.name);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : containerName(base, String(n));
    const found = into.find((x) => x.name === name);
    if (!found) return void into.push({ ...container, name });
    if (JSON.stringify(found) === JSON.stringify({ ...container, name })) return;
  }
}

/** Pod fields of a job that an init container cannot take into its waiter's pod. */
export const POD_ONLY = ['hostNetwork', 'hostPID', 'hostIPC', 'dnsConfig', 'hostAliases', 'nodeSelector', 'affinity', 'runtimeClassName', 'terminationGracePeriodSeconds', 'serviceAccountName', 'hostname'] as const;

/**
 * The init containers of one job for a waiter's pod: the job's own waits and steps, then the
 * job's container. Its volumes join the waiter's pod (a volume of the same name but other
 * settings is renamed); its pod-level settings stay behind, and are reported once, at the job.
 */
/**
 * Brings `other`'s pod volumes and image pull secrets into `c`'s pod: a volume of the same
 * name and settings is shared, one of the same name but other settings is renamed. Returns
 * what `other`'s volume mounts become there.
 */
export function joinPodVolumes(c: ServiceContext, other: ServiceContext): (mounts: unknown) => Json[] {
  const renamed = new Map<string, string>();
  for (const v of other.volumes) {
    const base = String(v.name);
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base.slice(0, 63 - String(n).length - 1)}-${n}`;
      const found = c.volumes.find((x) => x.name === name);
      if (found && JSON.stringify(found) !== JSON.stringify({ ...v, name })) continue;
      if (!found) c.volumes.push({ ...v, name });
      renamed.set(base, name);
      break;
    }
  }
  if (Array.isArray(other.pod.imagePullSecrets)) {
    const secrets = (c.pod.imagePullSecrets ?? []) as Json[];
    for (const s of other.pod.imagePullSecrets as Json[]) if (!secrets.some((x) => x.name === s.name)) secrets.push(s);
    c.pod.imagePullSecrets = secrets;
  }
  return (mounts: unknown): Json[] => ((mounts ?? []) as Json[]).map((m) => ({ ...m, name: renamed.get(String(m.name)) ?? m.name }));
}

function jobInitContainers(c: ServiceContext, job: ServiceContext, reportedPod: boolean): Json[] {
  const remount = joinPodVolumes(c, job);
  if (!reportedPod) {
    const left = [...POD_ONLY.filter((k) => job.pod[k] !== undefined), ...Object.keys(job.podSecurity).map((k) => `securityContext.${k}`)];
    if (left.length) job.report('warning', `${job.where([])} runs as an init container in the pods of the services that wait on it, so its pod settings (${left.join(', ')}) are not carried: set them on those services, or give it x-kubernetes.controller: job to run it as a Job of its own`);
  }
  const main: Json = { name: job.k8sName, ...job.container };
  for (const k of NOT_IN_INIT) delete main[k];
  if (job.env.length) main.env = job.env;
  if (job.mounts.length) main.volumeMounts = job.mounts;
  if (Object.keys(job.security).length) main.securityContext = job.security;
  return [...podInitContainers(job), ordered(main, CONTAINER_ORDER)].map((x) => (x.volumeMounts ? { ...x, volumeMounts: remount(x.volumeMounts) } : x));
}

/**
 * The jobs `c` waits on with service_completed_successfully, each as init containers of its
 * pod, in the order written. `mapJob` maps a job once (its findings are reported once
 * whatever the number of its waiters).
 */
export function inlineWaitedJobs(c: ServiceContext, mapJob: (name: string) => ServiceContext | undefined): void {
  for (const target of c.waitedJobs) {
    const seen = c.plan.jobContexts.has(target);
    const job = mapJob(target);
    if (!job) continue;
    for (const x of jobInitContainers(c, job, seen)) addInit(c.initContainers, x);
  }
}

/** The pod's init containers: those of the dependencies, then the pre_start steps, names kept apart. */
export function podInitContainers(c: ServiceContext): Json[] {
  const out = [...c.initContainers];
  for (const step of c.preStart) addInit(out, step);
  return out;
}
