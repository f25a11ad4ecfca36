/**
 * The package as users get it: `npm pack`, installed into an empty project, run with npx.
 * Packs the dist/ that `npm test` builds first (--ignore-scripts: rebuilding here would pull
 * dist/ from under other test files). One install, offline (from the npm cache), a few seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli-harness.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; main: string; module: string; types: string; browser: string; bin: Record<string, string>; exports: unknown };
let dir = '';
let project = '';
let packedFiles: string[] = [];

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_UPDATE_NOTIFIER: '1', npm_config_fund: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist/cli/bin.cjs')), 'dist/ is missing: run npm run build (npm test does)').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'compose2ecs-pack-'));
  const packed = JSON.parse(sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dir, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path);
  project = join(dir, 'project');
  sh('mkdir', ['-p', project], dir);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  copyFileSync(join(ROOT, 'fixtures/seed-boot/compose.yaml'), join(project, 'compose.yaml'));
  try {
    // Offline: the one runtime dependency, yaml, is in the npm cache of any machine that ran npm ci.
    sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel', 'error', tarball], project);
  } catch {
    // A cache without it: yaml from this repository's node_modules instead of the registry.
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', overrides: { yaml: `file:${realpathSync(join(ROOT, 'node_modules/yaml'))}` } }));
    sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel', 'error', tarball], project);
  }
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package, installed into an empty project', () => {
  it('npx compose2ecs --version prints the version', () => {
    expect(sh('npx', ['--no', '--', 'compose2ecs', '--version'], project)).toBe(`${pkg.version}\n`);
  });

  it('npx compose2ecs convert compiles the seed-boot fixture exactly as the golden files say', () => {
    sh('npx', ['--no', '--', 'compose2ecs', 'convert', '--out', 'deploy'], project);
    for (const name of ['boot.task-definition.json', 'boot.service.json']) {
      expect(readFileSync(join(project, 'deploy', name), 'utf8'), name).toBe(readFileSync(join(ROOT, 'fixtures/seed-boot/expected/ecs', name), 'utf8'));
    }
  });

  it('npx compose2ecs validate --format sarif writes a SARIF log; exit code 1 on errors', () => {
    const sarif = JSON.parse(sh('npx', ['--no', '--', 'compose2ecs', 'validate', '--format', 'sarif'], project)) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    writeFileSync(join(project, 'bad.yaml'), 'services:\n  web:\n    build: .\n');
    expect(() => sh('npx', ['--no', '--', 'compose2ecs', 'validate', '-f', 'bad.yaml'], project)).toThrow(expect.objectContaining({ status: 1 }));
  });

  it('holds every file package.json names: main, module, types, browser, bin and each "exports" target', () => {
    const targets = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(targets) : []);
    const named = [pkg.main, pkg.module, pkg.types, pkg.browser, ...Object.values(pkg.bin), ...targets(pkg.exports).filter((t) => !t.includes('*'))];
    expect(named).toContain('./dist/index.browser.js');
    for (const file of named) expect(packedFiles, file).toContain(file.replace(/^\.\//, ''));
  });

  it('the library loads with import and with require', () => {
    const esm = sh('node', ['--input-type=module', '-e', "import { loadProject, validate, formatDiagnostics } from 'compose2ecs'; console.log([loadProject, validate, formatDiagnostics].map((f) => typeof f).join())"], project);
    expect(esm.trim()).toBe('function,function,function');
    const cjs = sh('node', ['--input-type=commonjs', '-e', "const c = require('compose2ecs'); console.log(typeof c.loadProject, typeof c.run)"], project);
    expect(cjs.trim()).toBe('function function');
  });
});

describe('the installed package as a consumer meets it', () => {
  const installed = () => join(project, 'node_modules/compose2ecs');

  it('the bin, run through its #! line, hands every argument to compose2ecs (--env-file too)', () => {
    let error: { status?: number; stderr?: string } = {};
    try {
      execFileSync(join(project, 'node_modules/.bin/compose2ecs'), ['config', '--env-file', 'missing.env'], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.status).toBe(1);
    expect(error.stderr).toContain('ENV_FILE_NOT_FOUND');
  });

  it('exports the schemas: compose2ecs/schemas/*.json resolve and load with import and with require', () => {
    const esm = sh('node', ['--input-type=module', '-e', "import s from 'compose2ecs/schemas/x-ecs.schema.json' with { type: 'json' }; console.log(typeof s, import.meta.resolve('compose2ecs/schemas/compose-spec.json').endsWith('/node_modules/compose2ecs/schemas/compose-spec.json'))"], project);
    expect(esm.trim()).toBe('object true');
    const cjs = sh('node', ['--input-type=commonjs', '-e', "console.log(typeof require('compose2ecs/schemas/compose-spec.json'), typeof require('compose2ecs/schemas/x-ecs.schema.json'))"], project);
    expect(cjs.trim()).toBe('object object');
  });

  it('type-checks in a TypeScript project, as ESM (.mts) and as CommonJS (.cts)', () => {
    const use = [
      'const files = [{ path: "compose.yaml", contents: "services: {}" }];',
      'const run = async (): Promise<string> => {',
      '  const result = await convert({ files, target: "ecs" });',
      '  const d: Diagnostic[] = result.diagnostics;',
      '  return formatDiagnostics(d, { format: "sarif", artifact: "compose.yaml" });',
      '};',
      'export { run };',
      '',
    ].join('\n');
    writeFileSync(join(project, 'esm.mts'), `import { convert, formatDiagnostics, type Diagnostic } from 'compose2ecs';\n${use}`);
    writeFileSync(join(project, 'cjs.cts'), `import { convert, formatDiagnostics, type Diagnostic } from 'compose2ecs';\n${use}`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] }, files: ['esm.mts', 'cjs.cts'] }));
    expect(() => sh(join(ROOT, 'node_modules/.bin/tsc'), ['-p', '.'], project)).not.toThrow();
  });

  it('type-checks for a browser bundler (moduleResolution bundler, the "browser" condition): the same types', () => {
    const use = [
      'import { convert, memoryHost, type Diagnostic } from "compose2ecs";',
      'export const run = async (text: string): Promise<Diagnostic[]> => {',
      '  const host = memoryHost({ "/app/compose.yaml": text }, "/app");',
      '  return (await convert({ host, files: ["compose.yaml"], target: "ecs" })).diagnostics;',
      '};',
      '',
    ].join('\n');
    writeFileSync(join(project, 'web.ts'), use);
    const config = { compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', customConditions: ['browser'], target: 'es2022', lib: ['es2022', 'dom'], types: [] }, files: ['web.ts'] };
    writeFileSync(join(project, 'tsconfig.web.json'), JSON.stringify(config));
    expect(() => sh(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.web.json'], project)).not.toThrow();
  });

  it('package.json says where the project lives; the README links work on the npm page', () => {
    const meta = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(meta.repository).toEqual({ type: 'git', url: 'git+https://github.com/compose2ecs/compose2ecs.git' });
    expect(meta.homepage).toBe('https://github.com/compose2ecs/compose2ecs#readme');
    expect(meta.bugs).toEqual({ url: 'https://github.com/compose2ecs/compose2ecs/issues' });
    const links = [...readFileSync(join(installed(), 'README.md'), 'utf8').matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link, 'an absolute link').toMatch(/^https:\/\//);
  });
});
