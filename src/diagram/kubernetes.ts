/**
 * Kubernetes manifests read back: workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob)
 * with their containers and init containers, Services (names that resolve, and LoadBalancer or
 * NodePort listeners) and Ingresses (host and path rules to a Service's port).
 */
import { dataAt, isData, listAt, numberAt, textAt, type Data } from './documents.js';
import type { DeploymentDiagram, DiagramController, DiagramTarget, DiagramUnit } from './model.js';
import type { UnitBuilder } from './units.js';

const WORKLOADS: Record<string, string[]> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The Kubernetes objects of one output: a stream (array), a `List`, or one object. */
export function kubernetesObjects(value: unknown): Data[] {
  if (Array.isArray(value)) return value.flatMap(kubernetesObjects);
  if (!isData(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') return [];
  return value.kind === 'List' ? listAt(value, 'items').flatMap(kubernetesObjects) : [value];
}

export function readKubernetes(objects: Data[], units: UnitBuilder, out: DeploymentDiagram): void {
  const found: { unit: DiagramUnit; labels: unknown }[] = [];
  for (const o of objects) {
    const path = WORKLOADS[o.kind as string];
    if (!path) continue;
    const pod = dataAt(o, ...path);
    const name = textAt(o, 'metadata', 'name') ?? '';
    const containers = [
      ...listAt(pod, 'initContainers').map((c) => ({ ...containerOf(c), init: true })),
      ...listAt(pod, 'containers').map((c) => ({ ...containerOf(c), init: false })),
    ];
    const replicas = numberAt(o, 'spec', 'replicas');
    const unit = units.fromContainers(`${o.kind as string}/${name}`, containers, { name, controller: o.kind as DiagramController, ...(replicas !== undefined ? { replicas } : {}) });
    found.push({ unit, labels: dataAt(o, ...path.slice(0, -1), 'metadata', 'labels') });
    const namespace = textAt(o, 'metadata', 'namespace');
    if (namespace !== undefined && !out.namespace) out.namespace = { kind: 'kubernetes', name: namespace };
  }
  const selected = (selector: unknown) => found.filter((f) => isData(selector) && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => dataAt(f.labels, k) === v)).map((f) => f.unit);
  const services = new Map<string, { ports: { name?: string; port: number; target: number }[]; units: DiagramUnit[] }>();
  for (const svc of objects.filter((o) => o.kind === 'Service')) {
    const name = textAt(svc, 'metadata', 'name') ?? '';
    const backing = selected(dataAt(svc, 'spec', 'selector'));
    const ports = listAt(svc, 'spec', 'ports').flatMap((p) => {
      const port = numberAt(p, 'port');
      if (port === undefined) return [];
      const portName = textAt(p, 'name');
      return [{ ...(portName !== undefined ? { name: portName } : {}), port, target: numberAt(p, 'targetPort') ?? port }];
    });
    services.set(name, { ports, units: backing });
    for (const p of ports) for (const u of backing) out.names.push({ name, port: p.port, unit: u.id });
    const type = textAt(svc, 'spec', 'type');
    if (type !== 'LoadBalancer' && type !== 'NodePort') continue;
    for (const p of listAt(svc, 'spec', 'ports')) {
      const port = numberAt(p, 'port');
      if (port === undefined) continue;
      const group = `Service/${name}:${port}`;
      out.targetGroups.push({ id: group, port, protocol: textAt(p, 'protocol') ?? 'TCP', targets: targetsOf(backing, numberAt(p, 'targetPort') ?? port) });
      out.listeners.push({ id: `${group}/${type}`, loadBalancer: `Service/${name}`, port: type === 'NodePort' ? numberAt(p, 'nodePort') ?? port : port, protocol: textAt(p, 'protocol') ?? 'TCP', rules: [{ id: `${group}/default`, conditions: [], targetGroup: group }] });
    }
  }
  for (const ing of objects.filter((o) => o.kind === 'Ingress')) readIngress(ing, services, out);
}

function containerOf(c: unknown) {
  return { name: textAt(c, 'name') ?? '', essential: true, ports: listAt(c, 'ports').flatMap((p) => numberAt(p, 'containerPort') ?? []) };
}

function targetsOf(units: DiagramUnit[], port: number): DiagramTarget[] {
  return units.map((u) => ({ unit: u.id, container: (u.containers.find((c) => c.ports.includes(port)) ?? u.containers.find((c) => c.role === 'app') ?? u.containers[0])?.name ?? u.name, port }));
}

type Services = Map<string, { ports: { name?: string; port: number; target: number }[]; units: DiagramUnit[] }>;

function readIngress(ing: Data, services: Services, out: DeploymentDiagram): void {
  const name = textAt(ing, 'metadata', 'name') ?? '';
  const tls = listAt(ing, 'spec', 'tls').length > 0;
  const listener = { id: `Ingress/${name}`, loadBalancer: `Ingress/${name}`, port: tls ? 443 : 80, protocol: tls ? 'HTTPS' : 'HTTP', rules: [] as DeploymentDiagram['listeners'][number]['rules'] };
  const group = (backend: unknown): string | undefined => {
    const svc = textAt(backend, 'service', 'name');
    if (svc === undefined) return undefined;
    const known = services.get(svc);
    const byNumber = numberAt(backend, 'service', 'port', 'number');
    const byName = textAt(backend, 'service', 'port', 'name');
    const port = known?.ports.find((p) => p.port === byNumber || (byName !== undefined && p.name === byName));
    const id = `Service/${svc}:${port?.port ?? byNumber ?? byName ?? ''}`;
    if (!out.targetGroups.some((g) => g.id === id)) out.targetGroups.push({ id, ...(port ? { port: port.port } : {}), protocol: 'HTTP', targets: port && known ? targetsOf(known.units, port.target) : [] });
    return id;
  };
  listAt(ing, 'spec', 'rules').forEach((rule, i) => {
    const host = textAt(rule, 'host');
    listAt(rule, 'http', 'paths').forEach((p, j) => {
      const targetGroup = group(dataAt(p, 'backend'));
      const path = textAt(p, 'path');
      if (targetGroup === undefined) return;
      listener.rules.push({ id: `${listener.id}/rule-${i}-${j}`, conditions: [...(host !== undefined ? [`host ${host}`] : []), ...(path !== undefined ? [`path ${path}${textAt(p, 'pathType') === 'Prefix' ? ' (prefix)' : ''}`] : [])], targetGroup });
    });
  });
  const fallback = group(dataAt(ing, 'spec', 'defaultBackend'));
  if (fallback !== undefined) listener.rules.push({ id: `${listener.id}/default`, conditions: [], targetGroup: fallback });
  out.listeners.push(listener);
}
