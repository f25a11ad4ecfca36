/**
 * Project-level storage objects: a PersistentVolumeClaim per named volume (unless a
 * StatefulSet alone uses it: then a claim template), a ConfigMap per `content:` config, and a
 * report for each Secret and ConfigMap that must already exist. Secret values and config
 * files are never copied into the output.
 */
import { K8S_CODES } from './codes.js';
import type { Json, ProjectPlan } from './context.js';
import { commonLabels, metadata } from './context.js';
import { byName } from '../../passes/by-name.js';
import { isLabelValue, isQualifiedName, objectName } from './names.js';
import { volumeSettings } from './settings.js';
import type { Project } from '../../model/project.js';
import { projectFiles, relativePath } from '../../model/project-files.js';

export const DEFAULT_VOLUME_SIZE = '1Gi';

/** The services mounting each named volume, by name. */
export function volumeUsers(plan: Pick<ProjectPlan, 'ir'>): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const name of Object.keys(plan.ir.project.services).sort(byName)) {
    for (const v of plan.ir.project.services[name]?.volumes ?? []) {
      if (v.type !== 'volume' || !v.source || !Object.hasOwn(plan.ir.project.volumes, v.source)) continue;
      const list = users.get(v.source) ?? [];
      if (!list.includes(name)) list.push(name);
      users.set(v.source, list);
    }
  }
  return users;
}

export function claimName(plan: ProjectPlan, volume: string): string {
  const top = plan.ir.project.volumes[volume];
  return objectName(top?.external ? top.name : volume);
}

/** A volume used only by one StatefulSet becomes its claim template (one claim per pod). */
export function usesClaimTemplate(plan: ProjectPlan, volume: string): boolean {
  const users = plan.volumeUsers.get(volume) ?? [];
  return users.length === 1 && plan.kinds.get(users[0] as string) === 'statefulset' && !plan.ir.project.volumes[volume]?.external;
}

export function claimSpec(plan: ProjectPlan, volume: string): Json {
  return structuredClone(plan.claims.get(volume) ?? {});
}

/** Claim specs of the project's named volumes: size and class from the volume, its services, or the options. */
export function planClaims(plan: ProjectPlan): Map<string, Json> {
  const { ir, options, diagnostics } = plan;
  const claims = new Map<string, Json>();
  for (const [volume, users] of plan.volumeUsers) {
    const top = ir.project.volumes[volume];
    if (!top) continue;
    const at = ['volumes', volume];
    if (top.external) {
      diagnostics.push(ir.diagnostic(K8S_CODES.mustExist, 'info', `volumes.${volume} is external: the pods mount the PersistentVolumeClaim ${claimName(plan, volume)}, which must exist`, at));
      continue;
    }
    const vs = volumeSettings(ir, volume, diagnostics);
    const fromService = <K extends 'volumeSize' | 'storageClass'>(key: K): string | undefined => {
      const values = users.map((u) => plan.settings.get(u)?.[key]).filter((s) => s !== undefined);
      const first = values[0];
      if (first && values.some((s) => s.value !== first.value)) {
        diagnostics.push(ir.diagnostic(K8S_CODES.invalid, 'warning', `the services mounting volume ${volume} ask for different ${key === 'volumeSize' ? 'sizes' : 'storage classes'}; ${first.value} is used`, first.at));
      }
      return first?.value;
    };
    let size = vs.size?.value ?? fromService('volumeSize') ?? options.volumeSize;
    if (!size) {
      size = DEFAULT_VOLUME_SIZE;
      diagnostics.push(ir.diagnostic(K8S_CODES.defaulted, 'info', `volumes.${volume} sets no size; its claim requests ${size} (set x-kubernetes.size, the kompose.volume.size label or the volumeSize option)`, at));
    }
    const storageClass = vs.storageClass?.value ?? fromService('storageClass') ?? options.storageClass;
    const mode = vs.accessMode?.value ?? options.accessMode;
    const spec: Json = { accessModes: [mode], resources: { requests: { storage: size } } };
    if (storageClass) spec.storageClassName = storageClass;
    claims.set(volume, spec);
    const replicas = users.map((u) => ir.workloads[u]?.service).map((s) => s?.deploy?.replicas ?? s?.scale ?? 1);
    if (mode.startsWith('ReadWriteOnce') && (users.length > 1 || replicas.some((r) => r > 1)) && !usesClaimTemplate(plan, volume)) {
      diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `volume ${volume} is mounted by ${users.length > 1 ? `${users.join(', ')}` : 'several replicas'}, but a ${mode} claim attaches to one node at a time; pods elsewhere will not start (use access_mode ReadWriteMany with a storage class that supports it)`, at));
    }
    for (const key of ['driver', 'driver_opts'] as const) {
      // driver: local is Docker's default driver: a claim keeps what it promises.
      if (top[key] !== undefined && !(key === 'driver' && top.driver === 'local')) diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `volumes.${volume}.${key} is not carried over: Kubernetes provisions claims through storage classes`, [...at, key]));
    }
  }
  return claims;
}

/** User labels that are valid Kubernetes labels, kompose settings left out. */
function userLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (!k.startsWith('kompose.') && isQualifiedName(k) && isLabelValue(v)) out[k] = v;
  return out;
}

export function claimObjects(plan: ProjectPlan): Json[] {
  const out: Json[] = [];
  for (const [volume, spec] of plan.claims) {
    if (usesClaimTemplate(plan, volume)) continue;
    const labels = { ...userLabels(plan.ir.project.volumes[volume]?.labels), ...commonLabels(plan) };
    out.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: metadata(plan, claimName(plan, volume), labels), spec: structuredClone(spec) });
  }
  return out;
}

function used(plan: ProjectPlan, key: 'secrets' | 'configs'): string[] {
  const names = new Set<string>();
  for (const svc of Object.values(plan.ir.project.services)) for (const r of svc[key] ?? []) names.add(r.source);
  return Object.keys(plan.ir.project[key]).sort(byName).filter((n) => names.has(n));
}

/** ConfigMaps of `content:` configs; the others are reported as ConfigMaps that must exist. */
export function configMaps(plan: ProjectPlan): Json[] {
  const { ir, diagnostics } = plan;
  const out: Json[] = [];
  for (const key of used(plan, 'configs')) {
    const cfg = ir.project.configs[key];
    if (!cfg) continue;
    const name = objectName(cfg.external ? cfg.name : key);
    if (cfg.content !== undefined && !cfg.external) {
      const labels = { ...userLabels(cfg.labels), ...commonLabels(plan) };
      out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(plan, name, labels), data: { [key]: cfg.content } });
      continue;
    }
    const how = cfg.external ? 'it is external' : cfg.file ? `create it from the file: kubectl create configmap ${name} --from-file=${key}=${shown(ir.project, cfg.file)}` : `create it from $${cfg.environment ?? ''}: kubectl create configmap ${name} --from-literal=${key}="$${cfg.environment ?? ''}"`;
    diagnostics.push(ir.diagnostic(K8S_CODES.mustExist, cfg.external ? 'info' : 'warning', `configs.${key} is not read into the manifests: the pods mount key ${key} of the ConfigMap ${name}, which must exist (${how})`, ['configs', key]));
  }
  return out;
}

/** Secrets are never emitted: each used one is reported as a Secret that must exist. */
export function reportSecrets(plan: ProjectPlan): void {
  const { ir, diagnostics } = plan;
  for (const key of used(plan, 'secrets')) {
    const s = ir.project.secrets[key];
    if (!s) continue;
    const name = objectName(s.external ? s.name : key);
    const how = s.external ? 'it is external' : s.file ? `kubectl create secret generic ${name} --from-file=${key}=${shown(ir.project, s.file)}` : `kubectl create secret generic ${name} --from-literal=${key}="$${s.environment ?? ''}"`;
    diagnostics.push(ir.diagnostic(K8S_CODES.mustExist, s.external ? 'info' : 'warning', `secrets.${key}: secret values are never copied into manifests; the pods mount key ${key} of the Secret ${name}, which must exist (${how})`, ['secrets', key]));
  }
}

/** A file of the converting machine as the user knows it: relative to the project. */
function shown(project: Project, path: string): string {
  const files = projectFiles(project);
  return files ? relativePath(files.directory, path) : path;
}
