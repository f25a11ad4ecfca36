/**
 * vitest.config.ts runs test files with `isolate: false`: the files of one worker share its
 * module cache. That is only sound while no test changes a shared module or the process for
 * the files after it; this file keeps the tests free of the calls that would.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const TEST = resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ts|mts|cts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

// Module mocks and global or environment stubs outlive a file in a shared worker; so do a
// changed working directory and a process-wide umask.
const LEAKS = /\bvi\.(mock|doMock|unmock|stubGlobal|stubEnv|spyOn)\s*\(|\bprocess\.(chdir|umask)\s*\(|\bprocess\.env\.[A-Za-z_]\w*\s*=(?!=)|\bdelete\s+process\.env\b/;

describe('test files that share a worker (vitest isolate: false)', () => {
  it('mock no module, stub no global and change neither the environment nor the working directory', () => {
    const self = relative(TEST, __filename);
    const found = files(TEST)
      .filter((f) => relative(TEST, f) !== self)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => (LEAKS.test(line) ? [`${relative(TEST, f)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it('the pattern finds what it is for', () => {
    for (const line of ["vi.mock('../src/x.js')", 'vi.stubEnv("A", "b")', "process.chdir('/tmp')", 'process.env.AWS_REGION = "x"']) expect(LEAKS.test(line)).toBe(true);
    for (const line of ['const env = { ...process.env }', 'if (process.env.CI === "true") {}']) expect(LEAKS.test(line)).toBe(false);
  });
});
