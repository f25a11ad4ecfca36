/**
 * Checks a compose file against the Compose JSON schema docker compose validates with
 * (compose-go's `schema/compose-spec.json`: the spec's schema plus `pre_start`, vendored in
 * schemas/ and precompiled by scripts/generate.mjs) and reports each mistake once, at the YAML
 * node it concerns.
 */
import type { Reporter } from '../diagnostics/report.js';
import { schema, validate, type SchemaNode, type ValidationError } from '../generated/compose-validator.js';
import { isMapping } from '../core/own.js';
import { SchemaExplainer, type Path, type Problem } from './schema-explain.js';
import { displayPath, fromPointer, locate, sourceOf, toPointer, type SourceRange } from '../core/source.js';

/**
 * Validates one parsed, interpolated compose file (plain values, positions in the source map)
 * and reports each problem once, at the YAML node it concerns. An empty file (a null document)
 * is valid: it describes an empty project. Returns true when the file has no schema errors
 * (the `version` warning does not count).
 *
 * @example
 * const reporter = new Reporter();
 * const [doc] = parseYaml(new SourceFile('compose.yaml', 'services:\n  web:\n    imagee: nginx\n'), reporter);
 * checkSchema(doc, reporter); // false
 * reporter.diagnostics[0].message; // "services.web.imagee: unknown key; did you mean 'image'?"
 */
export function checkSchema(root: unknown, reporter: Reporter): boolean {
  if (root === null || root === undefined) return true;
  if (!isMapping(root)) {
    const what = Array.isArray(root) ? 'a list' : `a ${typeof root}`;
    reporter.error('YAML_NOT_MAPPING', `a compose file must be a mapping of top-level keys (services, networks, volumes, …), got ${what}`, locate(root, []));
    return false;
  }
  if (Object.hasOwn(root, 'version')) {
    // 04-version-and-name: "It is only informative"; Compose warns that it is obsolete.
    reporter.warn('COMPOSE_VERSION_OBSOLETE', '`version` is obsolete: Compose ignores it; remove it to avoid confusion', locate(root, ['version'], { key: true }), ['version']);
  }
  return checkWithSchema(root, { validate, schema, root, at: [], ignore: (path) => ignored(path) || underReset(root, path) }, reporter);
}

/** A precompiled validator and the schema it came from (scripts/generate.mjs makes both). */
export interface CompiledSchema {
  validate: { (data: unknown): boolean; errors?: ValidationError[] | null };
  schema: SchemaNode;
}

/**
 * Checks `value` — found at path `at` below `root`, whose positions are recorded — against a
 * compiled schema, reporting each problem once with the full path (e.g. `x-ecs` blocks, which
 * have their own schema). Returns true when valid.
 */
export function checkWithSchema(
  value: unknown,
  options: CompiledSchema & { root: unknown; at: Path; ignore?: (path: Path) => boolean; /** path shown in messages, when it differs from `at` */ shownAt?: Path },
  reporter: Reporter,
): boolean {
  const { validate: check, root, at } = options;
  const ignore = options.ignore ?? (() => false);
  if (check(value)) return true;
  const errors = (check.errors ?? []).filter((e) => !ignore(fromPointer(e.instancePath)));
  if (!errors.length) return true;

  const problems = new SchemaExplainer(options.schema, focusOf(errors)).explain(value).filter((p) => !ignore(p.path));
  if (!problems.length) problems.push(...fallback(errors));
  const seen = new Set<string>();
  for (const p of problems) {
    const full: Problem = { ...p, path: [...at, ...p.path] };
    const range = rangeOf(root, full);
    const shown = options.shownAt ? [...options.shownAt, ...p.path] : full.path;
    // An anchored node used through several aliases has one position: report it there once.
    const key = `${p.code}\0${range ? `${range.file.path}:${range.start}:${range.end}` : toPointer(full.path)}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reporter.error(p.code, `${displayPath(shown) || '(top level)'}: ${p.message}`, range, shown);
  }
  return false;
}

/** `version` is ignored by Compose (04-version-and-name), so its value is not checked either. */
function ignored(path: Path): boolean {
  return path[0] === 'version';
}

/**
 * 13-merge § Reset value: a value tagged `!reset` "will be ignored", so it is not checked
 * (docker compose drops such values before validating); `ports: !reset null` and a bare
 * `web: !reset` are fine.
 */
function underReset(root: unknown, path: Path): boolean {
  let node: unknown = root;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null) return false;
    if (sourceOf(node)?.tags?.get(seg) === '!reset') return true;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return false;
}

/** JSON pointers of every value ajv complained about and of all their ancestors. */
function focusOf(errors: ValidationError[]): Set<string> {
  const focus = new Set<string>(['']);
  for (const e of errors) {
    let pointer = e.instancePath;
    while (pointer && !focus.has(pointer)) {
      focus.add(pointer);
      pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    }
  }
  return focus;
}

/**
 * The explainer understands every keyword the Compose schema uses; should a schema use one it
 * does not (`not`, `if`, …), ajv's own words are reported rather than nothing.
 */
function fallback(errors: ValidationError[]): Problem[] {
  const deepest = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && !errors.some((o) => o.instancePath.startsWith(e.instancePath + '/')));
  const chosen = deepest.length ? deepest : errors;
  return chosen.map((e) => ({ path: fromPointer(e.instancePath), atKey: false, code: 'COMPOSE_SCHEMA' as const, message: e.message ?? `fails ${e.keyword}` }));
}

/**
 * The key for key problems; otherwise the value, or its key when the value has no text of its
 * own (`web:` with nothing after it), or else the nearest ancestor that has a position.
 */
function rangeOf(root: unknown, p: Problem): SourceRange | undefined {
  const path: Path = p.path;
  if (!path.length) return locate(root, []);
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1] as string | number;
  const s = typeof parent === 'object' && parent !== null ? sourceOf(parent) : undefined;
  const key = Array.isArray(parent) ? Number(last) : String(last);
  const value = s?.value(key);
  const own = p.atKey ? (s?.key(key) ?? value) : value && value.end > value.start ? value : (s?.key(key) ?? value);
  return own ?? locate(root, path, { key: p.atKey });
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}
