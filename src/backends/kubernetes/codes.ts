/** The diagnostic codes of the Kubernetes backend, by meaning. */
import type { DiagnosticCode } from '../../diagnostics/types.js';

export const K8S_CODES = {
  /** A compose key or value with no Kubernetes meaning: left out. */
  unsupported: 'K8S_UNSUPPORTED_FIELD',
  /** A bad option, setting or name, or a project the manifests cannot express (no image, two objects with one name). */
  invalid: 'K8S_INVALID',
  /** A Secret, ConfigMap, claim or ServiceAccount the manifests refer to that must already exist in the cluster. */
  mustExist: 'K8S_MUST_EXIST',
  /** A value the backend chose because the project sets none. */
  defaulted: 'K8S_DEFAULT_APPLIED',
} as const satisfies Record<string, DiagnosticCode>;
