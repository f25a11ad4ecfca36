/**
 * explain's locators for the targets that map containers through ECS_SERVICE_KEYS: `ecs`
 * (a task definition and a service document per task) and `cloudformation` (one template:
 * the same fields, PascalCase, under AWS::ECS::TaskDefinition and AWS::ECS::Service resources).
 */
import type { Output } from '../backends/backend.js';
import type { IR } from '../ir/ir.js';
import type { Service } from '../model/project.js';
import { ECS_SERVICE_KEYS, type MappedKey } from '../backends/ecs/container-map.js';
import { toPointer } from '../core/source.js';
import { has, type ExplainTarget, type Located } from './explain-target.js';

type Scope = 'container' | 'task' | 'service';

/**
 * The ECS fields of a mapping's `to` text, each with the document it is in: `task networkMode`
 * is the task definition's, `service desiredCount` the service's, anything else the
 * container's (or, failing that, the scope named last: `service desiredCount, tags`).
 *
 * @example ecsFields('linuxParameters.capabilities.add') // [{ scopes: ['container'], path: ['linuxParameters', 'capabilities', 'add'] }]
 */
export function ecsFields(to: string): { scopes: Scope[]; path: string[] }[] {
  const out: { scopes: Scope[]; path: string[] }[] = [];
  let sticky: Scope | undefined;
  for (const raw of to.split(/[,;]/)) {
    let item = raw.replace(/\([^)]*\)/g, '').trim();
    if (!item) continue;
    let scope: Scope | undefined;
    const m = /^(task|service|container)\s+(.*)$/.exec(item);
    if (m) {
      scope = m[1] as Scope;
      item = (m[2] as string).trim();
      sticky = scope;
    }
    for (const name of item.split('/')) {
      if (!/^[A-Za-z][\w.]*$/.test(name)) continue;
      const scopes: Scope[] = scope ? [scope] : sticky && sticky !== 'container' ? ['container', sticky] : ['container'];
      out.push({ scopes, path: name.split('.') });
    }
  }
  return out;
}

type Winner = MappedKey | 'x-ecs' | undefined;
const positive = (v: number | undefined) => v !== undefined && v > 0;

/**
 * Container cpu and memory have several sources, the first one set winning (the order of
 * src/passes/resources.ts); a key gets the pointer only when it is the one that won.
 */
const RESOURCE_SOURCES: Record<string, (svc: Service, ecs: Record<string, unknown>) => Winner> = {
  cpu: (svc, ecs) => {
    const r = svc.deploy?.resources;
    if (ecs.container_cpu !== undefined) return 'x-ecs';
    if (positive(r?.limits?.cpus)) return 'deploy';
    if (positive(svc.cpus)) return 'cpus';
    if (svc.cpu_shares !== undefined) return 'cpu_shares';
    if (positive(svc.cpu_quota)) return 'cpu_quota';
    return positive(r?.reservations?.cpus) ? 'deploy' : undefined;
  },
  memory: (svc, ecs) => (ecs.container_memory !== undefined ? 'x-ecs' : positive(svc.deploy?.resources?.limits?.memory) ? 'deploy' : positive(svc.mem_limit) ? 'mem_limit' : undefined),
  memoryReservation: (svc, ecs) =>
    ecs.container_memory_reservation !== undefined ? 'x-ecs' : positive(svc.deploy?.resources?.reservations?.memory) ? 'deploy' : positive(svc.mem_reservation) ? 'mem_reservation' : undefined,
};

/** Where each scope of one service is: a document and the path of the scope inside it. */
type Places = Partial<Record<Scope, { doc: Output; base: (string | number)[] }>>;

/** The pointers of the ECS fields `to` names that exist in the output; `notes` says which fields another key set. */
function pointers(places: Places, to: string, svc: Service, key: string, name: (seg: string) => string): Located {
  const found: string[] = [];
  const notes: string[] = [];
  const ecs = (svc.extensions['x-ecs'] ?? {}) as Record<string, unknown>;
  for (const { scopes, path } of ecsFields(to)) {
    const source = path.length === 1 && Object.hasOwn(RESOURCE_SOURCES, path[0] as string) ? RESOURCE_SOURCES[path[0] as string] : undefined;
    const winner = source?.(svc, ecs);
    if (source && winner !== key) {
      if (winner) notes.push(`the container's ${path[0]} comes from services.${svc.name}.${winner}, which comes first`);
      continue;
    }
    for (const scope of scopes) {
      const place = places[scope];
      if (!place) continue;
      const full = [...place.base, ...path.map(name)];
      if (!has(place.doc.value, full)) continue;
      const p = `${place.doc.path}#${toPointer(full)}`;
      if (!found.includes(p)) found.push(p);
      break;
    }
  }
  return { found, notes };
}

function ecsPlaces(ir: IR, outputs: readonly Output[], service: string): Places {
  const task = ir.ecs?.tasks.find((t) => t.name === ir.ecs?.services[service]?.task);
  if (!task) return {};
  const td = outputs.find((o) => o.path.endsWith('.task-definition.json') && (o.value as { family?: string } | undefined)?.family === task.family);
  const sd = outputs.find((o) => {
    const ref = (o.value as { taskDefinition?: unknown } | undefined)?.taskDefinition;
    return o.path.endsWith('.service.json') && typeof ref === 'string' && (ref === task.family || ref.startsWith(task.family + ':'));
  });
  const containers = (td?.value as { containerDefinitions?: { name?: string }[] } | undefined)?.containerDefinitions ?? [];
  const index = containers.findIndex((c) => c.name === service);
  return {
    ...(td ? { task: { doc: td, base: [] } } : {}),
    ...(sd ? { service: { doc: sd, base: [] } } : {}),
    ...(td && index >= 0 ? { container: { doc: td, base: ['containerDefinitions', index] } } : {}),
  };
}

const DROP_CODES = new Set(['ECS_UNSUPPORTED_FIELD', 'ECS_LAUNCH_TYPE_RULE']);

/**
 * explain for --target ecs.
 *
 * @example explainRows(ir, ecsExplainTarget(ir, result.emitted), diagnostics)
 */
export function ecsExplainTarget(ir: IR, outputs: readonly Output[]): ExplainTarget {
  return {
    keys: ECS_SERVICE_KEYS,
    dropCodes: DROP_CODES,
    locate: (svc, key, to) => (key === 'pre_start' ? initContainers(ecsPlaces(ir, outputs, svc.name), svc.name, 'name') : pointers(ecsPlaces(ir, outputs, svc.name), to, svc, key, (s) => s)),
  };
}

/** pre_start: the init containers `<service>-pre-start-<n>` beside the service's container. */
function initContainers(places: Places, service: string, nameKey: 'name' | 'Name'): Located {
  const place = places.container;
  if (!place) return { found: [], notes: [] };
  const list = place.base.slice(0, -1);
  let node: unknown = place.doc.value;
  for (const seg of list) node = (node as Record<string | number, unknown> | undefined)?.[seg];
  const found: string[] = [];
  (Array.isArray(node) ? node : []).forEach((c: Record<string, unknown>, i) => {
    if (typeof c[nameKey] === 'string' && (c[nameKey] as string).startsWith(`${service}-pre-start-`)) found.push(`${place.doc.path}#${toPointer([...list, i])}`);
  });
  return { found, notes: [] };
}

interface Resource {
  Type?: string;
  Properties?: Record<string, unknown>;
}

function cfnPlaces(outputs: readonly Output[], service: string): Places {
  for (const doc of outputs) {
    const resources = Object.entries(((doc.value as { Resources?: Record<string, Resource> } | undefined)?.Resources ?? {}));
    for (const [id, r] of resources) {
      if (r.Type !== 'AWS::ECS::TaskDefinition') continue;
      const containers = (r.Properties?.ContainerDefinitions ?? []) as { Name?: unknown }[];
      const index = containers.findIndex((c) => c.Name === service);
      if (index < 0) continue;
      const ecsService = resources.find(([, s]) => s.Type === 'AWS::ECS::Service' && (s.Properties?.TaskDefinition as { Ref?: unknown } | undefined)?.Ref === id);
      return {
        task: { doc, base: ['Resources', id, 'Properties'] },
        container: { doc, base: ['Resources', id, 'Properties', 'ContainerDefinitions', index] },
        ...(ecsService ? { service: { doc, base: ['Resources', ecsService[0], 'Properties'] } } : {}),
      };
    }
  }
  return {};
}

const pascalCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * explain for --target cloudformation: the ECS table, its fields PascalCase in the template.
 *
 * @example explainRows(ir, cloudformationExplainTarget(result.emitted), diagnostics)
 */
export function cloudformationExplainTarget(outputs: readonly Output[]): ExplainTarget {
  return {
    keys: ECS_SERVICE_KEYS,
    dropCodes: new Set([...DROP_CODES, 'CFN_UNSUPPORTED_FIELD']),
    locate: (svc, key, to) => (key === 'pre_start' ? initContainers(cfnPlaces(outputs, svc.name), svc.name, 'Name') : pointers(cfnPlaces(outputs, svc.name), to, svc, key, pascalCase)),
  };
}
