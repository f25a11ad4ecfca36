/**
 * The Kubernetes backend: the project as Kubernetes manifests — per service a Deployment,
 * StatefulSet, DaemonSet or Job, its Service, Ingress and HorizontalPodAutoscaler; per named
 * volume a PersistentVolumeClaim; per `content:` config a ConfigMap. Secrets are referenced,
 * never written. Multi-document YAML by default; see options.ts for `--set` options.
 *
 * @example
 * const { outputs } = await convert({ files: ['compose.yaml'], target: 'kubernetes', backendOptions: { namespace: 'shop' } });
 */
import { K8S_CODES } from './codes.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { IR } from '../../ir/ir.js';
import { defineBackend } from '../backend.js';
import { byName } from '../../passes/by-name.js';
import type { Json } from './context.js';
import { OPTIONS, parseOptions } from './options.js';
import { buildPlan } from './plan.js';
import { serialize } from './serialize.js';
import { claimObjects, configMaps, reportSecrets } from './storage-objects.js';
import { serviceObjectsOf } from './workload.js';

export { K8S_DEPLOY_KEYS, K8S_SERVICE_KEYS } from './service-map.js';
export { kubernetesMappingMarkdown } from './docs.js';

/** Two objects of one kind with one name would overwrite each other in the cluster. */
function checkDuplicates(ir: IR, objects: Json[], diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${String(o.kind)}/${String((o.metadata as Json).name)}`;
    if (seen.has(id)) diagnostics.push(ir.diagnostic(K8S_CODES.invalid, 'error', `two objects are both ${id}; rename the compose service, volume or config one of them comes from`));
    seen.add(id);
  }
}

/**
 * The Kubernetes backend: Deployments, Services, ConfigMaps, PersistentVolumeClaims and more,
 * as multi-document YAML (`<project>.yaml`), a JSON List, or one file per object.
 *
 * @example
 * const { outputs } = await convert({ files: ['compose.yaml'], target: kubernetesBackend, backendOptions: { namespace: 'shop' } });
 */
export const kubernetesBackend = defineBackend({
  name: 'kubernetes',
  options: OPTIONS,
  emit(ir, rawOptions) {
    const diagnostics: Diagnostic[] = [];
    const options = parseOptions(ir, rawOptions, diagnostics);
    const plan = buildPlan(ir, options, diagnostics);
    const objects: Json[] = [...configMaps(plan), ...claimObjects(plan)];
    reportSecrets(plan);
    // By name: the objects of a stream must not come in the order the services are written.
    for (const name of Object.keys(ir.project.services).sort(byName)) objects.push(...serviceObjectsOf(plan, name));
    // A name clash already reported would only be reported again here.
    if (!diagnostics.some((d) => d.severity === 'error')) checkDuplicates(ir, objects, diagnostics);
    return { outputs: serialize(ir.project.name, objects, options), diagnostics };
  },
});
