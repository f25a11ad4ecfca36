/** Where convert's documents go: files under --out, or standard output kept apart. */
import type { Output } from '../backends/backend.js';
import type { CliIO } from './io.js';
import { isSafeOutputPath } from './target.js';
import { UsageError } from './args.js';
import { cwdOf, hostOf } from './common.js';
import type { Host } from '../loader/host.js';
import { MANIFEST, formatManifest, parseManifest, sha256 } from './output-manifest.js';

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
 * would leave `dir` is not written; it is returned in `refused`, and nothing is written.
 *
 * When the io can remove files, `dir` keeps a manifest of what was written
 * (output-manifest.ts), and the files an earlier run wrote there that this one does not write
 * again are removed, if unchanged since. `dir` naming something that is not a directory, or
 * a file that cannot be written, is bad usage of --out (a UsageError, exit 2), not a crash.
 */
export async function writeOutputs(outputs: readonly Output[], dir: string, io: CliIO): Promise<{ written: string[]; refused: string[]; removed: string[] }> {
  if (!io.writeFile) throw new UsageError('--out is not available here');
  const host = await hostOf(io);
  const base = host.resolve(cwdOf(io), dir);
  const kind = await io.fileKind?.(base);
  if (kind !== undefined && kind !== 'directory') throw new UsageError(`--out ${dir}: ${kind === 'file' ? 'a file' : 'something other than a directory'} of that name exists; --out names a directory (a new one, or one that holds earlier output)`);
  const refused = outputs.filter((o) => !isSafeOutputPath(o.path) || o.path === MANIFEST).map((o) => o.path);
  if (refused.length) return { written: [], refused, removed: [] };
  const keepsRecord = io.removeFile !== undefined;
  const previous = keepsRecord ? await readManifest(host, host.resolve(base, MANIFEST)) : new Map<string, string>();
  const written: string[] = [];
  const hashes = new Map<string, string>();
  for (const o of outputs) {
    const path = host.resolve(base, o.path);
    if (o.parts && io.writeParts) {
      // Written and hashed a part at a time, never held whole (the CloudFormation template).
      const { writeParts } = io;
      const parts = o.parts();
      const hash = await explained(() => writeParts(path, parts), path, dir);
      written.push(path);
      if (keepsRecord) hashes.set(o.path, hash);
      continue;
    }
    await writeOrExplain(io, path, o.contents, dir);
    written.push(path);
    if (keepsRecord) hashes.set(o.path, await (io.sha256 ?? sha256)(o.contents));
  }
  const removed: string[] = [];
  if (!keepsRecord) return { written, refused, removed };
  await writeOrExplain(io, host.resolve(base, MANIFEST), formatManifest(hashes), dir);
  for (const [path, hash] of previous) {
    if (hashes.has(path)) continue;
    const file = host.resolve(base, path);
    if ((await io.fileKind?.(file)) !== 'file' || (await readHash(host, file, io.sha256 ?? sha256)) !== hash) continue;
    await io.removeFile?.(file);
    removed.push(file);
  }
  // On standard error, as "wrote N files": the removal should not come as a surprise.
  if (removed.length) io.stderr(`removed ${removed.length} file${removed.length === 1 ? '' : 's'} an earlier run wrote to ${dir} and this one does not: ${[...previous.keys()].filter((p) => removed.includes(host.resolve(base, p))).join(', ')}\n`);
  return { written, refused, removed };
}

async function readManifest(host: Host, path: string): Promise<Map<string, string>> {
  try {
    return parseManifest(new TextDecoder().decode(await host.readFile(path)));
  } catch {
    return new Map();
  }
}

async function readHash(host: Host, path: string, hash: (bytes: Uint8Array) => Promise<string>): Promise<string | undefined> {
  try {
    return await hash(await host.readFile(path));
  } catch {
    return undefined;
  }
}

/** A write that fails (a file where a folder must be, no permission) is reported as such. */
async function writeOrExplain(io: CliIO, path: string, contents: string, dir: string): Promise<void> {
  await explained(async () => io.writeFile?.(path, contents), path, dir);
}

async function explained<T>(write: () => Promise<T>, path: string, dir: string): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`--out ${dir}: cannot write ${path}: ${describeWriteError(err)}`);
  }
}

function describeWriteError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file stands where a directory must be';
    case 'EISDIR':
      return 'a directory of that name exists';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return e.message;
  }
}
