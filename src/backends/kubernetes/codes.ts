/**
 * The diagnostic codes of the Kubernetes backend, by meaning. Only K8S_UNSUPPORTED_FIELD
 * exists so far; the others stand in for codes requested (K8S_INVALID, K8S_MUST_EXIST,
 * K8S_DEFAULT_APPLIED) until src/diagnostics/types.ts has them, so that adopting them is a
 * change here only.
 */
import type { DiagnosticCode } from '../../diagnostics/types.js';

export const K8S_CODES = {
  /** A compose key or value with no Kubernetes meaning: left out. */
  unsupported: 'K8S_UNSUPPORTED_FIELD',
  /** A bad option, setting or name (asked for: K8S_INVALID). */
  invalid: 'K8S_UNSUPPORTED_FIELD',
  /** A Secret, ConfigMap or claim the manifests refer to that must already exist (asked for: K8S_MUST_EXIST). */
  mustExist: 'K8S_UNSUPPORTED_FIELD',
  /** A value the backend chose because the project sets none (asked for: K8S_DEFAULT_APPLIED). */
  defaulted: 'K8S_UNSUPPORTED_FIELD',
} as const satisfies Record<string, DiagnosticCode>;
