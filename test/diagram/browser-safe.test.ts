/**
 * Issue 21: the playground runs the diagram in the browser, so src/diagram/ imports no Node
 * built-in and no package: only its own files, the IR's types and the core helpers.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '../../src/diagram');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

describe('src/diagram runs in a browser', () => {
  it('has its modules', () => expect(files).toEqual(expect.arrayContaining(['index.ts', 'mermaid.ts', 'svg.ts', 'model.ts'])));

  it.each(files)('%s imports only relative modules of diagram, ir and core', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] as string);
    expect(specs.filter((s) => !/^\.\/[\w-]+\.js$|^\.\.\/(ir|core)\/[\w-]+\.js$/.test(s))).toEqual([]);
    expect(text).not.toMatch(/\b(process|Buffer|require)\s*[.(]/);
  });
});
