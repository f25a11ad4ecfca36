import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ManifestFiles } from '../../../src/backends/kubernetes/serialize.js';
import { k8s } from './support.js';

const compose = 'name: shop\nservices:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    environment: {FLAG: "yes", MODE: "on", PERM: "0755", N: "8080"}\n    volumes: ["data:/d"]\nvolumes: {data: {x-kubernetes: {size: 1Gi}}}\n';

describe('output: multi-document YAML (default)', () => {
  it('one file <project>.yaml, documents separated by ---', async () => {
    const { outputs } = await k8s(compose, { format: 'yaml' });
    expect(outputs.map((o) => o.path)).toEqual(['shop.yaml']);
    const docs = parseAllDocuments(outputs[0]!.contents).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['PersistentVolumeClaim/data', 'Service/web', 'Deployment/web']);
    expect(docs).toEqual(outputs[0]!.value);
  });

  it('quotes what a YAML 1.1 reader (kubectl) would take as a boolean or a number', async () => {
    const { outputs } = await k8s(compose, { format: 'yaml' });
    const text = outputs[0]!.contents;
    for (const v of ['"yes"', '"on"', '"0755"', '"8080"']) expect(text).toContain(`value: ${v}`);
    const yaml11 = parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS());
    expect(yaml11).toEqual(outputs[0]!.value);
  });

  it('quotes an octal 0o17 and a 1_000, which go-yaml (strconv.ParseInt base 0) reads as numbers', async () => {
    const { outputs } = await k8s('services:\n  web:\n    image: nginx\n    environment: {MODE: "0o17", N: "1_000"}\n', { format: 'yaml' });
    const text = outputs[0]!.contents;
    for (const v of ['"0o17"', '"1_000"']) expect(text).toContain(`value: ${v}`);
    expect(parseAllDocuments(text).map((d) => d.toJS())).toEqual(outputs[0]!.value);
  });

  it('writes no anchors or aliases, and does not fold long lines', async () => {
    const long = 'x'.repeat(200);
    const { outputs } = await k8s(`services:\n  a:\n    image: x\n    command: ["echo", "${long} ${long}"]\n    healthcheck: {test: [CMD, "true"], start_period: 10s}\n`, { format: 'yaml' });
    const text = outputs[0]!.contents;
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text).toContain(`${long} ${long}`);
  });
});

describe('output: JSON List (format json)', () => {
  it('one file <project>.json holding a v1 List', async () => {
    const { outputs } = await k8s(compose, { format: 'json' });
    expect(outputs.map((o) => o.path)).toEqual(['shop.json']);
    const list = JSON.parse(outputs[0]!.contents);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items).toHaveLength(3);
    expect(outputs[0]!.contents.endsWith('}\n')).toBe(true);
    expect(outputs[0]!.value).toEqual(list);
    expect(outputs[0]!.value).toBe(outputs[0]!.value);
  });
});

describe('output: each object written as it is made, its value read back when asked for', () => {
  // Parsed from text: a `__proto__` key in an object literal would set the prototype instead.
  const objects = JSON.parse(`[
    { "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "app" }, "data": { "a.conf": "x: 1\\n", "__proto__": "kept" } },
    { "apiVersion": "v1", "kind": "Service", "metadata": { "name": "web" }, "spec": { "ports": [{ "port": 80 }] } }
  ]`) as Record<string, unknown>[];

  it('the JSON List is the text JSON.stringify gives the List, with any number of items', () => {
    for (const items of [[], objects.slice(0, 1), objects]) {
      const files = new ManifestFiles('shop', { format: 'json', split: false });
      files.add(items);
      const [out] = files.outputs();
      const list = { apiVersion: 'v1', kind: 'List', items };
      expect(out!.contents).toBe(JSON.stringify(list, null, 2) + '\n');
      expect(out!.value).toEqual(list);
    }
  });

  it('the YAML stream gives the objects back as its value (a __proto__ key included), the same array on each access', () => {
    const files = new ManifestFiles('shop', { format: 'yaml', split: false });
    files.add(objects.slice(0, 1));
    files.add(objects.slice(1));
    const [out] = files.outputs();
    expect(out!.value).toEqual(objects);
    expect(Object.keys((out!.value as { data: object }[])[0]!.data)).toEqual(['a.conf', '__proto__']);
    expect(out!.value).toBe(out!.value);
    expect(parseAllDocuments(out!.contents).map((d) => d.toJS())).toEqual(objects);
  });

  it('split: the value of each file is its object, in YAML and in JSON', () => {
    for (const format of ['yaml', 'json'] as const) {
      const files = new ManifestFiles('shop', { format, split: true });
      files.add(objects);
      expect(files.outputs().map((o) => o.value)).toEqual(objects);
    }
  });
});

describe('output: split', () => {
  it('one file per object, named <name>-<kind>', async () => {
    const yaml = await k8s(compose, { format: 'yaml', split: 'true' });
    expect(yaml.outputs.map((o) => o.path)).toEqual(['data-persistentvolumeclaim.yaml', 'web-service.yaml', 'web-deployment.yaml']);
    expect(parse(yaml.outputs[2]!.contents).kind).toBe('Deployment');
    const json = await k8s(compose, { format: 'json', split: true });
    expect(json.outputs.map((o) => o.path)).toEqual(['data-persistentvolumeclaim.json', 'web-service.json', 'web-deployment.json']);
    expect(JSON.parse(json.outputs[1]!.contents).kind).toBe('Service');
  });
});

describe('output: deterministic', () => {
  it('the same input gives the same bytes', async () => {
    const a = await k8s(compose, { format: 'yaml' });
    const b = await k8s(compose, { format: 'yaml' });
    expect(a.outputs.map((o) => o.contents)).toEqual(b.outputs.map((o) => o.contents));
  });
});
