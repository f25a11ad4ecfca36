/**
 * A CreateService input for one task: desired count, load balancers, deployment settings
 * from x-ecs.service, with deploy.replicas / scale / update_config / mode / labels as the
 * compose-side defaults.
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { IR, Task } from '../../ir/ir.js';
import type { Service } from '../../model/project.js';
import type { Json } from './container-context.js';

/** `managed`: the caller (the CloudFormation backend) creates the roles and networking itself. */
export function serviceDefinition(ir: IR, task: Task, diagnostics: Diagnostic[], options: { managed?: boolean } = {}): Json {
  const s = task.settings;
  const svc = s.service ?? {};
  const report = (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]): void => {
    diagnostics.push(ir.diagnostic(code, sev, msg, path));
  };
  const members = task.services.map((n) => ir.project.services[n] as Service);
  const first = task.services[0] as string;
  const revision = s.revision ?? 1;
  const out: Json = {
    serviceName: svc.name ?? task.name,
    taskDefinition: revision === 'latest' ? task.family : `${task.family}:${revision}`,
  };
  if (svc.cluster) out.cluster = svc.cluster;

  const global = members.some((m) => m.deploy?.mode === 'global');
  if (svc.scheduling_strategy === 'DAEMON' || global) {
    if (task.launchType === 'FARGATE') report('ECS_LAUNCH_TYPE_RULE', 'warning', 'deploy.mode global (one task per instance, DAEMON) is not available on Fargate; the service uses REPLICA', ['services', first, 'deploy', 'mode']);
    else out.schedulingStrategy = 'DAEMON';
  }
  if (out.schedulingStrategy !== 'DAEMON') out.desiredCount = desiredCount(ir, task, members, report);

  if (s.capacity_provider_strategy?.length) {
    out.capacityProviderStrategy = s.capacity_provider_strategy.map((c) => ({ capacityProvider: c.capacity_provider, ...(c.weight !== undefined ? { weight: c.weight } : {}), ...(c.base !== undefined ? { base: c.base } : {}) }));
  } else if (s.launch_type) out.launchType = s.launch_type;
  if (svc.platform_version) out.platformVersion = svc.platform_version;

  if (svc.load_balancers?.length) {
    out.loadBalancers = svc.load_balancers.map((lb, i) => {
      const containerName = lb.container_name ?? task.services.find((n) => ir.project.services[n]?.ports?.length) ?? first;
      const containerPort = lb.container_port ?? ir.project.services[containerName]?.ports?.[0]?.target;
      if (!task.services.includes(containerName)) report('ECS_INVALID', 'error', `x-ecs.service.load_balancers[${i}].container_name: ${containerName} is not a container of task "${task.name}"`, ['services', first, 'x-ecs', 'service', 'load_balancers', i]);
      if (containerPort === undefined) report('ECS_INVALID', 'error', `x-ecs.service.load_balancers[${i}] needs container_port: ${containerName} publishes no port`, ['services', first, 'x-ecs', 'service', 'load_balancers', i]);
      return {
        ...(lb.target_group_arn ? { targetGroupArn: lb.target_group_arn } : {}),
        ...(lb.load_balancer_name ? { loadBalancerName: lb.load_balancer_name } : {}),
        containerName,
        ...(containerPort !== undefined ? { containerPort } : {}),
      };
    });
    if (svc.health_check_grace_period !== undefined) out.healthCheckGracePeriodSeconds = svc.health_check_grace_period;
  } else if (svc.health_check_grace_period !== undefined) {
    report('ECS_INVALID', 'warning', 'x-ecs.service.health_check_grace_period applies only to services with load balancers; it is left out', ['services', first, 'x-ecs', 'service', 'health_check_grace_period']);
  }
  if (svc.role) {
    if (task.networkMode === 'awsvpc') report('ECS_LAUNCH_TYPE_RULE', 'warning', 'x-ecs.service.role is left out: services in awsvpc mode use the ECS service-linked role', ['services', first, 'x-ecs', 'service', 'role']);
    else out.role = svc.role;
  }
  const deployment = deploymentConfiguration(task, members, first, report);
  if (deployment) out.deploymentConfiguration = deployment;

  if (task.networkMode === 'awsvpc') {
    const n = svc.network_configuration;
    if (n?.subnets?.length) {
      out.networkConfiguration = {
        awsvpcConfiguration: {
          subnets: n.subnets,
          ...(n.security_groups?.length ? { securityGroups: n.security_groups } : {}),
          ...(n.assign_public_ip !== undefined ? { assignPublicIp: n.assign_public_ip ? 'ENABLED' : 'DISABLED' } : {}),
        },
      };
    } else if (!options.managed) {
      report('ECS_INVALID', 'warning', `the ECS service of task "${task.name}" uses awsvpc networking, which needs subnets: set x-ecs.service.network_configuration.subnets`, ['services', first]);
    }
  }
  if (s.placement_constraints?.length && task.launchType !== 'FARGATE') {
    out.placementConstraints = s.placement_constraints.map((p) => ({ type: p.type, ...(p.expression ? { expression: p.expression } : {}) }));
  }
  if (s.placement_strategy?.length) {
    if (task.launchType === 'FARGATE') report('ECS_LAUNCH_TYPE_RULE', 'warning', 'x-ecs.placement_strategy is left out: Fargate services have no placement strategy', ['x-ecs', 'placement_strategy']);
    else out.placementStrategy = s.placement_strategy.map((p) => ({ type: p.type, ...(p.field ? { field: p.field } : {}) }));
  }
  if (svc.service_registries?.length) {
    out.serviceRegistries = svc.service_registries.map((r) => ({
      registryArn: r.registry_arn,
      ...(r.port !== undefined ? { port: r.port } : {}),
      ...(r.container_name ? { containerName: r.container_name } : {}),
      ...(r.container_port !== undefined ? { containerPort: r.container_port } : {}),
    }));
  }
  const tags: Record<string, string> = { ...Object.assign({}, ...members.map((m) => m.deploy?.labels ?? {})), ...(svc.tags ?? {}) };
  if (Object.keys(tags).length) out.tags = Object.keys(tags).sort().map((key) => ({ key, value: tags[key] as string }));
  if (svc.enable_execute_command !== undefined) out.enableExecuteCommand = svc.enable_execute_command;
  if (svc.enable_ecs_managed_tags !== undefined) out.enableECSManagedTags = svc.enable_ecs_managed_tags;
  if (svc.propagate_tags) out.propagateTags = svc.propagate_tags;
  if (svc.client_token) out.clientToken = svc.client_token;
  reportDeployLeftovers(task, members, report);
  return out;
}

type Report = (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]) => void;

function desiredCount(ir: IR, task: Task, members: Service[], report: Report): number {
  const explicit = task.settings.service?.desired_count;
  if (explicit !== undefined) return explicit;
  const counts = members.map((m, i) => ({ n: m.deploy?.replicas ?? m.scale, name: task.services[i] as string })).filter((c) => c.n !== undefined);
  const distinct = [...new Set(counts.map((c) => c.n))];
  if (distinct.length > 1) {
    report('ECS_INVALID', 'warning', `the services of task "${task.name}" ask for different replica counts (${counts.map((c) => `${c.name}: ${c.n}`).join(', ')}); one task has one count, so the largest is used`, ['services', counts[0]?.name ?? '', 'deploy', 'replicas']);
  }
  void ir;
  return distinct.length ? Math.max(...(distinct as number[])) : 1;
}

function deploymentConfiguration(task: Task, members: Service[], first: string, report: Report): Json | undefined {
  const d = task.settings.service?.deployment;
  const update = members.find((m) => m.deploy?.update_config)?.deploy?.update_config;
  const out: Json = {};
  if (d?.maximum_percent !== undefined) out.maximumPercent = d.maximum_percent;
  else if (update?.order === 'start-first') out.maximumPercent = 200;
  else if (update?.order === 'stop-first') out.maximumPercent = 100;
  if (d?.minimum_healthy_percent !== undefined) out.minimumHealthyPercent = d.minimum_healthy_percent;
  else if (update?.order === 'start-first') out.minimumHealthyPercent = 100;
  else if (update?.order === 'stop-first') out.minimumHealthyPercent = 0;
  const cb = d?.circuit_breaker;
  if (cb) out.deploymentCircuitBreaker = { enable: cb.enable ?? true, rollback: cb.rollback ?? false };
  else if (update?.failure_action === 'rollback') out.deploymentCircuitBreaker = { enable: true, rollback: true };
  if (update) {
    const at = ['services', first, 'deploy', 'update_config'];
    for (const k of ['parallelism', 'delay', 'monitor', 'max_failure_ratio'] as const) {
      if (update[k] !== undefined) report('ECS_UNSUPPORTED_FIELD', 'warning', `deploy.update_config.${k} is not carried over: ECS rolling updates are paced by maximumPercent and minimumHealthyPercent`, [...at, k]);
    }
    if (update.failure_action === 'pause') report('ECS_UNSUPPORTED_FIELD', 'warning', 'deploy.update_config.failure_action pause is not carried over: an ECS deployment either rolls back or continues', [...at, 'failure_action']);
  }
  return Object.keys(out).length ? out : undefined;
}

/** deploy keys that neither the container nor the service can carry. */
function reportDeployLeftovers(task: Task, members: Service[], report: Report): void {
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
