/**
 * Backends turn the IR into output documents. Built-in ones live in src/backends/<name>/;
 * third parties write their own with `defineBackend`.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { IR } from '../ir/ir.js';

/** One emitted document: where it goes, its value, and its text (byte-identical for the same input). */
export interface Output {
  /** Relative path under --out, e.g. `boot.task-definition.json`. */
  path: string;
  /** The document as data (what `contents` serializes). */
  value: unknown;
  contents: string;
}

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
export interface Backend {
  name: string;
  emit(ir: IR, options: BackendOptions): EmitResult | Promise<EmitResult>;
}

/**
 * Declares a backend with its types checked; at run time it returns the object unchanged
 * (a plain object with `name` and `emit` works just as well).
 */
export function defineBackend<B extends Backend>(backend: B): B {
  return backend;
}

/** JSON with keys sorted at every level (arrays keep their order), two-space indent, final newline. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

/** A copy with object keys in code-point order at every level. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    // Only `__proto__` needs defineProperty (assigning it would set the prototype); a plain
    // assignment keeps the object in V8's fast mode, half the cost of sorting and printing.
    if (k === '__proto__') Object.defineProperty(out, k, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
    else out[k] = sortKeys(v);
  }
  return out;
}
