/**
 * Normalizers for the value shapes the compose schema uses again and again: text, booleans
 * and numbers (also written as text, as interpolation leaves them), byte sizes, durations,
 * lists, `list_or_dict` mappings and paths.
 */
import { parseBytes, parseDuration } from '../../core/units.js';
import { ensureSource } from '../../core/source.js';
import { isMapping } from '../../core/own.js';
import { child, invalid, push, put, type At, type Normalizer } from './at.js';

/** How a value is named in messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return `${typeof v} ${String(v)}`;
}

/** Text; a number or boolean is taken as its text (as compose's decoder does). */
export const str: Normalizer<string> = (v, at) => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return invalid(at, `expected text, got ${describe(v)}`);
};

/**
 * A text setting of the container where empty means not set, as docker compose reads it
 * (compose-go holds these as Go strings, "" is their unset value, and `docker compose config`
 * leaves them out): `hostname: "${MAIL_HOST:-}"` sets no hostname.
 * @example optionalText('', at) // undefined
 */
export const optionalText: Normalizer<string> = (v, at) => {
  const s = str(v, at);
  return s === '' ? undefined : s;
};

const TRUE = new Set(['y', 'yes', 'true', 'on']);
const FALSE = new Set(['n', 'no', 'false', 'off']);

/** A boolean, or its YAML 1.1 spellings as text (`"true"`, `yes`, `off`, …). */
export const bool: Normalizer<boolean> = (v, at) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const l = v.toLowerCase();
    if (TRUE.has(l)) return true;
    if (FALSE.has(l)) return false;
  }
  return invalid(at, `expected true or false, got ${describe(v)}`);
};

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number, or numeric text. */
export const num: Normalizer<number> = (v, at) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // `1e400` is decimal text but no finite number (it would reach the output as null).
  if (typeof v === 'string' && DECIMAL.test(v.trim()) && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return invalid(at, `expected a number, got ${describe(v)}`);
};

/** An integer, or integer text. */
export const int: Normalizer<number> = (v, at) => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) && Number.isSafeInteger(Number(v))) return Number(v);
  return invalid(at, `expected a whole number, got ${describe(v)}`);
};

/**
 * An integer within the schema's bounds. The schema checks the bounds only when the file holds
 * a number; numeric text (`cpu_percent: "440"`, or a value from interpolation) is checked here,
 * as docker compose checks it after casting (else `config` would print a number the schema
 * refuses).
 */
export function intIn(min: number, max = Number.MAX_SAFE_INTEGER): Normalizer<number> {
  return (v, at) => {
    const n = int(v, at);
    if (n === undefined || typeof v === 'number') return n; // a number out of bounds: the schema reported it
    if (n < min) return invalid(at, `must be at least ${min}, got ${n}`);
    if (n > max) return invalid(at, `must be at most ${max}, got ${n}`);
    return n;
  };
}

/** A byte value (`300m`, `1gb`, 1024) → bytes. */
export const bytes: Normalizer<number> = (v, at) => {
  const b = typeof v === 'string' || typeof v === 'number' ? parseBytes(v) : undefined;
  return b ?? invalid(at, `expected a byte value such as 512m or 1gb, got ${describe(v)}`);
};

/** A duration (`1m30s`, `10ms`) → seconds. */
export const duration: Normalizer<number> = (v, at) => {
  const d = typeof v === 'string' || typeof v === 'number' ? parseDuration(v) : undefined;
  return d ?? invalid(at, `expected a duration such as 10s or 1m30s, got ${describe(v)}`);
};

/** One of the given words. */
export function oneOf<T extends string>(...values: T[]): Normalizer<T> {
  return (v, at) => {
    if (typeof v === 'string' && (values as string[]).includes(v)) return v as T;
    return invalid(at, `expected one of ${values.join(', ')}, got ${describe(v)}`);
  };
}

/**
 * A list whose entries each give zero or more items (`one` returns them, or undefined after
 * reporting a bad entry); every item keeps the position of its entry.
 */
export function flatListOf<T>(one: (entry: unknown, at: At) => readonly T[] | undefined): Normalizer<T[]> {
  return (v, at) => {
    if (!Array.isArray(v)) return invalid(at, `expected a list, got ${describe(v)}`);
    const out: T[] = [];
    ensureSource(out, at.range);
    v.forEach((e, i) => {
      const c = child(at, v, i);
      for (const item of one(e, c) ?? []) push(out, item, c.range);
    });
    return out;
  };
}

/** A list whose items are normalized by `item`; bad items are reported and left out. */
export function listOf<T>(item: Normalizer<T>): Normalizer<T[]> {
  return flatListOf((e, c) => {
    const r = item(e, c);
    return r === undefined ? undefined : [r];
  });
}

/** A mapping whose values are normalized by `item`, keys in their written order. */
export function mapOf<T>(item: Normalizer<T>): Normalizer<Record<string, T>> {
  return (v, at) => {
    if (!isMapping(v)) return invalid(at, `expected a mapping, got ${describe(v)}`);
    const out: Record<string, T> = {};
    ensureSource(out, at.range);
    for (const [k, e] of Object.entries(v)) {
      const c = child(at, v, k);
      put(out, k, item(e, c), c);
    }
    return out;
  };
}

/** A list of text. */
export const strings: Normalizer<string[]> = listOf(str);

/** Text or a list of text → a list (`dns: 8.8.8.8` → `['8.8.8.8']`). */
export const stringOrList: Normalizer<string[]> = (v, at) => {
  if (typeof v === 'string') {
    const out = [v];
    ensureSource(out, at.range);
    return out;
  }
  return strings(v, at);
};

/** A mapping of text values (`driver_opts`, `storage_opt`); numbers and booleans become text, `null` empty text. */
export const textMap: Normalizer<Record<string, string>> = mapOf((v, at) => (v === null ? '' : str(v, at)));

/**
 * `list_or_dict` with compose's Mapping rules (labels, annotations, sysctls, …): `k=v` or
 * `k` (empty value) in a list, any scalar in a map (null is empty text).
 */
export const labels: Normalizer<Record<string, string>> = (v, at) => {
  if (!Array.isArray(v)) return textMap(v, at);
  const out: Record<string, string> = {};
  ensureSource(out, at.range);
  v.forEach((e, i) => {
    const c = child(at, v, i);
    const entry = listEntry(e, c);
    if (entry) put(out, entry.key, entry.value ?? '', { range: c.range, keyRange: c.range });
  });
  return out;
};

/** A `NAME=value` or bare `NAME` list entry; an entry without a name is reported. */
function listEntry(e: unknown, c: At): { key: string; value: string | null } | undefined {
  const s = str(e, c);
  if (s === undefined) return undefined;
  const eq = s.indexOf('=');
  const key = eq < 0 ? s : s.slice(0, eq);
  if (key.trim() === '') return invalid(c, `"${s}" has no name before "="`);
  return { key, value: eq < 0 ? null : s.slice(eq + 1) };
}

/** What a bare `NAME` (no value) of an environment-like mapping becomes. */
export type BareName = 'null' | 'lookup-or-null' | 'lookup-or-drop';

/**
 * `list_or_dict` with compose's MappingWithEquals rules (environment, build args): `k=v` or
 * bare `k` in a list, any scalar or null in a map. A bare name stays null, or is looked up.
 */
export function envMapping(bare: BareName): Normalizer<Record<string, string | null>> {
  return (v, at) => {
    const out: Record<string, string | null> = {};
    ensureSource(out, at.range);
    const set = (k: string, value: string | null, c: At, keyRange: At['keyRange']): void => {
      let val = value;
      if (val === null && bare !== 'null') {
        val = at.n.lookup(k) ?? null;
        if (val === null && bare === 'lookup-or-drop') return;
      }
      put(out, k, val, { range: c.range, keyRange });
    };
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        const c = child(at, v, i);
        const entry = listEntry(e, c);
        if (entry) set(entry.key, entry.value, c, c.range);
      });
      return out;
    }
    if (!isMapping(v)) return invalid(at, `expected a mapping or a list of NAME=value, got ${describe(v)}`);
    for (const [k, e] of Object.entries(v)) {
      const c = child(at, v, k);
      if (e === null) set(k, null, c, c.keyRange);
      else {
        const s = str(e, c);
        if (s !== undefined) set(k, s, c, c.keyRange);
      }
    }
    return out;
  };
}

/** A local path made absolute from the project directory (`~` from the home directory). */
export function absolutePath(p: string, at: At): string {
  const { n } = at;
  if ((p === '~' || p.startsWith('~/')) && n.home !== undefined) return n.resolve(n.home, '.' + p.slice(1));
  if (n.isAbsolute(p)) return p;
  return n.resolve(n.workingDir, p);
}

/** Text naming a local path → absolute. */
export const path: Normalizer<string> = (v, at) => {
  const s = str(v, at);
  return s === undefined ? undefined : absolutePath(s, at);
};
