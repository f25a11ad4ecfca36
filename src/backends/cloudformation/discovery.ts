/**
 * Cloud Map (x-ecs.service_discovery): a private DNS namespace and a discovery service per
 * task, so services find each other by name as under compose. awsvpc tasks get A records;
 * bridge and host tasks SRV records, which carry the (dynamic) host port. A task name Cloud
 * Map cannot take (`api-`) is registered trimmed to one it can, with a warning.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import type { StackParams } from './parameters.js';
import { discoverySettings } from './settings.js';
import { getAtt, sub, type Json, type Template } from './template.js';

export interface CreatedService {
  task: Task;
  /** Logical ID base of the task. */
  id: string;
  serviceId: string;
  securityGroup?: string;
}

export function addDiscovery(ir: EcsIR, t: Template, p: StackParams, created: readonly CreatedService[], diagnostics: Diagnostic[]): void {
  const d = discoverySettings(ir);
  if (!d) return;
  // One namespace per environment: two private namespaces of one name cannot share a VPC.
  p.environmentName();
  const namespace = d.namespace ?? sub('${EnvironmentName}.local');
  t.resource('ServiceDiscoveryNamespace', 'AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: namespace, Vpc: p.vpc() });
  t.output('ServiceDiscoveryNamespaceName', namespace, 'Private DNS namespace the services are registered in: a service is <task>.<namespace>');
  const taken = new Map<string, string>();
  for (const c of created) {
    const awsvpc = c.task.networkMode === 'awsvpc';
    const first = c.task.services[0] as string;
    const withPort = c.task.services.find((s) => ir.project.services[s]?.ports?.length);
    const port = withPort !== undefined ? ir.project.services[withPort]?.ports?.[0]?.target : undefined;
    if (!awsvpc && port === undefined) {
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'info', `task "${c.task.name}" is left out of service discovery: in ${c.task.networkMode} mode Cloud Map needs SRV records, which need a published port`, ['services', first]));
      continue;
    }
    const name = cloudMapName(c.task.name);
    if (name === undefined || taken.has(name)) {
      const why = name === undefined ? 'it has no letter or digit Cloud Map can use' : `task "${taken.get(name)}" is registered as ${name} already`;
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `task "${c.task.name}" is left out of service discovery: ${why}`, ['services', first]));
      continue;
    }
    taken.set(name, c.task.name);
    if (name !== c.task.name) {
      diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `task "${c.task.name}" is registered in service discovery as ${name}: a Cloud Map name is DNS labels of 1-63 letters, digits, _ and -, not starting or ending with -`, ['services', first]));
    }
    const ds = `${c.id}DiscoveryService`;
    t.resource(ds, 'AWS::ServiceDiscovery::Service', {
      Name: name,
      DnsConfig: { NamespaceId: getAtt('ServiceDiscoveryNamespace', 'Id'), RoutingPolicy: 'MULTIVALUE', DnsRecords: [{ Type: awsvpc ? 'A' : 'SRV', TTL: 10 }] },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    });
    const service = t.resources[c.serviceId]?.Properties as Json;
    service.ServiceRegistries = [{ RegistryArn: getAtt(ds, 'Arn'), ...(awsvpc ? {} : { ContainerName: withPort, ContainerPort: port }) }];
  }
}

/**
 * A task name as a Cloud Map service name (AWS::ServiceDiscovery::Service Name: dot-separated
 * labels of 1–63 letters, digits, `_` and `-`, no label starting or ending with `-`, at most
 * 127 characters), or undefined when nothing of it is left.
 *
 * @example
 * cloudMapName('api-') // 'api'
 */
export function cloudMapName(task: string): string | undefined {
  const labels = task
    .split('.')
    .map((l) => trimDashes(trimDashes(l.replace(/[^a-zA-Z0-9_-]/g, '-')).slice(0, 63)))
    .filter((l) => l.length > 0);
  let name = labels.join('.').slice(0, 127);
  name = name.replace(/[-.]+$/, '');
  return name.length ? name : undefined;
}

function trimDashes(label: string): string {
  return label.replace(/^-+|-+$/g, '');
}
