/**
 * depends_on and links across tasks → DependsOn between the ECS services (the used service is
 * created, and deleted, first); and in awsvpc mode the used service's security group admits
 * its users on the ports it publishes or exposes, a range of ports as one rule.
 */
import type { EcsIR } from '../../ir/ir.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import { compareText } from '../../core/text-order.js';
import type { CreatedService } from './discovery.js';
import type { ServicePort } from '../../model/project.js';
import { portRuns } from '../port-runs.js';
import { ref, type Json, type Template } from './template.js';

/**
 * The `expose` entries the stack opens security groups for, as JSON pointers: those of the
 * services of a task that a service of another task uses, both tasks in awsvpc mode with an
 * ECS service (each then has a security group of its own). linkServices opens exactly these.
 */
export function exposeCarried(ir: EcsIR): Set<string> {
  const tasks = new Map(ir.tasks.map((task) => [task.name, task]));
  const grouped = (name: string | undefined) => {
    const task = name === undefined ? undefined : tasks.get(name);
    return task !== undefined && task.withService && task.networkMode === 'awsvpc' ? task : undefined;
  };
  const out = new Set<string>();
  // The network groups (network-groups.ts) open every expose of an awsvpc task with a service.
  for (const task of ir.tasks) if (grouped(task.name)) for (const s of task.services) if (ir.project.services[s]?.expose?.length && ir.workloads[s]?.networks.length) out.add(`/services/${s}/expose`);
  for (const facts of Object.values(ir.services)) {
    if (!grouped(facts.task)) continue;
    for (const target of facts.crossTask) {
      const b = grouped(ir.services[target]?.task);
      if (!b || b.name === facts.task) continue;
      for (const s of b.services) if (ir.project.services[s]?.expose?.length) out.add(`/services/${s}/expose`);
    }
  }
  return out;
}

/**
 * Links the services: DependsOn, and security group ingress between their tasks. Services
 * ordered without a cycle can still put their tasks in one (a → b in another task, b's
 * neighbour → a's), which CloudFormation refuses (F3004): such a DependsOn is left out, with
 * an info at the depends_on or links entry that asked for it.
 */
export function linkServices(ir: EcsIR, t: Template, created: readonly CreatedService[], networkGroups = false, diagnostics: Diagnostic[] = []): void {
  const used = new Set<string>();
  const byTask = new Map(created.map((c) => [c.task.name, c]));
  const taskOf = new Map<string, string>();
  for (const c of created) for (const s of c.task.services) taskOf.set(s, c.task.name);
  const pairs = new Set<string>();
  const after = new Map<string, Set<string>>(); // task → the tasks it is created after
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const at = stack.pop() as string;
      if (at === to) return true;
      if (seen.has(at)) continue;
      seen.add(at);
      for (const next of after.get(at) ?? []) stack.push(next);
    }
    return false;
  };
  // The dependencies pass found the services each one uses in another task.
  for (const name of Object.keys(ir.services).sort(compareText)) {
    const facts = ir.services[name]!;
    const from = taskOf.get(name);
    for (const target of facts.crossTask) {
      const to = taskOf.get(target);
      if (!from || !to || to === from) continue;
      const a = byTask.get(from) as CreatedService;
      const b = byTask.get(to) as CreatedService;
      if (after.get(from)?.has(to)) {
        // Already ordered.
      } else if (reaches(to, from)) {
        const key = Object.hasOwn(ir.project.services[name]?.depends_on ?? {}, target) ? ['services', name, 'depends_on', target] : ['services', name, 'links'];
        diagnostics.push(
          ir.diagnostic(
            'ECS_CROSS_TASK_DEPENDENCY',
            'info',
            `services.${name} uses ${target}, but task "${to}" is already created after task "${from}" through the services they hold, and CloudFormation refuses a DependsOn cycle: the stack creates the two ECS services in no particular order (put ${name} and ${target} in one task with x-ecs.task, or move the services that order the other way)`,
            key,
          ),
        );
      } else {
        after.set(from, (after.get(from) ?? new Set()).add(to));
        const res = t.resources[a.serviceId] as Json;
        res.DependsOn = [...new Set([...((res.DependsOn as string[]) ?? []), b.serviceId])].sort();
      }
      // With a group per compose network, the networks say who reaches whom, not depends_on.
      if (networkGroups || !a.securityGroup || !b.securityGroup || pairs.has(`${from}\0${to}`)) continue;
      pairs.add(`${from}\0${to}`);
      const ranges = portRangesOf(ir, b.task.services, used);
      const rules = ranges.length ? ranges : [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535 }];
      rules.forEach((r, i) => {
        t.resource(`${b.id}From${a.id}Ingress${rules.length > 1 ? i + 1 : ''}`, 'AWS::EC2::SecurityGroupIngress', {
          GroupId: ref(b.securityGroup as string),
          SourceSecurityGroupId: ref(a.securityGroup as string),
          ...r,
          Description: `${from} uses ${to}`,
        });
      });
    }
  }
}

/**
 * The ports the services of a task publish or expose, as security group rules: consecutive
 * ports of one protocol as one rule from–to (a range of 65,535 ports is one rule, not 65,535
 * resources; CloudFormation takes 500 in a stack), tcp rules first, each by port. Notes the
 * `expose` entries it used in `used`.
 */
export function portRangesOf(ir: EcsIR, services: readonly string[], used: Set<string>): { IpProtocol: string; FromPort: number; ToPort: number }[] {
  const spans: Record<'tcp' | 'udp', [number, number][]> = { tcp: [], udp: [] };
  const add = (protocol: string, from: number, to: number): void => {
    const p = protocol.toLowerCase();
    // A security group rule names tcp or udp; sctp is not mapped by the ECS target either.
    if (p === 'tcp' || p === 'udp') spans[p].push([from, to]);
  };
  for (const s of services) {
    const target = ir.project.services[s];
    for (const run of portRuns(target?.ports ?? [])) {
      const first = run.ports[0] as ServicePort;
      add(first.protocol, first.target, first.target + run.ports.length - 1);
    }
    for (const e of target?.expose ?? []) {
      const [ports = '', protocol = 'tcp'] = String(e).split('/');
      const [from = NaN, to = from] = ports.split('-').map(Number);
      if (Number.isInteger(from) && Number.isInteger(to)) add(protocol || 'tcp', from, to);
    }
    if (target?.expose?.length) used.add(`/services/${s}/expose`);
  }
  return (['tcp', 'udp'] as const).flatMap((protocol) => merged(spans[protocol]).map(([FromPort, ToPort]) => ({ IpProtocol: protocol, FromPort, ToPort })));
}

/** Port spans joined where they overlap or touch, in order: [[3, 5], [1, 2], [9, 9]] → [[1, 5], [9, 9]]. */
function merged(spans: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [from, to] of [...spans].sort((x, y) => x[0] - y[0] || x[1] - y[1])) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}
