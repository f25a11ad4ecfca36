/**
 * The ports of a service's Kubernetes Service, from `ports` (the published port, or the
 * container port when none is published) and `expose`. Decided for the whole project first,
 * so that links, dependencies and Ingresses know which services have a Service.
 */
import { K8S_CODES } from './codes.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { IR } from '../../ir/ir.js';
import type { Path } from './context.js';
import { portName } from './names.js';

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

/** Exposed ranges longer than this are not expanded into Service ports. */
const MAX_RANGE = 100;

function protocolOf(p: string): ServicePortEntry['protocol'] {
  return p.toUpperCase() === 'UDP' ? 'UDP' : p.toUpperCase() === 'SCTP' ? 'SCTP' : 'TCP';
}

/** A service's Service ports, or undefined when it has none (then no Service is emitted). */
export function planPorts(ir: IR, service: string, diagnostics: Diagnostic[]): ServicePlan | undefined {
  const svc = ir.services[service]?.service;
  if (!svc) return undefined;
  const out: ServicePortEntry[] = [];
  let published = false;
  const report = (message: string, at: Path): void => {
    diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', message, ['services', service, ...at]));
  };
  const add = (e: Omit<ServicePortEntry, 'name'>, wanted?: string): void => {
    if (out.some((o) => o.port === e.port && o.protocol === e.protocol)) return;
    const generated = `${e.protocol.toLowerCase()}-${e.port}`;
    let name = (wanted && portName(wanted)) || generated;
    if (out.some((o) => o.name === name)) name = generated;
    out.push({ name, ...e });
  };
  (svc.ports ?? []).forEach((p, i) => {
    const at = ['ports', i];
    if (p.host_ip) report(`services.${service}.ports[${i}].host_ip ${p.host_ip} is not carried over: a Service listens on every address of the cluster`, [...at, 'host_ip']);
    let port = p.target;
    if (p.published !== undefined) {
      published = true;
      if (/^\d+$/.test(p.published)) port = Number(p.published);
      else report(`services.${service}.ports[${i}].published ${p.published} is a range; the Service port is the container port ${p.target}`, [...at, 'published']);
    }
    add({ port, targetPort: p.target, protocol: protocolOf(p.protocol), ...(p.app_protocol ? { appProtocol: p.app_protocol } : {}), at }, p.name);
  });
  (svc.expose ?? []).forEach((text, i) => {
    const [ports = '', proto = 'tcp'] = text.split('/');
    const [start = NaN, end = start] = ports.split('-').map(Number);
    if (!Number.isInteger(start) || !Number.isInteger(end)) return; // the loader reported it
    if (end - start >= MAX_RANGE) {
      report(`services.${service}.expose[${i}] ${text} spans more than ${MAX_RANGE} ports; they are not made Service ports`, ['expose', i]);
      return;
    }
    for (let port = start; port <= end; port++) add({ port, targetPort: port, protocol: protocolOf(proto), at: ['expose', i] });
  });
  return out.length ? { ports: out, published } : undefined;
}
