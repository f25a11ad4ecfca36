/**
 * Where a normalizer is in the raw tree, and the few operations every normalizer needs:
 * step to a child, report a problem there, and write a result with its source position.
 */
import { makeDiagnostic, type Reporter } from '../../diagnostics/report.js';
import type { PathContext } from './volumes.js';
import type { PortBudget } from './ports.js';
import { displayPath, ensureSource, setChildSource, sourceOf, toPointer, type SourceRange } from '../../core/source.js';
import { setOwn } from '../../core/own.js';

/** What normalizeProject needs from the loader. */
export interface NormalizeContext extends PathContext {
  reporter: Reporter;
  projectName: string;
  /** The project environment (caller's environment and `.env`), for bare `NAME` entries. */
  lookup: (name: string) => string | undefined;
  /** Variables of an env file (also used for label files) the loader read, by absolute path; undefined when it was not read (missing). */
  /** The variables of an env file as read in the given format (`raw`: as written). */
  envFiles: (absolutePath: string, raw: boolean) => Map<string, string> | undefined;
  /** What port ranges of this normalization have expanded to so far (filled in on first use). */
  portBudget?: PortBudget;
  /** Shape errors of the earlier stages (the schema check), by JSON pointer (noteEarlierErrors). */
  earlierErrors?: Set<string>;
}

/** A position in the raw tree: the path, the value's source range and its key's range. */
export interface At {
  readonly n: NormalizeContext;
  readonly path: readonly (string | number)[];
  readonly range: SourceRange | undefined;
  readonly keyRange: SourceRange | undefined;
}

/**
 * Turns a raw value into its normalized form, or undefined to leave the key out (after
 * reporting why, when the value was wrong). Must not throw.
 */
export type Normalizer<T> = (value: unknown, at: At) => T | undefined;

/** The cursor of the child `key` of the raw `container` (falls back to the parent's range). */
export function child(at: At, container: unknown, key: string | number): At {
  const s = typeof container === 'object' && container !== null ? sourceOf(container) : undefined;
  return { n: at.n, path: [...at.path, key], range: s?.value(key) ?? at.range, keyRange: s?.key(key) };
}

/** Reports a malformed value (COMPOSE_INVALID_VALUE) at `at`; returns undefined for `return invalid(…)`. */
export function invalid(at: At, message: string, severity: 'error' | 'warning' = 'error'): undefined {
  if (!alreadyReported(at)) {
    at.n.reporter.report('COMPOSE_INVALID_VALUE', severity, `${displayPath(at.path)}: ${message}`, { range: at.range, path: at.path });
  }
  return undefined;
}

/** Reports a key the schema does not have (COMPOSE_UNKNOWN_KEY) at `at`. */
export function unknownKey(at: At, message = 'unknown key'): void {
  if (!alreadyReported(at)) at.n.reporter.error('COMPOSE_UNKNOWN_KEY', `${displayPath(at.path)}: ${message}`, at.keyRange ?? at.range, at.path);
}

const SHAPE_CODES = new Set(['COMPOSE_SCHEMA', 'COMPOSE_UNKNOWN_KEY', 'COMPOSE_INVALID_VALUE']);

/**
 * Notes the shape errors already reported before normalization starts, so that a value the
 * schema check rejected is not reported a second time here.
 */
export function noteEarlierErrors(n: NormalizeContext): void {
  const paths = new Set<string>();
  for (const d of n.reporter.diagnostics) if (d.severity === 'error' && d.path !== undefined && SHAPE_CODES.has(d.code)) paths.add(d.path);
  n.earlierErrors = paths;
}

/**
 * True when an earlier stage reported an error about this value, a value containing it, or a
 * value inside it (the schema names the bad field; a normalizer would name its parent).
 */
function alreadyReported(at: At): boolean {
  const paths = at.n.earlierErrors;
  if (!paths || paths.size === 0) return false;
  const pointer = toPointer(at.path);
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    if (paths.has(p)) return true;
    if (p === '') break;
  }
  const below = pointer + '/';
  for (const p of paths) if (p.startsWith(below)) return true;
  return false;
}

/**
 * The reporter for parsers that report on their own (ports, volumes, tmpfs): shape findings
 * about a value the schema check already rejected are dropped, like `invalid` drops them.
 */
export function guardedReporter(at: At): Reporter {
  const base = at.n.reporter;
  const guard = Object.create(base) as Reporter;
  guard.report = (code, severity, message, where) => {
    const path = where?.path ?? at.path;
    if (SHAPE_CODES.has(code) && alreadyReported({ ...at, path })) return makeDiagnostic(code, severity, message, where?.range, path);
    return base.report(code, severity, message, where);
  };
  return guard;
}

/** Reports a reference to something not defined (REFERENCE_UNKNOWN) at `at`. */
export function unknownReference(at: At, message: string): void {
  at.n.reporter.error('REFERENCE_UNKNOWN', `${displayPath(at.path)}: ${message}`, at.range, at.path);
}

/** Writes `value` (unless undefined) under `key` of `out` and records where it came from. */
export function put(out: Record<string, unknown>, key: string, value: unknown, at: Pick<At, 'range' | 'keyRange'>): void {
  if (value === undefined) return;
  setOwn(out, key, value);
  setChildSource(out, key, at.range, at.keyRange);
}

/** Appends `value` to `out`, recording where it came from. */
export function push(out: unknown[], value: unknown, range: SourceRange | undefined): void {
  out.push(value);
  if (range) setChildSource(out, out.length - 1, range);
}

/**
 * Gives every mapping and sequence inside `value` a recorded position: values built from a
 * short form get the range of the text they came from, so that `locate` on any path of the
 * result lands in the user's file. Positions already recorded are kept.
 */
export function fillSource(value: unknown, range: SourceRange | undefined): void {
  if (typeof value !== 'object' || value === null) return;
  const s = ensureSource(value, range);
  if (!s.range && range) s.range = range;
  const own = s.range ?? range;
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  for (const k of keys) {
    if (own && !s.values.has(k)) s.values.set(k, own);
    // Only mappings and sequences take positions: no range looked up for a scalar child.
    const v = (value as Record<string | number, unknown>)[k];
    if (typeof v === 'object' && v !== null) fillSource(v, s.value(k) ?? own);
  }
}

/** A deep copy of a raw value with its positions (for values kept as written: extensions, provider options). */
export function copyRaw(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const from = sourceOf(value);
  if (Array.isArray(value)) {
    const out: unknown[] = value.map(copyRaw);
    if (from) ensureSource(out, from.range).assign(from);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, copyRaw(v));
  if (from) {
    const s = ensureSource(out, from.range);
    s.assign(from);
  }
  return out;
}

/** A copy of `obj` with `order`'s keys first (in that order), then the others; positions copied. */
export function reordered<T extends object>(obj: T, order: readonly string[]): T {
  const from = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const src = sourceOf(obj);
  if (src) ensureSource(out, src.range);
  const keys = [...order.filter((k) => Object.hasOwn(from, k)), ...Object.keys(from).filter((k) => !order.includes(k))];
  for (const k of keys) {
    setOwn(out, k, from[k]);
    if (src) setChildSource(out, k, src.value(k), src.key(k));
  }
  return out as T;
}
