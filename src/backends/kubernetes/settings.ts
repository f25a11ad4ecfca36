/**
 * Per-service Kubernetes settings, from a service's `x-kubernetes` extension or from the
 * `kompose.*` labels kompose reads (so a kompose user moves over unchanged); `x-kubernetes`
 * wins. One table says, for each setting, its kompose labels, its `x-kubernetes` key and its
 * parser; docs/kubernetes.md lists it. Labels read here are not copied into the manifests.
 */
import { K8S_CODES } from './codes.js';
import type { Diagnostic, DiagnosticCode } from '../../diagnostics/types.js';
import type { IR } from '../../ir/ir.js';
import { isMapping } from '../../core/own.js';
import { DNS_LABEL, QUANTITY, type Controller, type ServiceType } from './options.js';
import type { Path } from './context.js';

type Parsed<T> = { value: T } | { problem: string };
export type HpaTarget = { utilization: number } | { averageValue: string };

interface SettingSpec<T> {
  labels: readonly string[];
  x: string;
  doc: string;
  parse(raw: string): Parsed<T>;
}

const oneOf = <T extends string>(values: Record<string, T>) => (raw: string): Parsed<T> => {
  const v = values[raw.toLowerCase()];
  return v === undefined ? { problem: `one of ${Object.keys(values).join(', ')}` } : { value: v };
};
const controller = (raw: string): Parsed<Controller> =>
  raw.toLowerCase() === 'replicationcontroller'
    ? { problem: 'deployment, statefulset, daemonset or job (ReplicationControllers are superseded by Deployments)' }
    : oneOf<Controller>({ deployment: 'deployment', statefulset: 'statefulset', daemonset: 'daemonset', job: 'job' })(raw);
const text = (raw: string): Parsed<string> => (raw === '' ? { problem: 'a non-empty text' } : { value: raw });
const name = (raw: string): Parsed<string> => (DNS_LABEL.test(raw) || /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(raw) ? { value: raw } : { problem: 'a Kubernetes object name' });
const int = (min: number, max: number) => (raw: string): Parsed<number> => {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? { value: n } : { problem: `a whole number from ${min} to ${max}` };
};
const quantity = (raw: string): Parsed<string> => (QUANTITY.test(raw) ? { value: raw } : { problem: 'a quantity such as 10Gi' });
const percent = (raw: string): Parsed<number> => int(1, 1000)(raw.replace(/%$/, ''));
const hpaTarget = (raw: string): Parsed<HpaTarget> => {
  const p = percent(raw);
  if ('value' in p) return { value: { utilization: p.value } };
  return QUANTITY.test(raw) ? { value: { averageValue: raw } } : { problem: 'a percentage (70%) or a quantity (512Mi)' };
};

export interface ServiceSettings {
  controller?: Setting<Controller>;
  serviceType?: Setting<ServiceType>;
  nodePort?: Setting<number>;
  externalTrafficPolicy?: Setting<'Cluster' | 'Local'>;
  expose?: Setting<string>;
  tlsSecret?: Setting<string>;
  ingressClass?: Setting<string>;
  volumeSize?: Setting<string>;
  storageClass?: Setting<string>;
  imagePullPolicy?: Setting<'Always' | 'IfNotPresent' | 'Never'>;
  imagePullSecret?: Setting<string>;
  serviceAccount?: Setting<string>;
  fsGroup?: Setting<number>;
  hpaCpu?: Setting<number>;
  hpaMemory?: Setting<HpaTarget>;
  hpaMinReplicas?: Setting<number>;
  hpaMaxReplicas?: Setting<number>;
}

/** A setting's value and where the user wrote it. */
export interface Setting<T> {
  value: T;
  at: Path;
}

type Specs = { [K in keyof ServiceSettings]-?: SettingSpec<NonNullable<ServiceSettings[K]>['value']> };

export const SERVICE_SETTINGS: Specs = {
  controller: { labels: ['kompose.controller.type'], x: 'controller', doc: 'workload kind: deployment, statefulset, daemonset, job', parse: controller },
  serviceType: { labels: ['kompose.service.type'], x: 'service_type', doc: 'Service type: clusterip, nodeport, loadbalancer, headless', parse: oneOf<ServiceType>({ clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', headless: 'Headless' }) },
  nodePort: { labels: ['kompose.service.nodeport.port'], x: 'node_port', doc: '`nodePort` of the first Service port (NodePort Services)', parse: int(1, 65535) },
  externalTrafficPolicy: { labels: ['kompose.service.external-traffic-policy'], x: 'external_traffic_policy', doc: 'Service `externalTrafficPolicy`: cluster, local', parse: oneOf({ cluster: 'Cluster', local: 'Local' }) },
  expose: { labels: ['kompose.service.expose'], x: 'expose', doc: 'an Ingress: `true` (no host) or hosts `a.example.com,b.example.com/api`', parse: text },
  tlsSecret: { labels: ['kompose.service.expose.tls-secret'], x: 'tls_secret', doc: 'TLS Secret of the Ingress', parse: name },
  ingressClass: { labels: ['kompose.service.expose.ingress-class-name'], x: 'ingress_class', doc: '`ingressClassName` of the Ingress', parse: text },
  volumeSize: { labels: ['kompose.volume.size'], x: 'volume_size', doc: 'storage request of the claims of the service\'s named volumes', parse: quantity },
  storageClass: { labels: ['kompose.volume.storage-class-name', 'kompose.volume.storage-class'], x: 'storage_class', doc: '`storageClassName` of the claims of the service\'s named volumes', parse: text },
  imagePullPolicy: { labels: ['kompose.image-pull-policy'], x: 'image_pull_policy', doc: '`imagePullPolicy`: Always, IfNotPresent, Never (over `pull_policy`)', parse: oneOf({ always: 'Always', ifnotpresent: 'IfNotPresent', never: 'Never' }) },
  imagePullSecret: { labels: ['kompose.image-pull-secret'], x: 'image_pull_secret', doc: '`imagePullSecrets` of the pod (the Secret must exist)', parse: name },
  serviceAccount: { labels: ['kompose.serviceaccount-name'], x: 'service_account', doc: '`serviceAccountName` of the pod', parse: name },
  fsGroup: { labels: ['kompose.security-context.fsgroup'], x: 'fs_group', doc: 'pod `securityContext.fsGroup`', parse: int(0, 2147483647) },
  hpaCpu: { labels: ['kompose.hpa.cpu'], x: 'hpa_cpu', doc: 'HorizontalPodAutoscaler target CPU utilization, percent', parse: percent },
  hpaMemory: { labels: ['kompose.hpa.memory'], x: 'hpa_memory', doc: 'HorizontalPodAutoscaler memory target: a percentage, or an average value (512Mi)', parse: hpaTarget },
  hpaMinReplicas: { labels: ['kompose.hpa.replicas.min'], x: 'hpa_min_replicas', doc: 'HorizontalPodAutoscaler `minReplicas`', parse: int(1, 1_000_000) },
  hpaMaxReplicas: { labels: ['kompose.hpa.replicas.max'], x: 'hpa_max_replicas', doc: 'HorizontalPodAutoscaler `maxReplicas` (required for an autoscaler)', parse: int(1, 1_000_000) },
};

/** kompose labels that compose2ecs knows but does not read, and why. */
export const KOMPOSE_UNREAD: Record<string, string> = {
  'kompose.service.group': 'services are not grouped into one pod; each service is its own workload',
  'kompose.controller.port.expose': 'use `ports` with `mode: host` for a hostPort',
  'kompose.volume.type': 'the volume kind follows the compose mount type',
  'kompose.volume.sub-path': 'use `volumes[].volume.subpath`',
  'kompose.volume.selector': 'claims are bound by storage class',
};
const KOMPOSE_UNREAD_PREFIXES = ['kompose.cronjob.', 'kompose.init.containers.', 'kompose.service.healthcheck.'];

function display(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/**
 * A service's settings. Every `kompose.*` label is read here or reported; every
 * `x-kubernetes` key is read or reported.
 */
export function serviceSettings(ir: IR, service: string, diagnostics: Diagnostic[]): ServiceSettings {
  const svc = ir.workloads[service]?.service;
  const out: Record<string, Setting<unknown>> = {};
  const report = (message: string, at: Path, code: DiagnosticCode = K8S_CODES.invalid): void => {
    diagnostics.push(ir.diagnostic(code, 'warning', message, at));
  };
  const take = (key: string, spec: SettingSpec<unknown>, raw: unknown, at: Path, where: string): void => {
    const t = display(raw);
    const parsed = t === undefined ? { problem: 'a text' } : spec.parse(t);
    if ('problem' in parsed) return report(`${where} must be ${parsed.problem}; it is ignored`, at);
    out[key] = { value: parsed.value, at };
  };
  const labels = svc?.labels ?? {};
  const known = new Set<string>();
  for (const [key, spec] of Object.entries(SERVICE_SETTINGS) as [string, SettingSpec<unknown>][]) {
    for (const label of spec.labels) {
      known.add(label);
      if (out[key] || !Object.hasOwn(labels, label)) continue;
      take(key, spec, labels[label], ['services', service, 'labels', label], `services.${service}.labels.${label}`);
    }
  }
  for (const label of Object.keys(labels)) {
    if (!label.startsWith('kompose.') || known.has(label)) continue;
    const why = KOMPOSE_UNREAD[label] ?? (KOMPOSE_UNREAD_PREFIXES.some((p) => label.startsWith(p)) ? 'compose2ecs does not read it' : 'it is not a kompose label compose2ecs knows');
    report(`services.${service}.labels.${label} is not carried over: ${why}`, ['services', service, 'labels', label], K8S_CODES.unsupported);
  }
  const x = svc?.extensions['x-kubernetes'];
  if (x !== undefined && !isMapping(x)) report(`services.${service}.x-kubernetes must be a mapping; it is ignored`, ['services', service, 'x-kubernetes']);
  if (isMapping(x)) {
    const byX = new Map(Object.entries(SERVICE_SETTINGS).map(([k, s]) => [s.x, [k, s] as const]));
    for (const [xKey, raw] of Object.entries(x)) {
      const at = ['services', service, 'x-kubernetes', xKey];
      const entry = byX.get(xKey);
      if (!entry) {
        report(`services.${service}.x-kubernetes.${xKey} is unknown (known: ${[...byX.keys()].join(', ')}); it is ignored`, at);
        continue;
      }
      delete out[entry[0]];
      take(entry[0], entry[1] as SettingSpec<unknown>, raw, at, `services.${service}.x-kubernetes.${xKey}`);
    }
  }
  return out as ServiceSettings;
}

/** Whether a label is consumed as a setting (and so not copied into the manifests). */
export function isKomposeLabel(key: string): boolean {
  return key.startsWith('kompose.');
}

/** Settings of a top-level volume: size, storage class, access mode. */
export interface VolumeSettings {
  size?: Setting<string>;
  storageClass?: Setting<string>;
  accessMode?: Setting<string>;
}

const ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany'];

/** A top-level volume's `x-kubernetes` (size, storage_class, access_mode) over its kompose labels. */
export function volumeSettings(ir: IR, volume: string, diagnostics: Diagnostic[]): VolumeSettings {
  const v = ir.project.volumes[volume];
  const out: VolumeSettings = {};
  const at = ['volumes', volume];
  const bad = (where: string, what: string): void => {
    diagnostics.push(ir.diagnostic(K8S_CODES.invalid, 'warning', `volumes.${volume}.${where} must be ${what}; it is ignored`, at));
  };
  const labels = v?.labels ?? {};
  const sizeLabel = labels['kompose.volume.size'];
  if (sizeLabel !== undefined && QUANTITY.test(sizeLabel)) out.size = { value: sizeLabel, at: [...at, 'labels', 'kompose.volume.size'] };
  else if (sizeLabel !== undefined) bad('labels.kompose.volume.size', 'a quantity such as 10Gi');
  const sc = labels['kompose.volume.storage-class-name'] ?? labels['kompose.volume.storage-class'];
  if (sc) out.storageClass = { value: sc, at: [...at, 'labels'] };
  for (const label of Object.keys(labels)) {
    if (label.startsWith('kompose.') && !['kompose.volume.size', 'kompose.volume.storage-class-name', 'kompose.volume.storage-class'].includes(label)) {
      diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `volumes.${volume}.labels.${label} is not carried over: ${KOMPOSE_UNREAD[label] ?? 'compose2ecs does not read it'}`, [...at, 'labels', label]));
    }
  }
  const x = v?.extensions?.['x-kubernetes'];
  if (x === undefined) return out;
  if (!isMapping(x)) {
    bad('x-kubernetes', 'a mapping');
    return out;
  }
  for (const [key, raw] of Object.entries(x)) {
    const t = display(raw) ?? '';
    const mode = ACCESS_MODES.find((m) => m.toLowerCase() === t.toLowerCase());
    if (key === 'size' && QUANTITY.test(t)) out.size = { value: t, at };
    else if (key === 'size') bad('x-kubernetes.size', 'a quantity such as 10Gi');
    else if (key === 'storage_class' && t) out.storageClass = { value: t, at };
    else if (key === 'storage_class') bad('x-kubernetes.storage_class', 'a text');
    else if (key === 'access_mode' && mode) out.accessMode = { value: mode, at };
    else if (key === 'access_mode') bad('x-kubernetes.access_mode', ACCESS_MODES.join(', '));
    else bad(`x-kubernetes.${key}`, 'one of size, storage_class, access_mode (it is unknown)');
  }
  return out;
}
