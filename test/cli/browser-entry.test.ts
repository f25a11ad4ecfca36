/**
 * The package in a browser bundler, as a web app meets it: `import { convert } from
 * 'compose2ecs'` bundled by esbuild for platform 'browser', resolved through node_modules and the
 * package's "exports" map, whose "browser" condition names dist/index.browser.js. The bundle
 * holds no Node built-in (esbuild refuses one for the browser), and run where there is no Node
 * at all — a bare V8 context with only the Web APIs a browser has — its convert gives the same
 * documents as the Node entry. Needs dist/ (`npm run build`; `npm test` builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import * as esbuild from 'esbuild';
import { ROOT } from './cli-harness.js';

type Target = 'ecs' | 'cloudformation' | 'kubernetes';
interface Converted {
  outputs: { path: string; contents: string }[];
  diagnostics: string[];
}
/** What the consumer's page exposes: convert of one compose text, or of files named but not given. */
interface Page {
  convertText(text: string, target: Target): Promise<Converted>;
  convertFiles(files: string[]): Promise<Converted>;
}

// The consumer's code, as a web app would write it: the package's name, nothing else.
const CONSUMER = `
import { convert, memoryHost } from 'compose2ecs';
const shape = (r) => ({ outputs: r.outputs.map((o) => ({ path: o.path, contents: o.contents })), diagnostics: r.diagnostics.map((d) => d.code) });
globalThis.page = {
  async convertText(text, target) {
    const host = memoryHost({ '/app/compose.yaml': text }, '/app');
    return shape(await convert({ host, files: ['compose.yaml'], env: {}, target, layout: 'service' }));
  },
  async convertFiles(files) {
    return shape(await convert({ files, env: {}, target: 'ecs' }));
  },
};
`;

/** A compose file the fast reader does not take (anchors, a merge key): the bundle's `yaml` parses it. */
const ANCHORED = [
  'x-base: &base',
  '  image: ghcr.io/example/app:1.2.3',
  '  mem_limit: 256m',
  'services:',
  '  web:',
  '    <<: *base',
  '    ports: ["8080:80"]',
  '    depends_on: [db]',
  '  db:',
  '    <<: *base',
  '    image: postgres:16',
  '',
].join('\n');

let dir = '';
let bundle = '';
let metafile: esbuild.Metafile | undefined;
let page: Page;

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'dist/index.browser.js')), 'dist/ is missing or old: run npm run build (npm test does)').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'compose2ecs-browser-'));
  // Installed as a link, as `npm link` or a workspace installs it; yaml, its one dependency, beside it.
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/compose2ecs'), 'dir');
  symlinkSync(realpathSync(join(ROOT, 'node_modules/yaml')), join(dir, 'node_modules/yaml'), 'dir');
  writeFileSync(join(dir, 'app.js'), CONSUMER);
  const result = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: ['app.js'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2022'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  metafile = result.metafile;
  // Only what every browser has: no process, require, Buffer, module or node: import.
  const context = createContext({ TextEncoder, TextDecoder, URL, console });
  runInContext(bundle, context);
  page = (context as { page: Page }).page;
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The Node entry (dist/index.js), over the same in-memory file. */
async function nodeConvert(text: string, target: Target): Promise<Converted> {
  const lib = (await import(pathToFileURL(join(ROOT, 'dist/index.js')).href)) as typeof import('../../src/index.js');
  const host = lib.memoryHost({ '/app/compose.yaml': text }, '/app');
  const r = await lib.convert({ host, files: ['compose.yaml'], env: {}, target, layout: 'service' });
  return { outputs: r.outputs.map((o) => ({ path: o.path, contents: o.contents })), diagnostics: r.diagnostics.map((d) => d.code) };
}

describe('package.json "exports": the "browser" condition gives a browser bundler dist/index.browser.js', () => {
  it('resolves compose2ecs to dist/index.browser.js, not the Node entry', () => {
    const own = join(realpathSync(ROOT), 'dist');
    const inputs = Object.keys(metafile!.inputs).map((p) => realpathSync(join(dir, p)));
    expect(inputs.filter((p) => p.startsWith(`${own}/`))).toEqual([join(own, 'index.browser.js')]);
  });

  it('bundles with no external import left (a node: or other built-in import fails the build for the browser)', () => {
    const imports = Object.values(metafile!.outputs).flatMap((o) => o.imports);
    expect(imports).toEqual([]);
    // The Node host (src/loader/host-node.ts, node:fs) is not in it: its twin without a disk is.
    expect(bundle).not.toContain('nodeHost');
    expect(bundle).not.toMatch(/\b(?:openSync|readSync|realpathSync)\(/);
  });
});

describe('the browser bundle converts as the Node entry does, with no Node around it', () => {
  const seedBoot = readFileSync(join(ROOT, 'fixtures/seed-boot/compose.yaml'), 'utf8');
  const seedQa = readFileSync(join(ROOT, 'fixtures/seed-qa/compose.yaml'), 'utf8');

  it('seed-boot to ECS: the same task definition and service as the Node entry', async () => {
    const browser = await page.convertText(seedBoot, 'ecs');
    expect(browser.outputs.map((o) => o.path)).toEqual(['boot.task-definition.json', 'boot.service.json']);
    expect(browser).toEqual(await nodeConvert(seedBoot, 'ecs'));
  });

  it('a file with anchors and merge keys (the full YAML parser, bundled from yaml’s browser build) to ECS', async () => {
    const browser = await page.convertText(ANCHORED, 'ecs');
    expect(browser.outputs.length).toBeGreaterThan(0);
    expect(browser).toEqual(await nodeConvert(ANCHORED, 'ecs'));
  });

  it.each(['cloudformation', 'kubernetes'] as const)('seed-qa to %s: the same documents as the Node entry', async (target) => {
    const browser = await page.convertText(seedQa, target);
    expect(browser.outputs.length).toBeGreaterThan(0);
    expect(browser).toEqual(await nodeConvert(seedQa, target));
  });

  it('without a host there is no disk: a file that exists is FILE_NOT_FOUND, not read and not a crash', async () => {
    const file = join(ROOT, 'fixtures/seed-boot/compose.yaml');
    const browser = await page.convertFiles([file]);
    expect(browser.outputs).toEqual([]);
    expect(browser.diagnostics).toContain('FILE_NOT_FOUND');
  });
});
