/**
 * "`config` is a fixpoint": the model `config` prints, loaded again as the only file, gives a
 * model that prints the same. Shared by the loader and project properties. The bugs that broke
 * it (an unescaped `$`, duplicates the schema rejects) are pinned as regression tests in
 * test/loader/properties.test.ts.
 */
import { expect } from 'vitest';
import { toComposeDocument } from '../../src/loader/compose-document.js';
import type { LoadProjectResult } from '../../src/loader/load-project.js';
import { toYaml } from '../support/arbitraries.js';

/**
 * Loads `printed` (as YAML) with `load` and checks it gives no error and prints the same.
 *
 * @example
 * await expectConfigFixpoint(toComposeDocument(project), (text) => loadProject({ host: memoryHost({ '/p/compose.yaml': text }, '/p') }));
 */
export async function expectConfigFixpoint(printed: Record<string, unknown>, load: (text: string) => Promise<LoadProjectResult>): Promise<void> {
  const text = toYaml(printed);
  const again = await load(text);
  expect(again.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path ?? ''} ${d.message}`), `errors in the printed model:\n${text}`).toEqual([]);
  expect(toComposeDocument(again.project!), 'config of config').toEqual(printed);
}
