/**
 * `compose2ecs explain`: for each field a user set in a service, where it went in the output
 * (a file and a JSON pointer) or why it was dropped. Generic over a target's field table: the
 * table's `to` names the output fields a key goes to, the target's locator finds them in the
 * emitted documents, and the target's drop codes say what was dropped. The locators live in
 * explain-ecs.ts (ecs, cloudformation) and explain-k8s.ts. Pure (no file system).
 */
import { compareText } from '../core/text-order.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { IR } from '../ir/ir.js';
import type { Project, Service } from '../model/project.js';
import { sourceOf, toPointer } from '../core/source.js';

import type { ExplainTarget, TableEntry } from './explain-target.js';

export { ecsFields } from './explain-ecs.js';
export type { ExplainTarget, Located, TableEntry } from './explain-target.js';

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

/** True when the user wrote `key` in the service (the loader also fills in some keys, e.g. networks). */
function userSet(project: Project, name: string, key: string): boolean {
  const range = sourceOf(project.services[name] as object)?.keys.get(key);
  const own = sourceOf(project.services)?.keys.get(name);
  if (!range) return false;
  return !(own && own.file === range.file && own.start === range.start);
}

function rowFor(target: ExplainTarget, svc: Service, key: string, mapping: TableEntry, diagnostics: readonly Diagnostic[]): ExplainRow {
  const at = toPointer(['services', svc.name, key]);
  const about = diagnostics.filter((d) => d.path !== undefined && (d.path === at || d.path.startsWith(at + '/')));
  const drops = about.filter((d) => target.dropCodes.has(d.code));
  const range = sourceOf(svc)?.keys.get(key);
  const row: ExplainRow = { service: svc.name, field: key, status: 'mapped', to: [], notes: [] };
  if (range) {
    const p = range.file.position(range.start);
    Object.assign(row, { file: range.file.path, line: p.line, column: p.column });
  }
  if ('unsupported' in mapping) {
    row.status = 'dropped';
    row.notes = drops.length ? drops.map((d) => d.message) : [mapping.unsupported];
    return row;
  }
  const { found, notes } = target.locate(svc, key, mapping.to);
  row.to = found;
  row.notes = [...about.map((d) => d.message), ...notes];
  if (row.to.length === 0) {
    // Nothing found in the output: dropped when something said so (a warning or worse);
    // otherwise the table's own words say where it goes.
    row.status = about.some((d) => d.severity !== 'info') ? 'dropped' : 'no output';
    if (!row.notes.length) row.notes = [mapping.note ? `${mapping.to}: ${mapping.note}` : mapping.to];
  } else if (drops.length) row.status = 'partly dropped';
  return row;
}

/**
 * One row per key the user set in each service, service by service, keys in the order written.
 *
 * @example
 * explainRows(ir, ecsExplainTarget(ir, outputs), diagnostics)[0]
 * // { service: 'boot', field: 'image', status: 'mapped', to: ['boot.task-definition.json#/containerDefinitions/0/image'], notes: [], … }
 */
export function explainRows(ir: IR, target: ExplainTarget, diagnostics: readonly Diagnostic[]): ExplainRow[] {
  const all: ExplainRow[] = [];
  for (const [name, svc] of Object.entries(ir.project.services)) {
    const rows: ExplainRow[] = [];
    for (const key of Object.keys(svc)) {
      if (key === 'name' || key === 'extensions' || !Object.hasOwn(target.keys, key) || !userSet(ir.project, name, key)) continue;
      rows.push(rowFor(target, svc, key, target.keys[key] as TableEntry, diagnostics));
    }
    // In the order they are written (the model keeps the schema's order).
    all.push(...rows.sort((a, b) => compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  }
  return all;
}
