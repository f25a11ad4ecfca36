/**
 * The built CLI (`node dist/cli/bin.cjs`, what `npx compose2ecs` runs), spawned as a process:
 * real files, real standard streams, real exit codes. `npm test` builds dist/ first; when it
 * is missing (vitest run on its own) it is built once here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');
const SEED_QA = join(ROOT, 'fixtures', 'seed-qa');
const ANSI = /\u001b\[/;

/** The caller's environment without what would change the CLI's behaviour. */
const baseEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('COMPOSE_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR'),
);

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function compose2ecs(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; nodeArgs?: string[] } = {}): Spawned {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...baseEnv, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;

beforeAll(() => {
  if (!existsSync(BIN)) execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
  expect(existsSync(BIN), `${BIN} was not built`).toBe(true);
  tmp = mkdtempSync(join(tmpdir(), 'compose2ecs-e2e-'));
}, 180_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the built binary', () => {
  it('config --format json on fixtures/seed-qa: exit 0, the normalized model on stdout (the reviewed golden)', () => {
    const r = compose2ecs(['config', '--format', 'json', '-f', 'fixtures/seed-qa/compose.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(doc.name).toBe('multi-env');
    expect(Object.keys(doc.services)).toEqual(['web-python', 'boot', 'redis']);
    expect(doc).toEqual(JSON.parse(readFileSync(join(SEED_QA, 'expected', 'config.json'), 'utf8')));
  });

  it('config (YAML) on seed-qa from inside its directory, found without -f', () => {
    const r = compose2ecs(['config'], { cwd: SEED_QA });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^name: multi-env$/m);
    expect(r.stdout).toMatch(/^ +published: "5000"$/m); // a port number as text, quoted in YAML
  });

  it('a misspelled key in a compose.yaml of a temporary directory: exit 1, compose.yaml:3:5 and the suggestion on stderr', () => {
    const dir = mkdtempSync(join(tmp, 'typo-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    imagee: nginx\n');
    const r = compose2ecs(['config'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^compose\.yaml:3:5: error COMPOSE_UNKNOWN_KEY: .*did you mean 'image'\?$/m);
  });

  it('-f - reads the compose file from standard input', () => {
    const r = compose2ecs(['config', '--format', 'json', '-f', '-'], { cwd: tmp, input: 'services:\n  piped:\n    image: busybox\n    ports: ["53:53/udp"]\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(doc.services.piped.ports).toEqual([{ mode: 'ingress', target: 53, published: '53', protocol: 'udp' }]);
  });

  it('bad usage exits 2; --version prints the package version and exits 0', () => {
    const bad = compose2ecs(['config', '--format', 'toml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of');
    const version = compose2ecs(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });

  it('a backend module named by --target is imported by the built binary too', () => {
    const r = compose2ecs(['convert', '-f', join(SEED_QA, 'compose.yaml'), '--target', './fixtures/cli-third-party-backend/backend.mjs']);
    expect(r.stderr).not.toMatch(/ExperimentalWarning|internal error/);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it('compile cache (src/cli/bin.ts): made by the first run, used by the next, a corrupt one ignored and replaced; the output is the same every time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose2ecs-cache-'));
    try {
      const args = ['convert', '-f', join(SEED_QA, 'compose.yaml'), '--target', 'ecs'];
      const off = compose2ecs(args, { env: { COMPOSE2ECS_COMPILE_CACHE: '0', COMPOSE2ECS_COMPILE_CACHE_DIR: dir } });
      expect(off.code).toBe(0);
      expect(readdirSync(dir), 'COMPOSE2ECS_COMPILE_CACHE=0 writes nothing').toEqual([]);
      const env = { COMPOSE2ECS_COMPILE_CACHE_DIR: dir };
      const first = compose2ecs(args, { env });
      const [cache] = readdirSync(dir);
      expect(cache, 'the first run writes the cache').toMatch(/^main-[0-9a-f]+-v\d+\.\d+\.\d+-\w+-convert-ecs\.v8cache$/);
      const written = statSync(join(dir, cache!)).size;
      expect(written).toBeGreaterThan(100_000);
      const second = compose2ecs(args, { env });
      writeFileSync(join(dir, cache!), 'not a V8 code cache');
      const corrupt = compose2ecs(args, { env });
      expect(statSync(join(dir, cache!)).size, 'a rejected cache is written again').toBeGreaterThan(100_000);
      for (const r of [first, second, corrupt]) expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: off.code, stdout: off.stdout, stderr: off.stderr });
      const version = compose2ecs(['--version'], { env: { COMPOSE2ECS_COMPILE_CACHE_DIR: join(dir, 'v') } });
      expect(existsSync(join(dir, 'v')), '--version compiles nothing worth caching').toBe(false);
      expect(version.stdout).toBe(`${pkg.version}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('colour: only on a terminal, never with NO_COLOR', () => {
    // A terminal without a pseudo-terminal: stderr.isTTY is set before bin.cjs runs.
    const asTerminal = ['--import', 'data:text/javascript,Object.defineProperty(process.stderr,"isTTY",{value:true})'];
    const typo = (): string => {
      const dir = mkdtempSync(join(tmp, 'colour-'));
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    imagee: nginx\n');
      return dir;
    };

    it('on a terminal, diagnostics are coloured (the control for the NO_COLOR case)', () => {
      const r = compose2ecs(['config'], { cwd: typo(), nodeArgs: asTerminal });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(ANSI);
    });

    it('on a terminal with NO_COLOR set, no ANSI escape at all', () => {
      const r = compose2ecs(['config'], { cwd: typo(), nodeArgs: asTerminal, env: { NO_COLOR: '1' } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('compose.yaml:3:5: error COMPOSE_UNKNOWN_KEY');
      expect(r.stderr).not.toMatch(ANSI);
      expect(r.stdout).not.toMatch(ANSI);
    });

    it('piped (not a terminal), no ANSI escape either', () => {
      const r = compose2ecs(['config'], { cwd: typo() });
      expect(r.stderr).not.toMatch(ANSI);
    });
  });
});
