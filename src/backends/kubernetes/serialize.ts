/**
 * Manifests → output files: one multi-document YAML file `<project>.yaml` (documents separated
 * by `---`), or one JSON `v1` `List`; with `split`, one file per object (`web-deployment.yaml`).
 * YAML is written as YAML 1.1, so text such as `yes`, `on`, `0755` or `0o17` stays quoted for
 * kubectl's YAML 1.1 parser, without line folding or anchors (yaml-text.ts).
 *
 * Each object is written to text as soon as it is made, and only its text is kept: the
 * outputs' `value` is read back when asked for (outputWithValueOnDemand), so the objects of
 * 5,000 services are never all held at once (issue 22, peak memory).
 */
import { flatText, outputWithValueOnDemand, type Output } from '../backend.js';
import { yamlWriter, type YamlWriter } from '../yaml-text.js';
import type { Json } from './context.js';
import type { KubernetesOptions } from './options.js';

function text(value: unknown, format: KubernetesOptions['format'], yaml: YamlWriter): string {
  return format === 'json' ? flatText(JSON.stringify(value, null, 2) + '\n') : yaml(value, { minContentWidth: 0 });
}

/** `web-deployment.yaml` */
export function objectFileName(object: Json, format: KubernetesOptions['format']): string {
  const name = String((object.metadata as Json | undefined)?.name ?? 'object');
  return `${name}-${String(object.kind).toLowerCase()}.${format}`;
}

// The JSON List as JSON.stringify(list, null, 2) writes it: its items one level deeper.
const LIST_START = '{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [';
const ITEM_INDENT = '\n    ';

/**
 * The output files of a stream of objects, written as they are added.
 *
 * @example
 * const files = new ManifestFiles('shop', { format: 'yaml', split: false });
 * files.add([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' } }]);
 * files.outputs()[0]?.contents // 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n'
 */
export class ManifestFiles {
  private readonly yaml = yamlWriter();
  private readonly split: Output[] = [];
  /** The text of each object (in the JSON List: indented as an item). */
  private readonly texts: string[] = [];
  /** Each object as compact JSON, where the text is YAML: what `value` is read from. */
  private readonly json: string[] = [];

  constructor(
    private readonly project: string,
    private readonly options: Pick<KubernetesOptions, 'format' | 'split'>,
  ) {}

  add(objects: readonly Json[]): void {
    const { format } = this.options;
    for (const o of objects) {
      if (this.options.split) {
        const contents = text(o, format, this.yaml);
        this.split.push(format === 'json' ? outputWithValueOnDemand(objectFileName(o, format), contents) : outputWithValueOnDemand(objectFileName(o, format), contents, JSON.stringify(o)));
      } else if (format === 'json') {
        this.texts.push(JSON.stringify(o, null, 2).replaceAll('\n', ITEM_INDENT));
      } else {
        this.texts.push(text(o, format, this.yaml));
        this.json.push(JSON.stringify(o));
      }
    }
  }

  /** The files: one per object with `split`, else the one stream or List. */
  outputs(): Output[] {
    if (this.options.split) return this.split;
    if (this.options.format === 'json') {
      const items = this.texts.length ? `${ITEM_INDENT}${this.texts.join(`,${ITEM_INDENT}`)}\n  ]` : ']';
      return [outputWithValueOnDemand(`${this.project}.json`, `${LIST_START}${items}\n}\n`)];
    }
    return [outputWithValueOnDemand(`${this.project}.yaml`, this.texts.join('---\n'), this.json)];
  }
}
