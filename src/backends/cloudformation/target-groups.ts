/**
 * One target group per routed port, for either load balancer: `ip` targets for awsvpc tasks,
 * `instance` targets (the container instance and the task's host port) otherwise; the health
 * check from x-ecs.routing.health_check, else from the service's compose healthcheck where it
 * is an HTTP probe (issue 17: the load balancer checks what compose checks); a 30 s
 * deregistration delay unless set.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { StackParams } from './parameters.js';
import { DEFAULT_DEREGISTRATION_DELAY, type Route } from './settings.js';
import type { Json, Template } from './template.js';
import { httpProbe } from '../../core/http-probe.js';

/** Adds the target group of `route` as `id`; returns the ports the load balancer reaches the targets on. */
export function addTargetGroup(ir: EcsIR, t: Template, p: StackParams, id: string, task: Task, route: Route, diagnostics: Diagnostic[]): number[] {
  const hc = { ...fromCompose(ir, task, route, diagnostics), ...route.routing.health_check };
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
    // Nothing says which answer means "up": any below 500 does (a redirect or a 404 on / is a
    // server that runs, which is all compose asks; the ALB's own 200 would have ECS replace it).
    if (hc.path === undefined && hc.matcher === undefined) props.Matcher = { HttpCode: DEFAULT_MATCHER };
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

/** The HTTP codes the default check of an Application Load Balancer's target group takes for "up". */
const DEFAULT_MATCHER = '200-499';

/** x-ecs.routing.health_check. */
type HealthCheck = NonNullable<Route['routing']['health_check']>;

/** Target group health-check limits (AWS::ElasticLoadBalancingV2::TargetGroup), in seconds and counts. */
const INTERVAL = { min: 5, max: 300 };
const TIMEOUT = { min: 2, max: 120 };
const UNHEALTHY = { min: 2, max: 10 };

/**
 * The health check a service's compose healthcheck implies, for the keys x-ecs does not set.
 * An HTTP probe of the container (`curl -f http://localhost:8000/health`) gives protocol, path,
 * port (when not the traffic port), matcher 200-399 (curl -f and wget fail from 400 on;
 * redirects pass), interval, timeout and retries within the API's ranges. Anything else: the
 * load balancer's default check (GET / on the traffic port for an ALB, taking any answer below
 * 500; a TCP connection for an NLB) and an info saying so.
 */
function fromCompose(ir: EcsIR, task: Task, route: Route, diagnostics: Diagnostic[]): HealthCheck {
  const given = route.routing.health_check ?? {};
  if (given.path !== undefined || given.protocol !== undefined) return {};
  const healthcheck = ir.project.services[route.service]?.healthcheck;
  const base = ['services', route.service, 'healthcheck'];
  const probe = healthcheck?.disable ? undefined : httpProbe(healthcheck?.test);
  const info = (message: string, path: (string | number)[]) => diagnostics.push(ir.diagnostic('CFN_HEALTH_CHECK', 'info', message, path));
  // A service routed on several ports has a target group, and so a finding, per port: each names its own.
  const traffic = `the traffic port (container port ${route.port})`;
  const fallback = route.kind === 'alb' ? `GET / on ${traffic}, expecting any answer below 500 (${DEFAULT_MATCHER})` : `a TCP connection to ${traffic}`;
  const fix = `set x-ecs.routing.health_check (path, port) to the endpoint that says the service is up`;
  if (!probe) {
    const why = !healthcheck || healthcheck.disable || !healthcheck.test?.length ? 'has no healthcheck' : 'has a healthcheck that is not an HTTP probe of the container (curl or wget of http://localhost)';
    info(`services.${route.service} ${why}: its target group checks ${fallback}; ${fix}`, healthcheck && !healthcheck.disable && healthcheck.test?.length ? [...base, 'test'] : ['services', route.service]);
    return {};
  }
  if (probe.port !== route.port && task.networkMode === 'bridge') {
    info(`services.${route.service}.healthcheck probes port ${probe.port}, but the load balancer reaches a bridge-mode task only on the traffic port's dynamic host port: its target group checks ${fallback}; ${fix}`, [...base, 'test']);
    return {};
  }
  const out: HealthCheck = { protocol: probe.protocol, path: probe.path, matcher: '200-399' };
  if (probe.port !== route.port) out.port = probe.port;
  const clamp = (key: 'interval' | 'timeout' | 'retries', value: number | undefined, range: { min: number; max: number }, what: string): number | undefined => {
    if (value === undefined) return undefined;
    const whole = Math.round(value);
    const kept = Math.min(range.max, Math.max(range.min, whole));
    if (kept !== value) info(`services.${route.service}.healthcheck.${key} ${value} becomes ${kept} for the target group's ${what} (${range.min}–${range.max})`, [...base, key]);
    return kept;
  };
  const interval = clamp('interval', healthcheck?.interval, INTERVAL, 'interval in seconds');
  let timeout = clamp('timeout', healthcheck?.timeout, TIMEOUT, 'timeout in seconds');
  const retries = clamp('retries', healthcheck?.retries, UNHEALTHY, 'unhealthy threshold');
  // The API requires the timeout to be shorter than the interval (the defaults: 5 s and 30 s).
  const every = interval ?? 30;
  if (timeout !== undefined && timeout >= every) {
    const shorter = Math.max(TIMEOUT.min, every - 1);
    info(`services.${route.service}.healthcheck.timeout ${timeout} s is not shorter than the interval (${every} s), as a target group needs: it becomes ${shorter} s`, [...base, 'timeout']);
    timeout = shorter;
  }
  if (interval !== undefined) out.interval = interval;
  if (timeout !== undefined) out.timeout = timeout;
  if (retries !== undefined) out.unhealthy_threshold = retries;
  const port = out.port === undefined ? 'the traffic port' : `port ${out.port}`;
  info(`services.${route.service}.healthcheck is an HTTP probe: its target group checks ${probe.protocol} ${probe.path} on ${port}, expecting 200-399`, [...base, 'test']);
  return out;
}
