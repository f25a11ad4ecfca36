/**
 * The backend kit: what every backend — built-in or a user's own — builds on, the way each
 * Kysely dialect has the same parts. A field-mapping table and its runner (a compose key is
 * either mapped or reported, never dropped silently), and one way to report a finding:
 * `report(code, where, message)`, positioned at the value (or key) the user wrote.
 */
import type { Diagnostic, Severity } from '../diagnostics/types.js';
import type { IR, WrittenPath } from '../ir/ir.js';

/**
 * How one compose key is handled: carried into the output (`to` names the target field(s),
 * for the generated docs; `apply` writes it), or reported as having no meaning there.
 */
export type FieldMapping<C> =
  | { to: string; apply?: (c: C) => void; note?: string }
  /** No meaning on the target: reported with its *_UNSUPPORTED_FIELD code and this reason. */
  | { unsupported: string };

/** What the runner needs of a backend's per-service context. */
export interface FieldTarget {
  unsupported(at: WrittenPath, why: string): void;
}

/**
 * Runs a mapping table over the keys a value sets, in the table's order: each present key is
 * applied, or reported as unsupported; a mapped key with no `apply` goes to `direct` (a field
 * copied as it is). `prefix` is the path of `values` below the service (`['deploy']`).
 *
 * @example
 * runFieldTable(ECS_SERVICE_KEYS, service, c, [], (key) => c.put(DIRECT_FIELDS[key], service[key], [key]));
 */
export function runFieldTable<K extends string, C extends FieldTarget>(
  table: Readonly<Record<K, FieldMapping<C>>>,
  values: { readonly [P in NoInfer<K>]?: unknown },
  c: C,
  prefix: WrittenPath = [],
  direct?: (key: K) => void,
): void {
  for (const key of Object.keys(table) as K[]) {
    if (values[key] === undefined) continue;
    const m = table[key];
    if ('unsupported' in m) c.unsupported([...prefix, key], m.unsupported);
    else if (m.apply) m.apply(c);
    else direct?.(key);
  }
}

/** Where a finding is: a path into the project as the user wrote it, or nowhere in particular. */
export type Where = WrittenPath | undefined;

/** The one way a backend reports: a code, where, a message; the severity when it is not a warning. */
export type Report<Code extends string> = (code: Code, where: Where, message: string, options?: { severity?: Severity }) => Diagnostic;

/**
 * A `report` for one emit: findings go into `into`, positioned through the IR. A third-party
 * backend passes its own codes (declared in `Backend.codes`) as the type parameter.
 *
 * @example
 * const diagnostics: Diagnostic[] = [];
 * const report = reporter<'MINE_NO_HEALTHCHECK'>(ir, diagnostics);
 * report('MINE_NO_HEALTHCHECK', ['services', 'web'], 'services.web has no healthcheck');
 */
export function reporter<Code extends string>(ir: IR<Code>, into: Diagnostic[]): Report<Code> {
  return (code, where, message, options = {}) => {
    const d = ir.diagnostic(code, options.severity ?? 'warning', message, where);
    into.push(d);
    return d;
  };
}
