/**
 * The whole stack: a cluster (or an existing one), the shared load balancers, every task's
 * resources, service discovery, and the links between services (DependsOn for depends_on
 * across tasks, security group ingress from the services that use another).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { IR, Task } from '../../ir/ir.js';
import { logicalIdBases } from './logical-ids.js';
import { addLoadBalancing, type RoutedTask } from './load-balancing.js';
import { StackParams } from './parameters.js';
import { discoverySettings, routesOf } from './settings.js';
import { addTask } from './task-resources.js';
import { getAtt, ref, Template, type Json } from './template.js';

export function buildStack(ir: IR, diagnostics: Diagnostic[]): Template {
  const t = new Template(`${ir.project.name}: ECS services compiled from compose by compose2ecs`);
  const p = new StackParams(t, ir);
  const taskIds = logicalIdBases(ir.tasks.map((task) => task.name));
  const serviceIds = logicalIdBases(Object.keys(ir.project.services));

  const createCluster = p.createCluster();
  t.resource('Cluster', 'AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] }, { condition: createCluster });
  t.output('ClusterName', ref('Cluster'), 'ECS cluster the stack created', createCluster);

  const routed: RoutedTask[] = ir.tasks.map((task) => ({ task, id: taskIds.get(task.name) as string, routes: routesOf(ir, task) })).filter((r) => r.routes.length);
  const routeResources = addLoadBalancing(ir, t, p, routed);

  const created = new Map<string, { serviceId: string; securityGroup?: string; task: Task }>();
  for (const task of ir.tasks) {
    const id = taskIds.get(task.name) as string;
    const r = addTask(ir, t, p, task, { id, serviceIds }, routeResources.get(task.name), diagnostics);
    created.set(task.name, { ...r, task });
  }
  addDiscovery(ir, t, p, created, taskIds, diagnostics);
  linkServices(ir, t, created, taskIds);
  return t;
}

/** Cloud Map: a private DNS namespace and a discovery service per task, so services find each other by name as under compose. */
function addDiscovery(ir: IR, t: Template, p: StackParams, created: Map<string, { serviceId: string; task: Task }>, taskIds: Map<string, string>, diagnostics: Diagnostic[]): void {
  const d = discoverySettings(ir);
  if (!d) return;
  t.resource('ServiceDiscoveryNamespace', 'AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: d.namespace ?? `${ir.project.name}.local`, Vpc: p.vpc() });
  for (const [name, c] of created) {
    const id = taskIds.get(name) as string;
    const awsvpc = c.task.networkMode === 'awsvpc';
    const svc = ir.project.services[c.task.services[0] as string];
    const port = svc?.ports?.[0]?.target;
    if (!awsvpc && port === undefined) {
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'info', `task "${name}" is left out of service discovery: in ${c.task.networkMode} mode Cloud Map needs SRV records, which need a port`, ['services', c.task.services[0] as string]));
      continue;
    }
    const ds = `${id}DiscoveryService`;
    t.resource(ds, 'AWS::ServiceDiscovery::Service', {
      Name: name,
      DnsConfig: { NamespaceId: getAtt('ServiceDiscoveryNamespace', 'Id'), RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: awsvpc ? 'A' : 'SRV', TTL: 10 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    });
    const service = t.resources[c.serviceId]?.Properties as Json;
    service.ServiceRegistries = [{ RegistryArn: getAtt(ds, 'Arn'), ...(awsvpc ? {} : { ContainerName: c.task.services[0], ContainerPort: port }) }];
  }
}

/** depends_on across tasks → DependsOn between the ECS services; and each used service admits its users. */
function linkServices(ir: IR, t: Template, created: Map<string, { serviceId: string; securityGroup?: string; task: Task }>, taskIds: Map<string, string>): void {
  const taskOf = new Map<string, string>();
  for (const task of ir.tasks) for (const s of task.services) taskOf.set(s, task.name);
  const pairs = new Set<string>();
  for (const [name, svc] of Object.entries(ir.project.services)) {
    const from = taskOf.get(name) as string;
    const targets = [...Object.keys(svc.depends_on ?? {}), ...(svc.links ?? []).map((l) => l.split(':')[0] as string)];
    for (const target of targets) {
      const to = taskOf.get(target);
      if (!to || to === from) continue;
      const a = created.get(from);
      const b = created.get(to);
      if (!a || !b) continue;
      const res = t.resources[a.serviceId] as Json;
      res.DependsOn = [...new Set([...((res.DependsOn as string[]) ?? []), b.serviceId])].sort();
      if (a.securityGroup && b.securityGroup && !pairs.has(`${from}\0${to}`)) {
        pairs.add(`${from}\0${to}`);
        const ports = (ir.project.services[target]?.ports ?? []).map((p) => p.target);
        const exposed = (ir.project.services[target]?.expose ?? []).map((e) => Number(String(e).split(/[-/]/)[0])).filter((n) => Number.isInteger(n));
        const all = [...new Set([...ports, ...exposed])].sort((x, y) => x - y);
        const fromId = taskIds.get(from) as string;
        const toId = taskIds.get(to) as string;
        const rules = all.length ? all.map((port) => ({ FromPort: port, ToPort: port })) : [{ FromPort: 0, ToPort: 65535 }];
        rules.forEach((r, i) => {
          t.resource(`${toId}From${fromId}Ingress${all.length > 1 ? i + 1 : ''}`, 'AWS::EC2::SecurityGroupIngress', {
            GroupId: ref(b.securityGroup as string),
            SourceSecurityGroupId: ref(a.securityGroup as string),
            IpProtocol: 'tcp',
            ...r,
            Description: `${from} uses ${to}`,
          });
        });
      }
    }
  }
}
