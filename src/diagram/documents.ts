/**
 * Reading emitted documents as plain data: no backend is imported, so the diagram follows
 * whatever the backends emit. Values are `unknown` until a guard says what they are.
 */

/** One emitted document: what `compile`/`convert` return in `outputs`. */
export interface DiagramDocument {
  path: string;
  value: unknown;
}

export type Data = Record<string, unknown>;

export function isData(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function dataAt(v: unknown, ...keys: string[]): unknown {
  let at = v;
  for (const k of keys) at = isData(at) && Object.hasOwn(at, k) ? at[k] : undefined;
  return at;
}

export function listAt(v: unknown, ...keys: string[]): unknown[] {
  const at = dataAt(v, ...keys);
  return Array.isArray(at) ? at : [];
}

export function textAt(v: unknown, ...keys: string[]): string | undefined {
  const at = dataAt(v, ...keys);
  return typeof at === 'string' ? at : undefined;
}

export function numberAt(v: unknown, ...keys: string[]): number | undefined {
  const at = dataAt(v, ...keys);
  if (typeof at === 'number' && Number.isFinite(at)) return at;
  if (typeof at === 'string' && /^\d+$/.test(at)) return Number(at);
  return undefined;
}

/** Keeps the first of each value, in order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
