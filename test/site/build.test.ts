/**
 * `npm run site` (issue 21): the playground's build. It bundles the library for the browser
 * with no Node built-ins, is byte-for-byte deterministic, and links its assets by relative
 * paths (file://, any folder, GitHub Pages).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { browserBuildOptions, buildSite } from '../../scripts/site.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

describe('issue 21 npm run site: a static, deterministic browser build', () => {
  it('builds twice to the same bytes, and index.html names its assets by relative paths', async () => {
    const a = mkdtempSync(join(tmpdir(), 'compose2ecs-site-a-'));
    const b = mkdtempSync(join(tmpdir(), 'compose2ecs-site-b-'));
    try {
      await buildSite(a);
      await buildSite(b);
      const files = readdirSync(a).sort();
      expect(files).toEqual(['index.html', 'main.js', 'style.css', 'worker.js']);
      expect(readdirSync(b).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
      const html = readFileSync(join(a, 'index.html'), 'utf8');
      const refs = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1] as string);
      expect(refs).toContain('./main.js');
      expect(refs).toContain('./style.css');
      for (const r of refs) expect(r, r).toMatch(/^(\.\/|#|data:)/);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  }, 120_000);

  it('the bundle options refuse a node: import (the library path is free of them because the build passes)', async () => {
    const dir = mkdtempSync(join(ROOT, 'tmp-site-'));
    try {
      const entry = join(dir, 'entry.ts');
      // The Node host, imported directly rather than through default-host.ts.
      writeFileSync(entry, `import { nodeHost } from '../src/loader/host-node.js';\nconsole.log(nodeHost);\n`);
      const failed = await esbuild.build({ ...browserBuildOptions(), entryPoints: [entry], write: false }).then(
        () => undefined,
        (e: { errors?: { text: string }[] }) => (e.errors ?? []).map((x) => x.text).join('\n'),
      );
      expect(failed).toMatch(/node:fs/);
      // The same options bundle the library's convert over the in-memory host.
      writeFileSync(entry, `import { convert } from '../src/convert.js';\nimport { memoryHost } from '../src/loader/memory-host.js';\nconsole.log(convert, memoryHost);\n`);
      const ok = await esbuild.build({ ...browserBuildOptions(), entryPoints: [entry], write: false, metafile: true });
      const inputs = Object.keys(ok.metafile?.inputs ?? {});
      expect(inputs.some((p) => p.endsWith('src/loader/default-host.browser.ts'))).toBe(true);
      expect(inputs.filter((p) => p.endsWith('src/loader/host-node.ts') || p.startsWith('node:'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('issue 21 README: the playground shown, how to build and open it, the Action and the hook', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /## Playground\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

  it('has a Playground section with the screenshot, which is a PNG in docs/', () => {
    expect(section).toContain('](https://raw.githubusercontent.com/compose2ecs/compose2ecs/main/docs/playground.png)');
    const png = readFileSync(join(ROOT, 'docs/playground.png'));
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  });

  it('says how to build and open it with a script package.json has, and links the Action, the hook and docs/playground.md', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(section).toContain('`npm run site`');
    expect(scripts.site).toBe('node scripts/site.mjs');
    expect(section).toContain('`site/dist/index.html`');
    for (const link of ['docs/ci.md#the-github-action', 'docs/ci.md#pre-commit', 'docs/playground.md']) {
      expect(section).toContain(`(https://github.com/compose2ecs/compose2ecs/blob/main/${link})`);
    }
  });
});
