/**
 * Services that run in another service's pod (plan.ts, planSharedPods: `network_mode:
 * service:X`, and ipc or pid `service:X`): each member is mapped as a service of its own, then
 * its container, init containers, volumes and pull secrets join the host's pod template. The
 * pod and the workload are the host's: a member's pod-level and workload settings that differ
 * are reported at the member, never dropped silently.
 */
import { CONTAINER_ORDER, ordered, type Json, type ServiceContext } from './context.js';
import { POD_ONLY, addInit, joinPodVolumes, podInitContainers } from './init-steps.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What of a member's pod and workload the host's pod cannot take: names, for the report. */
function leftBehind(c: ServiceContext, m: ServiceContext): string[] {
  const left: string[] = [];
  for (const k of POD_ONLY) if (m.pod[k] !== undefined && !same(m.pod[k], c.pod[k])) left.push(k);
  for (const k of Object.keys(m.podSecurity)) if (!same(m.podSecurity[k], c.podSecurity[k])) left.push(`securityContext.${k}`);
  if (m.facts.replicas !== c.facts.replicas) left.push(`replicas (${m.facts.replicas}; the pods are ${c.name}'s ${c.facts.replicas})`);
  for (const k of Object.keys(m.spec)) if (k !== 'replicas' && !same(m.spec[k], c.spec[k])) left.push(k);
  const s = m.settings;
  if ([s.hpaCpu, s.hpaMemory, s.hpaMinReplicas, s.hpaMaxReplicas].some((x) => x !== undefined)) left.push('the autoscaler');
  for (const [from, into, what] of [[m.podLabels, c.podLabels, 'pod label'], [m.podAnnotations, c.podAnnotations, 'pod annotation']] as const) {
    for (const [k, v] of Object.entries(from)) {
      if (into[k] === undefined) into[k] = v;
      else if (into[k] !== v) left.push(`${what} ${k}`);
    }
  }
  return left;
}

/**
 * The host's pod with its members: their containers after the host's, and their init
 * containers after the host's own (each member's waits, jobs and pre_start steps, in that
 * order; Kubernetes runs every init container before any container of the pod starts).
 *
 * @example
 * withPodMembers(gluetun, [qbittorrent]).containers // [{ name: 'qbittorrent', … }]
 * // mounts: the host container's own, with those of the members it takes volumes_from
 */
export function withPodMembers(c: ServiceContext, members: readonly ServiceContext[]): { mounts: Json[]; containers: Json[]; initContainers: Json[] } {
  const containers: Json[] = [];
  const initContainers = podInitContainers(c);
  const remounts = members.map((m) => joinPodVolumes(c, m));
  // Each container's own mounts under the pod's volume names, for volumes_from within the pod.
  const mountsOf = new Map<string, Json[]>([[c.name, c.mounts], ...members.map((m, i) => [m.name, (remounts[i] as (x: unknown) => Json[])(m.mounts)] as const)]);
  const withShared = (x: ServiceContext): Json[] => {
    const out = [...(mountsOf.get(x.name) ?? [])];
    for (const from of x.mountsFrom) {
      for (const mount of mountsOf.get(from.service) ?? []) {
        if (!out.some((o) => o.mountPath === mount.mountPath)) out.push(from.readOnly ? { ...mount, readOnly: true } : mount);
      }
    }
    return out;
  };
  for (const [i, m] of members.entries()) {
    const remount = remounts[i] as (x: unknown) => Json[];
    containers.push(ordered({ name: m.k8sName, ...m.container, env: m.env, volumeMounts: withShared(m), securityContext: m.security }, CONTAINER_ORDER));
    for (const x of podInitContainers(m)) addInit(initContainers, x.volumeMounts ? { ...x, volumeMounts: remount(x.volumeMounts) } : x);
    if (m.pod.shareProcessNamespace === true) c.pod.shareProcessNamespace = true;
    const left = leftBehind(c, m);
    if (left.length) {
      m.report('warning', `${m.where([])} runs in the pods of ${c.name} (it shares their namespace), so its own pod and workload settings (${left.join(', ')}) are not carried: the pod and its workload are ${c.name}'s; set them on ${c.name}`);
    }
  }
  return { mounts: withShared(c), containers, initContainers };
}
