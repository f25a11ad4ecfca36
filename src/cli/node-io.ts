/** How the CLI process writes --out files: node:fs, synchronously behind the async CliIO. */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliIO } from './io.js';

/**
 * The file operations of `--out` on the real file system. Synchronous: a CLI run writes a
 * handful of small files, and node:fs/promises would add its start-up and a round trip per
 * file (docs/performance.md).
 *
 * @example run(argv, { ...io, ...nodeOutputIO() });
 */
export function nodeOutputIO(): Required<Pick<CliIO, 'writeFile' | 'removeFile' | 'fileKind'>> {
  const made = new Set<string>();
  return {
    async writeFile(path, contents) {
      const dir = dirname(path);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      writeFileSync(path, contents);
    },
    async removeFile(path) {
      rmSync(path, { force: true });
    },
    async fileKind(path) {
      try {
        const s = statSync(path);
        return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
      } catch {
        return undefined;
      }
    },
  };
}
