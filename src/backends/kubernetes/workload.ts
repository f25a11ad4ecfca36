/**
 * One compose service → its objects: the Services that expose it, its workload (Deployment,
 * StatefulSet, DaemonSet or Job) holding one pod template with one container built through
 * the mapping table, and its Ingress and HorizontalPodAutoscaler.
 */
import { K8S_CODES } from './codes.js';
import type { Json, ProjectPlan } from './context.js';
import { ServiceContext, commonLabels, metadata, selectorLabels } from './context.js';
import { replicas } from './fields/deploy.js';
import { image } from './fields/process.js';
import { resources } from './fields/resources.js';
import { autoscalerObject, ingressObject, serviceObjects } from './network-objects.js';
import { K8S_SERVICE_KEYS } from './service-map.js';
import { runFieldTable } from '../kit.js';

const CONTAINER_ORDER = ['name', 'image', 'imagePullPolicy', 'command', 'args', 'workingDir', 'env', 'ports', 'resources', 'volumeMounts', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'securityContext', 'stdin', 'tty'];
const POD_ORDER = ['serviceAccountName', 'imagePullSecrets', 'hostname', 'hostNetwork', 'hostPID', 'hostIPC', 'dnsPolicy', 'dnsConfig', 'hostAliases', 'nodeSelector', 'affinity', 'runtimeClassName', 'securityContext', 'terminationGracePeriodSeconds', 'restartPolicy', 'initContainers', 'containers', 'volumes'];

const KINDS = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  statefulset: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  daemonset: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  job: { apiVersion: 'batch/v1', kind: 'Job' },
} as const;

/** The keys of `obj` in the order given, then any others in insertion order; empty values left out. */
function ordered(obj: Json, order: readonly string[]): Json {
  const out: Json = {};
  const keys = [...order.filter((k) => k in obj), ...Object.keys(obj).filter((k) => !order.includes(k))];
  for (const k of keys) {
    const v = obj[k];
    const empty = v === undefined || (Array.isArray(v) && !v.length) || (typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length);
    if (!empty) out[k] = v;
  }
  return out;
}

/** Runs the mapping table over a service. */
function mapService(c: ServiceContext): void {
  const svc = c.service;
  if (!svc.image && !c.facts.builtImage) {
    c.report('error', `${c.where([])} has no image${svc.build ? ' (only build)' : ''}; Kubernetes runs pushed images: ${svc.build ? 'give --registry REGISTRY to run the image its build is pushed as, or ' : ''}set image: to the tag your build pushes`, svc.build ? ['build'] : [], K8S_CODES.invalid);
  } else image(c);
  runFieldTable(K8S_SERVICE_KEYS, svc, c);
  resources(c);
  replicas(c);
  const { serviceAccount, fsGroup } = c.settings;
  if (serviceAccount) c.pod.serviceAccountName = serviceAccount.value;
  if (fsGroup) c.podSecurity.fsGroup = fsGroup.value;
}

function podTemplate(c: ServiceContext): Json {
  const container = ordered({ name: c.k8sName, ...c.container, env: c.env, volumeMounts: c.mounts, securityContext: c.security }, CONTAINER_ORDER);
  if (c.kind === 'job' && !c.pod.restartPolicy) c.pod.restartPolicy = 'Never';
  const spec = ordered({ ...c.pod, initContainers: c.initContainers, containers: [container], volumes: c.volumes, securityContext: c.podSecurity }, POD_ORDER);
  const meta: Json = { labels: { ...c.podLabels, ...selectorLabels(c.plan, c.k8sName) } };
  if (Object.keys(c.podAnnotations).length) meta.annotations = c.podAnnotations;
  return { metadata: meta, spec };
}

function workload(c: ServiceContext, governing: string | undefined): Json {
  const template = podTemplate(c);
  const selector = { matchLabels: selectorLabels(c.plan, c.k8sName) };
  const spec: Json = {};
  if (c.kind === 'deployment') {
    const claims = c.volumes.some((v) => v.persistentVolumeClaim);
    if (claims && !c.spec.strategy && (c.spec.replicas ?? 1) === 1) {
      c.spec.strategy = { type: 'Recreate' };
      c.report('info', `${c.where(['volumes'])}: the Deployment mounts a claim, so it is updated with the Recreate strategy (the old pod releases the volume before the new one starts)`, ['volumes']);
    }
    Object.assign(spec, { replicas: c.spec.replicas, selector, strategy: c.spec.strategy, minReadySeconds: c.spec.minReadySeconds, template });
  } else if (c.kind === 'statefulset') {
    Object.assign(spec, { replicas: c.spec.replicas, serviceName: governing, selector, updateStrategy: c.spec.updateStrategy, template, volumeClaimTemplates: c.claimTemplates });
  } else if (c.kind === 'daemonset') {
    Object.assign(spec, { selector, updateStrategy: c.spec.updateStrategy, minReadySeconds: c.spec.minReadySeconds, template });
  } else {
    Object.assign(spec, { completions: c.spec.completions, parallelism: c.spec.parallelism, backoffLimit: c.spec.backoffLimit, template });
  }
  const labels = { ...c.labels, ...selectorLabels(c.plan, c.k8sName), ...commonLabels(c.plan) };
  return { ...KINDS[c.kind], metadata: metadata(c.plan, c.k8sName, labels, c.annotations), spec: ordered(spec, []) };
}

/**
 * The objects of one compose service, Services first (so that `kubectl apply` creates them
 * before the pods that look them up).
 */
export function serviceObjectsOf(plan: ProjectPlan, name: string): Json[] {
  const facts = plan.ir.workloads[name];
  if (!facts) return [];
  const c = new ServiceContext(plan, facts);
  mapService(c);
  const { objects, governing } = serviceObjects(c);
  const out = [...objects, workload(c, governing)];
  const ingress = ingressObject(c);
  if (ingress) out.push(ingress);
  const hpa = autoscalerObject(c);
  if (hpa) out.push(hpa);
  return out;
}
