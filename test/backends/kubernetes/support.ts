/** Runs the Kubernetes target over an in-memory compose file and finds objects in the result. */
import { convert, type ConvertOptions } from '../../../src/convert.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';
import type { Output } from '../../../src/backends/backend.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

export type Json = Record<string, any>;

export interface K8sResult {
  objects: Json[];
  outputs: Output[];
  diagnostics: Diagnostic[];
  /** Diagnostics of the Kubernetes backend only (not the loader's or the ECS passes'). */
  k8s: Diagnostic[];
}

/**
 * Converts `compose` (the text of compose.yaml) with the Kubernetes target; objects are read
 * from a JSON List unless the options ask for another format.
 * @example const { objects } = await k8s('services: {web: {image: nginx}}')
 */
export async function k8s(compose: string, backendOptions: Record<string, unknown> = {}, extra: Partial<ConvertOptions> = {}): Promise<K8sResult> {
  const host = memoryHost({ '/project/compose.yaml': compose }, '/project');
  const options = { format: 'json', ...backendOptions };
  const { outputs, diagnostics } = await convert({ host, env: {}, target: 'kubernetes', backendOptions: options, ...extra } as ConvertOptions);
  const objects: Json[] = [];
  for (const o of outputs) {
    const v = o.value as Json;
    if (Array.isArray(v)) objects.push(...v);
    else if (v.kind === 'List') objects.push(...v.items);
    else objects.push(v);
  }
  return { objects, outputs, diagnostics, k8s: diagnostics.filter((d) => d.code.startsWith('K8S_')) };
}

/** The object of `kind` named `name`; throws when absent, naming what is there. */
export function find(objects: Json[], kind: string, name: string): Json {
  const o = objects.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`no ${kind}/${name} among ${objects.map((x) => `${x.kind}/${x.metadata?.name}`).join(', ')}`);
  return o;
}

/** The first container of a workload's pod template. */
export function container(workload: Json): Json {
  return workload.spec.template.spec.containers[0];
}

/** `code@path` of each diagnostic, for compact assertions. */
export function at(diagnostics: Diagnostic[], severity?: Diagnostic['severity']): string[] {
  return diagnostics.filter((d) => !severity || d.severity === severity).map((d) => `${d.code}@${d.path ?? ''}`);
}
