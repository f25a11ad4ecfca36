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
import { reportPortUses } from './name-uses.js';
import { ManifestFiles } from './serialize.js';
import { claimObjects, configMaps, reportSecrets } from './storage-objects.js';
import { serviceObjectsOf } from './workload.js';

export { K8S_DEPLOY_KEYS, K8S_SERVICE_KEYS } from './service-map.js';
export { kubernetesMappingMarkdown } from './docs.js';

/** `Deployment/web`: two objects of one kind with one name would overwrite each other in the cluster. */
function objectId(o: Json): string {
  return `${String(o.kind)}/${String((o.metadata as Json | undefined)?.name)}`;
}

function checkDuplicates(ir: IR, ids: readonly string[], diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
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
    // Each object goes to text as it is made; only its kind and name are kept here.
    const files = new ManifestFiles(ir.project.name, options);
    const ids: string[] = [];
    const add = (objects: Json[]) => {
      for (const o of objects) ids.push(objectId(o));
      files.add(objects);
    };
    add([...configMaps(plan), ...claimObjects(plan)]);
    reportSecrets(plan);
    reportPortUses(plan);
    // By name: the objects of a stream must not come in the order the services are written.
    for (const name of Object.keys(ir.project.services).sort(byName)) add(serviceObjectsOf(plan, name));
    // A name clash already reported would only be reported again here.
    if (!diagnostics.some((d) => d.severity === 'error')) checkDuplicates(ir, ids, diagnostics);
    return { outputs: files.outputs(), diagnostics };
  },
});
