/**
 * The ports of a service's Kubernetes Service, from `ports` (the published port, or the
 * container port when none is published, and the container port itself, where the other
 * services reach it under compose) and `expose`. Decided for the whole project first,
 * so that links, dependencies and Ingresses know which services have a Service.
 */
import { K8S_CODES } from './codes.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { IR } from '../../ir/ir.js';
import type { Path } from './context.js';
import type { ServicePort } from '../../model/project.js';
import { portRuns, targetText } from '../port-runs.js';
import { portName } from './names.js';
import { exposeRange } from '../../core/expose.js';

export interface ServicePortEntry {
  name: string;
  port: number;
  targetPort: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  appProtocol?: string;
  at: Path;
}

export interface ServicePlan {
  ports: ServicePortEntry[];
  /** Some port is published (reachable from outside in compose). */
  published: boolean;
}

/** Ranges (in `ports` or `expose`) longer than this are not expanded into Service ports or containerPorts. */
export const MAX_RANGE = 100;

/** An EndpointSlice holds at most this many ports (discovery.k8s.io/v1), so a Service should have no more. */
export const MAX_ENDPOINT_SLICE_PORTS = 100;

function protocolOf(p: string): ServicePortEntry['protocol'] {
  return p.toUpperCase() === 'UDP' ? 'UDP' : p.toUpperCase() === 'SCTP' ? 'SCTP' : 'TCP';
}

/**
 * A service's Service ports, or undefined when it has none (then no Service is emitted).
 * A range of `ports` (one model entry per port) is reported once, and one longer than
 * MAX_RANGE is left out, as for `expose`; linear in the ports.
 */
export function planPorts(ir: IR, service: string, diagnostics: Diagnostic[]): ServicePlan | undefined {
  const svc = ir.workloads[service]?.service;
  if (!svc) return undefined;
  const out: ServicePortEntry[] = [];
  const taken = new Set<string>();
  const names = new Set<string>();
  let published = false;
  const report = (message: string, at: Path): void => {
    diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', message, ['services', service, ...at]));
  };
  const add = (e: Omit<ServicePortEntry, 'name'>, wanted?: string): void => {
    const key = `${e.port}/${e.protocol}`;
    if (taken.has(key)) return;
    taken.add(key);
    const generated = `${e.protocol.toLowerCase()}-${e.port}`;
    let name = (wanted && portName(wanted)) || generated;
    if (names.has(name)) name = generated;
    names.add(name);
    out.push({ name, ...e });
  };
  // The container ports: other services reach a compose service on them, whatever it publishes.
  const inner = new Set<string>();
  for (const run of portRuns(svc.ports ?? [])) if (run.ports.length <= MAX_RANGE) for (const q of run.ports) inner.add(`${q.target}/${protocolOf(q.protocol)}`);
  for (const run of portRuns(svc.ports ?? [])) {
    const i = run.index;
    const p = run.ports[0] as ServicePort;
    const at = ['ports', i];
    if (p.published !== undefined) published = true;
    if (run.ports.length > MAX_RANGE) {
      report(`services.${service}.ports[${i}] ${targetText(run)} spans more than ${MAX_RANGE} ports; they are not made Service ports or containerPorts`, at);
      continue;
    }
    if (p.host_ip) report(`services.${service}.ports[${i}].host_ip ${p.host_ip} is not carried over: a Service listens on every address of the cluster`, [...at, 'host_ip']);
    if (p.published !== undefined && !/^\d+$/.test(p.published)) report(`services.${service}.ports[${i}].published ${p.published} is a range; the Service port is the container port ${p.target}`, [...at, 'published']);
    run.ports.forEach((q, k) => {
      let port = q.published !== undefined && /^\d+$/.test(q.published) ? Number(q.published) : q.target;
      if (svc.network_mode === 'host' && port !== q.target) {
        report(`services.${service}.ports[${i + k}].published ${port}: with network_mode host the container listens on port ${q.target} of the node itself, so the published port is discarded (as docker discards it: 05-services ports, "Port mapping must not be used with network_mode: host"); publish the same number, or leave network_mode host`, ['ports', i + k, 'published']);
        port = q.target;
      }
      const protocol = protocolOf(q.protocol);
      const app = q.app_protocol ? { appProtocol: q.app_protocol } : {};
      const at = ['ports', i + k];
      if (port !== q.target && inner.has(`${port}/${protocol}`)) {
        report(`services.${service}.ports[${i + k}].published ${port} is also a container port of ${service}; in the cluster ${port} reaches that container port, as other services reach it under compose, so this mapping to ${q.target} is not a Service port (publish another number, or route it with an Ingress)`, [...at, 'published']);
      } else add({ port, targetPort: q.target, protocol, ...app, at }, q.name);
      // Services reach each other on the container port (docs.docker.com/compose/how-tos/networking: "service-to-service communication uses the CONTAINER_PORT").
      if (port !== q.target) add({ port: q.target, targetPort: q.target, protocol, ...app, at });
    });
  }
  (svc.expose ?? []).forEach((text, i) => {
    const r = exposeRange(text);
    if (!r) return; // the loader reported it
    const { from: start, to: end, protocol: proto } = r;
    if (end - start >= MAX_RANGE) {
      report(`services.${service}.expose[${i}] ${text} spans more than ${MAX_RANGE} ports; they are not made Service ports`, ['expose', i]);
      return;
    }
    for (let port = start; port <= end; port++) add({ port, targetPort: port, protocol: protocolOf(proto), at: ['expose', i] });
  });
  if (out.length > MAX_ENDPOINT_SLICE_PORTS) {
    report(`services.${service} would have a Service of ${out.length} ports; an EndpointSlice holds at most ${MAX_ENDPOINT_SLICE_PORTS}, so the cluster may not route them all: publish fewer ports or split the service`, svc.ports?.length ? ['ports'] : ['expose']);
  }
  return out.length ? { ports: out, published } : undefined;
}
