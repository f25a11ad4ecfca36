/** How the CLI process writes --out files: node:fs, synchronously behind the async CliIO. */
import { createHash } from 'node:crypto';
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
export function nodeOutputIO(): Required<Pick<CliIO, 'writeFile' | 'removeFile' | 'fileKind' | 'sha256'>> {
  const made = new Set<string>();
  return {
    async writeFile(path, contents) {
      const dir = dirname(path);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      // Encoded first: Node 20 writes a large text several times slower than the same bytes
      // (a 30 MB template: 175 → 10 + 11–60 ms CPU; docs/performance.md, issue 22).
      writeFileSync(path, Buffer.from(contents, 'utf8'));
    },
    // node:crypto on bytes rather than Web Crypto: 20 ms instead of 140–300 for that template.
    async sha256(contents) {
      // A text is hashed as UTF-8 by node itself: no second Buffer of every output (issue 22, peak memory).
      return (typeof contents === 'string' ? createHash('sha256').update(contents, 'utf8') : createHash('sha256').update(contents)).digest('hex');
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
