import { describe, expect, it } from 'vitest';
import { brief, compile, ofType, templateValidity } from './compile.js';

/** Each compiled stack passes cloudformation-validate (one validator for the file). */
const valid = templateValidity();

const web = (autoscaling: string, top = '') => `name: shop
x-ecs:
  launch_type: FARGATE
${top}services:
  web:
    image: example/web:1.0.0
    ports: ["80:8080"]
    deploy: { replicas: 3 }
    x-ecs:
      autoscaling: ${autoscaling}
`;

describe('x-ecs.autoscaling → AWS::ApplicationAutoScaling::ScalableTarget', () => {
  it('registers the ECS service (service/<cluster>/<service>, ecs:service:DesiredCount) from min to max', async () => {
    const c = await compile(web('{ min: 2, max: 10, cpu_percent: 50 }'));
    const target = c.template.Resources.WebScalableTarget;
    expect(target.Type).toBe('AWS::ApplicationAutoScaling::ScalableTarget');
    expect(target.Properties).toMatchObject({ MinCapacity: 2, MaxCapacity: 10, ScalableDimension: 'ecs:service:DesiredCount', ServiceNamespace: 'ecs' });
    expect(target.Properties.ResourceId).toEqual({ 'Fn::Join': ['/', ['service', { 'Fn::If': ['CreateCluster', { Ref: 'Cluster' }, { Ref: 'ClusterName' }] }, { 'Fn::GetAtt': ['WebService', 'Name'] }]] });
    await valid(c);
  });

  it('min defaults to the desired count (deploy.replicas)', async () => {
    const c = await compile(web('{ max: 10, cpu_percent: 50 }'));
    expect(c.template.Resources.WebScalableTarget.Properties.MinCapacity).toBe(3);
  });

  it('leaves DesiredCount out of the service, so stack updates keep the count autoscaling set', async () => {
    const c = await compile(web('{ min: 2, max: 10, cpu_percent: 50 }'));
    expect(c.template.Resources.WebService.Properties).not.toHaveProperty('DesiredCount');
  });

  it('max below the desired count lowers min to max, with a warning', async () => {
    const c = await compile(web('{ max: 2, cpu_percent: 50 }'));
    expect(c.template.Resources.WebScalableTarget.Properties).toMatchObject({ MinCapacity: 2, MaxCapacity: 2 });
    expect(brief(c.diagnostics)).toContain('ECS_INVALID warning /services/web/x-ecs/autoscaling/max');
  });

  it('min above max is an error at min', async () => {
    const c = await compile(web('{ min: 5, max: 2, cpu_percent: 50 }'));
    expect(brief(c.diagnostics)).toContain('ECS_INVALID error /services/web/x-ecs/autoscaling/min');
    expect(c.contents).toBe('');
  });

  it('a DAEMON service (deploy.mode global) has no count to scale: reported, nothing emitted', async () => {
    const c = await compile(`services:\n  agent:\n    image: example/agent:1\n    deploy: { mode: global }\n    x-ecs:\n      autoscaling: { max: 4, cpu_percent: 50 }\n`);
    expect(ofType(c.template, 'AWS::ApplicationAutoScaling::ScalableTarget')).toEqual({});
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD warning /services/agent/x-ecs/autoscaling');
  });
});

describe('x-ecs.autoscaling targets → AWS::ApplicationAutoScaling::ScalingPolicy (TargetTrackingScaling)', () => {
  it('cpu_percent tracks ECSServiceAverageCPUUtilization, memory_percent ECSServiceAverageMemoryUtilization, with the cooldowns', async () => {
    const c = await compile(web('{ min: 1, max: 4, cpu_percent: 60, memory_percent: 75, scale_in_cooldown: 300, scale_out_cooldown: 60 }'));
    const cpu = c.template.Resources.WebCpuScalingPolicy.Properties;
    expect(cpu).toMatchObject({ PolicyType: 'TargetTrackingScaling', ScalingTargetId: { Ref: 'WebScalableTarget' } });
    expect(cpu.TargetTrackingScalingPolicyConfiguration).toEqual({ PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, TargetValue: 60, ScaleInCooldown: 300, ScaleOutCooldown: 60 });
    const memory = c.template.Resources.WebMemoryScalingPolicy.Properties.TargetTrackingScalingPolicyConfiguration;
    expect(memory.PredefinedMetricSpecification).toEqual({ PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' });
    expect(memory.TargetValue).toBe(75);
    await valid(c);
  });

  it('requests_per_target tracks ALBRequestCountPerTarget, labelled <load balancer full name>/<target group full name>', async () => {
    const c = await compile(web('{ min: 1, max: 4, requests_per_target: 500 }'));
    const spec = c.template.Resources.WebRequestsScalingPolicy.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification;
    expect(spec.PredefinedMetricType).toBe('ALBRequestCountPerTarget');
    const [sep, [lb, tg]] = spec.ResourceLabel['Fn::Join'];
    expect(sep).toBe('/');
    expect(lb['Fn::If'][0]).toBe('CreateLoadBalancer');
    expect(lb['Fn::If'][1]).toEqual({ 'Fn::GetAtt': ['LoadBalancer', 'LoadBalancerFullName'] });
    expect(tg).toEqual({ 'Fn::GetAtt': ['WebTargetGroup', 'TargetGroupFullName'] });
    await valid(c);
  });

  it('requests_per_target on an existing load balancer (x-ecs.load_balancer.arn) takes its full name from the ARN', async () => {
    const c = await compile(web('{ min: 1, max: 4, requests_per_target: 500 }', '  load_balancer: { arn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/50dc6c495c0c9188" }\n'));
    const label = c.template.Resources.WebRequestsScalingPolicy.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel;
    expect(label['Fn::Join'][1][0]).toEqual({ 'Fn::Select': [1, { 'Fn::Split': [':loadbalancer/', { Ref: 'LoadBalancerArn' }] }] });
    await valid(c);
  });

  it('requests_per_target of a service no application load balancer routes is reported and left out', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  worker:\n    image: example/worker:1\n    x-ecs:\n      autoscaling: { max: 4, cpu_percent: 70, requests_per_target: 10 }\n`);
    expect(Object.keys(ofType(c.template, 'AWS::ApplicationAutoScaling::ScalingPolicy'))).toEqual(['WorkerCpuScalingPolicy']);
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD warning /services/worker/x-ecs/autoscaling/requests_per_target');
    await valid(c);
  });

  it('no target at all: the bounds are kept, and a warning says nothing scales the service', async () => {
    const c = await compile(web('{ min: 1, max: 4 }'));
    expect(ofType(c.template, 'AWS::ApplicationAutoScaling::ScalingPolicy')).toEqual({});
    expect(c.template.Resources.WebScalableTarget).toBeDefined();
    expect(brief(c.diagnostics)).toContain('ECS_INVALID warning /services/web/x-ecs/autoscaling');
  });

  it('deploy.x-aws-autoscaling (Docker ECS integration) gives the same resources, with its 60 s cooldowns', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web:\n    image: example/web:1\n    deploy:\n      x-aws-autoscaling: { min: 1, max: 5, cpu: 70 }\n`);
    expect(c.template.Resources.WebScalableTarget.Properties).toMatchObject({ MinCapacity: 1, MaxCapacity: 5 });
    expect(c.template.Resources.WebCpuScalingPolicy.Properties.TargetTrackingScalingPolicyConfiguration).toMatchObject({ TargetValue: 70, ScaleInCooldown: 60, ScaleOutCooldown: 60 });
    await valid(c);
  });
});
