/**
 * Issue 17, every published port reachable: a listener per published host port (as docker
 * compose publishes 8080 and 8081 apart), the one-listener routed layout x-ecs asks for, rules
 * that would match the same requests, and networks compose keeps from outside access.
 */
import { describe, expect, it } from 'vitest';
import { brief, compile, type Compiled, type Json, ofType, templateValidity } from './compile.js';

/** Each compiled stack passes cloudformation-validate (one validator for the file). */
const valid = templateValidity();

/** Listener port → the target groups its rules forward to. */
function forwards(template: Json): Record<number, string[]> {
  const listeners = ofType(template, 'AWS::ElasticLoadBalancingV2::Listener');
  const portOf = (arn: Json): number => {
    const id = (arn['Fn::If']?.[1] ?? arn).Ref as string;
    return listeners[id]?.Properties.Port as number;
  };
  const out: Record<number, string[]> = {};
  for (const rule of Object.values(ofType(template, 'AWS::ElasticLoadBalancingV2::ListenerRule'))) {
    const port = portOf(rule.Properties.ListenerArn);
    out[port] = [...(out[port] ?? []), rule.Properties.Actions[0].TargetGroupArn.Ref].sort();
  }
  return out;
}

const errors = (c: Compiled) => brief(c.diagnostics).filter((d) => d.includes(' error '));

describe('05-services ports: "published: The publicly exposed port": a listener per published host port', () => {
  it('web on 80 and admin on 8081 each get a listener of their own port, forwarding to their container port', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:8000"] }
  admin: { image: example/admin:1, ports: ["8081:80"] }
`);
    expect(errors(c)).toEqual([]);
    expect(forwards(c.template)).toEqual({ 80: ['WebTargetGroup'], 8081: ['AdminTargetGroup'] });
    expect(c.template.Resources.AdminTargetGroup.Properties.Port).toBe(80);
    expect(c.template.Resources.WebService.Properties.LoadBalancers).toEqual([{ ContainerName: 'web', ContainerPort: 8000, TargetGroupArn: { Ref: 'WebTargetGroup' } }]);
    await valid(c);
  });

  it('every published port of one service is routed: a target group and a listener each, all attached to its ECS service', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  app: { image: example/app:1, ports: ["8080:8080", "8081:9090"] }
`);
    expect(forwards(c.template)).toEqual({ 8080: ['AppTargetGroup'], 8081: ['AppPort8081TargetGroup'] });
    expect(c.template.Resources.AppService.Properties.LoadBalancers.map((l: Json) => l.ContainerPort)).toEqual([8080, 9090]);
    expect(c.template.Resources.AppService.DependsOn).toEqual(expect.arrayContaining(['AppListenerRule', 'AppPort8081ListenerRule']));
    await valid(c);
  });

  it('the load balancer\'s security group admits the world on its listener ports only and reaches the routed tasks on their ports only; the tasks admit it there', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:8000"] }
  admin: { image: example/admin:1, ports: ["8081:80"] }
`);
    const ingress = c.template.Resources.LoadBalancerSecurityGroup.Properties.SecurityGroupIngress as Json[];
    expect(ingress.map((r) => [r.FromPort, r.ToPort, r.CidrIp])).toEqual([
      [80, 80, '0.0.0.0/0'],
      [8081, 8081, '0.0.0.0/0'],
    ]);
    // Egress only to the routed tasks, on their target ports (not the default rule to everything).
    const egress = c.template.Resources.LoadBalancerSecurityGroup.Properties.SecurityGroupEgress as Json[];
    expect(egress.map((r) => [r.FromPort, r.ToPort, r.DestinationSecurityGroupId.Ref])).toEqual([
      [80, 80, 'AdminSecurityGroup'],
      [8000, 8000, 'WebSecurityGroup'],
    ]);
    const fromLb = Object.values(ofType(c.template, 'AWS::EC2::SecurityGroupIngress')).filter((r) => r.Properties.SourceSecurityGroupId?.Ref === 'LoadBalancerSecurityGroup');
    expect(fromLb.map((r) => [r.Properties.FromPort, r.Properties.ToPort]).sort()).toEqual([
      [80, 80],
      [8000, 8000],
    ]);
    await valid(c);
  });

  it('a well-known non-HTTP port (9092) goes through the Network Load Balancer as TCP, a UDP port as UDP', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:80", "9092:9092", "53:53/udp"] }
`);
    expect(Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::TargetGroup')).sort()).toEqual(['WebTargetGroup', 'WebTcp9092TargetGroup', 'WebUdp53TargetGroup']);
    await valid(c);
  });

  it('a published database port (5432) is routed as TCP and opened to anyone, with a warning at the port', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  db: { image: postgres:16, ports: ["5432:5432"] }
`);
    expect(c.template.Resources.DbTcp5432Listener.Properties).toMatchObject({ Port: 5432, Protocol: 'TCP' });
    expect(brief(c.diagnostics)).toContain('CFN_OPEN_PORT warning /services/db/ports/0');
  });

  // A container that terminates TLS itself (traefik's 443, kong's 8443) or speaks a database
  // protocol on a pooler port (supabase's supavisor on 6543, pgbouncer's 6432): compose
  // publishes the port as it is, so the stack passes it through as TCP; an HTTP listener in
  // front would speak plain HTTP to a TLS port, or HTTP to a Postgres client.
  it('TLS ports (443, 8443) and pooler ports (6432, 6543) are passed through as TCP, not put behind an HTTP listener', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  proxy: { image: traefik:v3.1, ports: ["80:80", "443:443"] }
  kong: { image: kong:2.8.1, ports: ["8000:8000", "8443:8443"] }
  pooler: { image: supabase/supavisor:2.7.4, ports: ["6543:6543", "6432:6432"] }
`);
    const listeners = Object.values(ofType(c.template, 'AWS::ElasticLoadBalancingV2::Listener')).map((l) => `${l.Properties.Port} ${l.Properties.Protocol}`).sort();
    expect(listeners).toEqual(['443 TCP', '6432 TCP', '6543 TCP', '80 HTTP', '8000 HTTP', '8443 TCP']);
    await valid(c);
  });

  it('app_protocol decides HTTP or not: a port named http goes through the ALB, one named postgresql through the NLB', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  a: { image: example/a:1, ports: [{ target: 5432, published: "5432", app_protocol: http }, { target: 9000, published: "9000", app_protocol: postgresql }] }
`);
    expect(c.template.Resources.ATargetGroup.Properties.Protocol).toBe('HTTP');
    expect(c.template.Resources.ATcp9000TargetGroup.Properties.Protocol).toBe('TCP');
  });

  // "Ports can be either a single value or a range": each port of a range is published, so each is a listener, up to ECS's five target groups per service.
  it('a range is one listener per port up to five (ECS target groups per service); the rest are a warning at the first port left out', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  app: { image: example/app:1, ports: ["8000-8006:8000-8006"] }
`);
    expect(Object.keys(forwards(c.template)).map(Number)).toEqual([8000, 8001, 8002, 8003, 8004]);
    expect(brief(c.diagnostics)).toContain('ECS_LIMIT warning /services/app/ports/5');
    await valid(c);
  });
});

describe('05-services ports: "just the container port … the container runtime automatically allocates any unassigned port of the host"', () => {
  it('x-ecs.routing by path routes the first port when none gives a host port (the guide\'s boot: ports ["8080"], path /boot)', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["5000:5000"], x-ecs: { routing: { path: /* } } }
  boot: { image: example/boot:1, ports: ["8080"], x-ecs: { routing: { path: [/boot, /boot/*] } } }
`);
    expect(errors(c)).toEqual([]);
    expect(forwards(c.template)).toEqual({ 80: ['BootTargetGroup', 'WebTargetGroup'] });
    expect(c.template.Resources.BootService.Properties.LoadBalancers).toEqual([{ ContainerName: 'boot', ContainerPort: 8080, TargetGroupArn: { Ref: 'BootTargetGroup' } }]);
    expect(brief(c.diagnostics).filter((d) => d.includes('/services/boot/ports'))).toEqual([]);
    await valid(c);
  });

  it('a port without a host port and no x-ecs.routing: no listener, and a warning at the port saying how to route it', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  search: { image: example/search:1, ports: ["9200", "9300"] }
`);
    expect(ofType(c.template, 'AWS::ElasticLoadBalancingV2::ListenerRule')).toEqual({});
    expect(brief(c.diagnostics).filter((d) => d.includes('/services/search/ports'))).toEqual(['CFN_UNSUPPORTED_FIELD warning /services/search/ports/0']);
    expect(c.diagnostics.find((d) => d.path === '/services/search/ports/0')?.message).toContain('"HOST:9200"');
  });
});

describe('Elastic Load Balancing quotas: 50 listeners per Application Load Balancer', () => {
  it('a listener per published port past 50 is a warning at the first port over the limit', async () => {
    const services = Array.from({ length: 51 }, (_, i) => `  s${String(i).padStart(2, '0')}: { image: example/s:1, ports: ["${8000 + i}:80"] }\n`).join('');
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n${services}`);
    expect(brief(c.diagnostics).filter((d) => d.startsWith('ECS_LIMIT'))).toEqual(['ECS_LIMIT warning /services/s50/ports/0']);
  });
});

describe('x-ecs routing: the seed\'s one-listener layout, a rule per service by path or host', () => {
  it('services with a path or host share the one listener; a service without routing keeps its own port', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["8080:8080"], x-ecs: { routing: { path: /* } } }
  api: { image: example/api:1, ports: ["8000:8000"], x-ecs: { routing: { path: /api/* } } }
  metrics: { image: example/metrics:1, ports: ["9100:9100"] }
`);
    expect(errors(c)).toEqual([]);
    expect(forwards(c.template)).toEqual({ 80: ['ApiTargetGroup', 'WebTargetGroup'], 9100: ['MetricsTargetGroup'] });
    await valid(c);
  });

  it('x-ecs.load_balancer.listener_port puts every HTTP service on that one listener', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE, load_balancer: { listener_port: 8443 } }
services:
  web: { image: example/web:1, ports: ["80:8080"] }
  api: { image: example/api:1, ports: ["8000:8000"], x-ecs: { routing: { path: /api/* } } }
`);
    expect(forwards(c.template)).toEqual({ 8443: ['ApiTargetGroup', 'WebTargetGroup'] });
  });

  // Found by the listener property: every other port of a service was a catch-all on the shared listener, all alike.
  it('in the one-listener layout a service\'s other published ports keep listeners of their own (HTTP), the routed one the shared HTTPS listener', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE, load_balancer: { certificate_arn: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f" } }
services:
  app: { image: example/app:1, ports: ["80:8080", "9000:9000", "9001:9001"], x-ecs: { routing: { path: /app/* } } }
`);
    expect(errors(c)).toEqual([]);
    expect(forwards(c.template)).toEqual({ 443: ['AppTargetGroup'], 9000: ['AppPort9000TargetGroup'], 9001: ['AppPort9001TargetGroup'] });
    expect(c.template.Resources.Listener.Properties.Protocol).toBe('HTTPS');
    expect(c.template.Resources.Listener9000.Properties.Protocol).toBe('HTTP');
    expect(c.template.Resources.Listener9000.Properties.Certificates).toBeUndefined();
    await valid(c);
  });
});

describe('two rules matching the same requests on one listener: CFN_ROUTE_CONFLICT at the second service', () => {
  it('the same path on the shared listener: an error at the second service\'s routing path, whatever the order of the file', async () => {
    for (const order of [['a', 'b'], ['b', 'a']]) {
      const svc = (n: string, port: number) => `  ${n}: { image: example/${n}:1, ports: ["${port}:80"], x-ecs: { routing: { path: /api/* } } }\n`;
      const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n${svc(order[0] as string, order[0] === 'a' ? 8001 : 8002)}${svc(order[1] as string, order[1] === 'a' ? 8001 : 8002)}`);
      expect(errors(c)).toEqual(['CFN_ROUTE_CONFLICT error /services/b/x-ecs/routing/path']);
      expect(c.diagnostics.find((d) => d.code === 'CFN_ROUTE_CONFLICT')?.message).toMatch(/services\.a\.ports\[0\]/);
    }
  });

  it('two services both on the catch-all /* of one listener (listener_port): an error at the second one\'s port', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE, load_balancer: { listener_port: 80 } }
services:
  web: { image: example/web:1, ports: ["8080:8080"] }
  admin: { image: example/admin:1, ports: ["8081:80"] }
`);
    expect(errors(c)).toEqual(['CFN_ROUTE_CONFLICT error /services/web/ports/0']);
  });

  it('the same host with different paths is no conflict', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["8080:8080"], x-ecs: { routing: { host: shop.example.com } } }
  api: { image: example/api:1, ports: ["8000:8000"], x-ecs: { routing: { host: shop.example.com, path: /api/* } } }
`);
    expect(errors(c)).toEqual([]);
    await valid(c);
  });

  it('two plain services publishing the same host port: PORT_CONFLICT (an error on the stack), reported once', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:8080"] }
  admin: { image: example/admin:1, ports: ["80:80"] }
`);
    expect(errors(c)).toEqual(['PORT_CONFLICT error /services/web/ports/0']);
  });

  // ECS publishes on every interface, so a port bound to one host address is left out of the
  // task (a warning at its host_ip) and, since session 10, not routed either: no listener, so
  // two such ports on one host port no longer clash on one.
  it('the same host port on two host addresses (no PORT_CONFLICT): neither port is mapped or routed, each says so at its host_ip', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["10.0.0.1:80:8080"] }
  admin: { image: example/admin:1, ports: ["10.0.0.2:80:80"] }
`);
    expect(errors(c)).toEqual([]);
    expect(brief(c.diagnostics).filter((d) => d.includes('host_ip'))).toEqual(['ECS_UNSUPPORTED_FIELD warning /services/admin/ports/0/host_ip', 'ECS_UNSUPPORTED_FIELD warning /services/web/ports/0/host_ip']);
    expect(ofType(c.template, 'AWS::ElasticLoadBalancingV2::Listener')).toEqual({});
  });
});

// ELB CreateRule, Priority: "A listener can't have multiple rules with the same priority." With the
// ExistingListenerArn parameter every rule of the stack goes onto that one listener.
describe('rules that clash once on one listener: ExistingListenerArn, and x-ecs.routing.priority', () => {
  const LB_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/50dc6c495c0c9188';
  const noted = (c: Compiled) => brief(c.diagnostics).filter((d) => d.startsWith('CFN_EXISTING_LISTENER_CONFLICT'));

  it('two catch-all /* rules on listeners of their own (80, 8081): an info at the later service\'s port, the stack still valid', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:8000"] }
  admin: { image: example/admin:1, ports: ["8081:80"] }
`);
    expect(errors(c)).toEqual([]);
    expect(noted(c)).toEqual(['CFN_EXISTING_LISTENER_CONFLICT info /services/web/ports/0']);
    expect(c.diagnostics.find((d) => d.code === 'CFN_EXISTING_LISTENER_CONFLICT')?.message).toContain('ExistingListenerArn');
    await valid(c);
  });

  // kong publishes 8000 and 8001 (admin): both catch-all rules are kong's own.
  it('two catch-all rules of one service name its ports, not the service twice', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  kong: { image: kong:2.8.1, ports: ["8000:8000", "8001:8001"] }
`);
    const message = c.diagnostics.find((d) => d.code === 'CFN_EXISTING_LISTENER_CONFLICT')?.message ?? '';
    expect(message).toContain("would go to kong's port 8000, never to its port 8001");
    expect(message).not.toContain('never to kong');
  });

  it('a path of its own beside a catch-all on another listener: no finding', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["8080:8000"], x-ecs: { routing: { path: /shop/* } } }
  admin: { image: example/admin:1, ports: ["8081:80"] }
`);
    expect(Object.keys(forwards(c.template))).toEqual(['80', '8081']);
    expect(noted(c)).toEqual([]);
  });

  it('x-ecs.load_balancer.arn: the stack adds listeners of its own to that load balancer, no ExistingListenerArn, no finding', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE, load_balancer: { arn: "${LB_ARN}" } }
services:
  web: { image: example/web:1, ports: ["80:8000"] }
  admin: { image: example/admin:1, ports: ["8081:80"] }
`);
    expect(c.template.Parameters.ExistingListenerArn).toBeUndefined();
    expect(noted(c)).toEqual([]);
  });

  it('one x-ecs.routing.priority on two listeners of their own: an info at the later priority', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:8000"], x-ecs: { routing: { path: /shop/*, priority: 10 } } }
  admin: { image: example/admin:1, ports: ["8081:80"], x-ecs: { routing: { priority: 10 } } }
`);
    expect(errors(c)).toEqual([]);
    expect(noted(c)).toEqual(['CFN_EXISTING_LISTENER_CONFLICT info /services/web/x-ecs/routing/priority']);
  });

  it('one x-ecs.routing.priority on the one shared listener: CFN_ROUTE_CONFLICT, an error at the later priority', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:8000"], x-ecs: { routing: { path: /shop/*, priority: 10 } } }
  admin: { image: example/admin:1, ports: ["8081:80"], x-ecs: { routing: { path: /admin/*, priority: 10 } } }
`);
    expect(errors(c)).toEqual(['CFN_ROUTE_CONFLICT error /services/web/x-ecs/routing/priority']);
  });
});

describe('06-networks internal: "create an externally isolated network": nothing from the load balancer', () => {
  const project = (networks: string) => `x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:8000"], networks: [front] }
  admin: { image: example/admin:1, ports: ["8081:80"], networks: ${networks} }
networks:
  front: {}
  back: { internal: true }
`;

  it('a service only on internal networks gets no target group or listener, and a warning at each published port', async () => {
    const c = await compile(project('[back]'));
    expect(forwards(c.template)).toEqual({ 80: ['WebTargetGroup'] });
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD warning /services/admin/ports/0');
    expect(c.template.Resources.Listener8081).toBeUndefined();
    await valid(c);
  });

  it('a service also on a non-internal network is routed', async () => {
    const c = await compile(project('[back, front]'));
    expect(forwards(c.template)).toEqual({ 80: ['WebTargetGroup'], 8081: ['AdminTargetGroup'] });
    expect(brief(c.diagnostics)).not.toContain('CFN_UNSUPPORTED_FIELD warning /services/admin/ports/0');
  });
});
