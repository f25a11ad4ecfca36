/**
 * `deploy` (and `restart`, `scale`): replicas, update strategy, restart policy, placement and
 * labels of the workload. The workload kind itself (DaemonSet for a daemon, Job for a job:
 * the core's kind) is chosen in plan.ts.
 */
import type { Json, ServiceContext } from '../context.js';
import { isLabelValue, isQualifiedName } from '../names.js';

export function replicas(c: ServiceContext): void {
  const n = c.service.deploy?.replicas ?? c.service.scale;
  if (n === undefined) return;
  const at = c.service.deploy?.replicas !== undefined ? ['deploy', 'replicas'] : ['scale'];
  if (c.kind === 'daemonset') c.unsupported(at, 'a DaemonSet runs one pod per node');
  else if (c.kind === 'job') {
    if (n !== 1) Object.assign(c.spec, { completions: n, parallelism: n });
  } else c.spec.replicas = n;
}

/** update_config → RollingUpdate: parallelism is how many pods go down (stop-first) or come up extra (start-first). */
export function updateConfig(c: ServiceContext): void {
  const u = c.service.deploy?.update_config;
  if (!u) return;
  const at = ['deploy', 'update_config'];
  if (c.kind === 'job') return c.unsupported(at, 'a Job is not updated in place');
  const p = u.parallelism ?? 1;
  const step = p === 0 ? '100%' : p;
  const startFirst = u.order === 'start-first';
  const rolling = startFirst ? { maxSurge: step, maxUnavailable: 0 } : { maxSurge: 0, maxUnavailable: step };
  if (c.kind === 'statefulset') {
    c.spec.updateStrategy = { type: 'RollingUpdate' };
    if (p !== 1 || startFirst) c.unsupported([...at, p !== 1 ? 'parallelism' : 'order'], 'a StatefulSet replaces its pods one at a time, in order');
  } else if (c.kind === 'daemonset') c.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: rolling };
  else c.spec.strategy = { type: 'RollingUpdate', rollingUpdate: rolling };
  if (u.delay !== undefined && c.kind !== 'statefulset') {
    c.spec.minReadySeconds = Math.ceil(u.delay);
    c.report('info', `${c.where([...at, 'delay'])}: Kubernetes waits minReadySeconds (${Math.ceil(u.delay)}) after each new pod is ready, not between batches`, [...at, 'delay']);
  }
  for (const k of ['failure_action', 'monitor', 'max_failure_ratio'] as const) {
    if (u[k] !== undefined) c.unsupported([...at, k], 'a rollout stops when pods do not become ready (progressDeadlineSeconds); undo it with kubectl rollout undo');
  }
}

/** restart: workloads other than Jobs always restart their containers; a Job never or on failure. */
export function restart(c: ServiceContext): void {
  const r = c.service.restart ?? '';
  const [mode = '', count] = r.split(':');
  if (c.kind === 'job') {
    if (mode === 'no') {
      c.pod.restartPolicy = 'Never';
      c.spec.backoffLimit = 0;
    } else {
      c.pod.restartPolicy = 'OnFailure';
      if (mode === 'on-failure' && count) c.spec.backoffLimit = Number(count);
      else if (mode !== 'on-failure') c.report('info', `${c.where(['restart'])} ${r}: a Job's pods restart on failure only`, ['restart']);
    }
    return;
  }
  if (mode === 'always' || mode === 'unless-stopped') return;
  // restart "no" written out: compose never starts the container again, the workload always
  // does, which reruns a one-shot (a seed, a setup script) forever: a warning, as on ECS.
  const hint = mode === 'no' ? ' (to run it once as a Job: x-kubernetes.controller: job, or let the services that need it wait with service_completed_successfully; a server meant to stay up can drop restart: "no")' : '';
  c.report(mode === 'no' ? 'warning' : 'info', `${c.where(['restart'])} ${r}: a ${c.kind} restarts its containers whatever their exit code${hint}`, ['restart']);
}

/** deploy.restart_policy, when `restart` is not set. */
export function restartPolicy(c: ServiceContext): void {
  const p = c.service.deploy?.restart_policy;
  if (!p || c.service.restart !== undefined) return;
  const at = ['deploy', 'restart_policy'];
  const condition = p.condition ?? 'any';
  if (c.kind === 'job') {
    c.pod.restartPolicy = condition === 'none' ? 'Never' : 'OnFailure';
    if (condition === 'none') c.spec.backoffLimit = 0;
    else if (p.max_attempts !== undefined) c.spec.backoffLimit = p.max_attempts;
  } else {
    if (condition !== 'any') c.report('info', `${c.where([...at, 'condition'])} ${condition}: a ${c.kind} restarts its containers whatever their exit code`, [...at, 'condition']);
    if (p.max_attempts !== undefined) c.unsupported([...at, 'max_attempts'], `a ${c.kind} restarts its containers without a limit`);
  }
  for (const k of ['delay', 'window'] as const) {
    if (p[k] !== undefined) c.unsupported([...at, k], 'Kubernetes restarts with its own exponential back-off');
  }
}

/** deploy.labels → the workload's own labels (not the pods'); other text → annotations. */
export function deployLabels(c: ServiceContext): void {
  for (const [k, v] of Object.entries(c.service.deploy?.labels ?? {})) {
    if (!isQualifiedName(k)) c.unsupported(['deploy', 'labels', k], 'it is not a valid Kubernetes label or annotation key');
    else if (isLabelValue(v)) c.labels[k] = v;
    else c.annotations[k] = v;
  }
}

const NODE_KEYS: Record<string, string> = { 'node.hostname': 'kubernetes.io/hostname', 'node.platform.os': 'kubernetes.io/os', 'node.platform.arch': 'kubernetes.io/arch' };

/** placement.constraints `node.labels.k == v` → nodeSelector; `!=` → a required node affinity NotIn. */
export function placement(c: ServiceContext): void {
  const pl = c.service.deploy?.placement;
  if (!pl) return;
  const at = ['deploy', 'placement'];
  const notIn: Json[] = [];
  (pl.constraints ?? []).forEach((text, i) => {
    const m = /^\s*([\w.\-/]+)\s*(==|!=)\s*(.+?)\s*$/.exec(text);
    const field = m?.[1] ?? '';
    const key = field.startsWith('node.labels.') ? field.slice(12) : Object.hasOwn(NODE_KEYS, field) ? NODE_KEYS[field] : undefined;
    if (!m || !key || !isQualifiedName(key) || !isLabelValue(m[3] as string)) {
      return c.unsupported([...at, 'constraints', i], 'only node.labels.*, node.hostname and node.platform.* constraints map to node labels');
    }
    if (m[2] === '==') c.pod.nodeSelector = { ...((c.pod.nodeSelector ?? {}) as Json), [key]: m[3] };
    else notIn.push({ key, operator: 'NotIn', values: [m[3]] });
  });
  if (notIn.length) c.pod.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: notIn }] } } };
  if (pl.preferences !== undefined) c.unsupported([...at, 'preferences'], 'use topologySpreadConstraints');
  if (pl.max_replicas_per_node !== undefined) c.unsupported([...at, 'max_replicas_per_node'], 'use topologySpreadConstraints or pod anti-affinity');
}

/** deploy.resources keys the resources pass does not read. */
export function deployResources(c: ServiceContext): void {
  const r = c.service.deploy?.resources;
  const at = ['deploy', 'resources'];
  const { limits, reservations } = r ?? {};
  if (limits?.cpus !== undefined && reservations?.cpus !== undefined && limits.cpus !== reservations.cpus) {
    c.report('info', `${c.where([...at, 'reservations', 'cpus'])}: the resources pass keeps one CPU figure, the limit (${limits.cpus}), so requests.cpu equals limits.cpu`, [...at, 'reservations', 'cpus']);
  }
  if (r?.limits?.pids !== undefined) c.unsupported([...at, 'limits', 'pids'], 'the PID limit is a kubelet setting (podPidsLimit)');
  if (r?.reservations?.generic_resources !== undefined) c.unsupported([...at, 'reservations', 'generic_resources'], 'request extended resources in the container resources instead');
  (r?.reservations?.devices ?? []).forEach((d, i) => {
    if (!(d.capabilities ?? []).includes('gpu')) c.unsupported([...at, 'reservations', 'devices', i], 'only GPUs map to a Kubernetes resource (nvidia.com/gpu)');
  });
}
