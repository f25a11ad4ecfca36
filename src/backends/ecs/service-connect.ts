/**
 * ECS Service Connect: under `docker compose up` every service reaches every other one by its
 * name (and its network aliases) on the ports it exposes or publishes. Once compose services
 * land in different tasks (the service layout), ECS gives the same only through Service
 * Connect: each such port becomes a named port mapping, the task's ECS service advertises it
 * with the compose names as client aliases, and every service is a client of one Cloud Map
 * namespace, so `db:5432` works from every task as it does locally.
 */
import type { EcsIR, Task } from '../../ir/ir.js';
import type { ServicePort } from '../../model/project.js';
import { portRuns } from '../port-runs.js';

/** One container port a service advertises through Service Connect. */
export interface AdvertisedPort {
  service: string;
  target: number;
  /** The port mapping's name (`web-80-tcp`, or the compose port's own `name`). */
  portName: string;
  /** Where it was written (`['services', 'web', 'ports', 0]`). */
  path: (string | number)[];
  /** Whether the port comes from `expose` only (it needs a port mapping of its own). */
  exposedOnly: boolean;
}

/**
 * Whether the project's services use Service Connect: on unless x-ecs.service_connect turns it
 * off, wherever compose services land in more than one task with an ECS service.
 *
 * @example
 * serviceConnectOn(ir) // true for two compose services in the service layout
 */
export function serviceConnectOn(ir: EcsIR): boolean {
  return ir.ecs.serviceConnect;
}

/**
 * The Cloud Map namespace of Service Connect: x-ecs.service_connect.namespace (or
 * `--cloud-map-namespace`), else the project name.
 */
export function serviceConnectNamespace(ir: EcsIR): { name: string; given: boolean } {
  const sc = ir.ecs.settings.service_connect;
  const given = typeof sc === 'object' ? sc.namespace : undefined;
  return given !== undefined ? { name: given, given: true } : { name: ir.project.name, given: false };
}

/**
 * A port mapping name: `<service>-<port>-<protocol>`, as ECS takes names (lowercase letters,
 * digits, `_` and `-`, not starting with `-`, at most 64 characters).
 *
 * @example
 * portMappingName('Web.api', 80, 'tcp') // 'web-api-80-tcp'
 */
export function portMappingName(service: string, target: number, protocol: string): string {
  const suffix = `-${target}-${protocol}`;
  const base = service.toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^-+/, '');
  return `${(base || 'port').slice(0, 64 - suffix.length)}${suffix}`;
}

/**
 * The ports one compose service advertises: its single tcp ports, published or exposed, each
 * container port once. Service Connect proxies TCP only; ranges are left to the load balancer
 * (a Service Connect service per port of a range would not scale).
 */
export function advertisedPorts(ir: EcsIR, service: string): AdvertisedPort[] {
  const svc = ir.project.services[service];
  if (!svc || svc.network_mode === 'host' || svc.network_mode === 'none') return [];
  const out: AdvertisedPort[] = [];
  const seen = new Set<number>();
  for (const run of portRuns(svc.ports ?? [])) {
    const p = run.ports[0] as ServicePort;
    if (run.ports.length !== 1 || p.protocol !== 'tcp' || seen.has(p.target)) continue;
    if (p.host_ip && p.host_ip !== '0.0.0.0' && p.host_ip !== '::') continue;
    seen.add(p.target);
    out.push({ service, target: p.target, portName: p.name ?? portMappingName(service, p.target, 'tcp'), path: ['services', service, 'ports', run.index], exposedOnly: false });
  }
  (svc.expose ?? []).forEach((text, i) => {
    const [port = '', protocol = 'tcp'] = text.split('/');
    if (protocol !== 'tcp' || !/^\d+$/.test(port)) return;
    const target = Number(port);
    if (seen.has(target)) return;
    seen.add(target);
    out.push({ service, target, portName: portMappingName(service, target, 'tcp'), path: ['services', service, 'expose', i], exposedOnly: true });
  });
  return out;
}

/** The names a service answers to: its own, then its network aliases, each once. */
export function namesOf(ir: EcsIR, service: string): string[] {
  const names = [service];
  for (const n of ir.workloads[service]?.networks ?? []) for (const a of n.aliases) if (!names.includes(a)) names.push(a);
  return names;
}

/**
 * A task's ECS service `serviceConnectConfiguration`: a client of the namespace, advertising
 * each member's ports under the member's names.
 *
 * @example
 * serviceConnectConfiguration(ir, task) // { enabled: true, namespace: 'shop', services: [{ portName: 'db-5432-tcp', clientAliases: [{ port: 5432, dnsName: 'db' }] }] }
 */
export function serviceConnectConfiguration(ir: EcsIR, task: Task): Record<string, unknown> {
  const services = task.services.flatMap((s) =>
    advertisedPorts(ir, s).map((p) => ({
      portName: p.portName,
      // The discovery name defaults to the port name, which holds the service name: unique in the namespace.
      clientAliases: namesOf(ir, s).map((dnsName) => ({ port: p.target, dnsName })),
    })),
  );
  return { enabled: true, namespace: serviceConnectNamespace(ir).name, ...(services.length ? { services } : {}) };
}
