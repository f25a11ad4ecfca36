/**
 * Backends turn the IR into output documents. Built-in ones live in src/backends/<name>/;
 * third parties write their own with `defineBackend`.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { IR } from '../ir/ir.js';
import type { OptionDeclarations } from './options.js';

/** One emitted document: where it goes, its value, and its text (byte-identical for the same input). */
export interface Output {
  /** Relative path under --out, e.g. `boot.task-definition.json`. */
  path: string;
  /** The document as data (what `contents` serializes). */
  value: unknown;
  contents: string;
  /**
   * The text in parts, in order, each made when it is asked for (optional; their concatenation
   * is `contents`): a writer that takes them one at a time never holds the whole text, as the
   * CLI's --out does for the CloudFormation template (issue 22, peak memory).
   */
  parts?(): Iterable<string>;
}

/** What a backend returns: its documents and its findings. */
export interface EmitResult {
  outputs: Output[];
  diagnostics: Diagnostic[];
}

/** Options a backend receives: its own settings (`--set key=value`) and the output format. */
export interface BackendOptions {
  format?: 'json' | 'yaml';
  [key: string]: unknown;
}

/**
 * A backend: a name and an `emit` function from the IR to outputs.
 *
 * @example
 * export const backend = defineBackend({
 *   name: 'names',
 *   emit: (ir) => ({ outputs: [{ path: 'names.txt', value: Object.keys(ir.project.services), contents: Object.keys(ir.project.services).join('\n') }], diagnostics: [] }),
 * });
 */
export interface Backend<Own extends string = string> {
  name: string;
  /**
   * IR layers the backend reads beyond the target-neutral core: `ecs` adds `ir.ecs` (tasks,
   * ECS units, x-ecs settings) and runs the ECS passes, whose findings are then reported.
   */
  layers?: readonly IRLayer[];
  /**
   * The backend's own diagnostic codes, each with one line of docs (as src/core/codes.ts has
   * for ours): `--disable` and `x-compose2ecs.disable` accept them, and SARIF lists them.
   */
  codes?: Readonly<Record<Own, string>>;
  /**
   * The options the backend takes (`--set key=value`, and `format` for `--format`), each with
   * its type, one line of docs and its default. With a declaration, an unknown option or a
   * value of the wrong type is an error before `emit` runs (exit 2 in the CLI), and `emit`
   * receives typed values with the defaults filled in; without one, anything is passed on.
   *
   * @example options: { prefix: { type: 'string', description: 'prefix of every name', default: 'app' } }
   */
  options?: OptionDeclarations;
  emit(ir: IR<Own>, options: BackendOptions): EmitResult | Promise<EmitResult>;
}

/** The optional layers of the IR a backend may ask for. */
export type IRLayer = 'ecs';

/**
 * Declares a backend with its types checked; at run time it returns the object unchanged
 * (a plain object with `name` and `emit` works just as well). The keys of `codes` are the
 * backend's own diagnostic codes: `ir.diagnostic` then accepts them as well as ours.
 *
 * @example
 * export const backend = defineBackend({
 *   name: 'count',
 *   layers: ['ecs'],
 *   codes: { COUNT_EMPTY: 'a project without tasks' },
 *   emit: (ir) => {
 *     const tasks = ir.ecs?.tasks ?? [];
 *     const diagnostics = tasks.length ? [] : [ir.diagnostic('COUNT_EMPTY', 'info', 'nothing to count')];
 *     return { outputs: [{ path: 'count.txt', value: tasks.length, contents: String(tasks.length) }], diagnostics };
 *   },
 * });
 */
export function defineBackend<B extends Backend<Own>, Own extends string = never>(backend: B & { codes?: Readonly<Record<Own, string>> }): B {
  return backend;
}

/**
 * JSON with keys sorted at every level (arrays keep their order), two-space indent, final newline.
 *
 * @example
 * stableJson({ b: 1, a: [2, 1] }) // '{\n  "a": [\n    2,\n    1\n  ],\n  "b": 1\n}\n'
 */
export function stableJson(value: unknown): string {
  // The ECS and CloudFormation emits pass values sortKeys already made: written as they are,
  // without a second copy (at 5,000 services that copy was 0.36 s of a 1.6 s CloudFormation emit).
  // A value sorted in part (the CloudFormation template: resources in build order, properties
  // already sorted) is copied only where it is not: its sorted parts are written as they are.
  return flatText(JSON.stringify(inKeyOrderCopy(value), null, 2) + '\n');
}

/**
 * The text as one flat string, made now. `text + '\n'` is a pair of pieces for V8 (a cons
 * string), which the first write of the text flattens into a new copy: at 5,000 services the
 * ECS convert made its 16 MB of documents a second time while writing them, in the old
 * generation, where nothing is collected again before the process ends (issue 22, peak memory).
 * Flattened here, the copy is made while the pieces are young, and they die young.
 */
export function flatText(text: string): string {
  // Converting to a number reads the string flat: V8 flattens it in place (yaml-block.ts).
  Number(text);
  return text;
}

/**
 * An output whose `value` is read from JSON text when it is first asked for, then kept: the
 * same object on every access, and assignable. `json` is that text — by default the output's
 * own `contents` (a JSON document) — or a list of JSON texts, read as the array of their values
 * (a stream of documents, e.g. the JSON of each document of a YAML `contents`). Until it is
 * asked for, the output holds only text, so the data it was written from can be collected once
 * written: the CLI reads only the text, and at 5,000 services a convert to ECS holds 10,000
 * documents until it writes them (peak memory, docs/performance.md). The ECS and Kubernetes
 * backends make their outputs this way; a backend of your own can too. `JSON.parse` gives back what
 * `JSON.stringify` wrote: key order, own `__proto__` keys and numbers as they were, undefined
 * members left out. The text must be JSON: reading `value` of anything else throws.
 *
 * @example
 * const out = outputWithValueOnDemand('web.json', '{\n  "a": 1\n}\n');
 * out.value // { a: 1 }
 * out.value === out.value // true
 * // YAML text, its value from the JSON of each document:
 * const docs = [{ kind: 'Service' }, { kind: 'Deployment' }];
 * outputWithValueOnDemand('app.yaml', 'kind: Service\n---\nkind: Deployment\n', docs.map((d) => JSON.stringify(d))).value // docs
 */
export function outputWithValueOnDemand(path: string, contents: string, json: string | readonly string[] = contents): Output {
  const output = { path, contents } as Output;
  // The text to read, when it is not `contents` itself: kept beside the output, not enumerable.
  if (json !== contents) Object.defineProperty(output, VALUE_TEXT, { value: json, configurable: true });
  // One getter and one setter for every output: V8 then gives all of them one shape, with no
  // closure, context and accessor pair apiece (~450 bytes an output at 10,000 outputs).
  return Object.defineProperty(output, 'value', { enumerable: true, configurable: true, get: readValue, set: keepValue });
}

/** Where outputWithValueOnDemand keeps a JSON text that is not the output's contents. */
const VALUE_TEXT = Symbol('compose2ecs.valueText');

function readValue(this: Output): unknown {
  const json = (this as { [VALUE_TEXT]?: string | readonly string[] })[VALUE_TEXT] ?? this.contents;
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : json.map((text) => JSON.parse(text) as unknown);
  keepValue.call(this, value);
  return value;
}

function keepValue(this: Output, value: unknown): void {
  delete (this as { [VALUE_TEXT]?: unknown })[VALUE_TEXT];
  Object.defineProperty(this, 'value', { value, enumerable: true, configurable: true, writable: true });
}

/**
 * `value` as stableJson writes it: JSON.stringify of the result, with the same spacing, gives
 * stableJson's text without its final newline. The parts of `value` already in key order are
 * shared, not copied. For a writer that puts one large document together from parts (the
 * CloudFormation template, an entry at a time).
 *
 * @example
 * JSON.stringify(inStableOrder({ b: 1, a: 2 })) // '{"a":2,"b":1}'
 */
export function inStableOrder(value: unknown): unknown {
  return inKeyOrderCopy(value);
}

/**
 * An output whose text is `stableJson(value)` — keys sorted, two-space indent, final newline —
 * and whose `value` is read back from that text when first asked for, rather than kept
 * (outputWithValueOnDemand): the usual output of a backend that writes JSON documents. The
 * value read back is the same data with its keys sorted and undefined members left out.
 *
 * @example
 * jsonOutput('web.service.json', { b: 1, a: 2 }).contents // '{\n  "a": 2,\n  "b": 1\n}\n'
 * jsonOutput('web.service.json', { b: 1, a: 2 }).value // { a: 2, b: 1 }, read from that text
 */
export function jsonOutput(path: string, value: unknown): Output {
  return outputWithValueOnDemand(path, stableJson(value));
}

// Keys V8 enumerates first, in numeric order, in every object (array indices, below 2^32 - 1).
const INDEX_KEY = /^(?:0|[1-9][0-9]{0,9})$/;
const isIndex = (k: string): boolean => INDEX_KEY.test(k) && Number(k) < 4294967295;

/**
 * `keys` (sorted in place) in the order stableJson and sortKeys write an object's: array
 * indices first by number (V8 enumerates them first whatever the insertion order), then the
 * rest in code-unit order. For writers that put a document together an entry at a time.
 *
 * @example stableKeyOrder(['b', '10', 'a', '2']) // ['2', '10', 'a', 'b']
 */
export function stableKeyOrder(keys: string[]): string[] {
  return keys.sort((a, b) => {
    const ia = isIndex(a);
    if (ia !== isIndex(b)) return ia ? -1 : 1;
    if (ia) return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** Whether one object's own keys are in the order sortKeys would give them (its values unchecked). */
function keysInOrder(keys: string[]): boolean {
  let previous: string | undefined;
  for (const k of keys) {
    if (INDEX_KEY.test(k)) {
      if (previous !== undefined || Number(k) >= 4294967295) return false;
    } else {
      if (previous !== undefined && !(previous < k)) return false;
      previous = k;
    }
  }
  return true;
}

/**
 * A value JSON.stringify writes exactly as it writes sortKeys(value), sharing every part of
 * `value` already in that order instead of copying it (`value` itself when all of it is): plain
 * objects and arrays only (no toJSON to call), each object's keys in the order the copy would
 * have — array indices first (V8 enumerates them first whatever the insertion order), then the
 * rest in code-point order.
 */
function inKeyOrderCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue;
      const v = value[i] as unknown;
      const o = inKeyOrderCopy(v);
      if (o !== v) (copy ??= value.slice())[i] = o;
    }
    return copy ?? value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return sortKeys(value);
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  const ordered = keysInOrder(keys);
  let out: Record<string, unknown> | undefined;
  if (!ordered) {
    out = {};
    keys.sort();
  }
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = object[k];
    const o = inKeyOrderCopy(v);
    if (!out) {
      if (o === v) continue;
      // The first part that needed a copy: the keys before it (in order, unchanged) go first.
      out = {};
      for (let j = 0; j < i; j++) put(out, keys[j] as string, object[keys[j] as string]);
    }
    put(out, k, o);
  }
  return out ?? value;
}

function put(out: Record<string, unknown>, k: string, v: unknown): void {
  if (v === undefined) return;
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

/**
 * A copy with object keys in code-point order at every level.
 *
 * @example
 * Object.keys(sortKeys({ b: 1, a: 2 }) as object) // ['a', 'b']
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    // Only `__proto__` needs defineProperty (assigning it would set the prototype). A plain
    // assignment is V8's fast path: the ECS and CloudFormation emits take a fifth less time.
    if (k === '__proto__') Object.defineProperty(out, k, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
    else out[k] = sortKeys(v);
  }
  return out;
}
