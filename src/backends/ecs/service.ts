/**
 * A CreateService input for one task: desired count, load balancers, deployment settings
 * from x-ecs.service, with deploy.replicas / scale / update_config / mode / labels as the
 * compose-side defaults.
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { Service } from '../../model/project.js';
import type { Json } from './container-context.js';
import { settingPath, type EcsEmitOptions } from './task-definition.js';
import { serviceTags } from './service-tags.js';
import { serviceConnectConfiguration, serviceConnectOn } from './service-connect.js';
import { deploymentConfiguration, desiredCount, loadBalancers, reportDeployLeftovers, usableHealthcheck } from './service-deploy.js';

/** `managed`: the caller (the CloudFormation backend) creates the roles and networking itself. */
export function serviceDefinition(ir: EcsIR, whole: Task, diagnostics: Diagnostic[], options: EcsEmitOptions = {}): Json {
  // The jobs of a task run once per task start: their replicas, update_config and labels are
  // not the service's, and their ports are not advertised.
  const kept = whole.services.filter((n) => ir.workloads[n]?.kind !== 'job');
  const task = kept.length && kept.length < whole.services.length ? { ...whole, services: kept } : whole;
  const s = task.settings;
  const svc = s.service ?? {};
  const report = (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]): void => {
    diagnostics.push(ir.diagnostic(code, sev, msg, path));
  };
  const members = task.services.map((n) => ir.project.services[n] as Service);
  const first = task.services[0] as string;
  // The family alone is its latest ACTIVE revision: a pinned `:1` no longer exists once the
  // task definition is registered a second time. A revision written in x-ecs is kept.
  const revision = s.revision ?? 'latest';
  const out: Json = {
    serviceName: svc.name ?? task.name,
    taskDefinition: revision === 'latest' ? task.family : `${task.family}:${revision}`,
  };
  if (svc.cluster) out.cluster = svc.cluster;

  const global = members.some((m) => m.deploy?.mode === 'global');
  members.forEach((m, i) => {
    if (m.deploy?.mode?.endsWith('-job')) report('ECS_UNSUPPORTED_FIELD', 'warning', `deploy.mode ${m.deploy.mode} is not carried over: an ECS service keeps its tasks running (run a one-off job with run-task)`, ['services', task.services[i] as string, 'deploy', 'mode']);
  });
  if (svc.scheduling_strategy === 'DAEMON' || global) {
    if (task.launchType === 'FARGATE') {
      // Fargate has no instances to run one task on each: a REPLICA service would silently run one copy in all.
      const daemon = task.services.find((n) => ir.project.services[n]?.deploy?.mode === 'global');
      const at = daemon !== undefined ? ['services', daemon, 'deploy', 'mode'] : [...settingPath(ir, task.services, 'service'), 'scheduling_strategy'];
      report('ECS_LAUNCH_TYPE_RULE', 'error', `${daemon !== undefined ? `services.${daemon}.deploy.mode global` : 'x-ecs.service.scheduling_strategy DAEMON'} (one task on every container instance, the DAEMON scheduling strategy) is not available on Fargate, which has no instances: run task "${task.name}" on EC2 (x-ecs.launch_type: EC2), or make it replicated (deploy.mode: replicated with deploy.replicas)`, at);
    }
    else out.schedulingStrategy = 'DAEMON';
  }
  if (out.schedulingStrategy !== 'DAEMON') out.desiredCount = desiredCount(task, members, report);

  if (s.capacity_provider_strategy?.length) {
    out.capacityProviderStrategy = s.capacity_provider_strategy.map((c) => ({ capacityProvider: c.capacity_provider, ...(c.weight !== undefined ? { weight: c.weight } : {}), ...(c.base !== undefined ? { base: c.base } : {}) }));
  } else if (s.launch_type) out.launchType = s.launch_type;
  if (svc.platform_version) out.platformVersion = svc.platform_version;

  if (svc.load_balancers?.length) out.loadBalancers = loadBalancers(ir, task, report);
  const checked = members.some((m, i) => usableHealthcheck(m) || !!ir.services[task.services[i] as string]?.settings.healthcheck?.command);
  if (svc.health_check_grace_period !== undefined) {
    // The grace period covers load balancer and container health checks alike.
    if (svc.load_balancers?.length || checked) out.healthCheckGracePeriodSeconds = svc.health_check_grace_period;
    else report('ECS_INVALID', 'warning', 'x-ecs.service.health_check_grace_period is left out: the service has neither a load balancer nor a container health check for it to delay', [...settingPath(ir, task.services, 'service'), 'health_check_grace_period']);
  }
  if (svc.role) {
    if (task.networkMode === 'awsvpc') report('ECS_LAUNCH_TYPE_RULE', 'warning', 'x-ecs.service.role is left out: services in awsvpc mode use the ECS service-linked role', [...settingPath(ir, task.services, 'service'), 'role']);
    else if (!svc.load_balancers?.length) report('ECS_INVALID', 'warning', 'x-ecs.service.role is left out: ECS accepts a service role only with a load balancer', [...settingPath(ir, task.services, 'service'), 'role']);
    else out.role = svc.role;
  }
  const deployment = deploymentConfiguration(task, members, out, report);
  if (deployment) out.deploymentConfiguration = deployment;

  if (task.networkMode === 'awsvpc') {
    const n = svc.network_configuration;
    const network = networkConfiguration(n);
    if (network) {
      out.networkConfiguration = network;
    } else if (!options.managed) {
      report('ECS_INVALID', 'warning', `the ECS service of task "${task.name}" uses awsvpc networking, which needs subnets: give --subnets (with --security-groups and --assign-public-ip as needed) or set x-ecs.service.network_configuration; without them create-service must be given --network-configuration`, serviceSettingsPath(ir, task));
    }
  }
  // memberOf constraints are in the task definition; distinctInstance is a service constraint.
  const distinct = (s.placement_constraints ?? []).filter((p) => p.type === 'distinctInstance');
  if (distinct.length) {
    if (task.launchType === 'FARGATE') report('ECS_LAUNCH_TYPE_RULE', 'warning', 'x-ecs.placement_constraints are left out: Fargate services have no placement constraints', settingPath(ir, task.services, 'placement_constraints'));
    else out.placementConstraints = distinct.map((p) => ({ type: p.type }));
  }
  if (s.placement_strategy?.length) {
    const at = settingPath(ir, task.services, 'placement_strategy');
    if (task.launchType === 'FARGATE') report('ECS_LAUNCH_TYPE_RULE', 'warning', 'x-ecs.placement_strategy is left out: Fargate services have no placement strategy', at);
    else {
      out.placementStrategy = s.placement_strategy.map((p, i) => {
        // spread needs a field (instanceId, host or an attribute), binpack cpu or memory; random takes none.
        if (p.type !== 'random' && !p.field) report('ECS_INVALID', 'error', `x-ecs.placement_strategy[${i}]: ${p.type} needs a field (${p.type === 'binpack' ? 'cpu or memory' : 'instanceId, host or attribute:…'})`, [...at, i]);
        if (p.type === 'binpack' && p.field && p.field !== 'cpu' && p.field !== 'memory') report('ECS_INVALID', 'error', `x-ecs.placement_strategy[${i}]: binpack packs by cpu or memory, not ${p.field}`, [...at, i, 'field']);
        return { type: p.type, ...(p.field && p.type !== 'random' ? { field: p.field } : {}) };
      });
    }
  }
  if (svc.service_registries?.length) {
    out.serviceRegistries = svc.service_registries.map((r) => ({
      registryArn: r.registry_arn,
      ...(r.port !== undefined ? { port: r.port } : {}),
      ...(r.container_name ? { containerName: r.container_name } : {}),
      ...(r.container_port !== undefined ? { containerPort: r.container_port } : {}),
    }));
  }
  if (serviceConnectOn(ir) && (task.networkMode === 'awsvpc' || task.networkMode === 'bridge')) out.serviceConnectConfiguration = serviceConnectConfiguration(ir, task);
  const tags = serviceTags(task.services, members, svc.tags, report);
  if (tags.length) out.tags = tags;
  if (svc.enable_execute_command !== undefined) out.enableExecuteCommand = svc.enable_execute_command;
  if (svc.enable_ecs_managed_tags !== undefined) out.enableECSManagedTags = svc.enable_ecs_managed_tags;
  if (svc.propagate_tags) out.propagateTags = svc.propagate_tags;
  if (svc.client_token) out.clientToken = svc.client_token;
  reportDeployLeftovers(task, members, report);
  return out;
}

/**
 * Where a finding about a task's ECS service as a whole goes: the x-ecs.service that was
 * written (a member's, the later by name, or the top level's), else the task's first member
 * by name — never a place that depends on the order services are written in.
 */
function serviceSettingsPath(ir: EcsIR, task: Task): (string | number)[] {
  const written = settingPath(ir, task.services, 'service');
  if (written[0] === 'services') return written;
  const top = ir.project.extensions['x-ecs'];
  if (typeof top === 'object' && top !== null && Object.hasOwn(top, 'service')) return written;
  return ['services', task.services[0] as string];
}

/**
 * The awsvpc networkConfiguration of a CreateService or RunTask input, from
 * x-ecs.service.network_configuration (which --subnets, --security-groups and
 * --assign-public-ip fill); none without subnets.
 *
 * @example
 * networkConfiguration({ subnets: ['subnet-1'], assign_public_ip: true }) // { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'ENABLED' } }
 */
export function networkConfiguration(n: { subnets?: string[]; security_groups?: string[]; assign_public_ip?: boolean } | undefined): Json | undefined {
  if (!n?.subnets?.length) return undefined;
  return {
    awsvpcConfiguration: {
      subnets: n.subnets,
      ...(n.security_groups?.length ? { securityGroups: n.security_groups } : {}),
      ...(n.assign_public_ip !== undefined ? { assignPublicIp: n.assign_public_ip ? 'ENABLED' : 'DISABLED' } : {}),
    },
  };
}
