/**
 * The package as users get it: `npm pack`, installed into an empty project, run with npx.
 * Packs the dist/ that `npm test` builds first (--ignore-scripts: rebuilding here would pull
 * dist/ from under other test files). One install, about 30–60 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli-harness.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
let dir = '';
let project = '';

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_UPDATE_NOTIFIER: '1', npm_config_fund: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist/cli/bin.cjs')), 'dist/ is missing: run npm run build (npm test does)').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'compose2ecs-pack-'));
  const packed = JSON.parse(sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dir, packed[0]!.filename);
  project = join(dir, 'project');
  sh('mkdir', ['-p', project], dir);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  copyFileSync(join(ROOT, 'fixtures/seed-boot/compose.yaml'), join(project, 'compose.yaml'));
  sh('npm', ['install', tarball, '--no-audit', '--no-fund', '--loglevel', 'error'], project);
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

  it('the library loads with import and with require', () => {
    const esm = sh('node', ['--input-type=module', '-e', "import { loadProject, validate, formatDiagnostics } from 'compose2ecs'; console.log([loadProject, validate, formatDiagnostics].map((f) => typeof f).join())"], project);
    expect(esm.trim()).toBe('function,function,function');
    const cjs = sh('node', ['--input-type=commonjs', '-e', "const c = require('compose2ecs'); console.log(typeof c.loadProject, typeof c.run)"], project);
    expect(cjs.trim()).toBe('function function');
  });
});
