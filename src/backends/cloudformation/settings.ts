/**
 * The x-ecs settings only the CloudFormation backend reads: how a service is routed through
 * the shared load balancer, service discovery, autoscaling, and who may reach a service.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsSettings, EcsIR, Task } from '../../ir/ir.js';

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
}

const isHttp = (p: Protocol): boolean => p === 'HTTP' || p === 'HTTPS';
// extends appends lists, so a path or host may come twice; a listener rule condition lists each once.
const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]);

/** Path patterns and host headers of a route, as lists. */
export function matchOf(routing: Routing): { paths: string[]; hosts: string[] } {
  return { paths: asList(routing.path), hosts: asList(routing.host) };
}

/**
 * The routed ports of each service of a task. With an application load balancer: the first
 * published port (or x-ecs.routing.port), HTTP unless the port is UDP. With
 * `load_balancer.type: network`: every published port, each through its own NLB listener.
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
    const ports = (svc.ports ?? []).map((p, i) => ({ ...p, i }));
    let chosen = routing.port !== undefined ? ports.filter((p) => p.target === routing.port).slice(0, 1) : ports.filter((p) => p.published !== undefined);
    if (!network) chosen = chosen.slice(0, 1);
    if (!chosen.length && routing.port !== undefined) chosen = [{ target: routing.port } as (typeof ports)[number]];
    const at = ['services', name, 'x-ecs', 'routing'];
    if (network) {
      if (routing.protocol && isHttp(routing.protocol)) {
        diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${name}.x-ecs.routing.protocol ${routing.protocol} goes through an application load balancer, but x-ecs.load_balancer.type is network: the port is routed as TCP`, [...at, 'protocol']));
      }
      for (const key of ['path', 'host', 'priority'] as const) {
        if (routing[key] !== undefined) diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${name}.x-ecs.routing.${key} is not carried over: a Network Load Balancer forwards by port, not by HTTP ${key}`, [...at, key]));
      }
    }
    for (const p of chosen) {
      const published = p.published && !p.published.includes('-') ? Number(p.published) : p.target;
      const udp = p.protocol === 'udp';
      let protocol: Protocol = routing.protocol ?? (udp ? 'UDP' : network ? 'TCP' : 'HTTP');
      if (network && isHttp(protocol)) protocol = 'TCP';
      if (udp && protocol !== 'UDP') {
        diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${name}.ports[${p.i}] is a UDP port; it is routed over UDP, not ${protocol}`, ['services', name, 'ports', p.i]));
        protocol = 'UDP';
      }
      out.push({ service: name, port: p.target, ...(p.i !== undefined ? { portIndex: p.i } : {}), published, protocol, routing, kind: isHttp(protocol) ? 'alb' : 'nlb' });
    }
  }
  if (out.length > MAX_TARGET_GROUPS_PER_SERVICE) {
    const first = out[0] as Route;
    diagnostics.push(ir.diagnostic('ECS_LIMIT', 'warning', `task "${task.name}" would be routed on ${out.length} ports; ECS attaches at most ${MAX_TARGET_GROUPS_PER_SERVICE} target groups to a service, so only the first ${MAX_TARGET_GROUPS_PER_SERVICE} are routed`, ['services', first.service, 'ports']));
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
