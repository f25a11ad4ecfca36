/**
 * One compose service → its objects: the Services that expose it, its workload (Deployment,
 * StatefulSet, DaemonSet or Job) holding one pod template with one container built through
 * the mapping table, and its Ingress and HorizontalPodAutoscaler.
 */
import { K8S_CODES } from './codes.js';
import type { Json, ProjectPlan } from './context.js';
import { CONTAINER_ORDER, ServiceContext, commonLabels, metadata, ordered, selectorLabels } from './context.js';
import { replicas } from './fields/deploy.js';
import { image } from './fields/process.js';
import { resources } from './fields/resources.js';
import { autoscalerObject, ingressObject, serviceObjects } from './network-objects.js';
import { K8S_SERVICE_KEYS } from './service-map.js';
import { runFieldTable } from '../kit.js';
import { inlineWaitedJobs, preStartSteps } from './init-steps.js';
import { withPodMembers } from './pod-members.js';

const POD_ORDER = ['serviceAccountName', 'imagePullSecrets', 'hostname', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'dnsPolicy', 'dnsConfig', 'hostAliases', 'nodeSelector', 'affinity', 'runtimeClassName', 'securityContext', 'terminationGracePeriodSeconds', 'restartPolicy', 'initContainers', 'containers', 'volumes'];

const KINDS = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  statefulset: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  daemonset: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  job: { apiVersion: 'batch/v1', kind: 'Job' },
} as const;

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
  inlineWaitedJobs(c, (name) => mappedJob(c.plan, name));
  preStartSteps(c);
}

/**
 * A service mapped once into `known` (its findings reported once): a job that runs inside its
 * waiters' pods, or a service that runs in another's pod (plan.ts, planSharedPods). Kept before
 * it is mapped, so that a cycle of jobs (reported by the passes) ends instead of recursing.
 */
function mappedOnce(plan: ProjectPlan, known: Map<string, ServiceContext>, name: string): ServiceContext | undefined {
  const done = known.get(name);
  if (done) return done;
  const facts = plan.ir.workloads[name];
  if (!facts) return undefined;
  const c = new ServiceContext(plan, facts);
  known.set(name, c);
  mapService(c);
  return c;
}
const mappedJob = (plan: ProjectPlan, name: string): ServiceContext | undefined => mappedOnce(plan, plan.jobContexts, name);
const mappedMember = (plan: ProjectPlan, name: string): ServiceContext | undefined => mappedOnce(plan, plan.memberContexts, name);

/** An init job has no object of its own: say where it runs, and what that changes. */
function reportInitJob(plan: ProjectPlan, name: string, waiters: string[]): void {
  const c = mappedJob(plan, name);
  if (!c) return;
  const list = waiters.join(', ');
  c.report('info', `${c.where([])} is a job (${c.facts.kindReason}) and ${waiters.length > 1 ? 'services' : 'service'} ${list} ${waiters.length > 1 ? 'wait' : 'waits'} for it to complete, so it runs as an init container in ${waiters.length > 1 ? 'their pods' : 'its pods'}: once per pod (each replica, each restart of the pod), not once per project, retried until it succeeds; to run it once, give it x-kubernetes.controller: job (a Job) and set the waitForDependencies option`);
  if (plan.ports.has(name)) c.report('warning', `${c.where([])} has ports but runs inside other pods, so no Service is made for it`, c.service.ports?.length ? ['ports'] : ['expose']);
}

function podTemplate(c: ServiceContext): Json {
  const members = (c.plan.podMembers.get(c.name) ?? []).map((m) => mappedMember(c.plan, m)).filter((m) => m !== undefined);
  const pod = withPodMembers(c, members);
  const container = ordered({ name: c.k8sName, ...c.container, env: c.env, volumeMounts: pod.mounts, securityContext: c.security }, CONTAINER_ORDER);
  if (c.kind === 'job' && !c.pod.restartPolicy) c.pod.restartPolicy = 'Never';
  const account = c.settings.serviceAccount;
  if (account) {
    // Said here, where the pod is made: an init job's account stays behind (init-steps.ts reports it).
    const at = account.at.slice(2);
    c.report('info', `${c.where(at)}: the pods run as the ServiceAccount ${account.value}, which must exist (kubectl create serviceaccount ${account.value}, with the Roles it needs)`, at, K8S_CODES.mustExist);
  }
  const spec = ordered({ ...c.pod, initContainers: pod.initContainers, containers: [container, ...pod.containers], volumes: c.volumes, securityContext: c.podSecurity }, POD_ORDER);
  const meta: Json = { labels: { ...c.podLabels, ...selectorLabels(c.plan, c.k8sName) } };
  if (Object.keys(c.podAnnotations).length) meta.annotations = c.podAnnotations;
  return { metadata: meta, spec };
}

function workload(c: ServiceContext, governing: string | undefined, autoscaled: boolean): Json {
  const template = podTemplate(c);
  const selector = { matchLabels: selectorLabels(c.plan, c.k8sName) };
  const spec: Json = {};
  if (c.kind === 'deployment') {
    const claims = c.volumes.some((v) => v.persistentVolumeClaim);
    if (claims && !c.spec.strategy && !autoscaled && (c.spec.replicas ?? 1) === 1) {
      c.spec.strategy = { type: 'Recreate' };
      // The claim may be a job's, mounted by its init container (init-steps.ts).
      const at = c.service.volumes?.length ? ['volumes'] : ['depends_on'];
      c.report('info', `${c.where(at)}: the Deployment mounts a claim, so it is updated with the Recreate strategy (the old pod releases the volume before the new one starts)`, at);
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
  const waiters = plan.initJobs.get(name);
  if (waiters) {
    reportInitJob(plan, name, waiters);
    return [];
  }
  const joined = plan.podHosts.get(name);
  if (joined) {
    // Its container is in the host's pods (podTemplate); what stays its own: a Service, which
    // selects those pods, and an Ingress to it.
    const m = mappedMember(plan, name);
    if (!m) return [];
    const key = joined.at.slice(2);
    m.report('info', `${m.where(key)} ${String(m.service[key[0] as 'network_mode'])}: ${name} runs as a further container of the pods of ${joined.host}, sharing their network, IPC and (with pid) process namespaces as compose shares them; it has no workload of its own and runs with ${joined.host}'s replicas`, key);
    const ingress = ingressObject(m);
    return [...serviceObjects(m).objects, ...(ingress ? [ingress] : [])];
  }
  const c = new ServiceContext(plan, facts);
  mapService(c);
  const { objects, governing } = serviceObjects(c);
  // Before the workload: an autoscaler takes spec.replicas away from it.
  const hpa = autoscalerObject(c);
  const out = [...objects, workload(c, governing, hpa !== undefined)];
  const ingress = ingressObject(c);
  if (ingress) out.push(ingress);
  if (hpa) out.push(hpa);
  return out;
}
