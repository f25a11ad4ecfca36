/**
 * The parts of an ECS service that come from compose's `deploy` (replicas, update_config and
 * what ECS cannot carry) and from x-ecs.service.load_balancers.
 */
import type { DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { Service } from '../../model/project.js';
import type { Json } from './container-context.js';
import { settingPath } from './task-definition.js';
import { ownValue } from '../../core/own.js';

export type Report = (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]) => void;

/** x-ecs.service.desired_count, else deploy.replicas / scale (the largest of the task's services), else 1. */
export function desiredCount(task: Task, members: Service[], report: Report): number {
  const explicit = task.settings.service?.desired_count;
  if (explicit !== undefined) return explicit;
  const counts = members.map((m, i) => ({ n: m.deploy?.replicas ?? m.scale, name: task.services[i] as string })).filter((c) => c.n !== undefined);
  const distinct = [...new Set(counts.map((c) => c.n))];
  if (distinct.length > 1) {
    report('ECS_INVALID', 'warning', `the services of task "${task.name}" ask for different replica counts (${counts.map((c) => `${c.name}: ${c.n}`).join(', ')}); one task has one count, so the largest is used`, ['services', counts[0]?.name ?? '', 'deploy', 'replicas']);
  }
  return distinct.length ? Math.max(...(distinct as number[])) : 1;
}

/**
 * deploy.update_config → deploymentConfiguration, as Swarm rolls an update (defaults: one task
 * at a time, stop-first). Of n tasks, p at a time: start-first keeps 100% healthy and allows
 * 100 + ⌈100·p/n⌉% (at most 200); stop-first allows 100% and keeps ⌊100·(n−p)/n⌋% healthy.
 * failure_action rollback / pause → the deployment circuit breaker with / without rollback.
 * x-ecs.service.deployment wins over all of it.
 */
export function deploymentConfiguration(task: Task, members: Service[], service: Json, report: Report): Json | undefined {
  const d = task.settings.service?.deployment;
  const index = members.findIndex((m) => m.deploy?.update_config);
  const update = members[index]?.deploy?.update_config;
  const at = ['services', task.services[index] ?? '', 'deploy', 'update_config'];
  const daemon = service.schedulingStrategy === 'DAEMON';
  const out: Json = {};
  if (update) {
    const order = update.order ?? 'stop-first';
    const n = typeof service.desiredCount === 'number' && service.desiredCount > 0 ? service.desiredCount : 1;
    const p = update.parallelism === undefined ? 1 : update.parallelism === 0 ? n : Math.min(update.parallelism, n);
    if (daemon) {
      // A daemon runs one task per instance: ECS replaces it in place (at most 100%).
      if (order === 'start-first') report('ECS_UNSUPPORTED_FIELD', 'warning', 'deploy.update_config.order start-first is not carried over: a DAEMON service cannot run a second task on an instance, so ECS stops the old task first', [...at, 'order']);
      if (update.parallelism !== undefined) report('ECS_UNSUPPORTED_FIELD', 'warning', 'deploy.update_config.parallelism is not carried over: a DAEMON service has no task count to pace the update by', [...at, 'parallelism']);
      out.maximumPercent = 100;
      out.minimumHealthyPercent = 0;
    } else if (order === 'start-first') {
      out.maximumPercent = Math.min(200, 100 + Math.ceil((100 * p) / n));
      out.minimumHealthyPercent = 100;
    } else {
      out.maximumPercent = 100;
      out.minimumHealthyPercent = Math.floor((100 * (n - p)) / n);
    }
    for (const k of ['delay', 'monitor', 'max_failure_ratio'] as const) {
      if (update[k] !== undefined) report('ECS_UNSUPPORTED_FIELD', 'warning', `deploy.update_config.${k} is not carried over: ECS paces rolling updates by maximumPercent and minimumHealthyPercent, and the circuit breaker decides failure`, [...at, k]);
    }
    if (update.failure_action === 'rollback') out.deploymentCircuitBreaker = { enable: true, rollback: true };
    else if (update.failure_action === 'pause') out.deploymentCircuitBreaker = { enable: true, rollback: false };
  }
  if (d?.maximum_percent !== undefined) out.maximumPercent = d.maximum_percent;
  if (d?.minimum_healthy_percent !== undefined) out.minimumHealthyPercent = d.minimum_healthy_percent;
  const cb = d?.circuit_breaker;
  if (cb) out.deploymentCircuitBreaker = { enable: cb.enable ?? true, rollback: cb.rollback ?? false };
  return Object.keys(out).length ? out : undefined;
}

/** deploy keys that neither the container nor the service can carry. */
export function reportDeployLeftovers(task: Task, members: Service[], report: Report): void {
  members.forEach((m, i) => {
    const d = m.deploy;
    if (!d) return;
    const at = ['services', task.services[i] as string, 'deploy'];
    if (d.endpoint_mode !== undefined) report('ECS_UNSUPPORTED_FIELD', 'warning', 'deploy.endpoint_mode is not carried over: ECS services are reached through load balancers or service discovery', [...at, 'endpoint_mode']);
    if (d.rollback_config !== undefined) report('ECS_UNSUPPORTED_FIELD', 'warning', 'deploy.rollback_config is not carried over: ECS rolls back with the deployment circuit breaker (x-ecs.service.deployment.circuit_breaker)', [...at, 'rollback_config']);
    if (d.placement !== undefined) report('ECS_UNSUPPORTED_FIELD', 'warning', 'deploy.placement is not carried over: Swarm constraints have no ECS syntax; use x-ecs.placement_constraints', [...at, 'placement']);
    if (d.resources?.limits?.pids !== undefined) report('ECS_UNSUPPORTED_FIELD', 'warning', 'deploy.resources.limits.pids is not carried over: ECS has no PID limit', [...at, 'resources', 'limits', 'pids']);
    if (d.resources?.reservations?.generic_resources !== undefined) report('ECS_UNSUPPORTED_FIELD', 'warning', 'deploy.resources.reservations.generic_resources is not carried over', [...at, 'resources', 'reservations', 'generic_resources']);
  });
}

/**
 * x-ecs.service.load_balancers → loadBalancers. The container defaults to the first member
 * service with ports, the port to its first one; the port must be one the container maps.
 */
export function loadBalancers(ir: EcsIR, task: Task, report: Report): Json[] {
  const first = task.services[0] as string;
  const base = settingPath(ir, task.services, 'service');
  return (task.settings.service?.load_balancers ?? []).map((lb, i) => {
    const at = [...base, 'load_balancers', i];
    const containerName = lb.container_name ?? task.services.find((n) => ir.project.services[n]?.ports?.length) ?? first;
    const ports = ownValue(ir.project.services, containerName)?.ports ?? [];
    const containerPort = lb.container_port ?? ports[0]?.target;
    if (!task.services.includes(containerName)) report('ECS_INVALID', 'error', `x-ecs.service.load_balancers[${i}].container_name: ${containerName} is not a container of task "${task.name}"`, at);
    else if (containerPort === undefined) report('ECS_INVALID', 'error', `x-ecs.service.load_balancers[${i}] needs container_port: ${containerName} publishes no port`, at);
    else if (!ports.some((p) => p.target === containerPort)) report('ECS_INVALID', 'error', `x-ecs.service.load_balancers[${i}].container_port: ${containerName} maps no container port ${containerPort} (add it to its ports)`, at);
    if (!lb.target_group_arn && !lb.load_balancer_name) report('ECS_INVALID', 'error', `x-ecs.service.load_balancers[${i}] needs target_group_arn (an Application or Network Load Balancer) or load_balancer_name (a Classic Load Balancer)`, at);
    return {
      ...(lb.target_group_arn ? { targetGroupArn: lb.target_group_arn } : {}),
      ...(lb.load_balancer_name ? { loadBalancerName: lb.load_balancer_name } : {}),
      containerName,
      ...(containerPort !== undefined ? { containerPort } : {}),
    };
  });
}

/** True when the compose healthcheck runs a test (not disabled, not NONE). */
export function usableHealthcheck(s: Service): boolean {
  const h = s.healthcheck;
  return !!h && !h.disable && !!h.test?.length && h.test[0] !== 'NONE';
}
