/**
 * The engine of the merge (13-merge): mappings merged key by key, sequences appended,
 * `!reset` and `!override` honoured, positions carried along. Which attributes get special
 * treatment (shell commands, unique resources, list-or-mapping attributes, …) is decided by a
 * table of rules keyed by a path pattern (`services.*.ports`); see merge-rules.ts.
 *
 * Every mapping and sequence in a result is a new object: inputs are never modified and never
 * shared with the result, so a later stage can edit the result freely.
 */
import type { Reporter } from '../diagnostics/report.js';
import { copyChildSource, displayPath, ensureSource, setChildSource, sourceOf, type SourceRange } from '../core/source.js';
import { getOwn, isMapping, setOwn } from '../core/own.js';

export type Key = string | number;
export type Path = readonly Key[];

/**
 * A value by its place, `node[key]`: its ranges and its tag are recorded on `node`.
 * @example valueOf({ node: service, key: 'ports' }) // service.ports
 */
export interface At {
  node: object;
  key: Key;
}

/** Merges the values at `b` (earlier file) and `o` (later file) found at `pattern`. */
export type Rule = (b: At, o: At, pattern: string, path: Path, ctx: MergeCtx) => unknown;

export interface MergeCtx {
  reporter: Reporter;
  /** Merging a service into the one that `extends` it (05-services § extends) rather than -f files. */
  extends: boolean;
  rules: Readonly<Record<string, Rule>>;
  /** Patterns whose children are named by the user (`services`, `services.*.networks`, …): their child pattern is `*`. */
  named: ReadonlySet<string>;
  /**
   * The caller gives up both inputs (the loader's own pipeline): a value one side alone holds
   * is taken as it is instead of copied when the copy would be the same (`reusable`), so the
   * untouched services of a project are not copied once per file (issue 22).
   */
  reuse?: boolean;
}

export function valueOf(at: At): unknown {
  return Array.isArray(at.node) ? at.node[at.key as number] : getOwn(at.node, String(at.key));
}

export function rangeOf(at: At): SourceRange | undefined {
  return sourceOf(at.node)?.value(at.key);
}

export function tagOf(at: At): '!reset' | '!override' | undefined {
  return sourceOf(at.node)?.tags?.get(at.key);
}

/** A place holding a value the merge made up (`build: .` read as `{context: .}`), traced to the text at `from`. */
export function synth(value: unknown, from: At): At {
  const holder: Record<string, unknown> = { v: value };
  setChildSource(holder, 'v', rangeOf(from), sourceOf(from.node)?.key(from.key));
  return { node: holder, key: 'v' };
}

/** A new empty mapping or sequence whose own range is `range`. */
export function newMapping(range: SourceRange | undefined): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  ensureSource(m, range);
  return m;
}

export function newSequence(range: SourceRange | undefined): unknown[] {
  const s: unknown[] = [];
  ensureSource(s, range);
  return s;
}

/** Stores `value` as `parent[key]`, with the ranges recorded for the place `from`. */
export function put(parent: object, key: Key, value: unknown, from: At): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else setOwn(parent as Record<string, unknown>, String(key), value);
  copyChildSource(from.node, from.key, parent, key);
}

/**
 * A deep copy of the value at `at` with positions copied and `!reset` children left out.
 * With `keepTags`, the `!reset`/`!override` tags stay recorded on the copy (also for the
 * removed keys), so a copy made while resolving `extends` still resets or overrides when its
 * file is later merged over an earlier one.
 */
export function cloneAt(at: At, keepTags = false): unknown {
  return cloneValue(valueOf(at), rangeOf(at), keepTags);
}

/**
 * Whether `v` may stand for its own copy: no merge tags anywhere inside (a copy drops `!reset`
 * children and forgets tags) and every mapping and sequence with its own range recorded (a
 * copy without one takes its parent's).
 */
export function reusable(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  const src = sourceOf(v);
  if (!src?.range || (src.tags !== undefined && src.tags.size > 0)) return false;
  if (Array.isArray(v)) {
    for (const item of v) if (!reusable(item)) return false;
    return true;
  }
  for (const k of Object.keys(v)) if (!reusable((v as Record<string, unknown>)[k])) return false;
  return true;
}

/** The value at `at` for a result: itself when the inputs are given up and it is reusable, else a copy. */
function take(at: At, keepTags: boolean, ctx: MergeCtx): unknown {
  if (ctx.reuse && !keepTags) {
    const v = valueOf(at);
    if (reusable(v)) return v;
  }
  return cloneAt(at, keepTags);
}

export function cloneValue(v: unknown, range: SourceRange | undefined, keepTags = false): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const src = sourceOf(v);
  const tags = src?.tags;
  if (Array.isArray(v)) {
    const out = newSequence(src?.range ?? range);
    v.forEach((item, i) => {
      if (tags?.get(i) === '!reset') return;
      put(out, out.length, cloneValue(item, src?.value(i), keepTags), { node: v, key: i });
    });
    return out;
  }
  const out = newMapping(src?.range ?? range);
  for (const k of Object.keys(v)) {
    if (tags?.get(k) === '!reset') continue;
    put(out, k, cloneValue(getOwn(v, k), src?.value(k), keepTags), { node: v, key: k });
  }
  if (keepTags && tags?.size) ensureSource(out).tags = new Map(tags);
  return out;
}

export function childPattern(pattern: string, key: Key, ctx: MergeCtx): string {
  if (pattern === '') return String(key);
  return pattern + '.' + (ctx.named.has(pattern) ? '*' : String(key));
}

/** 13-merge § Mapping: missing entries are added, conflicting ones merged. */
export function mergeMapping(b: At, o: At, pattern: string, path: Path, ctx: MergeCtx): Record<string, unknown> {
  const bv = valueOf(b) as Record<string, unknown>;
  const ov = valueOf(o) as Record<string, unknown>;
  const osrc = sourceOf(ov);
  const out = newMapping(osrc?.range ?? rangeOf(o));
  // `extends` is consumed by the merge, not inherited (05-services § extends).
  const skip = ctx.extends && pattern === 'services.*' ? 'extends' : undefined;
  for (const k of Object.keys(bv)) {
    if (k === skip) continue;
    const bAt: At = { node: bv, key: k };
    const oAt: At = { node: ov, key: k };
    const tag = osrc?.tags?.get(k);
    if (tag === '!reset') continue;
    if (!Object.hasOwn(ov, k)) put(out, k, take(bAt, false, ctx), bAt);
    else if (tag === '!override') put(out, k, cloneAt(oAt, ctx.extends), oAt);
    else {
      const child = childPattern(pattern, k, ctx);
      // Own rules only: a top-level key named `constructor` or `__proto__` would otherwise find
      // Object.prototype's members and call them as a rule (fuzz regression).
      const rule = Object.hasOwn(ctx.rules, child) ? ctx.rules[child] : undefined;
      const bc = getOwn(bv, k);
      const oc = getOwn(ov, k);
      // A null on either side is not a conflict: compose keeps the other value (a null
      // override does not erase; `!reset` does). Shell commands are replaced even by null.
      if (oc === null && rule !== replace) put(out, k, cloneAt(bAt), bAt);
      else if (bc === null) put(out, k, cloneAt(oAt, ctx.extends), oAt);
      else put(out, k, rule ? rule(bAt, oAt, child, [...path, k], ctx) : mergeGeneric(bAt, oAt, child, [...path, k], ctx), oAt);
    }
  }
  for (const k of Object.keys(ov)) {
    if (k === skip || Object.hasOwn(bv, k) || osrc?.tags?.get(k) === '!reset') continue;
    const oAt: At = { node: ov, key: k };
    put(out, k, take(oAt, ctx.extends, ctx), oAt);
  }
  if (ctx.extends && osrc?.tags?.size) {
    const tags = new Map(osrc.tags);
    if (skip) tags.delete(skip);
    if (tags.size) ensureSource(out).tags = tags;
  }
  return out;
}

/** Shell commands (13-merge § Exceptions): the later value replaces the earlier, never appended. */
export const replace: Rule = (_b, o, _pattern, _path, ctx) => cloneAt(o, ctx.extends);

/** The default rule: mappings merge, sequences append (13-merge § Sequence), scalars are replaced. */
export function mergeGeneric(b: At, o: At, pattern: string, path: Path, ctx: MergeCtx): unknown {
  const bv = valueOf(b);
  const ov = valueOf(o);
  if (isMapping(bv) && isMapping(ov)) return mergeMapping(b, o, pattern, path, ctx);
  if (Array.isArray(bv) && Array.isArray(ov)) return collect([...items(b, false), ...items(o, ctx.extends)], undefined, pattern, path, ctx, rangeOf(o));
  if (isContainer(bv) || isContainer(ov)) mismatch(b, o, path, ctx);
  return cloneAt(o, ctx.extends);
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function kind(v: unknown): string {
  return Array.isArray(v) ? 'a sequence' : isMapping(v) ? 'a mapping' : `a ${typeof v === 'object' ? 'null' : typeof v}`;
}

/** Reports that the later file's value cannot be merged into the earlier one; the later one wins. */
export function mismatch(b: At, o: At, path: Path, ctx: MergeCtx): void {
  const bv = valueOf(b);
  const ov = valueOf(o);
  const earlier = rangeOf(b);
  const where = earlier ? ` (${earlier.file.path}:${earlier.file.position(earlier.start).line})` : '';
  ctx.reporter.error(
    'MERGE_TYPE_MISMATCH',
    `${displayPath(path)}: ${kind(ov)} cannot be merged into ${kind(bv)} defined earlier${where}; the later value replaces it`,
    rangeOf(o),
    path,
  );
}

/** An element of a sequence to merge, and whether its tags are kept when it is copied. */
export interface Item {
  at: At;
  keepTags: boolean;
}

/**
 * The elements of the sequence at `at` (`!reset` ones left out); a single string, for the
 * attributes that take a string or a list (`dns: 8.8.8.8`), is a one-element sequence.
 */
export function items(at: At, keepTags: boolean): Item[] {
  const v = valueOf(at);
  if (!Array.isArray(v)) return [{ at, keepTags }];
  const tags = sourceOf(v)?.tags;
  const out: Item[] = [];
  for (let i = 0; i < v.length; i++) if (tags?.get(i) !== '!reset') out.push({ at: { node: v, key: i }, keepTags });
  return out;
}

/**
 * Builds a sequence of `all` in order. With `keyOf`, an element whose key was seen before
 * takes the earlier one's place (13-merge § Unique resources): two mappings are merged, else
 * the later element replaces the earlier. Elements without a key are always appended.
 */
export function collect(all: Item[], keyOf: ((v: unknown) => string | undefined) | undefined, pattern: string, path: Path, ctx: MergeCtx, range: SourceRange | undefined): unknown[] {
  const out = newSequence(range);
  const seen = new Map<string, number>();
  const itemPattern = pattern + '.*';
  for (const { at, keepTags } of all) {
    const key = keyOf?.(valueOf(at));
    const j = key === undefined ? undefined : seen.get(key);
    if (j === undefined) {
      if (key !== undefined) seen.set(key, out.length);
      put(out, out.length, cloneAt(at, keepTags), at);
      continue;
    }
    const prev: At = { node: out, key: j };
    const merged = isMapping(out[j]) && isMapping(valueOf(at)) ? mergeMapping(prev, at, itemPattern, [...path, j], ctx) : cloneAt(at, keepTags);
    put(out, j, merged, at);
  }
  return out;
}
