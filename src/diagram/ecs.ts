/**
 * The ECS target's documents read back: `<family>.task-definition.json`, `<service>.service.json`
 * (Service Connect, load balancers, security groups) and `<task>.run-task.json`.
 */
import { dataAt, isData, listAt, numberAt, textAt, unique, type Data } from './documents.js';
import type { DeploymentDiagram } from './model.js';
import type { UnitBuilder } from './units.js';

/** True for an ECS task definition (register-task-definition input). */
export function isTaskDefinition(value: unknown): value is Data {
  return isData(value) && typeof value.family === 'string' && Array.isArray(value.containerDefinitions);
}

/** True for an ECS service (create-service input). */
export function isEcsService(value: unknown): value is Data {
  return isData(value) && typeof value.serviceName === 'string' && value.taskDefinition !== undefined;
}

/** Reads task definitions first, then the services that run them. */
export function readEcs(documents: Data[], units: UnitBuilder, out: DeploymentDiagram): void {
  const byFamily = new Map<string, string>();
  for (const td of documents.filter(isTaskDefinition)) {
    const containers = listAt(td, 'containerDefinitions').filter(isData).map((c) => ({
      name: textAt(c, 'name') ?? '',
      essential: dataAt(c, 'essential') !== false,
      ports: listAt(c, 'portMappings').flatMap((p) => numberAt(p, 'containerPort') ?? []),
      waitsFor: listAt(c, 'dependsOn').flatMap((d) => { const container = textAt(d, 'containerName'); return container === undefined ? [] : [{ container, condition: textAt(d, 'condition') ?? 'START' }]; }),
      links: listAt(c, 'links').filter((l): l is string => typeof l === 'string'),
    }));
    const launchType = listAt(td, 'requiresCompatibilities').find((x): x is string => typeof x === 'string');
    const unit = units.fromContainers(td.family as string, containers, { controller: 'run-task', ...(launchType ? { launchType } : {}) });
    byFamily.set(td.family as string, unit.id);
  }
  const groups = new Map<string, Set<string>>();
  for (const svc of documents.filter(isEcsService)) {
    const family = String(svc.taskDefinition).replace(/:\d+$/, '').replace(/^.*task-definition\//, '');
    const unit = byFamily.get(family);
    if (unit === undefined) continue;
    const replicas = numberAt(svc, 'desiredCount');
    const launchType = textAt(svc, 'launchType');
    units.update(unit, { controller: 'ecs-service', service: svc.serviceName as string, ...(replicas !== undefined ? { replicas } : {}), ...(launchType ? { launchType } : {}) });
    const namespace = textAt(svc, 'serviceConnectConfiguration', 'namespace');
    if (namespace !== undefined && !out.namespace) out.namespace = { kind: 'cloud-map', name: namespace };
    for (const s of listAt(svc, 'serviceConnectConfiguration', 'services')) {
      for (const a of listAt(s, 'clientAliases')) {
        const name = textAt(a, 'dnsName');
        const port = numberAt(a, 'port');
        if (name !== undefined && port !== undefined) out.names.push({ name, port, unit });
      }
    }
    for (const lb of listAt(svc, 'loadBalancers')) {
      const arn = textAt(lb, 'targetGroupArn') ?? textAt(lb, 'loadBalancerName');
      const container = textAt(lb, 'containerName');
      const port = numberAt(lb, 'containerPort');
      if (arn === undefined || container === undefined || port === undefined) continue;
      let group = out.targetGroups.find((g) => g.id === arn);
      if (!group) out.targetGroups.push((group = { id: arn, targets: [] }));
      group.targets.push({ unit, container, port });
    }
    for (const sg of listAt(svc, 'networkConfiguration', 'awsvpcConfiguration', 'securityGroups')) {
      if (typeof sg === 'string') groups.set(sg, new Set([...(groups.get(sg) ?? []), unit]));
    }
  }
  for (const [id, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.securityGroups.push({ id, members: unique([...members]).sort(), loadBalancer: false, ingress: [] });
  }
}
