/**
 * Where a compose name cannot resolve across tasks. Under compose every service reaches every
 * other one by name on a shared network; across ECS tasks only Service Connect gives that
 * (service-connect.ts). Each place where it cannot is one warning, ECS_NAME_UNRESOLVED, at the
 * key the user wrote, naming the name and the fix — the same for the ECS and CloudFormation
 * targets, which both call this.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR } from '../../ir/ir.js';
import { advertisedPorts, serviceConnectOn } from './service-connect.js';
import { settingPath } from './task-definition.js';
import { reportNameUses } from './name-uses.js';
import { compareText } from '../../core/text-order.js';

/** At most this many names in one message. */
const LISTED = 5;

function list(names: readonly string[]): string {
  return names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more` : names.join(', ');
}

export function reportUnresolvedNames(ir: EcsIR, diagnostics: Diagnostic[]): void {
  const warn = (message: string, path: readonly (string | number)[]): void => {
    diagnostics.push(ir.diagnostic('ECS_NAME_UNRESOLVED', 'warning', message, path));
  };
  const withService = ir.tasks.filter((t) => t.withService);
  if (ir.layout !== 'service' || withService.length < 2) return;
  if (!serviceConnectOn(ir)) {
    const names = withService.flatMap((t) => t.services);
    warn(`Service Connect is turned off, so services in other tasks cannot reach ${list(names)} by name as under compose: remove service_connect: false, or register the services yourself (x-ecs.service.service_registries)`, settingPath(ir, [], 'service_connect'));
    return;
  }
  for (const task of withService) {
    if (task.networkMode !== 'host' && task.networkMode !== 'none') continue;
    const first = task.services[0] as string;
    const own = task.services.find((s) => ir.project.services[s]?.network_mode !== undefined);
    const at = own !== undefined ? ['services', own, 'network_mode'] : settingPath(ir, task.services, 'network_mode');
    warn(`task "${task.name}" runs in ${task.networkMode} network mode, which Service Connect does not support: ${list(task.services)} cannot be reached by name from other tasks, nor reach them by name; use awsvpc or bridge (remove network_mode${own === undefined ? '' : ` from services.${own ?? first}`})`, at);
  }
  for (const [name, facts] of Object.entries(ir.services)) {
    const svc = ir.project.services[name];
    for (const target of facts.crossTask) {
      const targetTask = ir.tasks.find((t) => t.name === ir.services[target]?.task);
      if (!targetTask?.withService || targetTask.networkMode === 'host' || targetTask.networkMode === 'none') continue;
      // A job waited on to complete (a migration) is not reached by name.
      if (advertisedPorts(ir, target).length || ir.workloads[target]?.kind === 'job' || svc?.depends_on?.[target]?.condition === 'service_completed_successfully') continue;
      // A link is the place written (the loader adds a depends_on entry for each link).
      const link = (svc?.links ?? []).findIndex((l) => (l.split(':')[0] ?? l) === target);
      const key = link >= 0 ? 'links' : 'depends_on';
      const path = link >= 0 ? ['services', name, 'links', link] : ['services', name, 'depends_on', target];
      warn(`services.${name}.${key} names ${target}, which runs in another task and neither exposes nor publishes a tcp port, so Service Connect gives ${name} no "${target}" to reach: add expose: ["PORT"] to services.${target} with the port it listens on`, path);
    }
  }
  reportNameUses(ir, diagnostics);
}

/**
 * ECS target: compose networks isolate, and the service JSON can only take security groups
 * the user gives. With several networks in use across tasks, one warning at the top-level
 * `networks` says which networks the groups must stand for (the CloudFormation target makes
 * them itself, network-groups.ts).
 */
export function reportNetworkGroups(ir: EcsIR, diagnostics: Diagnostic[]): void {
  const tasks = ir.tasks.filter((t) => t.withService && t.networkMode === 'awsvpc');
  if (ir.layout !== 'service' || tasks.length < 2) return;
  const used = [...new Set(tasks.flatMap((t) => t.services.flatMap((s) => (ir.workloads[s]?.networks ?? []).map((n) => n.name))))].sort();
  if (used.length < 2) return;
  diagnostics.push(
    ir.diagnostic('ECS_UNSUPPORTED_FIELD', 'warning', `the compose networks ${list(used)} isolate services from each other, which ECS has no networks for: give each ECS service the security groups (x-ecs.service.network_configuration.security_groups) that stand for the networks it joins — one group per network, admitting itself on its members' ports — or use --target cloudformation, which creates them`, ['networks']),
  );
}

/**
 * 06-networks internal: "create an externally isolated network". An ECS task reaches outside
 * through the routes of its subnets, which neither a task definition nor a stack of ours can
 * close (the same path carries the task's image pulls, logs and secrets), so the promise is
 * lost on both ECS targets: one warning at each internal network the services use, saying what
 * keeps them from the internet instead.
 */
export function reportInternalNetworks(ir: EcsIR, diagnostics: Diagnostic[]): void {
  for (const [key, net] of Object.entries(ir.project.networks)) {
    if (net.internal !== true) continue;
    const members = Object.keys(ir.project.services)
      .filter((s) => ir.workloads[s] !== undefined && Object.hasOwn(ir.project.services[s]?.networks ?? {}, key))
      .sort(compareText);
    if (!members.length) continue;
    diagnostics.push(
      ir.diagnostic(
        'ECS_UNSUPPORTED_FIELD',
        'warning',
        `networks.${key}.internal: compose gives ${list(members)} no outside access on ${key}; an ECS task reaches outside through the routes of its subnets, which the task definition cannot close (the same path carries its image pulls, logs and secrets): to keep ${members.length === 1 ? 'it' : 'them'} from the internet, run ${members.length === 1 ? 'it' : 'them'} in private subnets without a NAT gateway, with VPC endpoints for ECR, CloudWatch Logs and Secrets Manager (--subnets)`,
        ['networks', key, 'internal'],
      ),
    );
  }
}
