/**
 * The objects that expose a service: its Service (from `ports` and `expose`, type from
 * kompose.service.type / x-kubernetes.service_type / the serviceType option), the headless
 * Service a StatefulSet needs, an Ingress (kompose.service.expose, x-kubernetes.expose, or the
 * ingress option) and a HorizontalPodAutoscaler (kompose.hpa.*).
 */
import type { Json, ProjectPlan, ServiceContext } from './context.js';
import { commonLabels, metadata, selectorLabels } from './context.js';
import { withSuffix } from './names.js';
import { K8S_CODES } from './codes.js';

function labels(c: ServiceContext): Record<string, string> {
  return { ...c.labels, ...selectorLabels(c.plan, c.k8sName), ...commonLabels(c.plan) };
}

function servicePorts(c: ServiceContext): Json[] {
  return (c.plan.ports.get(c.name)?.ports ?? []).map((p) => ({
    name: p.name,
    port: p.port,
    targetPort: p.targetPort,
    protocol: p.protocol,
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
  }));
}

/**
 * The Service objects of a service, and the name of the one a StatefulSet is governed by. A
 * service without ports gets a headless Service without ports, so that its name resolves.
 */
export function serviceObjects(c: ServiceContext): { objects: Json[]; governing?: string } {
  const plan = c.plan.ports.get(c.name);
  const setting = c.settings.serviceType;
  const dnsrr = c.service.deploy?.endpoint_mode === 'dnsrr';
  const type = setting?.value ?? (dnsrr ? 'Headless' : plan?.published ? c.options.serviceType : undefined) ?? 'ClusterIP';
  const objects: Json[] = [];
  let governing: string | undefined;
  // A service in another's pod (plan.ts, planSharedPods) is answered by that pod.
  const selector = selectorLabels(c.plan, c.podOwner);
  if (!plan) {
    if (setting) c.report('warning', `${c.where(setting.at.slice(2))}: the service declares no ports or expose, so it has no Service`, setting.at.slice(2));
    else if (portlessService(c.plan, c.name)) {
      // Under compose every service answers to its name (and its aliases) on the network, on any
      // port: a headless Service without ports gives the name the pods' addresses (DNS A records).
      for (const name of [c.k8sName, ...(c.plan.aliases.get(c.name) ?? [])]) {
        objects.push({ apiVersion: 'v1', kind: 'Service', metadata: metadata(c.plan, name, labels(c)), spec: { clusterIP: 'None', selector } });
      }
      governing = c.k8sName;
    }
  } else {
    const ports = servicePorts(c);
    const spec: Json = { type: type === 'Headless' ? 'ClusterIP' : type };
    if (type === 'Headless') spec.clusterIP = 'None';
    spec.selector = selector;
    spec.ports = ports;
    const external = type === 'NodePort' || type === 'LoadBalancer';
    const nodePort = c.settings.nodePort;
    if (nodePort && external) (ports[0] as Json).nodePort = nodePort.value;
    else if (nodePort) c.report('warning', `${c.where(nodePort.at.slice(2))}: a ${type} Service has no node port`, nodePort.at.slice(2));
    const policy = c.settings.externalTrafficPolicy;
    if (policy && external) spec.externalTrafficPolicy = policy.value;
    else if (policy) c.report('warning', `${c.where(policy.at.slice(2))}: a ${type} Service has no external traffic policy`, policy.at.slice(2));
    if (plan.published && type === 'ClusterIP' && !exposeOf(c)) {
      c.report('info', `${c.where(['ports'])}: the published ports are reachable inside the cluster only (a ClusterIP Service); set kompose.service.type, x-kubernetes.service_type or the serviceType option, or expose it with an Ingress`, ['ports']);
    }
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: metadata(c.plan, c.k8sName, labels(c)), spec });
    if (type === 'Headless') governing = c.k8sName;
    // A network alias: another in-cluster name for the same pods and ports (never a second load balancer).
    for (const alias of c.plan.aliases.get(c.name) ?? []) {
      const aliasSpec: Json = { type: 'ClusterIP', ...(type === 'Headless' ? { clusterIP: 'None' } : {}), selector, ports: servicePorts(c) };
      objects.push({ apiVersion: 'v1', kind: 'Service', metadata: metadata(c.plan, alias, labels(c)), spec: aliasSpec });
    }
  }
  if (c.kind === 'statefulset' && !governing) {
    governing = withSuffix(c.k8sName, 'headless');
    const spec: Json = { clusterIP: 'None', selector };
    if (plan) spec.ports = servicePorts(c);
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: metadata(c.plan, governing, labels(c)), spec });
  }
  return governing === undefined ? { objects } : { objects, governing };
}

/**
 * Whether a service without ports still gets a (headless) Service, so that its name resolves:
 * one kept running on a network of its own (not a Job, not a job run as init containers, not on
 * the host's network, another service's, or none), whose Service type is not set.
 */
export function portlessService(plan: ProjectPlan, name: string): boolean {
  const mode = plan.ir.project.services[name]?.network_mode;
  if (plan.ports.has(name) || plan.initJobs.has(name) || plan.settings.get(name)?.serviceType) return false;
  return (plan.kinds.get(name) ?? 'deployment') !== 'job' && (mode === undefined || mode === 'bridge' || mode === 'default');
}

/**
 * Whether the name of a compose service resolves in the cluster: it has a Service, with its
 * ports or headless without.
 *
 * @example
 * hasService(plan, 'db') // true for a database without ports (a headless Service)
 */
export function hasService(plan: ProjectPlan, name: string): boolean {
  return plan.ports.has(name) || portlessService(plan, name);
}

/** The service's own expose setting, or `true` under the ingress option when it publishes a TCP port. */
function exposeOf(c: ServiceContext): string | undefined {
  if (c.settings.expose) return c.settings.expose.value;
  const publishesTcp = (c.service.ports ?? []).some((p) => p.published !== undefined && p.protocol === 'tcp');
  return c.options.ingress && publishesTcp ? 'true' : undefined;
}

const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An Ingress routing `host[/path]` (or any host, for `true`) to the Service's first TCP port. */
export function ingressObject(c: ServiceContext): Json | undefined {
  const expose = exposeOf(c);
  if (expose === undefined || expose === 'false') return undefined;
  const at = c.settings.expose?.at.slice(2) ?? ['ports'];
  const port = c.plan.ports.get(c.name)?.ports.find((p) => p.protocol === 'TCP');
  if (!port) {
    c.report('warning', `${c.where(at)}: the service has no TCP port in a Service, so no Ingress is made`, at);
    return undefined;
  }
  const backend = { service: { name: c.k8sName, port: { number: port.port } } };
  const rules: Json[] = [];
  const hosts: string[] = [];
  for (const entry of expose === 'true' ? [''] : expose.split(',').map((h) => h.trim()).filter(Boolean)) {
    const slash = entry.indexOf('/');
    const host = slash < 0 ? entry : entry.slice(0, slash);
    const path = slash < 0 ? '/' : entry.slice(slash);
    if (host && !HOST.test(host)) {
      c.report('warning', `${c.where(at)}: "${host}" is not a host name; it is left out of the Ingress`, at);
      continue;
    }
    const http = { paths: [{ path, pathType: 'Prefix', backend }] };
    rules.push(host ? { host, http } : { http });
    if (host) hosts.push(host);
  }
  if (!rules.length) return undefined;
  const spec: Json = {};
  const className = c.settings.ingressClass?.value ?? c.options.ingressClass;
  if (className) spec.ingressClassName = className;
  const tls = c.settings.tlsSecret;
  if (tls) {
    spec.tls = [{ ...(hosts.length ? { hosts } : {}), secretName: tls.value }];
    const tlsAt = tls.at.slice(2);
    c.report('info', `${c.where(tlsAt)}: the Ingress terminates TLS with the Secret ${tls.value}, which must exist (kubectl create secret tls ${tls.value} --cert=CERT_FILE --key=KEY_FILE, or a certificate manager)`, tlsAt, K8S_CODES.mustExist);
  }
  spec.rules = rules;
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: metadata(c.plan, c.k8sName, labels(c)), spec };
}

const SCALABLE: Record<string, string> = { deployment: 'Deployment', statefulset: 'StatefulSet' };

/**
 * The autoscaler owns the replica count: with spec.replicas in the workload, every apply of the
 * manifests would scale it back (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 * "Migrating Deployments and StatefulSets to horizontal autoscaling"), so it is left out, and
 * the compose count becomes the autoscaler's minimum unless one is set. Returns the minimum.
 */
function ownReplicas(c: ServiceContext, kind: string, min: number | undefined, max: number): number | undefined {
  const replicas = c.spec.replicas as number | undefined;
  if (replicas === undefined) return min;
  delete c.spec.replicas;
  const floor = min ?? (replicas >= 1 && replicas <= max ? replicas : undefined);
  const at = c.service.deploy?.replicas !== undefined ? ['deploy', 'replicas'] : ['scale'];
  c.report('info', `${c.where(at)} ${replicas}: the HorizontalPodAutoscaler sets the ${kind}'s replicas (from ${floor ?? 1} to ${max}), so spec.replicas is left out; with it, every kubectl apply would scale the ${kind} back to ${replicas}`, at);
  return floor;
}

/** kompose.hpa.* → an autoscaling/v2 HorizontalPodAutoscaler for a Deployment or StatefulSet. */
export function autoscalerObject(c: ServiceContext): Json | undefined {
  const s = c.settings;
  const given = [s.hpaCpu, s.hpaMemory, s.hpaMinReplicas, s.hpaMaxReplicas].find((x) => x !== undefined);
  if (!given) return undefined;
  const at = given.at.slice(2);
  const kind = SCALABLE[c.kind];
  if (!kind) return void c.report('warning', `${c.where(at)}: a ${c.kind} is not scaled by a HorizontalPodAutoscaler; none is made`, at);
  if (!s.hpaMaxReplicas) return void c.report('warning', `${c.where(at)}: an autoscaler needs a maximum (kompose.hpa.replicas.max or x-kubernetes.hpa_max_replicas); none is made`, at);
  const min = s.hpaMinReplicas?.value;
  if (min !== undefined && min > s.hpaMaxReplicas.value) {
    return void c.report('warning', `${c.where(at)}: the autoscaler minimum ${min} is above its maximum ${s.hpaMaxReplicas.value}; none is made`, at);
  }
  const metrics: Json[] = [];
  if (s.hpaCpu) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: s.hpaCpu.value } } });
    if (c.facts.resources.cpus === undefined) c.report('warning', `${c.where(s.hpaCpu.at.slice(2))}: CPU utilization is measured against the CPU request, and the service sets no CPU (cpus, deploy.resources)`, s.hpaCpu.at.slice(2));
  }
  const mem = s.hpaMemory?.value;
  if (mem && 'utilization' in mem) metrics.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: mem.utilization } } });
  else if (mem) metrics.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: mem.averageValue } } });
  const spec: Json = { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: c.k8sName } };
  const floor = ownReplicas(c, kind, min, s.hpaMaxReplicas.value);
  if (floor !== undefined) spec.minReplicas = floor;
  spec.maxReplicas = s.hpaMaxReplicas.value;
  if (metrics.length) spec.metrics = metrics;
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: metadata(c.plan, c.k8sName, labels(c)), spec };
}
