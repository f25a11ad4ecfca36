/**
 * docs/backends.md, "What emit returns": a backend of your own makes its outputs with the
 * package's jsonOutput and outputWithValueOnDemand, as the ECS and Kubernetes backends do —
 * the document held as text only, its `value` read back from JSON when first asked for. Through
 * the public entry (src/index.ts) and `convert`, as a user's backend runs.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { convert, defineBackend, jsonOutput, memoryHost, outputWithValueOnDemand, stableJson, type Output } from '../../src/index.js';

const COMPOSE = ['services:', '  web:', '    image: nginx:1.27', '    deploy: { replicas: 3 }', '  migrate:', '    image: app:1', '    restart: "no"', ''].join('\n');

interface Doc {
  name: string;
  kind: string;
  replicas: number;
}

/** A backend of a third party: a JSON file per service and one YAML stream of them all. */
function deployments(emitted: Doc[][]) {
  return defineBackend({
    name: 'deployments',
    emit(ir) {
      const docs: Doc[] = Object.entries(ir.workloads).map(([name, w]) => ({ name, kind: w.kind, replicas: w.replicas }));
      emitted.push(docs);
      const yaml = docs.map((d) => `name: ${d.name}\nkind: ${d.kind}\nreplicas: ${d.replicas}\n`).join('---\n');
      const outputs = docs.map((d) => jsonOutput(`${d.name}.json`, d));
      outputs.push(outputWithValueOnDemand('all.yaml', yaml, docs.map((d) => JSON.stringify(d))));
      return { outputs, diagnostics: [] };
    },
  });
}

async function run(): Promise<{ outputs: Output[]; emitted: Doc[] }> {
  const emitted: Doc[][] = [];
  const host = memoryHost({ '/app/compose.yaml': COMPOSE }, '/app');
  const { outputs, diagnostics } = await convert({ host, files: ['compose.yaml'], env: {}, target: deployments(emitted) });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { outputs, emitted: emitted[0]! };
}

/** Whether `value` is still to be read (an accessor), rather than data held by the output. */
const onDemand = (o: Output): boolean => typeof Object.getOwnPropertyDescriptor(o, 'value')?.get === 'function';

describe('public API: jsonOutput and outputWithValueOnDemand in a backend of your own', () => {
  it('jsonOutput: contents is stableJson of the document; value, not read by convert, is read back from that text', async () => {
    const { outputs, emitted } = await run();
    const json = outputs.filter((o) => o.path.endsWith('.json'));
    expect(json.map((o) => o.path)).toEqual(emitted.map((d) => `${d.name}.json`));
    for (const [i, out] of json.entries()) {
      expect(out.contents, out.path).toBe(stableJson(emitted[i]));
      expect(onDemand(out), `${out.path}: value still on demand after convert`).toBe(true);
      expect(out.value, out.path).toEqual(emitted[i]);
      expect(onDemand(out), `${out.path}: kept once read`).toBe(false);
      expect(out.value, out.path).toBe(out.value);
    }
  });

  it('the value comes from the text, not from the object emit wrote it from', async () => {
    const { outputs, emitted } = await run();
    const web = outputs.find((o) => o.path === 'web.json')!;
    const before = structuredClone(emitted.find((d) => d.name === 'web'));
    for (const d of emitted) d.replicas = 99;
    expect(web.value).toEqual(before);
    expect(web.value).not.toBe(emitted.find((d) => d.name === 'web'));
  });

  it('outputWithValueOnDemand: YAML text, its value the array of the documents read from their JSON', async () => {
    const { outputs, emitted } = await run();
    const all = outputs.find((o) => o.path === 'all.yaml')!;
    expect(parseAllDocuments(all.contents).map((d) => d.toJS())).toEqual(emitted);
    expect(onDemand(all)).toBe(true);
    expect(all.value).toEqual(emitted);
    expect(all.value).toBe(all.value);
    // Spread, toEqual and JSON see a plain { path, contents, value }.
    expect(Object.keys(all)).toEqual(['path', 'contents', 'value']);
  });
});
