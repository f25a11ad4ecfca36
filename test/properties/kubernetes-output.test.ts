/**
 * The Kubernetes target on the shared generator (kubernetes-arbitrary.ts: every service key,
 * kompose labels and x-kubernetes settings, any backend options): it converts without error
 * or INTERNAL_ERROR; every object it emits passes kubernetes-models (required fields, types,
 * enums, and no field the API does not declare); YAML output read as YAML 1.1 (as kubectl
 * reads it) is the same objects; the same input gives the same bytes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Output } from '../../src/backends/backend.js';
import { validateManifest } from '../validators/kubernetes.js';
import { DIR, withFiles } from './ecs-arbitrary.js';
import { expectNoInternalError } from './ecs-checks.js';
import { kubernetesComposeFile, kubernetesOptions } from './kubernetes-arbitrary.js';
import { params, timeoutFor, turn } from './runs.js';

type Manifest = { kind?: string; metadata?: { name?: string }; items?: unknown[] };

/** The objects of the outputs: a JSON `List`'s items, a YAML file's documents, or one object per file. */
function objects(outputs: readonly Output[]): Manifest[] {
  return outputs.flatMap((o) => {
    const v = o.value as Manifest | Manifest[];
    if (Array.isArray(v)) return v;
    return v.kind === 'List' ? ((v.items ?? []) as Manifest[]) : [v];
  });
}

/** The documents of a YAML output, read as YAML 1.1. */
const yaml11 = (text: string): unknown[] => parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS());
/** The documents an output's value stands for (one object, or a list of them). */
const documents = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

describe('Kubernetes output of generated compose files', () => {
  it(
    'converts without error; every object passes kubernetes-models; the same input gives the same bytes',
    async () => {
      await fc.assert(
        fc.asyncProperty(kubernetesComposeFile(), kubernetesOptions, async (doc, options) => {
          await turn();
          const run = () => convert({ host: memoryHost(withFiles(doc), DIR), env: {}, target: 'kubernetes', backendOptions: options });
          const a = await run();
          expectNoInternalError(a.diagnostics, 'convert');
          expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
          const all = objects(a.outputs);
          expect(all.length).toBeGreaterThan(0);
          for (const o of all) expect(await validateManifest(o), `${o.kind}/${o.metadata?.name}`).toEqual([]);
          // What kubectl reads: YAML 1.1, where plain `on`, `0755` or `1_000` are not text.
          if (options.format !== 'json') for (const o of a.outputs) expect(yaml11(o.contents), o.path).toEqual(documents(o.value));
          const b = await run();
          expect(b.outputs.map((o) => [o.path, o.contents])).toEqual(a.outputs.map((o) => [o.path, o.contents]));
        }),
        params(50, 60),
      );
    },
    timeoutFor(50, 60),
  );
});

describe('findings of the properties, fixed (minimal cases, kept as regression tests)', () => {
  // compose does not bound a secret's or config's mode; Kubernetes takes 0 to 0777 as
  // defaultMode (an int32), so mode: 1583866086394397 made an object the API refuses (fuzz
  // run, never-throws on mutated files, seed 1001). It is left out now, with a warning.
  it('a secret mode beyond 0777 is left out of defaultMode, with a warning', async () => {
    const compose = 'services:\n  web:\n    image: nginx\n    secrets:\n      - source: token\n        mode: 1583866086394397\n      - source: token\n        target: /run/secrets/other\n        mode: 288\nsecrets:\n  token:\n    environment: SECRET_VALUE\n';
    const r = await convert({ host: memoryHost({ [`${DIR}/compose.yaml`]: compose }, DIR), env: { SECRET_VALUE: 's' }, target: 'kubernetes' });
    for (const o of objects(r.outputs)) expect(await validateManifest(o), `${o.kind}/${o.metadata?.name}`).toEqual([]);
    const pod = JSON.stringify(r.outputs.map((o) => o.value));
    expect(pod.match(/"defaultMode":\d+/g)).toEqual(['"defaultMode":288']);
    // The two mounts of one secret differ in mode, so they are two volumes (the second was dropped).
    expect(pod.match(/"name":"secret-token(-2)?","secret"/g)).toEqual(['"name":"secret-token","secret"', '"name":"secret-token-2","secret"']);
    expect(r.diagnostics.filter((d) => d.path === '/services/web/secrets/0/mode').map((d) => `${d.severity} ${d.code}`)).toEqual(['warning K8S_UNSUPPORTED_FIELD']);
  });
});
