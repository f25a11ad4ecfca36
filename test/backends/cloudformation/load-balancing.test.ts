import { describe, expect, it } from 'vitest';
import { assignPriorities } from '../../../src/backends/cloudformation/alb.js';
import type { Route } from '../../../src/backends/cloudformation/settings.js';
import { brief, compile, ofType, templateValidity } from './compile.js';

/** Each compiled stack passes cloudformation-validate (one validator for the file). */
const valid = templateValidity();

const LB_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/50dc6c495c0c9188';
const NLB_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/shared/50dc6c495c0c9188';

describe('the shared Application Load Balancer', () => {
  it('every routed HTTP service gets a target group and a listener rule on one listener; the service waits for its rule', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:8080"], x-ecs: { routing: { path: /* } } }
  api: { image: example/api:1, ports: ["8000:8000"], x-ecs: { routing: { path: /api/*, host: api.example.com } } }
`);
    expect(Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer'))).toEqual(['LoadBalancer']);
    expect(Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::Listener'))).toEqual(['Listener']);
    expect(c.template.Resources.ApiListenerRule.Properties.Conditions).toEqual([
      { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
    ]);
    expect(c.template.Resources.ApiService.DependsOn).toEqual(['ApiListenerRule']);
    expect(c.template.Resources.WebService.Properties.LoadBalancers).toEqual([{ ContainerName: 'web', ContainerPort: 8080, TargetGroupArn: { Ref: 'WebTargetGroup' } }]);
    await valid(c);
  });

  it('a published port is a listener of its own port: nothing to report', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  api: { image: example/api:1, ports: ["8000:8000"] }\n`);
    expect(c.template.Resources.Listener8000.Properties.Port).toBe(8000);
    expect(brief(c.diagnostics)).not.toContain('CFN_UNSUPPORTED_FIELD info /services/api/ports/0');
  });

  it('with x-ecs.load_balancer.listener_port a published port other than the listener port is reported (info): the service is reached on the listener', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE, load_balancer: { listener_port: 80 } }\nservices:\n  api: { image: example/api:1, ports: ["8000:8000"] }\n`);
    expect(Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::Listener'))).toEqual(['Listener']);
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD info /services/api/ports/0');
  });

  it('an existing listener (ExistingListenerArn) replaces the load balancer: everything the stack would create is conditional', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1, ports: ["80:80"] }\n`);
    for (const id of ['LoadBalancer', 'LoadBalancerSecurityGroup', 'Listener']) expect(c.template.Resources[id].Condition).toBe('CreateLoadBalancer');
    expect(c.template.Resources.WebListenerRule.Properties.ListenerArn).toEqual({ 'Fn::If': ['CreateLoadBalancer', { Ref: 'Listener' }, { Ref: 'ExistingListenerArn' }] });
    expect(c.template.Resources.WebFromExistingLoadBalancerIngress80.Condition).toBe('HasExistingLoadBalancerSecurityGroup');
  });
});

// AWS::ElasticLoadBalancingV2::ListenerRule PathPatternConfig Values: unique items (F3037).
describe('x-ecs.routing.path → PathPatternConfig Values, each once', () => {
  it('a path also in the service it extends (extends appends lists) is listed once', async () => {
    const c = await compile(
      'x-ecs:\n  launch_type: FARGATE\nservices:\n  base:\n    image: nginx\n    ports: ["80:80"]\n    x-ecs:\n      routing:\n        path: ["/api/*"]\n' +
        '  web:\n    extends: base\n    x-ecs:\n      routing:\n        path: ["/api/*", "/v2/*"]\n',
    );
    expect(c.template.Resources.WebListenerRule.Properties.Conditions).toEqual([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*', '/v2/*'] } }]);
    await valid(c);
  });
});

describe('x-ecs.load_balancer.arn: the stack\'s listener on an existing load balancer', () => {
  it('creates the listener on it, and no load balancer or load balancer security group', async () => {
    const c = await compile(`x-ecs:\n  launch_type: FARGATE\n  load_balancer: { arn: "${LB_ARN}", listener_port: 8080 }\nservices:\n  web: { image: example/web:1, ports: ["8080:80"] }\n`);
    expect(ofType(c.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer')).toEqual({});
    expect(c.template.Resources.LoadBalancerSecurityGroup).toBeUndefined();
    expect(c.template.Resources.Listener.Properties).toMatchObject({ LoadBalancerArn: { Ref: 'LoadBalancerArn' }, Port: 8080, Protocol: 'HTTP' });
    expect(c.template.Resources.Listener.Condition).toBeUndefined();
    expect(c.template.Parameters.ExistingListenerArn).toBeUndefined();
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD info /x-ecs/load_balancer/arn');
    await valid(c);
  });

  it('with certificate_arn the listener speaks HTTPS (on 443 by default), the certificate a parameter', async () => {
    const c = await compile(`x-ecs:\n  launch_type: FARGATE\n  load_balancer: { certificate_arn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }\nservices:\n  web: { image: example/web:1, ports: ["443:80"], x-ecs: { routing: { host: www.example.com } } }\n`);
    expect(c.template.Resources.Listener.Properties).toMatchObject({ Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: { Ref: 'CertificateArn' } }] });
    expect(c.template.Outputs.WebUrl.Value).toBe('https://www.example.com/');
    await valid(c);
  });
});

describe('x-ecs.load_balancer.type network: every published port through the Network Load Balancer', () => {
  const arena = `x-ecs:
  launch_type: FARGATE
  load_balancer: { type: network }
services:
  game:
    image: example/game:1
    ports: ["7777:7777/udp", "8080:8080"]
    x-ecs: { routing: { health_check: { port: 8080, path: /ready } } }
  mqtt: { image: example/mqtt:1, ports: ["1883:1883"] }
`;

  it('one listener and target group per published port, TCP or UDP, the listener port the published one', async () => {
    const c = await compile(arena);
    expect(Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::Listener')).sort()).toEqual(['GameTcp8080Listener', 'GameUdp7777Listener', 'MqttTcp1883Listener']);
    expect(c.template.Resources.GameUdp7777Listener.Properties).toMatchObject({ Port: 7777, Protocol: 'UDP', LoadBalancerArn: { Ref: 'NetworkLoadBalancer' } });
    expect(c.template.Resources.GameUdp7777TargetGroup.Properties).toMatchObject({ Protocol: 'UDP', TargetType: 'ip', HealthCheckPort: '8080', HealthCheckProtocol: 'HTTP', HealthCheckPath: '/ready' });
    expect(c.template.Resources.GameService.Properties.LoadBalancers).toHaveLength(2);
    expect(c.template.Resources.LoadBalancer).toBeUndefined();
    await valid(c);
  });

  it('a UDP port checked on itself (no TCP health port) is warned about: a UDP server does not answer the TCP check', async () => {
    const c = await compile(arena.replace('x-ecs: { routing: { health_check: { port: 8080, path: /ready } } }', 'x-ecs: {}'));
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD warning /services/game/ports/0');
  });

  it('routing path and host have no meaning there: reported', async () => {
    const c = await compile(arena.replace('mqtt: { image: example/mqtt:1, ports: ["1883:1883"] }', 'mqtt: { image: example/mqtt:1, ports: ["1883:1883"], x-ecs: { routing: { path: /mqtt } } }'));
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD warning /services/mqtt/x-ecs/routing/path');
  });

  it('two services on one NLB port: the second is reported (PORT_CONFLICT, once) and not routed', async () => {
    const c = await compile(arena.replace('ports: ["1883:1883"]', 'ports: ["8080:1883"]'));
    expect(brief(c.diagnostics).filter((d) => d.endsWith('/services/mqtt/ports/0'))).toEqual(['PORT_CONFLICT error /services/mqtt/ports/0']);
  });

  // AWS::ElasticLoadBalancingV2::Listener DefaultActions forward: several listeners may forward to one target group.
  it('two published ports to one container port (8080:80, 9090:80): two listeners, one target group', async () => {
    const c = await compile(arena.replace('ports: ["1883:1883"]', 'ports: ["1883:1883", "1884:1883"]'));
    expect(brief(c.diagnostics).filter((d) => d.includes('error'))).toEqual([]);
    expect(Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::Listener')).sort()).toEqual(['GameTcp8080Listener', 'GameUdp7777Listener', 'MqttTcp1883Listener', 'MqttTcp1883Port1884Listener']);
    expect(Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::TargetGroup')).filter((id) => id.startsWith('Mqtt'))).toEqual(['MqttTcp1883TargetGroup']);
    expect(c.template.Resources.MqttTcp1883Port1884Listener.Properties).toMatchObject({ Port: 1884, DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'MqttTcp1883TargetGroup' } }] });
    expect(c.template.Resources.MqttService.Properties.LoadBalancers).toHaveLength(1);
    expect(c.template.Resources.MqttService.DependsOn).toEqual(expect.arrayContaining(['MqttTcp1883Listener', 'MqttTcp1883Port1884Listener']));
    await valid(c);
  });

  it('with load_balancer.arn the listeners go on the existing Network Load Balancer', async () => {
    const c = await compile(arena.replace('load_balancer: { type: network }', `load_balancer: { type: network, arn: "${NLB_ARN}" }`));
    expect(c.template.Resources.NetworkLoadBalancer).toBeUndefined();
    expect(c.template.Resources.MqttTcp1883Listener.Properties.LoadBalancerArn).toEqual({ Ref: 'LoadBalancerArn' });
    await valid(c);
  });
});

describe('x-ecs.vpc_id', () => {
  it('is the default of the VpcId parameter', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE, vpc_id: vpc-0a1b2c3d }\nservices:\n  web: { image: example/web:1, ports: ["80:80"] }\n`);
    expect(c.template.Parameters.VpcId).toMatchObject({ Type: 'AWS::EC2::VPC::Id', Default: 'vpc-0a1b2c3d' });
    await valid(c);
  });
});

describe('target groups: health check from x-ecs.routing.health_check, deregistration delay', () => {
  it('maps path, interval, timeout, thresholds and matcher', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web:
    image: example/web:1
    ports: ["80:80"]
    x-ecs: { routing: { deregistration_delay: 5, health_check: { path: /healthz, interval: 10, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, matcher: "200-299" } } }
`);
    expect(c.template.Resources.WebTargetGroup.Properties).toMatchObject({
      HealthCheckPath: '/healthz',
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200-299' },
      TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }],
    });
    await valid(c);
  });

  it('deregistration delay defaults to 30 s (AWS\'s 300 s slows every rolling update), health check path to /', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1, ports: ["80:80"] }\n`);
    expect(c.template.Resources.WebTargetGroup.Properties).toMatchObject({ HealthCheckPath: '/', TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }] });
  });

  it('routing.enabled false publishes without routing', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1, ports: ["80:80"], x-ecs: { routing: { enabled: false } } }\n`);
    expect(ofType(c.template, 'AWS::ElasticLoadBalancingV2::TargetGroup')).toEqual({});
  });
});

describe('listener rule priorities', () => {
  const route = (routing: Route['routing']): Route => ({ service: 's', port: 80, published: 80, protocol: 'HTTP', routing, kind: 'alb' });
  it('explicit priorities kept, specific rules first in file order, catch-all rules last', () => {
    expect(assignPriorities([route({ path: '/*' }), route({ path: '/api/*' }), route({ priority: 1, host: 'a.example.com' }), route({}), route({ host: 'b.example.com' })])).toEqual([50000, 2, 1, 49999, 3]);
  });
});

describe('05-services ports: a port ECS cannot map is not routed (the load balancer would send to a container port the task lacks, and CreateService fails)', () => {
  it('host_ip 127.0.0.1: compose keeps the port to the host, ECS leaves it out, and no listener reaches it', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1, ports: ["127.0.0.1:8080:80", "9090:90"] }\n`);
    expect(c.template.Resources.WebService.Properties.LoadBalancers.map((lb: { ContainerPort: number }) => lb.ContainerPort)).toEqual([90]);
    expect(Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::TargetGroup'))).toHaveLength(1);
    expect(brief(c.diagnostics)).toContain('ECS_UNSUPPORTED_FIELD warning /services/web/ports/0/host_ip');
    await valid(c);
  });

  it('an sctp port: ECS maps tcp and udp only; with nothing else published the stack has no load balancer', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1, ports: ["8080:80/sctp"] }\n`);
    expect(c.template.Resources.WebService.Properties.LoadBalancers).toBeUndefined();
    expect(ofType(c.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer')).toEqual({});
    await valid(c);
  });
});
