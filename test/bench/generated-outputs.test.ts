/**
 * The benchmark's generated projects (bench/generate.mjs) are pinned like fixtures: the outputs
 * of every target, byte for byte. Performance work must not change a byte (issue 22: "outputs
 * are byte-identical before and after"); a mapping change shows here as a reviewed diff.
 * The 10-service project is pinned in full (reviewable), the 100-service one by SHA-256 per
 * target. `UPDATE_GOLDEN=1` rewrites both after a reviewed change.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFiles, PROJECT_FILES } from '../../bench/generate.mjs';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { BuiltinTarget } from '../../src/compile.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const EXPECTED = join(__dirname, 'expected');
/** Where the project appears to the compiler: the same path on every machine. */
const MOUNT = '/bench';
const TARGETS: BuiltinTarget[] = ['ecs', 'cloudformation', 'kubernetes'];

/** Every output document after a `# path` line, and the findings as `severity CODE line:col path`. */
async function compiled(n: number, target: BuiltinTarget): Promise<string> {
  const files = Object.fromEntries(Object.entries(projectFiles(n)).map(([p, text]) => [`${MOUNT}/${p}`, text]));
  const host = memoryHost(files, MOUNT);
  const result = await convert({ host, files: PROJECT_FILES.map((f) => `${MOUNT}/${f}`), env: {}, target, layout: 'service' });
  const docs = result.outputs.map((o) => `# ${o.path}\n${o.contents.endsWith('\n') ? o.contents : o.contents + '\n'}`).join('');
  const findings = result.diagnostics.map((d) => `${d.severity} ${d.code} ${(d.file ?? '').replace(`${MOUNT}/`, '')}:${d.line ?? ''}:${d.column ?? ''} ${d.path ?? ''}\n`).join('');
  return `${docs}# findings\n${findings}`;
}

function golden(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
    if (!UPDATE) throw new Error(`${path} was missing and has been written: review it and run again`);
    return;
  }
  expect(actual, `${path} (UPDATE_GOLDEN=1 rewrites it after a reviewed change)`).toBe(readFileSync(path, 'utf8'));
}

describe('the benchmark projects convert to the same bytes', () => {
  for (const target of TARGETS) {
    it(`10 services, --target ${target}: every document and finding, in full`, async () => {
      const text = await compiled(10, target);
      expect(text).not.toContain('INTERNAL_ERROR');
      expect(text).not.toMatch(/^error /m);
      golden(join(EXPECTED, `bench-10.${target}.txt`), text);
    });
  }

  it('100 services, every target: SHA-256 of the documents and findings', async () => {
    const digests: Record<string, string> = {};
    for (const target of TARGETS) {
      const text = await compiled(100, target);
      expect(text, target).not.toMatch(/^error /m);
      digests[target] = createHash('sha256').update(text).digest('hex');
    }
    golden(join(EXPECTED, 'bench-100.sha256.json'), JSON.stringify(digests, null, 2) + '\n');
  });
});
