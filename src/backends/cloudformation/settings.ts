/**
 * The x-ecs settings only the CloudFormation backend reads: how a service is routed through
 * the shared load balancer, service discovery, autoscaling, and who may reach a service.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsSettings, EcsIR, Task } from '../../ir/ir.js';
import { onEveryInterface } from '../port-runs.js';

export type Routing = NonNullable<EcsSettings['routing']>;
export type LoadBalancerSettings = NonNullable<EcsSettings['load_balancer']>;
export type IngressRule = NonNullable<EcsSettings['ingress']>[number];
export type Autoscaling = NonNullable<EcsSettings['autoscaling']>;
export type Protocol = NonNullable<Routing['protocol']>;

export interface DiscoverySettings {
  namespace?: string;
}

/** AWS's own default of 300 s makes every rolling update wait five minutes per target. */
export const DEFAULT_DEREGISTRATION_DELAY = 30;

/** ECS attaches at most five target groups to one service. */
export const MAX_TARGET_GROUPS_PER_SERVICE = 5;

/** One port a task is reached on through a load balancer. */
export interface Route {
  service: string;
  /** Container port. */
  port: number;
  /** Index of the port in the service's `ports`, when it comes from there. */
  portIndex?: number;
  /** The published port (the Network Load Balancer's listener port). */
  published: number;
  protocol: Protocol;
  routing: Routing;
  kind: 'alb' | 'nlb';
  /** The port x-ecs.routing describes (its path, host, protocol, health check apply to it). */
  primary?: boolean;
}

const isHttp = (p: Protocol): boolean => p === 'HTTP' || p === 'HTTPS';
// extends appends lists, so a path or host may come twice; a listener rule condition lists each once.
const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]);

/** Path patterns and host headers of a route, as lists. */
export function matchOf(routing: Routing): { paths: string[]; hosts: string[] } {
  return { paths: asList(routing.path), hosts: asList(routing.host) };
}

/**
 * Container ports that speak something other than plain HTTP when nothing says otherwise: remote
 * shells, databases and their poolers (pgbouncer's 6432, supavisor's 6543), caches, brokers,
 * mail, and TLS (443, 8443: the container terminates it, as under compose, so the bytes pass
 * through; an HTTP listener would speak plain HTTP to it). Published, they go through the
 * Network Load Balancer as TCP; every other published port is taken for HTTP (the Application
 * Load Balancer).
 */
const NOT_HTTP: ReadonlySet<number> = new Set([21, 22, 23, 25, 53, 110, 143, 389, 443, 465, 587, 636, 993, 995, 1433, 1521, 2049, 2181, 3306, 3389, 4222, 5432, 5672, 6379, 6432, 6543, 8443, 9042, 9092, 11211, 27017]);
const HTTP_APP_PROTOCOLS: ReadonlySet<string> = new Set(['http', 'https', 'http2', 'h2c', 'grpc', 'ws', 'wss']);

/** The compose networks of a service, when every one of them is `internal: true` (no outside access). */
export function internalOnly(ir: EcsIR, service: string): string[] | undefined {
  const nets = ir.workloads[service]?.networks ?? [];
  if (!nets.length || !nets.every((n) => ir.project.networks?.[n.name]?.internal === true)) return undefined;
  return nets.map((n) => n.name);
}

/**
 * Whether the ECS mapping gives a port a port mapping (fields/network.ts): tcp or udp, on every
 * interface (a port bound to one address is left out, so as not to publish it wider).
 */
function ecsMaps(p: { protocol?: string; host_ip?: string }): boolean {
  return (p.protocol === undefined || p.protocol === 'tcp' || p.protocol === 'udp') && onEveryInterface(p);
}

/**
 * The routed ports of each service of a task: every published port, as `docker compose`
 * publishes each (issue 17). The port x-ecs.routing describes (`routing.port`, else the first
 * published one) carries its path, host, protocol and health check; the others are routed on
 * their own published port. HTTP through the Application Load Balancer unless the port is UDP,
 * names a non-HTTP app_protocol, or is a well-known non-HTTP port (TCP through the Network Load
 * Balancer). With `load_balancer.type: network`: every published port through its own NLB listener.
 * Not routed, with a finding at the port: a service only on `internal: true` networks, ports
 * past ECS's five target groups per service.
 */
export function routesOf(ir: EcsIR, task: Task, diagnostics: Diagnostic[]): Route[] {
  const network = loadBalancerSettings(ir).type === 'network';
  const out: Route[] = [];
  for (const name of task.services) {
    const facts = ir.services[name];
    const svc = ir.project.services[name];
    if (!facts || !svc) continue;
    const routing = facts.settings.routing ?? {};
    if (routing.enabled === false || task.networkMode === 'none') continue; // `none`: the ECS target reports its ports
    if (facts.settings.service?.load_balancers?.length) continue; // routed to an existing target group instead
    // A job runs to completion (issue 18): no ECS service keeps it, and when it is waited on it
    // runs inside every waiter's task; a load balancer has nothing lasting to route to.
    if (ir.workloads[name]?.kind === 'job') {
      const published = (svc.ports ?? []).findIndex((p) => p.published !== undefined);
      if (published >= 0 && facts.task === task.name) diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'info', `services.${name}.ports: ${name} runs to completion (${ir.workloads[name]?.kindReason}), so its published ports are not routed through the load balancer`, ['services', name, 'ports', published]));
      continue;
    }
    // A port the ECS mapping leaves out (reported there) has no container port in the task to route to.
    const ports = (svc.ports ?? []).map((p, i) => ({ ...p, i })).filter(ecsMaps);
    const published = ports.filter((p) => p.published !== undefined);
    // 06-networks internal: "create an externally isolated network": nothing from outside reaches it, so nothing is published.
    const internal = internalOnly(ir, name);
    if (internal) {
      if (facts.task === task.name) {
        for (const p of published) diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${name}.ports[${p.i}] is not published: ${name} is only on internal networks (${internal.join(', ')}), which compose keeps from outside access, so the load balancer does not route to it; join a non-internal network to publish it`, ['services', name, 'ports', p.i]));
      }
      continue;
    }
    // A port written without a host port is published too, on one the runtime picks (05-services
    // ports: "just the container port"): a rule by path or host routes it when nothing is published.
    const { paths, hosts } = matchOf(routing);
    let primary = routing.port !== undefined ? ports.findIndex((p) => p.target === routing.port) : ports.findIndex((p) => p.published !== undefined);
    if (primary < 0 && !network && routing.port === undefined && (paths.length || hosts.length)) primary = ports.findIndex((p) => p.protocol !== 'udp');
    const chosen: ((typeof ports)[number] | { target: number; i?: undefined; published?: undefined; protocol?: undefined; app_protocol?: undefined })[] = [...published];
    if (primary >= 0 && ports[primary]?.published === undefined) chosen.unshift(ports[primary] as (typeof ports)[number]);
    if (primary < 0 && routing.port !== undefined) {
      chosen.unshift({ target: routing.port });
      primary = -2;
    }
    const at = ['services', name, 'x-ecs', 'routing'];
    if (network) {
      if (routing.protocol && isHttp(routing.protocol)) {
        diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${name}.x-ecs.routing.protocol ${routing.protocol} goes through an application load balancer, but x-ecs.load_balancer.type is network: the port is routed as TCP`, [...at, 'protocol']));
      }
      for (const key of ['path', 'host', 'priority'] as const) {
        if (routing[key] !== undefined) diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${name}.x-ecs.routing.${key} is not carried over: a Network Load Balancer forwards by port, not by HTTP ${key}`, [...at, key]));
      }
    }
    const mine: Route[] = [];
    for (const p of chosen) {
      const isPrimary = primary === -2 ? p.i === undefined : p.i === primary;
      // Behind the Network Load Balancer x-ecs.routing applies to every port (as before issue 17);
      // behind the ALB its path, host and checks describe one port, and the others keep the deregistration delay.
      const own: Routing = isPrimary || network ? routing : routing.deregistration_delay !== undefined ? { deregistration_delay: routing.deregistration_delay } : {};
      const publishedPort = p.published ? Number(p.published.split('-')[0]) : p.target;
      const udp = p.protocol === 'udp';
      const app = p.app_protocol?.toLowerCase();
      const guess: Protocol = udp ? 'UDP' : network ? 'TCP' : app !== undefined ? (HTTP_APP_PROTOCOLS.has(app) ? 'HTTP' : 'TCP') : NOT_HTTP.has(p.target) ? 'TCP' : 'HTTP';
      let protocol: Protocol = own.protocol ?? guess;
      if (network && isHttp(protocol)) protocol = 'TCP';
      if (udp && protocol !== 'UDP') {
        diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${name}.ports[${p.i}] is a UDP port; it is routed over UDP, not ${protocol}`, ['services', name, 'ports', p.i as number]));
        protocol = 'UDP';
      }
      mine.push({ service: name, port: p.target, ...(p.i !== undefined ? { portIndex: p.i } : {}), published: publishedPort, protocol, routing: own, kind: isHttp(protocol) ? 'alb' : 'nlb', primary: isPrimary });
    }
    // The port x-ecs.routing describes first: it keeps the service's one-route resource names.
    out.push(...mine.filter((r) => r.primary), ...mine.filter((r) => !r.primary));
    const unrouted = ports.filter((p) => p.published === undefined && !chosen.includes(p));
    if (unrouted.length && facts.task === task.name) {
      const first = unrouted[0] as (typeof ports)[number];
      const list = [...new Set(unrouted.map((p) => p.target))].join(', ');
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${name}.ports[${first.i}] gives no host port: docker compose publishes container port ${list} on a host port it picks, but the stack routes no listener to ${unrouted.length > 1 ? 'them' : 'it'}; write "HOST:${first.target}" for a listener on that port, or give ${name} an x-ecs.routing path or host (other services still reach ${name} by name)`, ['services', name, 'ports', first.i]));
    }
  }
  if (out.length > MAX_TARGET_GROUPS_PER_SERVICE) {
    const dropped = out.slice(MAX_TARGET_GROUPS_PER_SERVICE);
    const first = dropped[0] as Route;
    const shown = dropped.map((r) => (r.portIndex !== undefined ? `ports[${r.portIndex}]` : `x-ecs.routing.port`)).join(', ');
    const where = first.portIndex !== undefined ? ['services', first.service, 'ports', first.portIndex] : ['services', first.service, 'x-ecs', 'routing', 'port'];
    diagnostics.push(ir.diagnostic('ECS_LIMIT', 'warning', `task "${task.name}" would be routed on ${out.length} ports; ECS attaches at most ${MAX_TARGET_GROUPS_PER_SERVICE} target groups to a service, so ${first.service} ${shown} get no listener (a range of published ports counts one per port): publish fewer ports or split the service`, where));
    return out.slice(0, MAX_TARGET_GROUPS_PER_SERVICE);
  }
  return out;
}

export function loadBalancerSettings(ir: EcsIR): LoadBalancerSettings {
  return ir.settings.load_balancer ?? {};
}

export function discoverySettings(ir: EcsIR): DiscoverySettings | undefined {
  const d = ir.settings.service_discovery;
  if (!d) return undefined;
  return d === true ? {} : d;
}

export function ingressOf(s: EcsSettings): IngressRule[] {
  return s.ingress ?? [];
}

/**
 * Where a setting was written: in the x-ecs of one of the task's services, or at the top
 * level; undefined when it came from a migration or a flag (reported there already).
 */
export function writtenAt(ir: EcsIR, task: Task, key: string): (string | number)[] | undefined {
  for (const s of task.services) {
    const x = ir.project.services[s]?.extensions['x-ecs'] as Record<string, unknown> | undefined;
    if (x && Object.hasOwn(x, key)) return ['services', s, 'x-ecs', key];
  }
  const top = ir.project.extensions['x-ecs'] as Record<string, unknown> | undefined;
  return top && Object.hasOwn(top, key) ? ['x-ecs', key] : undefined;
}
