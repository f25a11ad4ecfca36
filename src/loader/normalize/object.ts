/**
 * Table-driven normalization of a mapping with fixed keys: one normalizer per key, checked
 * by the compiler against the model type, so a key the model has but the table lacks (or the
 * reverse) does not build.
 */
import { copyChildSource, ensureSource } from '../../core/source.js';
import { isMapping, setOwn } from '../../core/own.js';
import { child, copyRaw, invalid, put, reordered, unknownKey, type At, type Normalizer } from './at.js';
import { describe } from './scalars.js';

/** A normalizer for every key of `T` except `extensions` (the `x-*` keys, collected separately). */
export type Fields<T> = { [K in Exclude<keyof T, 'extensions'>]-?: Normalizer<NonNullable<T[K]>> };

/** The keys of an interface, without its index signature (`[k: string]: unknown`). */
export type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/**
 * A normalizer for a mapping: each key of `fields` that is present (and not null) is
 * normalized in the table's order; `x-*` keys go to `extensions`; any other key is reported.
 * `finish` may check the result or fill in defaults (it receives the raw mapping too); the
 * result keeps the table's key order.
 */
export function object<T>(
  fields: Fields<T>,
  finish?: (out: Record<string, unknown>, at: At, raw: Record<string, unknown>) => T | undefined,
): Normalizer<T> {
  const table = fields as unknown as Record<string, Normalizer<unknown>>;
  return (value, at) => {
    if (!isMapping(value)) return invalid(at, `expected a mapping, got ${describe(value)}`);
    const out: Record<string, unknown> = {};
    ensureSource(out, at.range);
    for (const key of Object.keys(table)) {
      const v = Object.hasOwn(value, key) ? value[key] : undefined;
      if (v === undefined || v === null) continue;
      const c = child(at, value, key);
      put(out, key, (table[key] as Normalizer<unknown>)(v, c), c);
    }
    const ext = extensionsOf(value);
    if (ext) put(out, 'extensions', ext, at);
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(table, key) || key.startsWith('x-')) continue;
      unknownKey(child(at, value, key));
    }
    if (!finish) return out as T;
    // finish may add defaults; keep the table's key order whatever it added.
    const done = finish(out, at, value);
    return done === undefined ? undefined : reordered(done as object, [...Object.keys(table), 'extensions']) as T;
  };
}

/** The `x-*` keys of a raw mapping, copied with their positions, or undefined when there are none. */
export function extensionsOf(raw: Record<string, unknown>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(raw)) {
    if (!key.startsWith('x-')) continue;
    out ??= {};
    setOwn(out, key, copyRaw(raw[key]));
    copyChildSource(raw, key, out, key);
  }
  return out;
}

/** Text or a mapping: a string is the value of `key` (`build: ./dir` is `{ context: './dir' }`). */
export function shortOr<T>(key: string, long: Normalizer<T>): Normalizer<T> {
  return (value, at) => {
    if (typeof value !== 'string') return long(value, at);
    const raw: Record<string, unknown> = { [key]: value };
    const s = ensureSource(raw, at.range);
    if (at.range) s.values.set(key, at.range);
    return long(raw, at);
  };
}
