/**
 * Typed reads of the untyped input the migrations translate (ecs-params.yml, `x-aws-*`
 * values). Each read that fails reports where the value is and what was expected, and gives
 * `undefined`, so a migration carries on with the rest of the file.
 */
import type { DiagnosticCode, Severity } from '../diagnostics/types.js';
import { closestMatch } from '../core/edit-distance.js';
import { displayPath } from '../core/source.js';
import { isMapping } from '../core/own.js';

export type Path = readonly (string | number)[];

/** Reports a finding at the value (or, with `key`, the key) at `path`. */
export type Say = (code: DiagnosticCode, severity: Severity, message: string, path: Path, options?: { key?: boolean }) => void;

// YAML 1.1 booleans: ecs-cli read ecs-params.yml with yaml.v2, where `yes` and `on` are true.
const TRUE = new Set(['true', 'yes', 'y', 'on']);
const FALSE = new Set(['false', 'no', 'n', 'off']);

/**
 * Readers bound to one source.
 * @example
 * const v = new Values(say);
 * const cpu = v.int(getOwn(svc, 'cpu_shares'), ['task_definition', 'services', 'web', 'cpu_shares']);
 */
export class Values {
  constructor(readonly say: Say) {}

  /** `path` as written, for messages: `task_definition.services.web.mem_limit`. */
  show(path: Path): string {
    return displayPath(path);
  }

  private wrong(path: Path, expected: string, value: unknown): undefined {
    this.say('COMPOSE_SCHEMA', 'error', `${this.show(path)}: expected ${expected}, found ${describe(value)}`, path);
    return undefined;
  }

  /** A mapping; `null` (an empty YAML value) counts as absent. */
  mapping(value: unknown, path: Path): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    return isMapping(value) ? value : this.wrong(path, 'a mapping', value);
  }

  /** A list; `null` counts as absent. */
  list(value: unknown, path: Path): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value : this.wrong(path, 'a list', value);
  }

  /** Warns about each key of `obj` outside `known`, with a "did you mean" when one is close. */
  known(obj: Record<string, unknown>, path: Path, known: readonly string[], what: string): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const guess = closestMatch(key, known);
      const hint = guess ? `; did you mean '${guess}'?` : '';
      this.say('COMPOSE_UNKNOWN_KEY', 'warning', `${this.show([...path, key])}: unknown key in ${what}, ignored${hint}`, [...path, key], { key: true });
    }
  }

  /**
   * A string. Numbers and booleans are taken as their text, as yaml.v2 decodes any scalar into
   * a Go string; an empty string counts as absent (ecs-cli and compose-cli skip empty values).
   */
  string(value: unknown, path: Path): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') return this.wrong(path, 'a string', value);
    return value === '' ? undefined : value;
  }

  /** A boolean, YAML 1.1 words included. */
  bool(value: unknown, path: Path): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && TRUE.has(value.toLowerCase())) return true;
    if (typeof value === 'string' && FALSE.has(value.toLowerCase())) return false;
    return this.wrong(path, 'true or false', value);
  }

  /** A whole number (an interpolated `"3"` too). */
  int(value: unknown, path: Path, min = Number.MIN_SAFE_INTEGER): number | undefined {
    if (value === undefined || value === null) return undefined;
    const n = typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) return this.wrong(path, 'a whole number', value);
    if (n < min) return this.wrong(path, `a whole number of at least ${min}`, value);
    return n;
  }

  /** One of `allowed`, compared exactly. */
  oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T | undefined {
    const s = this.string(value, path);
    if (s === undefined) return undefined;
    if ((allowed as readonly string[]).includes(s)) return s as T;
    return this.wrong(path, `one of ${allowed.join(', ')}`, value);
  }

  /** A list of strings. */
  strings(value: unknown, path: Path): string[] | undefined {
    const items = this.list(value, path);
    if (!items) return undefined;
    const out: string[] = [];
    items.forEach((item, i) => {
      const s = this.string(item, [...path, i]);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  /** A mapping of strings (option maps: Go `map[string]string`). */
  stringMap(value: unknown, path: Path, set: (key: string, value: string) => void): void {
    const obj = this.mapping(value, path);
    if (!obj) return;
    for (const [k, v] of Object.entries(obj)) {
      const s = this.string(v, [...path, k]);
      if (s !== undefined) set(k, s);
    }
  }
}

/** A short description of a value for "expected …, found …" messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}
