/**
 * The words both renderers put on the picture, so that Mermaid and SVG say the same thing.
 */
import type { DeploymentDiagram, DiagramContainer, DiagramListener, DiagramNetwork, DiagramRule, DiagramSecurityGroup, DiagramTargetGroup, DiagramUnit } from './model.js';

const CONTROLLERS: Record<DiagramUnit['controller'], string> = {
  'ecs-service': 'ECS service',
  'run-task': 'run on demand (RunTask)',
  Deployment: 'Deployment',
  StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet',
  Job: 'Job',
  CronJob: 'CronJob',
  workload: 'workload',
};

export function unitLabel(u: DiagramUnit, ownGroup?: DiagramSecurityGroup): string {
  const what = u.controller === 'ecs-service' || u.controller === 'run-task' ? 'task' : u.controller;
  const parts = [`${what} ${u.name}`];
  if (u.controller === 'ecs-service') parts.push(`ECS service${u.service !== undefined ? ` ${u.service}` : ''}`);
  else if (what === 'task') parts.push(CONTROLLERS[u.controller]);
  if (u.replicas !== undefined) parts.push(`×${u.replicas}`);
  if (u.launchType !== undefined) parts.push(u.launchType);
  if (ownGroup) parts.push(`SG ${ownGroup.id}`);
  return parts.join(' · ');
}

export function containerLabel(c: DiagramContainer): string {
  const ports = c.ports.length ? ` :${c.ports.join(', :')}` : '';
  const role = c.role === 'job' ? ' · job, runs to completion' : c.role === 'init' ? ' · init step' : '';
  return `${c.name}${ports}${role}${c.essential || c.role !== 'app' ? '' : ' · not essential'}`;
}

export function listenerLabel(l: DiagramListener): string {
  return `listener ${l.protocol} :${l.port}`;
}

export function ruleLabel(r: DiagramRule): string {
  const when = r.conditions.length ? r.conditions.join(' and ') : 'default';
  return r.priority === undefined ? when : `${when} · priority ${r.priority}`;
}

export function targetGroupLabel(g: DiagramTargetGroup): string {
  const on = g.protocol !== undefined || g.port !== undefined ? ` · ${g.protocol ?? ''}${g.port !== undefined ? ` :${g.port}` : ''}` : '';
  // Kubernetes has no target groups: a rule sends requests to a Service's port.
  return g.id.startsWith('Service/') ? `Service ${g.id.slice('Service/'.length)}${on}` : `target group ${g.id}${on}`;
}

/** A compose network; on Kubernetes it isolates nothing (one flat pod network), and the label says so. */
export function networkLabel(n: DiagramNetwork, d: DeploymentDiagram): string {
  const parts = [`network ${n.name}${n.internal ? ' (internal)' : ''}`];
  if (n.securityGroup !== undefined) parts.push(`SG ${n.securityGroup}`);
  if (d.target === 'kubernetes') parts.push('not isolated on Kubernetes');
  return parts.join(' · ');
}

export function groupLabel(g: DiagramSecurityGroup): string {
  const ingress = g.ingress.map((i) => `${i.ports} from ${i.from === 'self' ? 'members' : i.from}`).join('; ');
  return `SG ${g.id}${ingress ? ` · in: ${ingress}` : ''}`;
}

export function namespaceLabel(d: DeploymentDiagram): string {
  if (!d.namespace) return d.target === 'kubernetes' ? 'Services' : 'names';
  return d.namespace.kind === 'cloud-map' ? `Cloud Map namespace ${d.namespace.name} (Service Connect)` : `namespace ${d.namespace.name}`;
}

export function titleOf(d: DeploymentDiagram): string {
  return `${d.project || 'project'} deployed with ${d.target === 'none' ? 'no target' : d.target}`;
}

/** A security group that is only its one unit's own (drawn in the unit's title, not as a node). */
export function isOwnGroup(g: DiagramSecurityGroup, d: DeploymentDiagram): boolean {
  return g.members.length === 1 && !g.loadBalancer && !g.ingress.some((i) => i.from === 'self') && !d.networks.some((n) => n.securityGroup === g.id);
}
