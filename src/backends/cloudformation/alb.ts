/**
 * The Application Load Balancer every routed HTTP service shares: one listener, and per
 * service a target group and a listener rule by path and/or host. The load balancer is the
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

export function addApplicationLoadBalancer(ir: EcsIR, t: Template, p: StackParams, routes: RoutedPort[], out: Map<string, RouteResources>, diagnostics: Diagnostic[]): Frontend {
  const lbs = loadBalancerSettings(ir);
  const https = Boolean(lbs.certificate_arn);
  const listenerPort = lbs.listener_port ?? (https ? 443 : 80);
  const listenerProps = (loadBalancerArn: unknown): Json => ({
    LoadBalancerArn: loadBalancerArn,
    Port: listenerPort,
    Protocol: https ? 'HTTPS' : 'HTTP',
    ...(lbs.certificate_arn ? { Certificates: [{ CertificateArn: p.certificate(lbs.certificate_arn) }] } : {}),
    DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'no route' } }],
  });

  const existing: Source = { group: () => p.existingLoadBalancerSecurityGroup(), condition: () => p.hasExistingLoadBalancerSecurityGroup(), suffix: 'FromExistingLoadBalancer' };
  let frontend: Frontend;
  if (lbs.arn && lbs.type !== 'network') {
    const arn = p.loadBalancerArn(lbs.arn);
    t.resource('Listener', 'AWS::ElasticLoadBalancingV2::Listener', listenerProps(arn));
    frontend = {
      listener: ref('Listener'),
      fullName: { 'Fn::Select': [1, { 'Fn::Split': [':loadbalancer/', arn] }] },
      sources: [existing],
    };
  } else {
    const create = p.createLoadBalancer();
    warnOpenPorts(ir, diagnostics, '0.0.0.0/0', listenerPort, listenerPort, 'the Application Load Balancer the stack creates listens on it', ['x-ecs', 'load_balancer', 'listener_port']);
    t.resource(
      'LoadBalancerSecurityGroup',
      'AWS::EC2::SecurityGroup',
      {
        GroupDescription: `Load balancer: ${https ? 'HTTPS' : 'HTTP'} from anywhere`,
        VpcId: p.vpc(),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: listenerPort, ToPort: listenerPort, CidrIp: '0.0.0.0/0' }],
      },
      { condition: create },
    );
    t.resource('LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'application', Scheme: lbs.scheme ?? 'internet-facing', Subnets: p.subnets(), SecurityGroups: [ref('LoadBalancerSecurityGroup')] }, { condition: create });
    t.resource('Listener', 'AWS::ElasticLoadBalancingV2::Listener', listenerProps(ref('LoadBalancer')), { condition: create });
    t.output('LoadBalancerDnsName', getAtt('LoadBalancer', 'DNSName'), 'DNS name of the shared Application Load Balancer (when the stack creates it)', create);
    if (routes.some((r) => r.task.networkMode !== 'awsvpc')) {
      t.output('LoadBalancerSecurityGroupId', ref('LoadBalancerSecurityGroup'), 'Security group of the load balancer: admit it on the container instances\' host ports', create);
    }
    frontend = {
      listener: fnIf(create, ref('Listener'), p.existingListener()),
      fullName: fnIf(create, getAtt('LoadBalancer', 'LoadBalancerFullName'), fullNameFromListener(p.existingListener())),
      dns: { condition: create },
      sources: [{ group: () => ref('LoadBalancerSecurityGroup'), condition: () => create, suffix: 'FromLoadBalancer' }, existing],
    };
  }

  const priorities = assignPriorities(routes.map((r) => r.route));
  routes.forEach((r, i) => {
    const tg = `${r.id}TargetGroup`;
    const ports = addTargetGroup(ir, t, p, tg, r.task, r.route, diagnostics);
    const { paths, hosts } = matchOf(r.route.routing);
    const conditions: Json[] = [];
    if (hosts.length) conditions.push({ Field: 'host-header', HostHeaderConfig: { Values: hosts } });
    if (paths.length || !hosts.length) conditions.push({ Field: 'path-pattern', PathPatternConfig: { Values: paths.length ? paths : ['/*'] } });
    const rule = `${r.id}ListenerRule`;
    t.resource(rule, 'AWS::ElasticLoadBalancingV2::ListenerRule', { ListenerArn: frontend.listener, Priority: priorities[i], Conditions: conditions, Actions: [{ Type: 'forward', TargetGroupArn: ref(tg) }] });
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
    const origin = `${https ? 'https' : 'http'}://`;
    const portPart = listenerPort === (https ? 443 : 80) ? '' : `:${listenerPort}`;
    const host = hosts[0];
    if (host && !host.includes('*')) t.output(`${r.id}Url`, `${origin}${host}${portPart}${prefix}`, `URL of ${r.route.service}`);
    else if (frontend.dns) t.output(`${r.id}Url`, { 'Fn::Sub': `${origin}\${LoadBalancer.DNSName}${portPart}${prefix}` }, `URL of ${r.route.service} (when the stack creates the load balancer)`, frontend.dns.condition);
  });
  return frontend;
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
