/**
 * The Kubernetes backend's options (`--set key=value`, or `backendOptions` in the library):
 * a table of every option with its kind, default and meaning, from which both the parser and
 * docs/kubernetes.md are made. Values arrive as text from the CLI, so `'true'` is true.
 */
import { K8S_CODES } from './codes.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { BackendOptions } from '../backend.js';
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

type OptionKind = { type: 'boolean' } | { type: 'string'; pattern?: RegExp; hint?: string } | { type: 'enum'; values: readonly string[] };

export interface OptionSpec {
  kind: OptionKind;
  default?: string;
  doc: string;
}

/** A DNS-1123 label (namespaces, object names). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A Kubernetes quantity such as `10Gi` or `500M`. */
export const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

export const OPTIONS: Record<keyof KubernetesOptions, OptionSpec> = {
  format: { kind: { type: 'enum', values: ['yaml', 'json'] }, default: 'yaml', doc: 'multi-document YAML, or one JSON `v1` `List`' },
  split: { kind: { type: 'boolean' }, default: 'false', doc: 'one file per object (`web-deployment.yaml`) instead of one `<project>.yaml`' },
  namespace: { kind: { type: 'string', pattern: DNS_LABEL, hint: 'a DNS label' }, doc: '`metadata.namespace` of every object' },
  controller: { kind: { type: 'enum', values: ['deployment', 'statefulset', 'daemonset'] }, default: 'deployment', doc: 'the workload kind of every service that does not choose its own' },
  statefulVolumes: { kind: { type: 'boolean' }, default: 'false', doc: 'a StatefulSet (with volumeClaimTemplates) for a single-replica service with named volumes no other service mounts' },
  jobs: { kind: { type: 'boolean' }, default: 'false', doc: 'a Job for one-shot services: `restart: "no"`, `restart_policy.condition: none`, or waited on with `service_completed_successfully`' },
  ingress: { kind: { type: 'boolean' }, default: 'false', doc: 'an Ingress (no host, path `/`) for every service with a published TCP port' },
  ingressClass: { kind: { type: 'string' }, doc: '`ingressClassName` of the Ingresses' },
  serviceType: { kind: { type: 'enum', values: ['ClusterIP', 'NodePort', 'LoadBalancer', 'Headless'] }, default: 'ClusterIP', doc: 'the type of the Services of services with published ports' },
  waitForDependencies: { kind: { type: 'boolean' }, default: 'false', doc: '`depends_on` with `service_healthy` or `service_completed_successfully` → an init container that waits' },
  waitImage: { kind: { type: 'string' }, default: 'busybox:1.36', doc: 'image of the init containers that wait for a Service to answer' },
  kubectlImage: { kind: { type: 'string' }, default: 'bitnami/kubectl:1.30', doc: 'image of the init containers that wait for a Job to complete' },
  storageClass: { kind: { type: 'string' }, doc: '`storageClassName` of the PersistentVolumeClaims (default: the cluster default)' },
  volumeSize: { kind: { type: 'string', pattern: QUANTITY, hint: 'a quantity such as 10Gi' }, doc: 'storage request of a PersistentVolumeClaim whose volume sets no size (without it: 1Gi, reported)' },
  accessMode: { kind: { type: 'enum', values: ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany'] }, default: 'ReadWriteOnce', doc: 'access mode of the PersistentVolumeClaims' },
  startPeriod: { kind: { type: 'enum', values: ['startupProbe', 'initialDelay'] }, default: 'startupProbe', doc: '`healthcheck.start_period` → a startupProbe, or `initialDelaySeconds` on the other probes' },
};

/** `wait-for-dependencies` → `waitForDependencies`. */
function camel(key: string): string {
  return key.replace(/[-_]([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

function parseValue(spec: OptionSpec, raw: unknown): { value: unknown } | { problem: string } {
  const k = spec.kind;
  if (k.type === 'boolean') {
    if (raw === true || raw === 'true') return { value: true };
    if (raw === false || raw === 'false') return { value: false };
    return { problem: 'true or false' };
  }
  if (typeof raw !== 'string' || raw === '') return { problem: k.type === 'enum' ? k.values.join(', ') : 'a text' };
  if (k.type === 'enum') {
    const found = k.values.find((v) => v.toLowerCase() === raw.toLowerCase());
    return found === undefined ? { problem: k.values.join(', ') } : { value: found };
  }
  if (k.pattern && !k.pattern.test(raw)) return { problem: k.hint ?? 'a valid value' };
  return { value: raw };
}

/**
 * Reads the backend options; an unknown key or a bad value is reported (a warning) and the
 * default is used.
 * @example parseOptions(ir, { split: 'true', namespace: 'shop' }, diagnostics).split // true
 */
export function parseOptions(ir: IR, raw: BackendOptions, diagnostics: Diagnostic[]): KubernetesOptions {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(OPTIONS)) {
    if (spec.default !== undefined) out[key] = (parseValue(spec, spec.default) as { value: unknown }).value;
  }
  for (const [rawKey, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = camel(rawKey);
    const spec = Object.hasOwn(OPTIONS, key) ? OPTIONS[key as keyof KubernetesOptions] : undefined;
    if (!spec) {
      diagnostics.push(ir.diagnostic(K8S_CODES.invalid, 'warning', `backend option "${rawKey}" is unknown to the kubernetes target (known: ${Object.keys(OPTIONS).join(', ')}); it is ignored`));
      continue;
    }
    const parsed = parseValue(spec, value);
    if ('problem' in parsed) {
      const fallback = spec.default === undefined ? 'it is ignored' : `${spec.default} is used`;
      diagnostics.push(ir.diagnostic(K8S_CODES.invalid, 'warning', `backend option ${rawKey}=${JSON.stringify(value)} must be ${parsed.problem}; ${fallback}`));
      continue;
    }
    out[key] = parsed.value;
  }
  return out as unknown as KubernetesOptions;
}
