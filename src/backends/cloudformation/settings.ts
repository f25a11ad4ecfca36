/**
 * The x-ecs settings only the CloudFormation backend reads: how a service is routed through
 * the shared load balancer, service discovery, and who may reach a service.
 */
import type { EcsSettings, IR, Task } from '../../ir/ir.js';

export interface Routing {
  /** Path patterns of the listener rule (`/api/*`). */
  path?: string | string[];
  /** Host headers of the listener rule. */
  host?: string | string[];
  priority?: number;
  /** Container port that receives the traffic (default: the first published port). */
  port?: number;
  /** HTTP/HTTPS go through the Application Load Balancer; TCP/UDP/TLS through a Network Load Balancer. */
  protocol?: 'HTTP' | 'HTTPS' | 'TCP' | 'UDP' | 'TLS' | 'TCP_UDP';
  health_check?: { path?: string; interval?: number; timeout?: number; healthy_threshold?: number; unhealthy_threshold?: number; matcher?: string };
  /** Seconds a target drains before it is removed. Default 30 (AWS's own default of 300 makes every rolling update slow). */
  deregistration_delay?: number;
  /** Listener port of a Network Load Balancer (default: the published port). */
  listener_port?: number;
  /** false: publish ports but do not route them through a load balancer. */
  enabled?: boolean;
}

export interface LoadBalancerSettings {
  scheme?: 'internet-facing' | 'internal';
  listener_port?: number;
  certificate_arn?: string;
}

export interface DiscoverySettings {
  namespace?: string;
}

export interface IngressRule {
  cidr?: string;
  security_group?: string;
  port?: number;
}

interface CfnSettings {
  routing?: Routing;
  load_balancer?: LoadBalancerSettings;
  service_discovery?: boolean | DiscoverySettings;
  ingress?: IngressRule[];
}

function cfn(s: EcsSettings): CfnSettings {
  return s as unknown as CfnSettings;
}

export const DEFAULT_DEREGISTRATION_DELAY = 30;

/** The port and protocol a task is routed on, or undefined when it is not load balanced. */
export interface Route {
  service: string;
  port: number;
  /** The published port (NLB listener port). */
  published: number;
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'UDP' | 'TLS' | 'TCP_UDP';
  routing: Routing;
  kind: 'alb' | 'nlb';
}

/** The routed port of each service of a task: its first published port, unless x-ecs.routing says otherwise. */
export function routesOf(ir: IR, task: Task): Route[] {
  const out: Route[] = [];
  for (const name of task.services) {
    const facts = ir.services[name];
    const svc = ir.project.services[name];
    if (!facts || !svc) continue;
    const routing = cfn(facts.settings).routing ?? {};
    if (routing.enabled === false) continue;
    if (facts.settings.service?.load_balancers?.length) continue; // routed to an existing target group instead
    const ports = svc.ports ?? [];
    const chosen = routing.port !== undefined ? ports.find((p) => p.target === routing.port) : ports.find((p) => p.published !== undefined);
    if (!chosen && routing.port === undefined) continue;
    const port = chosen?.target ?? (routing.port as number);
    const published = chosen?.published && !chosen.published.includes('-') ? Number(chosen.published) : port;
    const protocol = routing.protocol ?? (chosen?.protocol === 'udp' ? 'UDP' : 'HTTP');
    out.push({ service: name, port, published, protocol, routing, kind: protocol === 'HTTP' || protocol === 'HTTPS' ? 'alb' : 'nlb' });
  }
  return out;
}

export function loadBalancerSettings(ir: IR): LoadBalancerSettings {
  return cfn(ir.settings).load_balancer ?? {};
}

export function discoverySettings(ir: IR): DiscoverySettings | undefined {
  const d = cfn(ir.settings).service_discovery;
  if (!d) return undefined;
  return d === true ? {} : d;
}

export function ingressOf(s: EcsSettings): IngressRule[] {
  return cfn(s).ingress ?? [];
}
