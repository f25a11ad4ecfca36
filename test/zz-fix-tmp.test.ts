import { it, expect } from 'vitest';
import fc from 'fast-check';
import { loadProject } from '../src/loader/load-project.js';
import { toComposeDocument } from '../src/loader/compose-document.js';
import { memoryHost } from '../src/loader/memory-host.js';
import { mutatedComposeFile, toYaml } from './support/arbitraries.js';
const load = (t: string) => loadProject({ host: memoryHost({ '/p/compose.yaml': t }, '/p'), env: {} });
it('fixpoint on mutated', async () => {
  await fc.assert(fc.asyncProperty(mutatedComposeFile(), async (doc) => {
    const a = await load(toYaml(doc));
    if (a.diagnostics.some((d) => d.severity === 'error') || !a.project) return;
    const printed = toComposeDocument(a.project);
    if (/"":/.test(JSON.stringify(printed))) return;
    const b = await load(toYaml(printed));
    expect(b.diagnostics.filter((d) => d.severity === 'error'), toYaml(printed)).toEqual([]);
    expect(toComposeDocument(b.project!)).toEqual(printed);
  }), { numRuns: 3000, seed: 42 });
}, 900000);
