/**
 * explain's locator for --target kubernetes: the `to` texts of K8S_SERVICE_KEYS and
 * K8S_DEPLOY_KEYS name fields of the container, the pod, the workload or the Service
 * (`pod hostname`, `Service ports`, `spec.replicas`); each is looked for in those places of
 * the service's objects, in that order, the first hit giving the pointer. Pointers index the
 * documents of a YAML stream (`shop.yaml#/3/spec/…`) or the items of a JSON List.
 */
import type { Output } from '../backends/backend.js';
import type { Service } from '../model/project.js';
import { K8S_DEPLOY_KEYS, K8S_SERVICE_KEYS, type DeployKey } from '../backends/kubernetes/service-map.js';
import { objectName } from '../backends/kubernetes/names.js';
import { toPointer } from '../core/source.js';
import { has, type ExplainTarget, type Located } from './explain-target.js';

type Path = (string | number)[];
type Place = 'container' | 'pod' | 'template' | 'workload' | 'spec' | 'service';
interface Json {
  kind?: string;
  metadata?: { labels?: Record<string, string> };
  spec?: { template?: { spec?: { containers?: { name?: string }[] } } };
}

const SCOPES: Record<string, Place[]> = { pod: ['pod', 'template'], workload: ['workload', 'spec'], Service: ['service'], Job: ['pod', 'spec'] };
const EVERYWHERE: Place[] = ['container', 'pod', 'template', 'workload', 'spec', 'service'];
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
// The table's words for fields whose name differs in the manifest.
const ALIASES: Record<string, string> = { containerPorts: 'ports' };

/**
 * The fields a `to` text names, each with the places to look.
 *
 * @example k8sFields('pod hostname') // [{ places: ['pod', 'template'], path: ['hostname'] }]
 */
export function k8sFields(to: string): { places: Place[]; path: string[] }[] {
  const out: { places: Place[]; path: string[] }[] = [];
  for (const raw of to.replace(/\([^)]*\)|\[[^\]]*\]/g, '').split(/[,;/]|\band\b/)) {
    const words = raw.trim().split(/\s+/).filter(Boolean);
    const places = words[0] !== undefined && Object.hasOwn(SCOPES, words[0]) ? (SCOPES[words.shift() as string] as Place[]) : EVERYWHERE;
    for (const word of words) {
      if (/^[A-Za-z][\w.]*$/.test(word)) out.push({ places, path: (ALIASES[word] ?? word).split('.') });
    }
  }
  return out;
}

/** A file of the output: its path, and its documents as the pointers see them. */
interface File {
  path: string;
  root: unknown;
}

/**
 * Every document of the output with its path from the file's root. A YAML file is a stream,
 * so its pointers start at the document's index even when it holds one (--set split=true).
 */
function documents(outputs: readonly Output[]): { file: File; base: Path; value: Json }[] {
  return outputs.flatMap((doc): { file: File; base: Path; value: Json }[] => {
    const v = doc.value as Json | Json[] | { kind?: string; items?: Json[] } | undefined;
    const stream = /\.ya?ml$/.test(doc.path);
    if (Array.isArray(v)) return v.map((value, i) => ({ file: { path: doc.path, root: v }, base: [i], value }));
    if (v && 'items' in v && Array.isArray(v.items)) return v.items.map((value, i) => ({ file: { path: doc.path, root: v }, base: ['items', i], value }));
    return v ? [{ file: { path: doc.path, root: stream ? [v] : v }, base: stream ? [0] : [], value: v as Json }] : [];
  });
}

function placesOf(outputs: readonly Output[], service: string): Map<Place, { file: File; base: Path }> {
  const name = objectName(service);
  const places = new Map<Place, { file: File; base: Path }>();
  for (const { file, base, value } of documents(outputs)) {
    if (value.metadata?.labels?.['app.kubernetes.io/name'] !== name) continue;
    if (value.kind === 'Service' && !places.has('service')) places.set('service', { file, base: [...base, 'spec'] });
    if (!WORKLOADS.has(value.kind ?? '') || places.has('workload')) continue;
    const template: Path = value.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
    let node: unknown = value;
    for (const seg of template) node = (node as Record<string | number, unknown> | undefined)?.[seg];
    const containers = (node as { spec?: { containers?: { name?: string }[] } } | undefined)?.spec?.containers ?? [];
    const index = Math.max(0, containers.findIndex((c) => c.name === name));
    places.set('workload', { file, base });
    places.set('spec', { file, base: [...base, 'spec'] });
    places.set('template', { file, base: [...base, ...template] });
    places.set('pod', { file, base: [...base, ...template, 'spec'] });
    places.set('container', { file, base: [...base, ...template, 'spec', 'containers', index] });
  }
  return places;
}

function locate(outputs: readonly Output[], svc: Service, key: string, to: string): Located {
  const places = placesOf(outputs, svc.name);
  // deploy's own table says where each of its keys goes.
  const texts = key === 'deploy'
    ? Object.keys(svc.deploy ?? {}).flatMap((k) => {
        const m = Object.hasOwn(K8S_DEPLOY_KEYS, k) ? K8S_DEPLOY_KEYS[k as DeployKey] : undefined;
        return m && 'to' in m ? [m.to] : [];
      })
    : [to];
  const found: string[] = [];
  for (const { places: where, path } of texts.flatMap(k8sFields)) {
    for (const place of where) {
      const at = places.get(place);
      if (!at) continue;
      const full = [...at.base, ...path];
      if (!has(at.file.root, full)) continue;
      const p = `${at.file.path}#${toPointer(full)}`;
      if (!found.includes(p)) found.push(p);
      break;
    }
  }
  return { found, notes: [] };
}

/**
 * explain for --target kubernetes.
 *
 * @example explainRows(ir, kubernetesExplainTarget(result.emitted), diagnostics)
 */
export function kubernetesExplainTarget(outputs: readonly Output[]): ExplainTarget {
  return {
    keys: K8S_SERVICE_KEYS,
    dropCodes: new Set(['K8S_UNSUPPORTED_FIELD']),
    locate: (svc, key, to) => locate(outputs, svc, key, to),
  };
}
