/**
 * What explain asks of a target (explain-map.ts): its field table, its drop codes and a locator
 * over its emitted documents. Apart from explain-map.ts so that the locators can import it.
 */
import type { Service } from '../model/project.js';

/** A row of a target's field table, as the backend kit writes it. */
export type TableEntry = { to: string; note?: string } | { unsupported: string };

/** Where the pointers of one key were found (`file#pointer`), and what the locator has to say. */
export interface Located {
  found: string[];
  notes: string[];
}

/** What explain needs of a target: its field table, its drop codes and a locator over its documents. */
export interface ExplainTarget {
  keys: Readonly<Record<string, TableEntry>>;
  /** The codes that mean "left out" (`K8S_UNSUPPORTED_FIELD`, `ECS_LAUNCH_TYPE_RULE`). */
  dropCodes: ReadonlySet<string>;
  /** Best effort: the pointers of the fields `to` names that exist in the emitted documents. */
  locate(svc: Service, key: string, to: string): Located;
}

/** Walks `path` in `value`; true when every step is an own property and the end is set. */
export function has(value: unknown, path: readonly (string | number)[]): boolean {
  let node = value;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, seg)) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node !== undefined;
}
