/**
 * Turns "this value is invalid" into one message per mistake. ajv's error list for a value
 * under `oneOf` holds the failures of every alternative (a string was expected, a number was
 * expected, the mapping form has an unknown key, …); this module re-reads the schema next to
 * the value and keeps only what the user meant: the alternative whose type matches the value,
 * or, when none does, one "expected …, got …" naming every accepted type.
 */
import type { SchemaNode } from '../generated/compose-validator.js';
import { closestMatch } from '../core/edit-distance.js';
import { toPointer } from '../core/source.js';

export type Path = (string | number)[];

/** One mistake: where it is, whether the key (not the value) is at fault, and what to say. */
export interface Problem {
  path: Path;
  /** Point at the key of the last path segment rather than at its value. */
  atKey: boolean;
  code: 'COMPOSE_SCHEMA' | 'COMPOSE_UNKNOWN_KEY';
  message: string;
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** Order in which accepted types are listed, whatever their order in the schema. */
const TYPE_ORDER: JsonType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
const TYPE_NAMES: Record<JsonType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'a mapping',
  array: 'a list',
  null: 'an empty value',
};

/** Only names of this shape are accepted for services, networks, volumes, configs and secrets. */
const NAME_PATTERN = '^[a-zA-Z0-9._-]+$';

/**
 * Explains why `value` fails `root`. With `focus` (JSON pointers of every value ajv found a
 * problem in, and of their ancestors) only those parts of the document are read again.
 *
 * @example new SchemaExplainer(schema).explain({ services: { web: { imagee: 'x' } } })
 * // [{ path: ['services', 'web', 'imagee'], atKey: true, code: 'COMPOSE_UNKNOWN_KEY', message: "unknown key; did you mean 'image'?" }]
 */
export class SchemaExplainer {
  constructor(
    private readonly root: SchemaNode,
    private readonly focus?: ReadonlySet<string>,
  ) {}

  explain(value: unknown): Problem[] {
    return this.check(this.root, value, []);
  }

  private check(schema: unknown, value: unknown, path: Path): Problem[] {
    if (schema === true || schema === undefined) return [];
    if (schema === false) return [problem(path, 'not allowed here')];
    if (!isNode(schema)) return [];
    if (typeof schema.$ref === 'string') {
      const rest: Record<string, unknown> = { ...schema };
      delete rest.$ref;
      return [...this.check(this.resolve(schema.$ref), value, path), ...this.check(rest, value, path)];
    }
    const types = asTypes(schema.type);
    if (types && !types.some((t) => hasType(value, t))) return [typeProblem(path, types, value)];
    const out: Problem[] = [];
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) return [enumProblem(path, schema.enum, value)];
    if ('const' in schema && !deepEqual(schema.const, value)) return [enumProblem(path, [schema.const], value)];
    if (Array.isArray(schema.oneOf)) out.push(...this.alternatives(schema.oneOf, value, path, 'oneOf'));
    if (Array.isArray(schema.anyOf)) out.push(...this.alternatives(schema.anyOf, value, path, 'anyOf'));
    if (Array.isArray(schema.allOf)) for (const s of schema.allOf) out.push(...this.check(s, value, path));
    if (typeof value === 'string') out.push(...stringProblems(schema, value, path));
    else if (typeof value === 'number') out.push(...numberProblems(schema, value, path));
    else if (Array.isArray(value)) out.push(...this.arrayProblems(schema, value, path));
    else if (isRecord(value)) out.push(...this.objectProblems(schema, value, path));
    return out;
  }

  /** oneOf / anyOf: pick the alternative the user was writing and report only its problems. */
  private alternatives(branches: unknown[], value: unknown, path: Path, keyword: 'oneOf' | 'anyOf'): Problem[] {
    const fitting = branches.filter((b) => this.typesOf(b).some((t) => hasType(value, t)));
    if (!fitting.length) return [typeProblem(path, branches.flatMap((b) => this.typesOf(b)), value)];
    const results = fitting.map((b) => this.check(b, value, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 1 || (passing > 1 && keyword === 'anyOf')) return [];
    if (passing > 1) return [problem(path, 'matches more than one of the accepted forms; it must match exactly one')];
    // Several alternatives of the value's type (rare): the one with the fewest complaints is
    // the likeliest intent; on a tie the first, as the schema lists it.
    let best = results[0] ?? [];
    for (const r of results) if (r.length < best.length) best = r;
    return best;
  }

  private objectProblems(schema: SchemaNode, value: Record<string, unknown>, path: Path): Problem[] {
    const out: Problem[] = [];
    const properties = isNode(schema.properties) ? schema.properties : {};
    const patterns = isNode(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
    const missing = Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === 'string' && !Object.hasOwn(value, k)) : [];
    const suggested = new Set<string>();
    for (const key of Object.keys(value)) {
      const child = value[key];
      const childPath = [...path, key];
      const matched = patterns.filter(([p]) => regex(p).test(key));
      const declared = Object.hasOwn(properties, key);
      if (this.inFocus(childPath)) {
        if (declared) out.push(...this.check(properties[key], child, childPath));
        for (const [, s] of matched) out.push(...this.check(s, child, childPath));
      }
      if (declared || matched.length) continue;
      const extra = schema.additionalProperties;
      if (extra === false) {
        const names = Object.keys(properties);
        if (!names.length) out.push(badName(childPath, patterns.map(([p]) => p)));
        else {
          const guess = closestMatch(key, [...missing, ...names]);
          if (guess) suggested.add(guess);
          out.push(unknownKey(childPath, guess, names));
        }
      } else if (extra !== undefined && extra !== true && this.inFocus(childPath)) out.push(...this.check(extra, child, childPath));
    }
    // A misspelled required key is one mistake: the unknown-key message already names it.
    const stillMissing = missing.filter((k) => !suggested.has(k));
    if (stillMissing.length) out.unshift(problem(path, `missing required ${stillMissing.length > 1 ? 'keys' : 'key'} ${andList(stillMissing.map(quote))}`));
    out.push(...countProblems(Object.keys(value).length, schema.minProperties, schema.maxProperties, path, 'key'));
    return out;
  }

  private arrayProblems(schema: SchemaNode, value: unknown[], path: Path): Problem[] {
    const out: Problem[] = [];
    value.forEach((item, i) => {
      const itemSchema = Array.isArray(schema.items) ? schema.items[i] : schema.items;
      if (itemSchema !== undefined && this.inFocus([...path, i])) out.push(...this.check(itemSchema, item, [...path, i]));
    });
    if (schema.uniqueItems === true) {
      value.forEach((item, i) => {
        const first = value.findIndex((other) => deepEqual(other, item));
        if (first < i) out.push(problem([...path, i], `duplicate of item [${first}]; the items of this list must be unique`));
      });
    }
    out.push(...countProblems(value.length, schema.minItems, schema.maxItems, path, 'item'));
    return out;
  }

  /** The JSON types a schema accepts; all of them when it does not say. */
  private typesOf(schema: unknown, depth = 0): JsonType[] {
    if (!isNode(schema) || depth > 32) return [...TYPE_ORDER];
    if (typeof schema.$ref === 'string') return this.typesOf(this.resolve(schema.$ref), depth + 1);
    const own = asTypes(schema.type);
    if (own) return own;
    const alts = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
    if (alts) return alts.flatMap((a) => this.typesOf(a, depth + 1));
    const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
    if (values) return values.map(typeOf);
    return [...TYPE_ORDER];
  }

  private resolve(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = this.root;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = isNode(node) && Object.hasOwn(node, seg) ? node[seg] : undefined;
    }
    return node;
  }

  private inFocus(path: Path): boolean {
    return !this.focus || this.focus.has(toPointer(path));
  }
}

function problem(path: Path, message: string): Problem {
  return { path, atKey: false, code: 'COMPOSE_SCHEMA', message };
}

function typeProblem(path: Path, accepted: JsonType[], value: unknown): Problem {
  const set = new Set(accepted);
  if (set.has('number')) set.delete('integer');
  const names = TYPE_ORDER.filter((t) => set.has(t)).map((t) => TYPE_NAMES[t]);
  const actual = typeOf(value);
  const got = actual === 'integer' ? 'a number' : actual === 'number' && set.has('integer') ? `a number with a fraction (${String(value)})` : TYPE_NAMES[actual];
  return problem(path, `expected ${names.join(' or ')}, got ${got}`);
}

function enumProblem(path: Path, allowed: unknown[], value: unknown): Problem {
  const list = allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ');
  const guess = typeof value === 'string' ? closestMatch(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
  return problem(path, `must be one of: ${list}; got ${show(value)}${guess ? `; did you mean '${guess}'?` : ''}`);
}

function unknownKey(path: Path, guess: string | undefined, allowed: string[]): Problem {
  let message = 'unknown key';
  if (guess) message += `; did you mean '${guess}'?`;
  else if (allowed.length <= 12) message += `; expected one of: ${allowed.join(', ')} (or an x- extension)`;
  return { path, atKey: true, code: 'COMPOSE_UNKNOWN_KEY', message };
}

function badName(path: Path, patterns: string[]): Problem {
  const rule = patterns.length === 1 && patterns[0] === NAME_PATTERN ? "use only letters, digits, '.', '_' and '-'" : `a key here must match ${patterns.join(' or ')}`;
  return { path, atKey: true, code: 'COMPOSE_SCHEMA', message: `invalid name; ${rule}` };
}

function stringProblems(schema: SchemaNode, value: string, path: Path): Problem[] {
  const out: Problem[] = [];
  if (typeof schema.pattern === 'string' && !regex(schema.pattern).test(value)) out.push(problem(path, `${show(value)} does not match the pattern ${schema.pattern}`));
  const length = [...value].length; // ajv counts code points, not UTF-16 units
  if (typeof schema.minLength === 'number' && length < schema.minLength) out.push(problem(path, `must be at least ${schema.minLength} characters long`));
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) out.push(problem(path, `must be at most ${schema.maxLength} characters long`));
  return out;
}

function numberProblems(schema: SchemaNode, value: number, path: Path): Problem[] {
  const bounds: [unknown, (limit: number) => boolean, string][] = [
    [schema.minimum, (l) => value < l, 'at least'],
    [schema.maximum, (l) => value > l, 'at most'],
    [schema.exclusiveMinimum, (l) => value <= l, 'greater than'],
    [schema.exclusiveMaximum, (l) => value >= l, 'less than'],
  ];
  return bounds.filter(([l, fails]) => typeof l === 'number' && fails(l)).map(([l, , words]) => problem(path, `must be ${words} ${String(l)}, got ${value}`));
}

function countProblems(count: number, min: unknown, max: unknown, path: Path, noun: string): Problem[] {
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (typeof min === 'number' && count < min) return [problem(path, `must have at least ${plural(min)}`)];
  if (typeof max === 'number' && count > max) return [problem(path, `must have at most ${plural(max)}`)];
  return [];
}

// Compiled on each use: this runs only to explain a value the schema already refused, and a
// cache here would be state shared by every run in the process.
function regex(pattern: string): RegExp {
  return new RegExp(pattern, 'u'); // the flags ajv compiles patterns with
}

function asTypes(type: unknown): JsonType[] | undefined {
  if (typeof type === 'string') return [type as JsonType];
  if (Array.isArray(type)) return type.filter((t): t is JsonType => typeof t === 'string');
  return undefined;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value as JsonType;
  return 'object';
}

function hasType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function isNode(v: unknown): v is SchemaNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values, as `uniqueItems` and `enum` compare them. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(value: unknown): string {
  return typeof value === 'string' ? quote(value) : JSON.stringify(value) ?? String(value);
}

function quote(s: string): string {
  return `'${s}'`;
}

function andList(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
