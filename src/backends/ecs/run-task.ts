/**
 * A RunTask input (`aws ecs run-task --cli-input-json file://<task>.run-task.json`) for a task
 * that holds only jobs: an ECS service would restart them forever, so they get a task
 * definition and this instead (issue 18). Cluster, launch type or capacity providers and the
 * awsvpc network configuration are the ones an ECS service of the task would get.
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { Json } from './container-context.js';
import { settingPath } from './task-definition.js';
import { networkConfiguration } from './service.js';

/** RunTask `count`: "You can specify up to 10 tasks for each call." */
export const MAX_RUN_TASK_COUNT = 10;

/**
 * How many copies of the job run: deploy.replicas or scale of a replicated job (compose runs
 * that many to completion), 1 otherwise; global-job has no ECS equivalent and is reported.
 */
function countOf(ir: EcsIR, task: Task, report: (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]) => void): number {
  let count = 1;
  for (const name of task.services) {
    const svc = ir.project.services[name];
    const n = svc?.deploy?.replicas ?? svc?.scale;
    if (n !== undefined) count = Math.max(count, n);
    if (svc?.deploy?.mode === 'global-job') {
      report('ECS_UNSUPPORTED_FIELD', 'warning', `services.${name}.deploy.mode global-job (one run on every node) has no ECS equivalent: run-task starts one task; start it on each container instance with aws ecs start-task --container-instances`, ['services', name, 'deploy', 'mode']);
    }
  }
  if (count > MAX_RUN_TASK_COUNT) {
    const at = task.services.find((s) => ir.project.services[s]?.deploy?.replicas !== undefined);
    report('ECS_LIMIT', 'warning', `task "${task.name}" asks for ${count} copies; aws ecs run-task starts at most ${MAX_RUN_TASK_COUNT} per call, so count is ${MAX_RUN_TASK_COUNT}: call it again for the rest`, at ? ['services', at, 'deploy', 'replicas'] : ['services', task.services[0] ?? '', 'scale']);
    count = MAX_RUN_TASK_COUNT;
  }
  return count;
}

/**
 * The RunTask input for a task without an ECS service.
 *
 * @example
 * runTaskInput(ir, task, diagnostics) // { taskDefinition: 'migrate', count: 1, launchType: 'FARGATE', networkConfiguration: … }
 */
export function runTaskInput(ir: EcsIR, task: Task, diagnostics: Diagnostic[]): Json {
  const report = (code: DiagnosticCode, sev: Severity, msg: string, path: (string | number)[]): void => {
    diagnostics.push(ir.diagnostic(code, sev, msg, path));
  };
  const s = task.settings;
  const svc = s.service ?? {};
  const revision = s.revision ?? 'latest';
  const out: Json = { taskDefinition: revision === 'latest' ? task.family : `${task.family}:${revision}`, count: countOf(ir, task, report) };
  if (svc.cluster) out.cluster = svc.cluster;
  if (s.capacity_provider_strategy?.length) {
    out.capacityProviderStrategy = s.capacity_provider_strategy.map((c) => ({ capacityProvider: c.capacity_provider, ...(c.weight !== undefined ? { weight: c.weight } : {}), ...(c.base !== undefined ? { base: c.base } : {}) }));
  } else if (s.launch_type) out.launchType = s.launch_type;
  if (svc.platform_version) out.platformVersion = svc.platform_version;
  if (task.networkMode === 'awsvpc') {
    const n = svc.network_configuration;
    const network = networkConfiguration(n);
    if (network) {
      out.networkConfiguration = network;
    } else {
      const written = settingPath(ir, task.services, 'service');
      report('ECS_INVALID', 'warning', `aws ecs run-task of task "${task.name}" uses awsvpc networking, which needs subnets: give --subnets (with --security-groups and --assign-public-ip as needed) or set x-ecs.service.network_configuration.subnets (or pass --network-configuration to run-task)`, written[0] === 'services' || ir.project.extensions['x-ecs'] ? written : ['services', task.services[0] as string]);
    }
  }
  if (svc.enable_ecs_managed_tags !== undefined) out.enableECSManagedTags = svc.enable_ecs_managed_tags;
  if (svc.enable_execute_command !== undefined) out.enableExecuteCommand = svc.enable_execute_command;
  // RunTask propagates tags from the task definition only (SERVICE needs a service).
  if (svc.propagate_tags === 'TASK_DEFINITION') out.propagateTags = 'TASK_DEFINITION';
  if (s.tags && Object.keys(s.tags).length) out.tags = Object.keys(s.tags).sort().map((key) => ({ key, value: s.tags![key]! }));
  out.startedBy = 'compose2ecs';
  return out;
}
