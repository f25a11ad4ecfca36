/**
 * One target group per routed port, for either load balancer: `ip` targets for awsvpc tasks,
 * `instance` targets (the container instance and the task's host port) otherwise; the health
 * check from x-ecs.routing.health_check; a 30 s deregistration delay unless set.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { StackParams } from './parameters.js';
import { DEFAULT_DEREGISTRATION_DELAY, type Route } from './settings.js';
import type { Json, Template } from './template.js';

/** Adds the target group of `route` as `id`; returns the ports the load balancer reaches the targets on. */
export function addTargetGroup(ir: EcsIR, t: Template, p: StackParams, id: string, task: Task, route: Route, diagnostics: Diagnostic[]): number[] {
  const hc = route.routing.health_check ?? {};
  const at = ['services', route.service, 'x-ecs', 'routing', 'health_check'];
  const props: Json = {
    Port: route.port,
    Protocol: route.protocol,
    TargetType: task.networkMode === 'awsvpc' ? 'ip' : 'instance',
    VpcId: p.vpc(),
  };
  if (route.kind === 'alb') {
    if (hc.protocol === 'TCP') {
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${route.service}.x-ecs.routing.health_check.protocol TCP is not carried over: an Application Load Balancer checks over HTTP or HTTPS`, [...at, 'protocol']));
    } else if (hc.protocol) props.HealthCheckProtocol = hc.protocol;
    props.HealthCheckPath = hc.path ?? '/';
  } else {
    const protocol = hc.protocol ?? (hc.path !== undefined ? 'HTTP' : undefined);
    if (protocol) props.HealthCheckProtocol = protocol;
    if (protocol && protocol !== 'TCP') props.HealthCheckPath = hc.path ?? '/';
    if (route.protocol === 'UDP' && hc.port === undefined) {
      diagnostics.push(
        ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${route.service}: the UDP port ${route.port} is health-checked over ${protocol ?? 'TCP'} on the same port, which a UDP-only server does not answer: set x-ecs.routing.health_check.port to a TCP port the container listens on`, ['services', route.service, ...(route.portIndex !== undefined ? ['ports', route.portIndex] : ['x-ecs', 'routing'])]),
      );
    }
  }
  if (hc.port !== undefined) {
    props.HealthCheckPort = String(hc.port);
    if (task.networkMode === 'bridge') {
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `services.${route.service}.x-ecs.routing.health_check.port ${hc.port} is a fixed port, but in bridge mode each task listens on a dynamic host port: the check reaches no task; leave the port out to check the traffic port`, [...at, 'port']));
    }
  }
  if (hc.interval !== undefined) props.HealthCheckIntervalSeconds = hc.interval;
  if (hc.timeout !== undefined) props.HealthCheckTimeoutSeconds = hc.timeout;
  if (hc.healthy_threshold !== undefined) props.HealthyThresholdCount = hc.healthy_threshold;
  if (hc.unhealthy_threshold !== undefined) props.UnhealthyThresholdCount = hc.unhealthy_threshold;
  if (hc.matcher) props.Matcher = { HttpCode: hc.matcher };
  props.TargetGroupAttributes = [{ Key: 'deregistration_delay.timeout_seconds', Value: String(route.routing.deregistration_delay ?? DEFAULT_DEREGISTRATION_DELAY) }];
  t.resource(id, 'AWS::ElasticLoadBalancingV2::TargetGroup', props);
  return hc.port !== undefined && hc.port !== route.port ? [route.port, hc.port] : [route.port];
}
