/**
 * The Application Load Balancer every routed HTTP port shares: a listener per published host
 * port (as docker compose publishes 8080 and 8081 apart), or one listener with a rule per
 * service by path and/or host when x-ecs asks for it; per routed port a target group and a
 * listener rule. Rules matching the same requests on one listener are CFN_ROUTE_CONFLICT. The load balancer is the
 * stack's own, an existing one (x-ecs.load_balancer.arn: the stack adds its listener to it),
 * or an existing listener given by the ExistingListenerArn parameter.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR } from '../../ir/ir.js';
import type { Frontend, RouteResources, RoutedPort, Source } from './load-balancing.js';
import type { StackParams } from './parameters.js';
import { loadBalancerSettings, matchOf, type Route } from './settings.js';
import { addTargetGroup } from './target-groups.js';
import { warnOpenPorts } from './open-ports.js';
import { byName } from '../../passes/by-name.js';
import { fnIf, getAtt, ref, type Json, type Template } from './template.js';

/** The load balancer part of a listener ARN (`…:listener/app/name/id/listener-id` → `app/name/id`), in the template. */
function fullNameFromListener(listenerArn: unknown): unknown {
  const parts = [1, 2, 3].map((i) => ({ 'Fn::Select': [i, { 'Fn::Split': ['/', listenerArn] }] }));
  return { 'Fn::Join': ['/', parts] };
}

/** Listeners per Application Load Balancer (Elastic Load Balancing quotas). */
const MAX_LISTENERS = 50;

/** The listener a route is reached on, and why: its own published port, or the one shared listener. */
export function listenerPortOf(ir: EcsIR, route: Route): number {
  const lbs = loadBalancerSettings(ir);
  const https = Boolean(lbs.certificate_arn);
  const shared = lbs.listener_port ?? (https ? 443 : 80);
  const { paths, hosts } = matchOf(route.routing);
  // The seed's layout: path/host rules on one listener, asked for by routing or by a listener
  // port or certificate of the load balancer (for the port x-ecs.routing describes); otherwise
  // each published port is a listener, as docker compose publishes 8080 and 8081 apart. A
  // service's other ports keep their own: on the shared listener they would all be catch-alls.
  if (paths.length || hosts.length) return shared;
  return route.primary !== false && (lbs.listener_port !== undefined || https) ? shared : route.published;
}

/** The conditions of a route's listener rule; the catch-all `/*` when it sets neither path nor host. */
function conditionsOf(route: Route): Json[] {
  const { paths, hosts } = matchOf(route.routing);
  const conditions: Json[] = [];
  if (hosts.length) conditions.push({ Field: 'host-header', HostHeaderConfig: { Values: hosts } });
  if (paths.length || !hosts.length) conditions.push({ Field: 'path-pattern', PathPatternConfig: { Values: paths.length ? paths : ['/*'] } });
  return conditions;
}

/** Where a route's conditions were written: its routing path/host, else its published port. */
function routeAt(r: Route): (string | number)[] {
  const { paths, hosts } = matchOf(r.routing);
  if (paths.length || hosts.length) return ['services', r.service, 'x-ecs', 'routing', paths.length ? 'path' : 'host'];
  return ['services', r.service, ...(r.portIndex !== undefined ? ['ports', r.portIndex] : ['x-ecs', 'routing'])];
}

/** Whether the PORT_CONFLICT rule reports the two written ports (the same host address: one of them on every interface, or both on one). */
function portConflictSees(ir: EcsIR, a: Route, b: Route): boolean {
  const written = (r: Route) => (r.portIndex !== undefined ? ir.project.services[r.service]?.ports?.[r.portIndex] : undefined);
  const pa = written(a);
  const pb = written(b);
  if (!pa || !pb || !/^\d+$/.test(pa.published ?? '') || !/^\d+$/.test(pb.published ?? '')) return false;
  const any = (ip: string | undefined) => ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::';
  return any(pa.host_ip) || any(pb.host_ip) || pa.host_ip === pb.host_ip;
}

const shownAt = (r: Route): string => (r.portIndex !== undefined ? `services.${r.service}.ports[${r.portIndex}]` : `services.${r.service}.x-ecs.routing`);

/**
 * Drops the routes whose rule would match the same requests as an earlier one on the same
 * listener (services by name, then ports), with an error at the later one. Two ports publishing
 * the same host port without path or host are PORT_CONFLICT's finding already.
 */
function withoutConflicts(ir: EcsIR, routes: RoutedPort[], diagnostics: Diagnostic[]): RoutedPort[] {
  const order = [...routes].sort((a, b) => byName(a.route.service, b.route.service) || (a.route.portIndex ?? -1) - (b.route.portIndex ?? -1));
  const seen = new Map<string, Route>();
  const conflicting = new Set<RoutedPort>();
  for (const r of order) {
    const { paths, hosts } = matchOf(r.route.routing);
    const port = listenerPortOf(ir, r.route);
    const key = JSON.stringify([port, [...hosts].sort(), paths.length ? [...paths].sort() : ['/*']]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, r.route);
      continue;
    }
    conflicting.add(r);
    const samePublished = !paths.length && !hosts.length && !matchOf(first.routing).paths.length && !matchOf(first.routing).hosts.length && first.published === r.route.published && port === r.route.published && portConflictSees(ir, first, r.route);
    if (samePublished) continue;
    const what = paths.length || hosts.length ? `the same ${[hosts.length ? `host ${hosts.join(' ')}` : '', paths.length ? `path ${paths.join(' ')}` : ''].filter(Boolean).join(' and ')}` : 'the catch-all path /*';
    diagnostics.push(
      ir.diagnostic('CFN_ROUTE_CONFLICT', 'error', `${shownAt(r.route)} would be routed on listener port ${port} by ${what}, as ${shownAt(first)} already is: the load balancer would send every such request to ${first.service}, never to ${r.route.service}; give ${r.route.service} another x-ecs.routing.path or host, or publish it on another port`, routeAt(r.route)),
    );
  }
  return routes.filter((r) => !conflicting.has(r));
}

/**
 * Rules that only clash on one listener: an explicit x-ecs.routing.priority given twice is an
 * error on one listener ("a listener can't have multiple rules with the same priority", ELB
 * CreateRule); and where the stack may put every rule on the listener of the
 * ExistingListenerArn parameter, the same priority, or the same path and host (the catch-all
 * `/*` of two published ports), on listeners of their own is an info at the later route: the
 * stack as it deploys by default (its own listeners) keeps them apart, as compose does.
 */
function onOneListener(ir: EcsIR, routes: readonly RoutedPort[], existingListener: boolean, diagnostics: Diagnostic[]): void {
  const order = [...routes].sort((a, b) => byName(a.route.service, b.route.service) || (a.route.portIndex ?? -1) - (b.route.portIndex ?? -1));
  const byPriority = new Map<number, Route>();
  const byMatch = new Map<string, Route>();
  const existing = 'once the ExistingListenerArn parameter puts every rule on that one listener';
  for (const { route } of order) {
    const port = listenerPortOf(ir, route);
    const priority = route.routing.priority;
    const held = priority !== undefined ? byPriority.get(priority) : undefined;
    if (priority !== undefined && !held) byPriority.set(priority, route);
    const at = ['services', route.service, 'x-ecs', 'routing', 'priority'];
    if (held && listenerPortOf(ir, held) === port) {
      diagnostics.push(ir.diagnostic('CFN_ROUTE_CONFLICT', 'error', `services.${route.service}.x-ecs.routing.priority ${priority} is the priority of ${held.service}'s rule on the same listener (port ${port}), and a listener cannot have two rules of one priority: the stack would fail; give ${route.service} another priority`, at));
      continue;
    }
    if (!existingListener) continue;
    if (held) {
      diagnostics.push(ir.diagnostic('CFN_EXISTING_LISTENER_CONFLICT', 'info', `services.${route.service}.x-ecs.routing.priority ${priority} is also ${held.service}'s (listener port ${listenerPortOf(ir, held)}): ${existing}, the stack would fail, as a listener cannot have two rules of one priority; give ${route.service} another priority, or leave ExistingListenerArn empty`, at));
      continue;
    }
    const { paths, hosts } = matchOf(route.routing);
    const key = JSON.stringify([[...hosts].sort(), paths.length ? [...paths].sort() : ['/*']]);
    const first = byMatch.get(key);
    if (!first) {
      byMatch.set(key, route);
      continue;
    }
    const what = paths.length || hosts.length ? `the same ${[hosts.length ? `host ${hosts.join(' ')}` : '', paths.length ? `path ${paths.join(' ')}` : ''].filter(Boolean).join(' and ')}` : 'the catch-all path /*';
    diagnostics.push(
      ir.diagnostic('CFN_EXISTING_LISTENER_CONFLICT', 'info', `${shownAt(route)} is routed by ${what} on listener port ${port}, as ${shownAt(first)} is on port ${listenerPortOf(ir, first)}: ${existing}, every such request would go to ${first.service === route.service ? `${first.service}'s port ${first.port}, never to its port ${route.port}` : `${first.service}, never to ${route.service}`}; give ${route.service} an x-ecs.routing.path or host of its own, or leave ExistingListenerArn empty`, routeAt(route)),
    );
  }
}

export function addApplicationLoadBalancer(ir: EcsIR, t: Template, p: StackParams, all: RoutedPort[], out: Map<string, RouteResources>, diagnostics: Diagnostic[]): Frontend | undefined {
  const routes = withoutConflicts(ir, all, diagnostics);
  if (!routes.length) return undefined;
  const lbs = loadBalancerSettings(ir);
  // Without x-ecs.load_balancer.arn the stack creates the load balancer unless ExistingListenerArn names a listener.
  onOneListener(ir, routes, !(lbs.arn && lbs.type !== 'network'), diagnostics);
  const https = Boolean(lbs.certificate_arn);
  const sharedPort = lbs.listener_port ?? (https ? 443 : 80);
  const listenerPorts = [...new Set(routes.map((r) => listenerPortOf(ir, r.route)))].sort((a, b) => a - b);
  if (listenerPorts.length > MAX_LISTENERS) {
    const over = routes.find((r) => listenerPortOf(ir, r.route) === listenerPorts[MAX_LISTENERS]) as RoutedPort;
    diagnostics.push(ir.diagnostic('ECS_LIMIT', 'warning', `the Application Load Balancer would need ${listenerPorts.length} listeners, one per published host port; it takes at most ${MAX_LISTENERS}, so the stack would not deploy: route services by x-ecs.routing.path or host on one listener, or publish fewer ports`, routeAt(over.route)));
  }
  const listenerId = (port: number): string => (port === sharedPort ? 'Listener' : `Listener${port}`);
  const listenerProps = (loadBalancerArn: unknown, port: number): Json => ({
    LoadBalancerArn: loadBalancerArn,
    Port: port,
    Protocol: https && port === sharedPort ? 'HTTPS' : 'HTTP',
    ...(lbs.certificate_arn && port === sharedPort ? { Certificates: [{ CertificateArn: p.certificate(lbs.certificate_arn) }] } : {}),
    DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'no route' } }],
  });

  const existing: Source = { group: () => p.existingLoadBalancerSecurityGroup(), condition: () => p.hasExistingLoadBalancerSecurityGroup(), suffix: 'FromExistingLoadBalancer' };
  let frontend: Frontend;
  let listenerOf: (port: number) => unknown;
  if (lbs.arn && lbs.type !== 'network') {
    const arn = p.loadBalancerArn(lbs.arn);
    for (const port of listenerPorts) t.resource(listenerId(port), 'AWS::ElasticLoadBalancingV2::Listener', listenerProps(arn, port));
    listenerOf = (port) => ref(listenerId(port));
    frontend = {
      fullName: { 'Fn::Select': [1, { 'Fn::Split': [':loadbalancer/', arn] }] },
      sources: [existing],
    };
  } else {
    const create = p.createLoadBalancer();
    for (const port of listenerPorts) {
      const at = port === sharedPort ? ['x-ecs', 'load_balancer', 'listener_port'] : routeAt((routes.find((r) => listenerPortOf(ir, r.route) === port) as RoutedPort).route);
      warnOpenPorts(ir, diagnostics, '0.0.0.0/0', port, port, 'the Application Load Balancer the stack creates listens on it', at);
    }
    t.resource(
      'LoadBalancerSecurityGroup',
      'AWS::EC2::SecurityGroup',
      {
        GroupDescription: `Load balancer: ${https ? 'HTTPS' : 'HTTP'} from anywhere`,
        VpcId: p.vpc(),
        SecurityGroupIngress: listenerPorts.map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: '0.0.0.0/0' })),
      },
      { condition: create },
    );
    t.resource('LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'application', Scheme: lbs.scheme ?? 'internet-facing', Subnets: p.subnets(), SecurityGroups: [ref('LoadBalancerSecurityGroup')] }, { condition: create });
    for (const port of listenerPorts) t.resource(listenerId(port), 'AWS::ElasticLoadBalancingV2::Listener', listenerProps(ref('LoadBalancer'), port), { condition: create });
    t.output('LoadBalancerDnsName', getAtt('LoadBalancer', 'DNSName'), 'DNS name of the shared Application Load Balancer (when the stack creates it)', create);
    if (routes.some((r) => r.task.networkMode !== 'awsvpc')) {
      t.output('LoadBalancerSecurityGroupId', ref('LoadBalancerSecurityGroup'), 'Security group of the load balancer: admit it on the container instances\' host ports', create);
    }
    // With ExistingListenerArn every rule goes onto that one listener (priorities are unique across the stack).
    listenerOf = (port) => fnIf(create, ref(listenerId(port)), p.existingListener());
    frontend = {
      fullName: fnIf(create, getAtt('LoadBalancer', 'LoadBalancerFullName'), fullNameFromListener(p.existingListener())),
      dns: { condition: create },
      sources: [{ group: () => ref('LoadBalancerSecurityGroup'), condition: () => create, suffix: 'FromLoadBalancer' }, existing],
    };
  }

  if (routes.some((r) => r.task.networkMode === 'awsvpc')) requireExistingGroup(t, p, lbs.arn && lbs.type !== 'network' ? undefined : p.existingListener());

  const priorities = assignPriorities(routes.map((r) => r.route));
  const firstOf = new Set<string>();
  const taken = new Set(Object.keys(t.resources));
  routes.forEach((r, i) => {
    const listenerPort = listenerPortOf(ir, r.route);
    // A service's first route keeps the names of the one-route layout; its other published ports are named by port.
    let base = firstOf.has(r.id) ? `${r.id}Port${r.route.published}` : r.id;
    for (let n = 2; taken.has(`${base}TargetGroup`); n++) base = `${r.id}Port${r.route.published}N${n}`;
    firstOf.add(r.id);
    const tg = `${base}TargetGroup`;
    taken.add(tg);
    const ports = addTargetGroup(ir, t, p, tg, r.task, r.route, diagnostics);
    const { paths, hosts } = matchOf(r.route.routing);
    const rule = `${base}ListenerRule`;
    t.resource(rule, 'AWS::ElasticLoadBalancingV2::ListenerRule', { ListenerArn: listenerOf(listenerPort), Priority: priorities[i], Conditions: conditionsOf(r.route), Actions: [{ Type: 'forward', TargetGroupArn: ref(tg) }] });
    const res = out.get(r.task.name) as RouteResources;
    res.loadBalancers.push({ ContainerName: r.route.service, ContainerPort: r.route.port, TargetGroupArn: ref(tg) });
    res.dependsOn.push(rule);
    res.targetGroups.push({ id: tg, route: r.route });
    for (const port of ports) res.ingress.push({ port, protocol: 'tcp', sources: frontend.sources });

    const written = r.route.portIndex !== undefined && ir.project.services[r.route.service]?.ports?.[r.route.portIndex]?.published !== undefined;
    if (written && r.route.published !== listenerPort) {
      const at = ['services', r.route.service, 'ports', r.route.portIndex as number];
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'info', `services.${r.route.service}.ports[${String(r.route.portIndex)}] publishes ${r.route.published}; behind the shared load balancer ${r.route.service} is reached on its listener port ${listenerPort}${paths.length || hosts.length ? ` (${[...hosts, ...paths].join(' ')})` : ''}`, at));
    }
    const prefix = paths[0]?.replace(/\*.*$/, '') || '/';
    const secure = https && listenerPort === sharedPort;
    const origin = `${secure ? 'https' : 'http'}://`;
    const portPart = listenerPort === (secure ? 443 : 80) ? '' : `:${listenerPort}`;
    const host = hosts[0];
    if (host && !host.includes('*')) t.output(`${base}Url`, `${origin}${host}${portPart}${prefix}`, `URL of ${r.route.service}`);
    else if (frontend.dns) t.output(`${base}Url`, { 'Fn::Sub': `${origin}\${LoadBalancer.DNSName}${portPart}${prefix}` }, `URL of ${r.route.service}${base === r.id ? '' : ` on port ${listenerPort}`} (when the stack creates the load balancer)`, frontend.dns.condition);
  });
  return frontend;
}

/**
 * awsvpc tasks admit a load balancer the stack does not create only from the group
 * ExistingLoadBalancerSecurityGroupId names (alb `existing` source): left empty, no rule opens
 * their ports to it, the targets never turn healthy and the deployment rolls back. A Rules
 * assertion refuses that stack before anything is created: always with x-ecs.load_balancer.arn,
 * with ExistingListenerArn when one is given.
 */
function requireExistingGroup(t: Template, p: StackParams, existingListener: unknown): void {
  const given = (v: unknown) => ({ 'Fn::Not': [{ 'Fn::Equals': [v, ''] }] });
  t.rule(
    'ExistingLoadBalancerSecurityGroup',
    given(p.existingLoadBalancerSecurityGroup()),
    'ExistingLoadBalancerSecurityGroupId is required with an existing load balancer: the tasks admit it only from that security group',
    existingListener === undefined ? undefined : given(existingListener),
  );
}

/**
 * Listener rule priorities: explicit ones kept; host/path rules next, the most specific first
 * (host and path before either alone, then the longer fixed start of a path, an exact path
 * before a pattern, the longer fixed part of a host), ties by service name and port; catch-all
 * `/*` rules last. Never the order the services are written in: `services` has none
 * (02-model), and a general rule before a specific one would hide it.
 */
export function assignPriorities(routes: readonly Route[]): number[] {
  const used = new Set(routes.map((r) => r.routing.priority).filter((n): n is number => n !== undefined));
  let next = 1;
  let last = 50000;
  const take = (up: boolean): number => {
    if (up) while (used.has(next)) next++;
    else while (used.has(last)) last--;
    const n = up ? next : last;
    used.add(n);
    return n;
  };
  const out: number[] = routes.map((r) => r.routing.priority ?? 0);
  const open = routes.map((r, i) => ({ r, i, key: specificity(r) })).filter(({ r }) => r.routing.priority === undefined);
  open.sort((a, b) => compareKeys(a.key, b.key) || byName(a.r.service, b.r.service) || a.r.port - b.r.port || a.i - b.i);
  for (const { i, key } of open) if (!key.catchAll) out[i] = take(true);
  for (const { i, key } of open) if (key.catchAll) out[i] = take(false);
  return out;
}

interface Specificity {
  catchAll: boolean;
  conditions: number;
  /** The shortest fixed start (before a wildcard) of the rule's paths: the most it could match. */
  pathFixed: number;
  pathExact: boolean;
  hostFixed: number;
}

function specificity(r: Route): Specificity {
  const { paths, hosts } = matchOf(r.routing);
  const fixed = (s: string): number => (s.search(/[*?]/) < 0 ? s.length : s.search(/[*?]/));
  const least = (xs: number[]): number => xs.reduce((m, x) => Math.min(m, x), Infinity);
  const catchAll = !hosts.length && paths.every((x) => x === '/*');
  return {
    catchAll,
    conditions: (hosts.length ? 1 : 0) + (paths.length ? 1 : 0),
    pathFixed: paths.length ? least(paths.map(fixed)) : 0,
    pathExact: paths.length > 0 && paths.every((x) => !/[*?]/.test(x)),
    hostFixed: hosts.length ? least(hosts.map((h) => h.replace(/[*?]/g, '').length)) : 0,
  };
}

/** More specific first. */
function compareKeys(a: Specificity, b: Specificity): number {
  return b.conditions - a.conditions || b.pathFixed - a.pathFixed || Number(b.pathExact) - Number(a.pathExact) || b.hostFixed - a.hostFixed;
}
