/**
 * The Kubernetes backend's options (`--set key=value`, or `backendOptions` in the library):
 * a table of every option with its type, default and meaning, from which the check, the parser,
 * `convert --help` and docs/kubernetes.md are made. Values arrive as text from the CLI, so `'true'` is true.
 */
import { K8S_CODES } from './codes.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { BackendOptions } from '../backend.js';
import { checkBackendOptions, type OptionDeclaration } from '../options.js';
import type { IR } from '../../ir/ir.js';

export type Controller = 'deployment' | 'statefulset' | 'daemonset' | 'job';
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'Headless';

/** The options after parsing, defaults filled in. */
export interface KubernetesOptions {
  format: 'yaml' | 'json';
  split: boolean;
  namespace?: string;
  controller: Exclude<Controller, 'job'>;
  statefulVolumes: boolean;
  jobs: boolean;
  ingress: boolean;
  ingressClass?: string;
  serviceType?: ServiceType;
  waitForDependencies: boolean;
  waitImage: string;
  kubectlImage: string;
  storageClass?: string;
  volumeSize?: string;
  accessMode: string;
  startPeriod: 'startupProbe' | 'initialDelay';
}

/** A DNS-1123 label (namespaces, object names). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A Kubernetes quantity such as `10Gi` or `500M`. */
export const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/** Every option: its type, its default and its meaning; the parser, `--help` and docs/kubernetes.md read it. */
export const OPTIONS = {
  format: { type: ['yaml', 'json'], default: 'yaml', description: 'multi-document YAML, or one JSON `v1` `List`' },
  split: { type: 'boolean', default: false, description: 'one file per object (`web-deployment.yaml`) instead of one `<project>.yaml`' },
  namespace: { type: 'string', pattern: DNS_LABEL, hint: 'a DNS label', description: '`metadata.namespace` of every object' },
  controller: { type: ['deployment', 'statefulset', 'daemonset'], default: 'deployment', description: 'the workload kind of every service that does not choose its own' },
  statefulVolumes: { type: 'boolean', default: false, description: 'a StatefulSet (with volumeClaimTemplates) for a single-replica service with named volumes no other service mounts' },
  jobs: { type: 'boolean', default: false, description: 'no longer changes anything, kept so that older command lines still run: a service that runs once (the core\'s kind: job) is always a Job, or init containers of the services that wait on it' },
  ingress: { type: 'boolean', default: false, description: 'an Ingress (no host, path `/`) for every service with a published TCP port' },
  ingressClass: { type: 'string', description: '`ingressClassName` of the Ingresses' },
  serviceType: { type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'Headless'], default: 'ClusterIP', description: 'the type of the Services of services with published ports' },
  waitForDependencies: { type: 'boolean', default: false, description: '`depends_on` with `service_healthy` or `service_completed_successfully` → an init container that waits' },
  waitImage: { type: 'string', default: 'busybox:1.36', description: 'image of the init containers that wait for a Service to answer' },
  kubectlImage: { type: 'string', default: 'bitnami/kubectl:1.30', description: 'image of the init containers that wait for a Job to complete' },
  storageClass: { type: 'string', description: '`storageClassName` of the PersistentVolumeClaims (default: the cluster default)' },
  volumeSize: { type: 'string', pattern: QUANTITY, hint: 'a quantity such as 10Gi', description: 'storage request of a PersistentVolumeClaim whose volume sets no size (without it: 1Gi, reported)' },
  accessMode: { type: ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany'], default: 'ReadWriteOnce', description: 'access mode of the PersistentVolumeClaims' },
  startPeriod: { type: ['startupProbe', 'initialDelay'], default: 'startupProbe', description: '`healthcheck.start_period` → a startupProbe, or `initialDelaySeconds` on the other probes' },
} as const satisfies Record<keyof KubernetesOptions, OptionDeclaration>;

/**
 * Reads the backend options. `compile` and the CLI have already refused an unknown key or a bad
 * value (the backend declares OPTIONS); called directly, `emit` reports them here (a warning)
 * and uses the default.
 * @example parseOptions(ir, { split: 'true', namespace: 'shop' }, diagnostics).split // true
 */
export function parseOptions(ir: IR, raw: BackendOptions, diagnostics: Diagnostic[]): KubernetesOptions {
  const { options, problems } = checkBackendOptions('kubernetes', OPTIONS, raw);
  for (const p of problems) {
    const option = (OPTIONS as Record<string, OptionDeclaration>)[p.key];
    const fallback = option?.default === undefined ? 'it is ignored' : `${String(option.default)} is used`;
    const what = p.kind === 'unknown' ? `backend option "${p.key}": ${p.message}; it is ignored` : `backend option ${p.key}=${JSON.stringify(p.value)}: ${p.message}; ${fallback}`;
    diagnostics.push(ir.diagnostic(K8S_CODES.invalid, 'warning', what));
  }
  return options as unknown as KubernetesOptions;
}
