/**
 * The Network Load Balancer for the ports that are not HTTP (TCP, UDP, TLS), or for every
 * routed port with `x-ecs.load_balancer.type: network`: one listener per published port, each
 * forwarding to the target group of its container port. With `load_balancer.arn` the listeners go on that one.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR } from '../../ir/ir.js';
import type { RouteResources, RoutedPort } from './load-balancing.js';
import type { StackParams } from './parameters.js';
import { loadBalancerSettings, type Route } from './settings.js';
import { addTargetGroup } from './target-groups.js';
import { getAtt, ref, type Json, type Template } from './template.js';

export function addNetworkLoadBalancer(ir: EcsIR, t: Template, p: StackParams, routes: RoutedPort[], out: Map<string, RouteResources>, diagnostics: Diagnostic[]): void {
  const lbs = loadBalancerSettings(ir);
  const existing = lbs.type === 'network' ? lbs.arn : undefined;
  let loadBalancerArn: unknown = existing ? p.loadBalancerArn(existing) : undefined;
  if (!existing) {
    t.resource('NetworkLoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Scheme: lbs.scheme ?? 'internet-facing', Subnets: p.subnets() });
    t.output('NetworkLoadBalancerDnsName', getAtt('NetworkLoadBalancer', 'DNSName'), 'DNS name of the Network Load Balancer');
    loadBalancerArn = ref('NetworkLoadBalancer');
  }
  const taken = new Map<number, Route>();
  const targetGroups = new Set<string>();
  for (const r of routes) {
    const listenerPort = r.route.routing.listener_port ?? r.route.published;
    const where = ['services', r.route.service, ...(r.route.portIndex !== undefined ? ['ports', r.route.portIndex] : ['x-ecs', 'routing'])];
    const prior = taken.get(listenerPort);
    if (prior !== undefined) {
      // Two services publishing one host port and protocol: PORT_CONFLICT says so at this port already.
      const portConflict = prior.portIndex !== undefined && r.route.portIndex !== undefined && prior.routing.listener_port === undefined && r.route.routing.listener_port === undefined && prior.protocol === r.route.protocol && prior.published === r.route.published;
      if (!portConflict) diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${r.route.service}: port ${listenerPort} of the Network Load Balancer already forwards to ${prior.service}, so container port ${r.route.port} is not routed; publish it on another port or set x-ecs.routing.listener_port`, where));
      continue;
    }
    taken.set(listenerPort, r.route);
    let listenerProtocol: Route['protocol'] = r.route.protocol;
    if (listenerProtocol === 'TLS' && !lbs.certificate_arn) {
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${r.route.service}.x-ecs.routing.protocol TLS needs a certificate (x-ecs.load_balancer.certificate_arn); the port is forwarded as plain TCP`, ['services', r.route.service, 'x-ecs', 'routing', 'protocol']));
      listenerProtocol = 'TCP';
    }
    // The load balancer ends TLS and forwards TCP to the container.
    const route: Route = { ...r.route, protocol: listenerProtocol === 'TLS' ? 'TCP' : listenerProtocol };
    const suffix = `${listenerProtocol === 'TCP_UDP' ? 'TcpUdp' : listenerProtocol.charAt(0) + listenerProtocol.slice(1).toLowerCase()}${r.route.port}`;
    const tg = `${r.id}${suffix}TargetGroup`;
    // A second published port to the same container port (8080:80 and 9090:80) is a second
    // listener forwarding to the same target group; its listener and output carry the listener port.
    const again = targetGroups.has(tg);
    const ports = again ? [] : addTargetGroup(ir, t, p, tg, r.task, route, diagnostics);
    targetGroups.add(tg);
    const named = again ? `${r.id}${suffix}Port${listenerPort}` : `${r.id}${suffix}`;
    const listener = `${named}Listener`;
    const props: Json = { LoadBalancerArn: loadBalancerArn, Port: listenerPort, Protocol: listenerProtocol, DefaultActions: [{ Type: 'forward', TargetGroupArn: ref(tg) }] };
    if (listenerProtocol === 'TLS' && lbs.certificate_arn) props.Certificates = [{ CertificateArn: p.certificate(lbs.certificate_arn) }];
    t.resource(listener, 'AWS::ElasticLoadBalancingV2::Listener', props);
    if (!existing) t.output(`${named}Endpoint`, { 'Fn::Sub': `\${NetworkLoadBalancer.DNSName}:${listenerPort}` }, `Address of ${r.route.service} port ${r.route.port}/${route.protocol.toLowerCase()}`);

    const res = out.get(r.task.name) as RouteResources;
    res.dependsOn.push(listener);
    if (again) continue;
    res.loadBalancers.push({ ContainerName: r.route.service, ContainerPort: r.route.port, TargetGroupArn: ref(tg) });
    res.targetGroups.push({ id: tg, route });
    // A Network Load Balancer without security groups keeps the client's address: the port is open to the clients.
    ports.forEach((port, i) => {
      const protocols = i > 0 ? ['tcp'] : route.protocol === 'UDP' ? ['udp'] : route.protocol === 'TCP_UDP' ? ['tcp', 'udp'] : ['tcp'];
      for (const protocol of protocols) res.ingress.push({ port, protocol, cidr: '0.0.0.0/0', at: where });
    });
  }
}
