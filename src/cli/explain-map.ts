/**
 * `compose2ecs explain --target ecs`: for each field a user set in a service, where it went
 * in the output (a file and a JSON pointer) or why it was dropped. Generic over the mapping
 * table: ECS_SERVICE_KEYS names the ECS fields a key goes to (`to`), the emitted documents
 * say which of them exist, and the diagnostics of the ECS emit path say what was dropped.
 * Pure (no file system), so it could move into the core.
 */
import { compareText } from '../core/text-order.js';
import type { Output } from '../backends/backend.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { IR } from '../ir/ir.js';
import type { Project, Service } from '../model/project.js';
import { ECS_SERVICE_KEYS, type MappedKey } from '../backends/ecs/container-map.js';
import { sourceOf, toPointer } from '../core/source.js';

export type ExplainStatus = 'mapped' | 'partly dropped' | 'dropped' | 'no output';

export interface ExplainRow {
  service: string;
  /** The compose key (`ports`). */
  field: string;
  /** Where the key is written. */
  file?: string;
  line?: number;
  column?: number;
  status: ExplainStatus;
  /** Where it went: `boot.task-definition.json#/containerDefinitions/0/portMappings`. */
  to: string[];
  /** Why (part of) it was dropped, or what happened to it instead. */
  notes: string[];
}

type Scope = 'container' | 'task' | 'service';
const DROP_CODES = new Set(['ECS_UNSUPPORTED_FIELD', 'ECS_LAUNCH_TYPE_RULE']);

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

function has(value: unknown, path: readonly (string | number)[]): boolean {
  let node = value;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, seg)) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node !== undefined;
}

/** True when the user wrote `key` in the service (the loader also fills in some keys, e.g. networks). */
function userSet(project: Project, name: string, key: string): boolean {
  const range = sourceOf(project.services[name] as object)?.keys.get(key);
  const own = sourceOf(project.services)?.keys.get(name);
  if (!range) return false;
  return !(own && own.file === range.file && own.start === range.start);
}

interface Documents {
  task?: Output;
  service?: Output;
  container?: number;
}

function documentsOf(ir: IR, outputs: readonly Output[], service: string): Documents {
  const task = ir.ecs?.tasks.find((t) => t.name === ir.ecs?.services[service]?.task);
  if (!task) return {};
  const td = outputs.find((o) => o.path.endsWith('.task-definition.json') && (o.value as { family?: string } | undefined)?.family === task.family);
  const sd = outputs.find((o) => {
    const ref = (o.value as { taskDefinition?: unknown } | undefined)?.taskDefinition;
    return o.path.endsWith('.service.json') && typeof ref === 'string' && (ref === task.family || ref.startsWith(task.family + ':'));
  });
  const containers = (td?.value as { containerDefinitions?: { name?: string }[] } | undefined)?.containerDefinitions ?? [];
  const index = containers.findIndex((c) => c.name === service);
  return { ...(td ? { task: td } : {}), ...(sd ? { service: sd } : {}), ...(index >= 0 ? { container: index } : {}) };
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

/** The pointers of the ECS fields `to` names that exist in the output; `notes` says which fields another key set. */
function pointers(docs: Documents, to: string, svc: Service, key: string): { found: string[]; notes: string[] } {
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
      const doc = scope === 'service' ? docs.service : docs.task;
      if (!doc || (scope === 'container' && docs.container === undefined)) continue;
      const full = scope === 'container' ? ['containerDefinitions', docs.container as number, ...path] : path;
      if (!has(doc.value, full)) continue;
      const p = `${doc.path}#${toPointer(full)}`;
      if (!found.includes(p)) found.push(p);
      break;
    }
  }
  return { found, notes };
}

/**
 * One row per key the user set in each service, service by service, keys in the order written.
 *
 * @example
 * explainEcs(ir, outputs, diagnostics)[0]
 * // { service: 'boot', field: 'image', status: 'mapped', to: ['boot.task-definition.json#/containerDefinitions/0/image'], notes: [], … }
 */
export function explainEcs(ir: IR, outputs: readonly Output[], diagnostics: readonly Diagnostic[]): ExplainRow[] {
  const all: ExplainRow[] = [];
  for (const [name, svc] of Object.entries(ir.project.services)) {
    const rows: ExplainRow[] = [];
    const docs = documentsOf(ir, outputs, name);
    for (const key of Object.keys(svc)) {
      if (key === 'name' || key === 'extensions' || !Object.hasOwn(ECS_SERVICE_KEYS, key) || !userSet(ir.project, name, key)) continue;
      const mapping = ECS_SERVICE_KEYS[key as MappedKey];
      const at = toPointer(['services', name, key]);
      const about = diagnostics.filter((d) => d.path !== undefined && (d.path === at || d.path.startsWith(at + '/')));
      const drops = about.filter((d) => DROP_CODES.has(d.code));
      const range = sourceOf(svc)?.keys.get(key);
      const row: ExplainRow = { service: name, field: key, status: 'mapped', to: [], notes: [] };
      if (range) {
        const p = range.file.position(range.start);
        Object.assign(row, { file: range.file.path, line: p.line, column: p.column });
      }
      if ('unsupported' in mapping) {
        row.status = 'dropped';
        row.notes = drops.length ? drops.map((d) => d.message) : [mapping.unsupported];
      } else {
        const { found, notes } = pointers(docs, mapping.to, svc, key);
        row.to = found;
        row.notes = [...about.map((d) => d.message), ...notes];
        if (row.to.length === 0) {
          // Nothing in the output: dropped when something said so (a warning or worse).
          row.status = about.some((d) => d.severity !== 'info') ? 'dropped' : 'no output';
          if (!row.notes.length) row.notes = [mapping.note ? `${mapping.to}: ${mapping.note}` : mapping.to];
        } else if (drops.length) row.status = 'partly dropped';
      }
      rows.push(row);
    }
    // In the order they are written (the model keeps the schema's order).
    all.push(...rows.sort((a, b) => compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  }
  return all;
}
