/**
 * Reading a YAML file into plain values: the fast reader (yaml-fast.ts) when the text is in
 * its subset, else the full parser (yaml-source.ts), which is loaded only then. A small
 * compose file thus never loads `yaml` at all (docs/performance.md, start-up).
 */
import type { Reporter } from '../diagnostics/report.js';
import type { SourceFile } from '../core/source.js';
import type { ReadLimits } from './read-source.js';
import { NOT_SIMPLE, readSimpleYaml } from './yaml-fast.js';
import { defaultYamlLimits, type YamlLimits } from './yaml-limits.js';

/**
 * Every YAML document of `file` as plain values with positions recorded; problems reported.
 *
 * @example
 * const [doc] = await readYaml(new SourceFile('compose.yaml', 'services: {}\n'), reporter);
 */
export async function readYaml(file: SourceFile, reporter: Reporter, limits: YamlLimits & Partial<ReadLimits> = defaultYamlLimits): Promise<unknown[]> {
  const value = readSimpleYaml(file, limits);
  if (value !== NOT_SIMPLE) return [value];
  const { parseYaml } = await import('./yaml-source.js');
  return parseYaml(file, reporter, limits);
}
