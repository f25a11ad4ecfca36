/**
 * What compose-go's schema (the one docker compose validates with, vendored in schemas/)
 * accepts besides pre_start (test/loader/pre-start.test.ts) that the spec repository's copy
 * refused: build.no_cache_filter, and a service's model entry left empty.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { toComposeDocument } from '../../src/loader/compose-document.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { expectConfigFixpoint } from '../properties/config-fixpoint.js';

async function load(files: Record<string, string>, order?: string[]) {
  const host = memoryHost(Object.fromEntries(Object.entries(files).map(([name, text]) => [`/p/${name}`, text])), '/p');
  const result = await loadProject({ host, env: {}, ...(order ? { files: order } : {}) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

describe('build.md: no_cache_filter', () => {
  it('a stage name or a list of them is a list, and config prints what loads again', async () => {
    const one = await load({ 'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      no_cache_filter: deps\n' });
    expect(one.project!.services.app!.build?.no_cache_filter).toEqual(['deps']);
    const list = await load({ 'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      no_cache_filter: [deps, assets]\n' });
    expect(list.project!.services.app!.build?.no_cache_filter).toEqual(['deps', 'assets']);
    await expectConfigFixpoint(toComposeDocument(list.project!), (text) => load({ 'compose.yaml': text }));
  });

  it('13-merge: appended without duplicates (the schema wants the list unique)', async () => {
    const { project } = await load(
      {
        'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      no_cache_filter: [deps]\n',
        'b.yaml': 'services:\n  app:\n    build:\n      no_cache_filter: [assets, deps]\n',
      },
      ['compose.yaml', 'b.yaml'],
    );
    expect(project!.services.app!.build?.no_cache_filter).toEqual(['deps', 'assets']);
  });
});

describe('05-services: models, a model entry without options', () => {
  it('`llm:` with nothing after it is the model with no variables, as in the list form', async () => {
    const { project } = await load({ 'compose.yaml': 'services:\n  app:\n    image: x:1\n    models:\n      llm:\nmodels:\n  llm:\n    model: ai/smollm2\n' });
    expect(project!.services.app!.models).toEqual({ llm: {} });
    await expectConfigFixpoint(toComposeDocument(project!), (text) => load({ 'compose.yaml': text }));
  });
});
