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
import { onEveryInterface, portRuns } from '../port-runs.js';
import { compareText } from '../../core/text-order.js';
import { portMappingName } from '../../passes/port-names.js';
import { exposedTcpPort } from '../../core/expose.js';

export { portMappingName };

/** One container port a service advertises through Service Connect. */
export interface AdvertisedPort {
  service: string;
  target: number;
  /** The port mapping's name (`web-80-tcp`, or the compose port's own `name`). */
  portName: string;
  /** Where it was written (`['services', 'web', 'ports', 0]`). */
  path: (string | number)[];
  /** Whether the port comes from `expose`, or from `ports` on one host address only: it needs a port mapping of its own. */
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
 * Runs of consecutive ports (a written range `8000-8002`, or single ports that follow each
 * other, `"8081:8081", "8082:8082"`, which the model cannot tell apart) up to this many are
 * advertised port by port; a longer run is a range left to the load balancer (a Service
 * Connect service per port of a large range would not scale).
 */
export const MAX_ADVERTISED_RUN = 5;

/**
 * The ports one compose service advertises: its tcp ports, published (on every interface or on
 * one host address) or exposed, each container port once, ports of runs longer than
 * MAX_ADVERTISED_RUN left out. Service Connect proxies TCP only.
 */
export function advertisedPorts(ir: EcsIR, service: string): AdvertisedPort[] {
  const svc = ir.project.services[service];
  if (!svc || svc.network_mode === 'host' || svc.network_mode === 'none') return [];
  const out: AdvertisedPort[] = [];
  const seen = new Set<number>();
  for (const run of portRuns(svc.ports ?? [])) {
    if (run.ports.length > MAX_ADVERTISED_RUN) continue;
    run.ports.forEach((p, k) => {
      if (p.protocol !== 'tcp' || seen.has(p.target)) return;
      seen.add(p.target);
      // A port published on one host address only ("127.0.0.1:5432:5432") is not published by
      // the task (fields/network.ts), but compose's other services still reach its container
      // port by name, as an exposed one: it gets a mapping of its own.
      const local = !onEveryInterface(p);
      out.push({ service, target: p.target, portName: p.name !== undefined && ir.ecs.portNames.has(p.name) ? p.name : portMappingName(service, p.target, 'tcp'), path: ['services', service, 'ports', run.index + k], exposedOnly: local });
    });
  }
  (svc.expose ?? []).forEach((text, i) => {
    const target = exposedTcpPort(text);
    if (target === undefined || seen.has(target)) return;
    seen.add(target);
    out.push({ service, target, portName: portMappingName(service, target, 'tcp'), path: ['services', service, 'expose', i], exposedOnly: true });
  });
  return out;
}

/** One name a service answers to through Service Connect on one port, and where it was written. */
export interface NameClaim {
  /** The service the name reaches. */
  service: string;
  name: string;
  port: number;
  /** `['services', 'db']` for the service name, the alias entry for a network or link alias. */
  path: (string | number)[];
  kind: 'service' | 'network alias' | 'link alias';
}

/** The client aliases of a project: the claims kept, by service and port, and the ones refused. */
export interface NameClaims {
  kept: Map<string, Map<number, string[]>>;
  /** A second claim of a name on a port another service holds (ECS: "each name and port mapping must be unique within the namespace"). */
  refused: { claim: NameClaim; holder: string }[];
  /** Names a client alias cannot take (ServiceConnectClientAlias.dnsName: up to 127 lowercase letters, digits, `_`, `-` and `.`, not starting with `-`), once per service. */
  invalid: NameClaim[];
}

/** What ServiceConnectClientAlias.dnsName takes, once lowercased (DNS names match without regard to case). */
const DNS_NAME = /^[a-z0-9_.][a-z0-9_.-]{0,126}$/;

/** Where the claims of one compile are kept: on its IR, as the loader keeps project files (model/project-files.ts), so no state outlives the compile. */
const CLAIMS = Symbol('compose2ecs.nameClaims');

/**
 * Every name each service answers to across tasks, per advertised port: its own name, its
 * network aliases (networks by name), then the aliases other tasks' services give it in
 * `links: ["db:database"]` (under compose visible only to the linking service; Service Connect
 * names are visible to the whole namespace, which is harmless unless another service holds
 * the name). A name already held on a port by another service is refused there: a service's
 * own name before any alias, then by service name order.
 *
 * @example
 * nameClaims(ir).kept.get('db')?.get(5432) // ['db', 'database']
 */
export function nameClaims(ir: EcsIR): NameClaims {
  // Asked once per task: computed once per compile (the project's claims are linear in its ports).
  const cached = (ir as unknown as Record<symbol, NameClaims | undefined>)[CLAIMS];
  if (cached) return cached;
  const order = Object.keys(ir.services).sort(compareText);
  const ports = new Map(order.map((s) => [s, advertisedPorts(ir, s).map((p) => p.target)]));
  const candidates: NameClaim[] = [];
  const add = (service: string, name: string, path: (string | number)[], kind: NameClaim['kind']): void => {
    for (const port of ports.get(service) ?? []) candidates.push({ service, name, port, path, kind });
  };
  for (const s of order) add(s, s, ['services', s], 'service');
  for (const s of order) {
    for (const [net, n] of Object.entries(ir.project.services[s]?.networks ?? {}).sort(([a], [b]) => compareText(a, b))) {
      (n?.aliases ?? []).forEach((a, i) => add(s, a, ['services', s, 'networks', net, 'aliases', i], 'network alias'));
    }
  }
  for (const s of order) {
    const across = ir.services[s]?.crossTask ?? [];
    (ir.project.services[s]?.links ?? []).forEach((link, i) => {
      const [target = link, alias] = link.split(':');
      if (alias !== undefined && alias !== target && across.includes(target) && ports.has(target)) add(target, alias, ['services', s, 'links', i], 'link alias');
    });
  }
  const held = new Map<string, string>();
  const result: NameClaims = { kept: new Map(), refused: [], invalid: [] };
  for (const c of candidates) {
    if (!DNS_NAME.test(c.name.toLowerCase())) {
      if (!result.invalid.some((x) => x.name === c.name && x.service === c.service)) result.invalid.push(c);
      continue;
    }
    // DNS names match without regard to case.
    const key = `${c.name.toLowerCase()}:${c.port}`;
    const holder = held.get(key);
    if (holder === c.service) continue;
    if (holder !== undefined) {
      result.refused.push({ claim: c, holder });
      continue;
    }
    held.set(key, c.service);
    const byPort = result.kept.get(c.service) ?? new Map<number, string[]>();
    byPort.set(c.port, [...(byPort.get(c.port) ?? []), c.name.toLowerCase()]);
    result.kept.set(c.service, byPort);
  }
  Object.defineProperty(ir, CLAIMS, { value: result, enumerable: false, configurable: true });
  return result;
}

/** The names a service answers to on one of its advertised ports: its own first. */
export function namesOn(ir: EcsIR, service: string, port: number): string[] {
  return nameClaims(ir).kept.get(service)?.get(port) ?? [];
}

/**
 * A discovery name for the second and later names of one port: ECS takes one client alias per
 * Service Connect service ("the maximum number of client aliases that you can have in this
 * list is 1"), so each further name is a service entry of its own on the same port mapping,
 * whose Cloud Map service name must be unique in the namespace (up to 64 characters:
 * lowercase letters, digits, `_` and `-`, not starting with `-`).
 *
 * @example
 * discoveryName('db-5432-tcp', 'database') // 'db-5432-tcp-database'
 */
export function discoveryName(portName: string, alias: string): string {
  const tail = `-${alias.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`;
  return `${portName}${tail}`.slice(0, 64);
}

/**
 * A task's ECS service `serviceConnectConfiguration`: a client of the namespace, advertising
 * each member's ports under the member's names, one name per Service Connect service.
 *
 * @example
 * serviceConnectConfiguration(ir, task) // { enabled: true, namespace: 'shop', services: [{ portName: 'db-5432-tcp', clientAliases: [{ port: 5432, dnsName: 'db' }] }] }
 */
export function serviceConnectConfiguration(ir: EcsIR, task: Task): Record<string, unknown> {
  const taken = new Set<string>();
  const unique = (name: string): string => {
    let out = name;
    for (let i = 2; taken.has(out); i++) out = `${name.slice(0, 64 - String(i).length - 1)}-${i}`;
    taken.add(out);
    return out;
  };
  const services = task.services.flatMap((s) =>
    advertisedPorts(ir, s).flatMap((p) =>
      // The first name's discovery name defaults to the port name, which holds the service name: unique in the namespace.
      namesOn(ir, s, p.target).map((dnsName, i) => ({ portName: p.portName, ...(i > 0 ? { discoveryName: unique(discoveryName(p.portName, dnsName)) } : {}), clientAliases: [{ port: p.target, dnsName }] })),
    ),
  );
  return { enabled: true, namespace: serviceConnectNamespace(ir).name, ...(services.length ? { services } : {}) };
}
