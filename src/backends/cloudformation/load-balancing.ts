/**
 * Routing through load balancers: HTTP routes share one Application Load Balancer (alb.ts),
 * the others go through a Network Load Balancer (nlb.ts). Each task learns which target groups
 * its ECS service registers in, what its service waits for and whom its security group admits.
 * EC2 tasks in bridge or host mode are reached on the container instances, whose security
 * group the stack does not own: it admits the load balancer there only when given the group.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import { addApplicationLoadBalancer } from './alb.js';
import { addNetworkLoadBalancer } from './nlb.js';
import type { StackParams } from './parameters.js';
import type { Route } from './settings.js';
import type { Json, Template } from './template.js';

/** The first port of the range the ECS agent picks dynamic host ports from (Linux: ip_local_port_range, else 49153). */
export const DYNAMIC_PORTS_FROM = 32768;
export const DYNAMIC_PORTS_TO = 65535;

export interface RoutedTask {
  task: Task;
  /** Logical ID base of the task. */
  id: string;
  routes: Route[];
}

/** One routed port of a task. */
export interface RoutedPort {
  task: Task;
  /** Logical ID base of the routed compose service. */
  id: string;
  route: Route;
}

/**
 * A security group traffic from a load balancer comes from, and the condition under which it
 * exists; both made on first use, so a template declares no condition nothing uses.
 */
export interface Source {
  group: () => unknown;
  condition: () => string;
  /** Logical ID part of the ingress rules admitting it. */
  suffix: string;
}

/** The Application Load Balancer as the rest of the stack sees it. */
export interface Frontend {
  /** `app/<name>/<id>`: the first half of an ALBRequestCountPerTarget resource label. */
  fullName: unknown;
  /** Set when the stack creates the load balancer (its DNS name exists under `condition`). */
  dns?: { condition: string };
  sources: Source[];
}

/** What a task's ECS service must reference and wait for. */
export interface RouteResources {
  loadBalancers: Json[];
  dependsOn: string[];
  /** Ports its security group opens: to load balancer security groups, or to a CIDR (`at`: where the port was written). */
  ingress: { port: number; protocol: string; sources?: Source[]; cidr?: string; at?: (string | number)[] }[];
  targetGroups: { id: string; route: Route }[];
}

export interface LoadBalancing {
  byTask: Map<string, RouteResources>;
  /** The Application Load Balancer, when any route uses one. */
  frontend?: Frontend;
}

/** `idOf`: the logical ID base of a compose service, which names its route's resources. */
export function addLoadBalancing(ir: EcsIR, t: Template, p: StackParams, routed: RoutedTask[], idOf: (service: string) => string, diagnostics: Diagnostic[]): LoadBalancing {
  const byTask = new Map<string, RouteResources>();
  for (const r of routed) byTask.set(r.task.name, { loadBalancers: [], dependsOn: [], ingress: [], targetGroups: [] });
  const all: RoutedPort[] = routed.flatMap((r) => r.routes.map((route) => ({ task: r.task, id: idOf(route.service), route })));
  const alb = all.filter((r) => r.route.kind === 'alb');
  const nlb = all.filter((r) => r.route.kind === 'nlb');
  const out: LoadBalancing = { byTask };
  const frontend = alb.length ? addApplicationLoadBalancer(ir, t, p, alb, byTask, diagnostics) : undefined;
  if (frontend) {
    out.frontend = frontend;
    admitToInstances(t, p, alb.filter((r) => byTask.get(r.task.name)?.targetGroups.some((g) => g.route === r.route)), frontend.sources);
  }
  if (nlb.length) addNetworkLoadBalancer(ir, t, p, nlb, byTask, diagnostics);
  return out;
}

/**
 * Bridge-mode tasks listen on dynamic host ports, host-mode tasks on their container ports,
 * both on the container instances: with InstanceSecurityGroupId the stack admits the
 * Application Load Balancer there.
 */
function admitToInstances(t: Template, p: StackParams, routes: RoutedPort[], sources: Source[]): void {
  const ranges = new Map<string, [number, number]>();
  for (const r of routes) {
    if (r.task.networkMode === 'bridge') ranges.set('Dynamic', [DYNAMIC_PORTS_FROM, DYNAMIC_PORTS_TO]);
    else if (r.task.networkMode === 'host') ranges.set(String(r.route.port), [r.route.port, r.route.port]);
  }
  if (!ranges.size) return;
  const has = p.hasInstanceSecurityGroup();
  for (const [name, [from, to]] of [...ranges].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const s of sources) {
      t.resource(
        `Instances${s.suffix}${name === 'Dynamic' ? 'DynamicPorts' : `Port${name}`}Ingress`,
        'AWS::EC2::SecurityGroupIngress',
        { GroupId: { Ref: 'InstanceSecurityGroupId' }, SourceSecurityGroupId: s.group(), IpProtocol: 'tcp', FromPort: from, ToPort: to, Description: 'from the load balancer to the ECS tasks on the container instances' },
        { condition: p.both(has, s.condition()) },
      );
    }
  }
}

/**
 * The load balancer's own group reaches only the ports it routes to: egress to each routed
 * awsvpc task's security group on its target and health-check ports, in place of the default
 * rule that reaches everything. Left as it is when a routed task runs in bridge or host mode:
 * those targets are the container instances, whose group the stack does not own.
 *
 * @example
 * restrictLoadBalancerEgress(t, lb, [{ task, securityGroup: 'WebSecurityGroup' }]); // tcp 8000 to WebSecurityGroup
 */
export function restrictLoadBalancerEgress(t: Template, lb: LoadBalancing, created: readonly { task: Task; securityGroup?: string }[]): void {
  const group = t.resources.LoadBalancerSecurityGroup;
  if (!group) return;
  const rules = new Map<string, Json>();
  for (const [name, res] of lb.byTask) {
    const ports = res.ingress.filter((i) => i.sources?.some((s) => s.suffix === 'FromLoadBalancer')).map((i) => i.port);
    if (!ports.length) continue;
    const sg = created.find((c) => c.task.name === name)?.securityGroup;
    if (!sg) return;
    for (const port of ports) rules.set(`${sg} ${String(port).padStart(5, '0')}`, { IpProtocol: 'tcp', FromPort: port, ToPort: port, DestinationSecurityGroupId: { Ref: sg }, Description: 'to the routed tasks' });
  }
  if (!rules.size) return;
  (group.Properties as Json).SecurityGroupEgress = [...rules.keys()].sort().map((k) => rules.get(k) as Json);
}
