/**
 * The one rule of the Kubernetes cross-object checks that needs the compose file: a service
 * compose runs once, that another waits for to finish, is a Job or an init container before
 * its waiter, never a workload that restarts it forever; a `restart: "no"` service that is a
 * Deployment says so (test support, not shipped).
 *
 * @example
 * checkOneShots(project, objects, diagnostics) // [] when every one-shot runs once
 */
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { Project } from '../../src/model/project.js';
import { objectName } from '../../src/backends/kubernetes/names.js';

type Json = Record<string, any>;

/**
 * The services compose runs once and another service waits for to finish (05-services
 * depends_on: service_completed_successfully "specifies that a dependency is expected to run
 * to successful completion before starting a dependent service"), with a restart that lets it
 * finish ("no", the default, or on-failure), and those marked as jobs (deploy.mode
 * replicated-job, restart_policy none, x-ecs.job).
 */
function runsOnce(project: Project): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, svc] of Object.entries(project.services)) {
    const waiters = Object.entries(project.services)
      .filter(([, w]) => w.depends_on?.[name]?.condition === 'service_completed_successfully')
      .map(([w]) => w);
    const mark = (svc.extensions['x-ecs'] as Json | undefined)?.job;
    const restart = svc.restart;
    const condition = svc.deploy?.restart_policy?.condition;
    const finishes = restart === undefined || restart === 'no' || restart.startsWith('on-failure');
    // One copy per node (global) is kept running by the project's design (src/passes/workloads.ts
    // kindOf), on every target; not asked here. Several replicas that each run once are a job.
    const job =
      svc.deploy?.mode !== 'global' &&
      (mark === true ||
        mark === 'standalone' ||
        svc.deploy?.mode === 'replicated-job' ||
        condition === 'none' ||
        (mark !== false && waiters.length > 0 && (condition === undefined ? finishes : condition !== 'any')));
    if (job) out.set(name, waiters);
  }
  return out;
}

/** The pod templates a compose service runs in: its own workloads', and those that hold it as an init container. */
function podsOf(objects: Json[], k8sName: string): { own: Json[]; hosts: Json[] } {
  const templates = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind));
  return {
    own: templates.filter((o) => o.spec?.template?.metadata?.labels?.['app.kubernetes.io/name'] === k8sName),
    hosts: templates.filter((o) => (o.spec?.template?.spec?.initContainers ?? []).some((c: Json) => c.name === k8sName)),
  };
}

const initIndex = (workload: Json, name: string): number => (workload.spec?.template?.spec?.initContainers ?? []).findIndex((c: Json) => c.name === name);

/**
 * Problems of the one-shot rule: a job is a Job, or an init container in every pod its waiters
 * run in, before the waiter where the waiter is itself an init container (init containers run
 * in order, each to completion: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/);
 * a workload that restarts a `restart: "no"` service says so at services.<name>.restart.
 */
export function checkOneShots(project: Project, objects: Json[], diagnostics: readonly Diagnostic[]): string[] {
  const out: string[] = [];
  const jobs = runsOnce(project);
  for (const [name, svc] of Object.entries(project.services)) {
    const k8sName = objectName(name);
    const { own } = podsOf(objects, k8sName);
    const restarting = own.filter((w) => w.kind !== 'Job');
    const waiters = jobs.get(name);
    if (waiters) {
      if (restarting.length) out.push(`services.${name} runs once under compose, but is a ${restarting[0]?.kind} that restarts it forever`);
      if (own.some((w) => w.kind === 'Job')) continue;
      for (const waiter of waiters) {
        const w = podsOf(objects, objectName(waiter));
        for (const pod of [...w.own, ...w.hosts]) {
          const at = initIndex(pod, k8sName);
          const waiterAt = initIndex(pod, objectName(waiter));
          if (at < 0) out.push(`services.${name} runs once under compose and ${waiter} waits for it, but it is neither a Job nor an init container of ${pod.kind}/${pod.metadata?.name}`);
          else if (waiterAt >= 0 && waiterAt < at) out.push(`services.${name} must complete before ${waiter} starts, but in ${pod.kind}/${pod.metadata?.name} its init container comes after ${waiter}'s`);
        }
      }
    } else if (restarting.length && (svc.restart === 'no' || svc.restart?.startsWith('on-failure'))) {
      const said = diagnostics.some((d) => d.path === `/services/${name}/restart`);
      if (!said) out.push(`services.${name} has restart ${svc.restart}, but its ${restarting[0]?.kind} restarts it whatever its exit code, and no finding at services.${name}.restart says so`);
    }
  }
  return out;
}


/**
 * Services reach each other on the container port (Docker docs, "Networking in Compose":
 * "Networked service-to-service communication uses the CONTAINER_PORT"; the published port is
 * the host's). So the Service of a compose service (and each alias Service: same pods, same
 * ports) answers on every container port of `ports` and `expose`, forwarding it to that same
 * port; a published port other than the target may be a further Service port. Ranges over 100
 * ports are left out by design (reported), and so are not asked for.
 */
export function checkContainerPortReach(project: Project, objects: Json[]): string[] {
  const out: string[] = [];
  for (const [name, svc] of Object.entries(project.services)) {
    const k8sName = objectName(name);
    const services = objects.filter((o) => o.kind === 'Service' && o.spec?.selector?.['app.kubernetes.io/name'] === k8sName && o.spec?.ports?.length);
    if (!services.length) continue;
    const wanted = new Set<string>();
    for (const p of svc.ports ?? []) wanted.add(`${p.target}/${p.protocol.toUpperCase()}`);
    for (const text of svc.expose ?? []) {
      const [ports = '', proto = 'tcp'] = text.split('/');
      const [start = NaN, end = start] = ports.split('-').map(Number);
      if (Number.isInteger(start) && Number.isInteger(end) && end - start < 100) for (let p = start; p <= end; p++) wanted.add(`${p}/${proto.toUpperCase()}`);
    }
    if (wanted.size > 100) continue;
    for (const s of services) {
      for (const key of wanted) {
        const [port, protocol] = key.split('/');
        const hit = (s.spec.ports as Json[]).some((p) => p.port === Number(port) && (p.targetPort ?? p.port) === Number(port) && (p.protocol ?? 'TCP') === protocol);
        if (!hit) out.push(`services.${name}: Service/${s.metadata?.name} does not answer on container port ${key}, where the other services reach it under compose`);
      }
    }
  }
  return out;
}
