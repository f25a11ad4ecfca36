/**
 * The whole stack: a cluster (or an existing one), the shared load balancers, every task's
 * resources, service discovery, and the links between services (DependsOn for depends_on
 * across tasks, security group ingress from the services that use another).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR } from '../../ir/ir.js';
import { addDiscovery, type CreatedService } from './discovery.js';
import { logicalIdBases } from './logical-ids.js';
import { addLoadBalancing, restrictLoadBalancerEgress, type RoutedTask } from './load-balancing.js';
import { StackParams } from './parameters.js';
import { exposeCarried, linkServices } from './service-links.js';
import { routesOf } from './settings.js';
import { addTask } from './task-resources.js';
import { addNetworkGroups, networksCarried } from './network-groups.js';
import { reportInternalNetworks, reportUnresolvedNames } from '../ecs/name-resolution.js';
import { reportUnsharedVolumes } from '../ecs/shared-volumes.js';
import { ref, Template } from './template.js';

export interface StackOptions {
  /** Hash every logical ID base that another one extends (the retry after a collision). */
  strictIds?: boolean;
}

/** Capacity providers every account has; a cluster the stack creates must list those its services use. */
const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

export function buildStack(ir: EcsIR, diagnostics: Diagnostic[], options: StackOptions = {}): Template {
  const t = new Template(`${ir.project.name}: ECS services compiled from compose by compose2ecs`);
  const p = new StackParams(t, ir, diagnostics);
  const ids = logicalIdBases([...ir.tasks.map((task) => task.name), ...Object.keys(ir.project.services)], { strict: options.strictIds === true });
  const idOf = (name: string): string => ids.get(name) as string;

  p.cluster();
  if (t.conditions.CreateCluster) {
    const providers = new Set(ir.tasks.flatMap((task) => (task.settings.capacity_provider_strategy ?? []).map((c) => c.capacity_provider)).filter((c) => FARGATE_PROVIDERS.includes(c)));
    t.resource(
      'Cluster',
      'AWS::ECS::Cluster',
      { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }], ...(providers.size ? { CapacityProviders: [...providers].sort() } : {}) },
      { condition: 'CreateCluster' },
    );
    t.output('ClusterName', ref('Cluster'), 'ECS cluster the stack created', 'CreateCluster');
  }

  const withService = ir.tasks.filter((task) => task.withService);
  const routed: RoutedTask[] = withService.map((task) => ({ task, id: idOf(task.name), routes: routesOf(ir, task, diagnostics) })).filter((r) => r.routes.length);
  const lb = addLoadBalancing(ir, t, p, routed, idOf, diagnostics);
  // What the ECS mapping would report as lost, the stack carries: `expose` opens the security
  // groups of the services that use it, and a routed port is published by the load balancer,
  // whatever the task's host port. Declared to the mapping up front (EcsEmitOptions.carried).
  const carried = new Set([...exposeCarried(ir), ...networksCarried(ir), ...routed.flatMap((r) => r.routes.filter((x) => x.portIndex !== undefined).map((x) => `/services/${x.service}/ports/${String(x.portIndex)}`))]);

  const created: CreatedService[] = [];
  const notes = new Set<string>();
  for (const task of ir.tasks) {
    const id = idOf(task.name);
    const r = addTask(ir, t, p, task, { id, serviceIds: ids, carried, notes }, lb.byTask.get(task.name), lb.frontend, diagnostics);
    if (r.serviceId) created.push({ task, id, ...r, serviceId: r.serviceId });
  }
  restrictLoadBalancerEgress(t, lb, created);
  addDiscovery(ir, t, p, created, diagnostics);
  linkServices(ir, t, created, addNetworkGroups(ir, t, p, created), diagnostics);
  reportUnresolvedNames(ir, diagnostics);
  reportInternalNetworks(ir, diagnostics);
  reportUnsharedVolumes(ir, diagnostics);
  return t;
}
