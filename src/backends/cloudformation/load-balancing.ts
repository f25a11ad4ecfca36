/**
 * One Application Load Balancer shared by every routed HTTP service (each with its own target
 * group and listener rule by path and/or host), and a Network Load Balancer for ports that are
 * not HTTP. Both can be replaced by an existing listener through parameters.
 */
import type { IR, Task } from '../../ir/ir.js';
import { DEFAULT_DEREGISTRATION_DELAY, loadBalancerSettings, type Route } from './settings.js';
import { fnIf, getAtt, ref, type Json, type Template } from './template.js';
import type { StackParams } from './parameters.js';

export interface RoutedTask {
  task: Task;
  id: string;
  routes: Route[];
}

/** Logical IDs of what a service's ECS service must reference and wait for. */
export interface RouteResources {
  loadBalancers: Json[];
  dependsOn: string[];
  /** Security group ingress sources for the routed ports. */
  ingress: { port: number; protocol: string; source: unknown; cidr?: string }[];
  /** Target group logical IDs. */
  targetGroups: string[];
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function addLoadBalancing(ir: IR, t: Template, p: StackParams, routed: RoutedTask[]): Map<string, RouteResources> {
  const out = new Map<string, RouteResources>();
  const all = routed.flatMap((r) => r.routes.map((route) => ({ ...r, route })));
  const alb = all.filter((r) => r.route.kind === 'alb');
  const nlb = all.filter((r) => r.route.kind === 'nlb');
  const lbs = loadBalancerSettings(ir);
  for (const r of routed) out.set(r.task.name, { loadBalancers: [], dependsOn: [], ingress: [], targetGroups: [] });

  let listener: unknown;

  if (alb.length) {
    const create = p.createLoadBalancer();
    const listenerPort = lbs.listener_port ?? (lbs.certificate_arn ? 443 : 80);
    t.resource(
      'LoadBalancerSecurityGroup',
      'AWS::EC2::SecurityGroup',
      {
        GroupDescription: 'Load balancer: HTTP(S) from anywhere',
        VpcId: p.vpc(),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: listenerPort, ToPort: listenerPort, CidrIp: '0.0.0.0/0' }],
      },
      { condition: create },
    );
    t.resource('LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'application', Scheme: lbs.scheme ?? 'internet-facing', Subnets: p.subnets(), SecurityGroups: [ref('LoadBalancerSecurityGroup')] }, { condition: create });
    t.resource(
      'Listener',
      'AWS::ElasticLoadBalancingV2::Listener',
      {
        LoadBalancerArn: ref('LoadBalancer'),
        Port: listenerPort,
        Protocol: lbs.certificate_arn ? 'HTTPS' : 'HTTP',
        ...(lbs.certificate_arn ? { Certificates: [{ CertificateArn: lbs.certificate_arn }] } : {}),
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'no route' } }],
      },
      { condition: create },
    );
    listener = fnIf(create, ref('Listener'), p.existingListener());
    t.output('LoadBalancerDnsName', getAtt('LoadBalancer', 'DNSName'), 'DNS name of the shared Application Load Balancer (when the stack creates it)', create);
  }

  const priorities = assignPriorities(alb.map((a) => a.route));
  alb.forEach((r, i) => {
    const tg = `${r.id}TargetGroup`;
    const awsvpc = r.task.networkMode === 'awsvpc';
    const hc = r.route.routing.health_check ?? {};
    t.resource(tg, 'AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: r.route.port,
      Protocol: r.route.protocol === 'HTTPS' ? 'HTTPS' : 'HTTP',
      TargetType: awsvpc ? 'ip' : 'instance',
      VpcId: p.vpc(),
      HealthCheckPath: hc.path ?? '/',
      ...(hc.interval !== undefined ? { HealthCheckIntervalSeconds: hc.interval } : {}),
      ...(hc.timeout !== undefined ? { HealthCheckTimeoutSeconds: hc.timeout } : {}),
      ...(hc.healthy_threshold !== undefined ? { HealthyThresholdCount: hc.healthy_threshold } : {}),
      ...(hc.unhealthy_threshold !== undefined ? { UnhealthyThresholdCount: hc.unhealthy_threshold } : {}),
      ...(hc.matcher ? { Matcher: { HttpCode: hc.matcher } } : {}),
      TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(r.route.routing.deregistration_delay ?? DEFAULT_DEREGISTRATION_DELAY) }],
    });
    const rule = `${r.id}ListenerRule`;
    const conditions: Json[] = [];
    const paths = asList(r.route.routing.path);
    const hosts = asList(r.route.routing.host);
    if (hosts.length) conditions.push({ Field: 'host-header', HostHeaderConfig: { Values: hosts } });
    if (paths.length || !hosts.length) conditions.push({ Field: 'path-pattern', PathPatternConfig: { Values: paths.length ? paths : ['/*'] } });
    t.resource(rule, 'AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: listener,
      Priority: priorities[i],
      Conditions: conditions,
      Actions: [{ Type: 'forward', TargetGroupArn: ref(tg) }],
    });
    const res = out.get(r.task.name) as RouteResources;
    res.loadBalancers.push({ ContainerName: r.route.service, ContainerPort: r.route.port, TargetGroupArn: ref(tg) });
    res.dependsOn.push(rule);
    res.targetGroups.push(tg);
    if (awsvpc) res.ingress.push({ port: r.route.port, protocol: 'tcp', source: 'load-balancer' });
    const prefix = paths[0]?.replace(/\*.*$/, '') ?? '/';
    const host = hosts[0];
    if (host) t.output(`${r.id}Url`, `http://${host}${prefix}`, `URL of ${r.route.service}`);
    else t.output(`${r.id}Url`, { 'Fn::Sub': `http://\${LoadBalancer.DNSName}${prefix}` }, `URL of ${r.route.service} (when the stack creates the load balancer)`, p.createLoadBalancer());
  });

  if (nlb.length) {
    t.resource('NetworkLoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Scheme: lbs.scheme ?? 'internet-facing', Subnets: p.subnets() });
    t.output('NetworkLoadBalancerDnsName', getAtt('NetworkLoadBalancer', 'DNSName'), 'DNS name of the Network Load Balancer');
  }
  for (const r of nlb) {
    const suffix = `${r.route.protocol === 'UDP' ? 'Udp' : 'Tcp'}${r.route.port}`;
    const tg = `${r.id}${suffix}TargetGroup`;
    const awsvpc = r.task.networkMode === 'awsvpc';
    t.resource(tg, 'AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: r.route.port,
      Protocol: r.route.protocol,
      TargetType: awsvpc ? 'ip' : 'instance',
      VpcId: p.vpc(),
      TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(r.route.routing.deregistration_delay ?? DEFAULT_DEREGISTRATION_DELAY) }],
    });
    const listenerId = `${r.id}${suffix}Listener`;
    t.resource(listenerId, 'AWS::ElasticLoadBalancingV2::Listener', {
      LoadBalancerArn: ref('NetworkLoadBalancer'),
      Port: r.route.routing.listener_port ?? r.route.published,
      Protocol: r.route.protocol,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(tg) }],
    });
    const res = out.get(r.task.name) as RouteResources;
    res.loadBalancers.push({ ContainerName: r.route.service, ContainerPort: r.route.port, TargetGroupArn: ref(tg) });
    res.dependsOn.push(listenerId);
    res.targetGroups.push(tg);
    // A Network Load Balancer keeps the client's address: the port is open to the clients.
    res.ingress.push({ port: r.route.port, protocol: r.route.protocol === 'UDP' ? 'udp' : 'tcp', source: undefined, cidr: '0.0.0.0/0' });
  }
  return out;
}

/**
 * Listener rule priorities: explicit ones kept; host/path rules next, in file order; catch-all
 * `/*` rules last, so a specific route always wins over a general one.
 */
export function assignPriorities(routes: readonly Route[]): number[] {
  const used = new Set(routes.map((r) => r.routing.priority).filter((p): p is number => p !== undefined));
  let next = 1;
  let last = 50000;
  const take = (dir: 1 | -1): number => {
    if (dir === 1) {
      while (used.has(next)) next++;
      used.add(next);
      return next;
    }
    while (used.has(last)) last--;
    used.add(last);
    return last;
  };
  return routes.map((r) => {
    if (r.routing.priority !== undefined) return r.routing.priority;
    const catchAll = !asList(r.routing.host).length && (!asList(r.routing.path).length || asList(r.routing.path).every((p) => p === '/*'));
    return take(catchAll ? -1 : 1);
  });
}
