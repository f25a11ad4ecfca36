/** labels and annotations → the metadata of the workload and its pods. */
import type { ServiceContext } from '../context.js';
import { isLabelValue, isQualifiedName } from '../names.js';

/** Keys the backend sets itself: selector and recommended labels. */
const RESERVED = new Set(['app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by']);

/**
 * labels → labels of the workload and of its pods; a value Kubernetes does not take as a
 * label (spaces, over 63 characters) becomes an annotation. `kompose.*` labels are settings
 * (settings.ts), not copied.
 */
export function labels(c: ServiceContext): void {
  for (const [k, v] of Object.entries(c.service.labels ?? {})) {
    if (k.startsWith('kompose.')) continue;
    const at = ['labels', k];
    if (!isQualifiedName(k)) c.unsupported(at, 'it is not a valid Kubernetes label or annotation key ([prefix/]name, name at most 63 of letters, digits, -, _, .)');
    else if (RESERVED.has(k)) c.unsupported(at, `compose2ecs sets ${k} itself (it selects the service's pods)`);
    else if (isLabelValue(v)) {
      c.labels[k] = v;
      c.podLabels[k] = v;
    } else {
      c.annotations[k] = v;
      c.podAnnotations[k] = v;
      c.report('info', `${c.where(at)}: the value is not a valid label value, so it becomes an annotation`, at);
    }
  }
}

/** annotations → the pods' annotations. */
export function annotations(c: ServiceContext): void {
  for (const [k, v] of Object.entries(c.service.annotations ?? {})) {
    if (isQualifiedName(k)) c.podAnnotations[k] = v;
    else c.unsupported(['annotations', k], 'it is not a valid Kubernetes annotation key');
  }
}
