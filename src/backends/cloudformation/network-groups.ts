/**
 * Compose networks → security groups (06-networks: services on a network reach each other;
 * networks isolate). A security group per compose network joined by at least one awsvpc task
 * the stack creates a service for, with ingress from itself on the ports its members expose
 * or publish: members reach each other whether or not depends_on names them, as on a compose
 * network, and services that share no network do not. Never an opening from the world.
 */
import type { EcsIR, Task } from '../../ir/ir.js';
import type { CreatedService } from './discovery.js';
import { portRangesOf } from './service-links.js';
import { ref, type Json, type Template } from './template.js';

/**
 * The `networks` entries the stack carries, as JSON pointers: when addNetworkGroups makes a
 * group (a network joined by two awsvpc tasks with an ECS service), the networks of every such
 * task's services are security groups — each service reaches what shares a network with it —
 * so the ECS mapping's "networks are not carried over" does not apply to them.
 */
export function networksCarried(ir: EcsIR): Set<string> {
  const grouped = ir.tasks.filter((task) => task.withService && task.networkMode === 'awsvpc');
  if (![...membersByNetwork(ir, grouped, (task) => task).values()].some((tasks) => tasks.length > 1)) return new Set();
  return new Set(grouped.flatMap((task) => task.services.filter((s) => ir.workloads[s]?.networks.length).map((s) => `/services/${s}/networks`)));
}

/** The items (tasks, or the services created for them) on each compose network their services join. */
function membersByNetwork<T>(ir: EcsIR, items: readonly T[], taskOf: (item: T) => Task): Map<string, T[]> {
  const members = new Map<string, T[]>();
  for (const item of items) {
    const nets = new Set(taskOf(item).services.flatMap((s) => (ir.workloads[s]?.networks ?? []).map((n) => n.name)));
    for (const n of nets) members.set(n, [...(members.get(n) ?? []), item]);
  }
  return members;
}

/** Adds the network groups, attaches each to its members' services; returns whether any was made. */
export function addNetworkGroups(ir: EcsIR, t: Template, p: { vpc(): unknown }, created: readonly CreatedService[]): boolean {
  const members = membersByNetwork(
    ir,
    created.filter((c) => c.securityGroup),
    (c) => c.task,
  );
  const taken = new Set(Object.keys(t.resources));
  for (const network of [...members.keys()].sort()) {
    const list = members.get(network) as CreatedService[];
    // A network with one member task has no one to admit.
    if (list.length < 2) continue;
    const base = `Network${network.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase()).replace(/^./, (ch) => ch.toUpperCase())}`;
    let id = `${base}SecurityGroup`;
    for (let i = 2; taken.has(id); i++) id = `${base}${i}SecurityGroup`;
    taken.add(id);
    t.resource(id, 'AWS::EC2::SecurityGroup', { GroupDescription: `compose network ${network} of ${ir.project.name}: its members reach each other on the ports they expose or publish`, VpcId: p.vpc() });
    // Only the members' own ports: a member reached on a port it neither exposes nor publishes is ECS_NAME_UNRESOLVED's case.
    const services = list.flatMap((c) => c.task.services.filter((s) => ir.workloads[s]?.networks.some((n) => n.name === network)));
    const rules = portRangesOf(ir, services, new Set());
    rules.forEach((r, i) => {
      t.resource(`${id.replace(/SecurityGroup$/, '')}Ingress${rules.length > 1 ? i + 1 : ''}`, 'AWS::EC2::SecurityGroupIngress', { GroupId: ref(id), SourceSecurityGroupId: ref(id), ...r, Description: `members of compose network ${network}` });
    });
    for (const c of list) {
      const awsvpc = ((t.resources[c.serviceId]?.Properties as Json).NetworkConfiguration as { AwsvpcConfiguration: Json }).AwsvpcConfiguration;
      awsvpc.SecurityGroups = [...(awsvpc.SecurityGroups as unknown[]), ref(id)];
    }
  }
  return [...members.values()].some((l) => l.length > 1);
}
