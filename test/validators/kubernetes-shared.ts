/**
 * What the Kubernetes cross-object checks share (test support, not shipped): the finding and
 * pod shapes, JSON readers and the name rules both the project-wide and the pod-level checks
 * use.
 *
 * @example
 * idOf({ kind: 'Service', metadata: { name: 'web' } }) // 'Service/web'
 */
import { isJsonObject } from './json-path.js';

export type Json = Record<string, unknown>;

/** A finding of the conversion: where the output tells the user what to create or mind. */
export interface SemanticsFinding {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
}

/** Resolves a reference: the emitted object, or undefined (reported unless a finding names it). */
export type Resolve = (at: string, kind: string, namespace: string, name: string | undefined) => Json | undefined;

/** An RFC 1123 label (container, volume and workload names), at most 63 characters checked apart. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** IANA_SVC_NAME: at most 15 of a-z, 0-9 and -, a letter among them, no -- and no - at either end. */
export function isPortName(n: string): boolean {
  return n.length <= 15 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n) && /[a-z]/.test(n) && !n.includes('--');
}

/** Readers that take any JSON and give the shape asked for (empty when it is not). */
export const obj = (v: unknown): Json => (isJsonObject(v) ? v : {});
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A workload's pod template, as the checks read it. */
export interface Pod {
  /** `Deployment/web` */
  readonly owner: string;
  readonly namespace: string;
  readonly labels: Json;
  readonly spec: Json;
  readonly workload: Json;
}

/** `Kind/name`, for messages. */
export function idOf(o: Json): string {
  return `${String(o.kind)}/${String(obj(o.metadata).name)}`;
}

/** The object's namespace, `''` when it sets none. */
export function namespaceOf(o: Json): string {
  return str(obj(o.metadata).namespace) ?? '';
}

