/**
 * x-ecs.autoscaling → Application Auto Scaling of the ECS service's task count: a scalable
 * target from min to max tasks and one target-tracking policy per target given (average CPU,
 * average memory, requests per target through the Application Load Balancer).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { Frontend, RouteResources } from './load-balancing.js';
import type { StackParams } from './parameters.js';
import { writtenAt } from './settings.js';
import { getAtt, ref, type Json, type Template } from './template.js';

export interface AutoscaledService {
  task: Task;
  /** Logical ID base of the task. */
  id: string;
  serviceId: string;
  /** The ECS service's properties (DesiredCount is removed: autoscaling owns the count). */
  service: Json;
  routes?: RouteResources;
  frontend?: Frontend;
}

export function addAutoscaling(ir: EcsIR, t: Template, p: StackParams, s: AutoscaledService, diagnostics: Diagnostic[]): void {
  const a = s.task.settings.autoscaling;
  if (!a) return;
  const first = s.task.services[0] as string;
  // Written in x-ecs: point at the key; migrated from x-aws-autoscaling: at the service.
  const written = writtenAt(ir, s.task, 'autoscaling');
  const report = (code: 'CFN_UNSUPPORTED_FIELD' | 'ECS_INVALID', severity: 'error' | 'warning', message: string, key?: string): void => {
    diagnostics.push(ir.diagnostic(code, severity, message, written ? (key ? [...written, key] : written) : ['services', first]));
  };
  if (s.service.SchedulingStrategy === 'DAEMON') {
    report('CFN_UNSUPPORTED_FIELD', 'warning', `x-ecs.autoscaling of task "${s.task.name}" is not carried over: a DAEMON service runs one task per container instance, so there is no count to scale`);
    return;
  }
  const desired = typeof s.service.DesiredCount === 'number' ? s.service.DesiredCount : 1;
  let min = a.min ?? desired;
  if (min > a.max) {
    if (a.min !== undefined) {
      report('ECS_INVALID', 'error', `x-ecs.autoscaling.min (${a.min}) is above max (${a.max}) for task "${s.task.name}"`, 'min');
      return;
    }
    report('ECS_INVALID', 'warning', `x-ecs.autoscaling.max (${a.max}) of task "${s.task.name}" is below its desired count (${desired}); the fewest tasks is set to ${a.max}`, 'max');
    min = a.max;
  }
  // Left out, DesiredCount keeps what autoscaling set across stack updates (else every update resets it).
  delete s.service.DesiredCount;

  const target = `${s.id}ScalableTarget`;
  t.resource(target, 'AWS::ApplicationAutoScaling::ScalableTarget', {
    MaxCapacity: a.max,
    MinCapacity: min,
    ResourceId: { 'Fn::Join': ['/', ['service', p.cluster(), getAtt(s.serviceId, 'Name')]] },
    ScalableDimension: 'ecs:service:DesiredCount',
    ServiceNamespace: 'ecs',
  });

  const policies: { name: string; metric: Json; value: number }[] = [];
  if (a.cpu_percent !== undefined) policies.push({ name: 'Cpu', metric: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, value: a.cpu_percent });
  if (a.memory_percent !== undefined) policies.push({ name: 'Memory', metric: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' }, value: a.memory_percent });
  if (a.requests_per_target !== undefined) {
    const tg = s.routes?.targetGroups.find((g) => g.route.kind === 'alb');
    if (tg && s.frontend) {
      const label = { 'Fn::Join': ['/', [s.frontend.fullName, getAtt(tg.id, 'TargetGroupFullName')]] };
      policies.push({ name: 'Requests', metric: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: label }, value: a.requests_per_target });
    } else {
      report('CFN_UNSUPPORTED_FIELD', 'warning', `x-ecs.autoscaling.requests_per_target is not carried over: task "${s.task.name}" is not routed through an application load balancer, whose request count it tracks`, 'requests_per_target');
    }
  }
  if (!policies.length) {
    report('ECS_INVALID', 'warning', `x-ecs.autoscaling of task "${s.task.name}" sets no target (cpu_percent, memory_percent or requests_per_target): the count is kept between ${min} and ${a.max}, but nothing scales it`);
  }
  for (const pol of policies) {
    const config: Json = { PredefinedMetricSpecification: pol.metric, TargetValue: pol.value };
    if (a.scale_in_cooldown !== undefined) config.ScaleInCooldown = a.scale_in_cooldown;
    if (a.scale_out_cooldown !== undefined) config.ScaleOutCooldown = a.scale_out_cooldown;
    t.resource(`${s.id}${pol.name}ScalingPolicy`, 'AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyName: `${s.task.name}-${pol.name.toLowerCase()}`,
      PolicyType: 'TargetTrackingScaling',
      ScalingTargetId: ref(target),
      TargetTrackingScalingPolicyConfiguration: config,
    });
  }
}
