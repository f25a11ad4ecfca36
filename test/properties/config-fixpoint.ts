/**
 * "`config` is a fixpoint": the model `config` prints, loaded again as the only file, gives a
 * model that prints the same. Shared by the loader and project properties, with the
 * workarounds for the open bugs that break it (each pinned by an it.fails in
 * test/loader/properties.test.ts).
 */
import { expect } from 'vitest';
import { toComposeDocument } from '../../src/loader/compose-document.js';
import type { LoadProjectResult } from '../../src/loader/load-project.js';
import { toYaml } from '../support/arbitraries.js';

/**
 * Why the fixpoint cannot hold for `printed` yet (an open bug), or undefined: the printed
 * model can hold one item twice in a list the schema wants unique, and then does not load.
 * `extends` keeps the duplicates of dns, dns_search and tmpfs (05-services § extends,
 * Sequences), and appends group_add and dns_opt (which that section makes scalars: replaced);
 * two spellings of one port (`"80"` and `80` in expose, `8080:80` and its long form in ports)
 * normalize to one item and both are kept. Drop once those tests pass.
 */
export function openBugIn(printed: Record<string, unknown>): string | undefined {
  const services = Object.values((printed.services ?? {}) as Record<string, Record<string, unknown>>);
  const duplicated = services.some((svc) =>
    ['dns', 'dns_search', 'tmpfs', 'group_add', 'dns_opt', 'expose', 'ports'].some((k) => {
      const list = svc[k];
      return Array.isArray(list) && new Set(list.map((v) => JSON.stringify(v))).size < list.length;
    }),
  );
  return duplicated ? 'duplicate items' : undefined;
}

/**
 * The printed model as config should print it: every `$` of a value written `$$`. Open bug
 * (pinned): config prints a literal `$` (from `$$`, or a single-quoted env file value) as it
 * is, so loading its output interpolates it. Until it is fixed, the properties escape the
 * values themselves, which checks everything else of the fixpoint; once fixed, print with
 * `toYaml(printed)` instead.
 */
export function configText(printed: Record<string, unknown>): string {
  const escape = (v: unknown): unknown =>
    typeof v === 'string' ? v.replaceAll('$', () => '$$') : Array.isArray(v) ? v.map(escape) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escape(x)])) : v;
  return toYaml(escape(printed));
}

/**
 * Loads `printed` (as YAML) with `load` and checks it gives no error and prints the same.
 *
 * @example
 * await expectConfigFixpoint(toComposeDocument(project), (text) => loadProject({ host: memoryHost({ '/p/compose.yaml': text }, '/p') }));
 */
export async function expectConfigFixpoint(printed: Record<string, unknown>, load: (text: string) => Promise<LoadProjectResult>): Promise<void> {
  if (openBugIn(printed)) return;
  const text = configText(printed);
  const again = await load(text);
  expect(again.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path ?? ''} ${d.message}`), `errors in the printed model:\n${text}`).toEqual([]);
  expect(toComposeDocument(again.project!), 'config of config').toEqual(printed);
}
