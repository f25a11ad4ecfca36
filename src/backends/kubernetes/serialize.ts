/**
 * Manifests → output files: one multi-document YAML file `<project>.yaml` (documents separated
 * by `---`), or one JSON `v1` `List`; with `split`, one file per object (`web-deployment.yaml`).
 * YAML is written as YAML 1.1, so text such as `yes`, `on`, `0755` or `0o17` stays quoted for
 * kubectl's YAML 1.1 parser, without line folding or anchors (yaml-text.ts).
 */
import type { Output } from '../backend.js';
import { yamlWriter, type YamlWriter } from '../yaml-text.js';
import type { Json } from './context.js';
import type { KubernetesOptions } from './options.js';

function text(value: unknown, format: KubernetesOptions['format'], yaml: YamlWriter): string {
  return format === 'json' ? JSON.stringify(value, null, 2) + '\n' : yaml(value, { minContentWidth: 0 });
}

/** `web-deployment.yaml` */
export function objectFileName(object: Json, format: KubernetesOptions['format']): string {
  const name = String((object.metadata as Json | undefined)?.name ?? 'object');
  return `${name}-${String(object.kind).toLowerCase()}.${format}`;
}

export function serialize(project: string, objects: Json[], options: Pick<KubernetesOptions, 'format' | 'split'>): Output[] {
  const { format } = options;
  const yaml = yamlWriter();
  if (options.split) return objects.map((o) => ({ path: objectFileName(o, format), value: o, contents: text(o, format, yaml) }));
  if (format === 'json') {
    const list = { apiVersion: 'v1', kind: 'List', items: objects };
    return [{ path: `${project}.json`, value: list, contents: text(list, format, yaml) }];
  }
  return [{ path: `${project}.yaml`, value: objects, contents: objects.map((o) => text(o, format, yaml)).join('---\n') }];
}
