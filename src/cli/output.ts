/** Where convert's documents go: files under --out, or standard output kept apart. */
import type { Output } from '../backends/backend.js';
import type { CliIO } from './io.js';
import { isSafeOutputPath } from './target.js';
import { UsageError } from './args.js';
import { cwdOf, hostOf } from './common.js';

const isYaml = (path: string) => /\.ya?ml$/i.test(path);

/**
 * Several documents on standard output, each introduced by its path. YAML documents become
 * one YAML stream (`--- # <path>` before each, so `kubectl apply -f -` takes it); other
 * documents follow a `# <path>` line. One document is printed as it is.
 *
 * @example concatenate([{ path: 'a.json', value: {}, contents: '{}\n' }, { path: 'b.json', value: {}, contents: '{}\n' }])
 * // '# a.json\n{}\n\n# b.json\n{}\n'
 */
export function concatenate(outputs: readonly Output[]): string {
  if (outputs.length === 1) return (outputs[0] as Output).contents;
  if (outputs.length > 0 && outputs.every((o) => isYaml(o.path))) {
    return outputs.map((o) => `--- # ${o.path}\n${o.contents.replace(/^---[ \t]*\r?\n/, '')}`).join('');
  }
  return outputs.map((o) => `# ${o.path}\n${o.contents}`).join('\n');
}

/**
 * Writes every output under `dir` (relative to the working directory). An output whose path
 * would leave `dir` is not written; it is returned in `refused`.
 */
export async function writeOutputs(outputs: readonly Output[], dir: string, io: CliIO): Promise<{ written: string[]; refused: string[] }> {
  if (!io.writeFile) throw new UsageError('--out is not available here');
  const host = await hostOf(io);
  const base = host.resolve(cwdOf(io), dir);
  const refused = outputs.filter((o) => !isSafeOutputPath(o.path)).map((o) => o.path);
  if (refused.length) return { written: [], refused };
  const written: string[] = [];
  for (const o of outputs) {
    const path = host.resolve(base, o.path);
    await io.writeFile(path, o.contents);
    written.push(path);
  }
  return { written, refused };
}
