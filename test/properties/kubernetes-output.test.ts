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
