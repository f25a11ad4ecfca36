/**
 * The built CLI as a process meets its surroundings: pipes that close early, the node
 * executable that starts it through the `#!` line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { BIN, baseEnv, ensureBuilt, tempDir } from './built-bin.js';

beforeAll(ensureBuilt, 180_000);

/** Runs the bin with standard output read by a reader that goes away after the first chunk, like `| head -1`. */
function runIntoClosingPipe(args: string[], cwd: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('standard output closed by its reader (compose2ecs convert … | head -1)', () => {
  it('ends the process quietly: no EPIPE, no stack trace, the status of a SIGPIPE death (141)', async () => {
    const dir = tempDir('epipe');
    // Large enough that the stack template does not fit in one pipe buffer (64 KiB).
    const services = Array.from({ length: 300 }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    ports: ["${8000 + i}:80"]\n`).join('');
    writeFileSync(join(dir, 'compose.yaml'), `services:\n${services}`);
    const r = await runIntoClosingPipe(['convert', '--target', 'cloudformation', '--diagnostics-format', 'github'], dir);
    expect(r.stderr).not.toMatch(/EPIPE|node:events|^\s+at /m);
    expect(r.stderr).not.toContain('internal error');
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 141, signal: null });
  });
});

/**
 * The node executables the `#!` line is tried with: the one running the tests, and any listed
 * in COMPOSE2ECS_TEST_NODES (paths to other node binaries, e.g. a Node 22 beside a Node 20).
 */
const nodes = [process.execPath, ...(process.env.COMPOSE2ECS_TEST_NODES ?? '').split(delimiter).filter((p) => p && existsSync(p))];

/** Executes dist/cli/bin.cjs itself, as a shell does: the kernel reads its #! line and finds `node` on PATH. */
function execBin(node: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const env = { ...baseEnv, PATH: `${dirname(node)}${delimiter}${baseEnv.PATH ?? ''}` };
  const r = spawnSync(BIN, args, { cwd, env, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(nodes.map((n) => [spawnSync(n, ['--version'], { encoding: 'utf8' }).stdout.trim(), n]))('the bin run through its #! line, on node %s', (_version, node) => {
  // Node scans a script's whole command line for --env-file (nodejs/node#54232): without the
  // `--` in the #! line it would read our --env-file itself.
  it('hands --env-file to compose2ecs: a missing file is our ENV_FILE_NOT_FOUND (exit 1), not node\'s exit 9', () => {
    const dir = tempDir('shebang');
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
    const r = execBin(node, ['config', '--env-file', 'missing.env'], dir);
    expect(r.stderr).not.toContain('node:');
    expect(r.stderr).toContain('ENV_FILE_NOT_FOUND');
    expect(r.code).toBe(1);
  });

  it('an env file given to compose2ecs does not set node options: its NODE_OPTIONS runs nothing', () => {
    const dir = tempDir('shebang');
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    environment: { GREETING: $GREETING }\n');
    writeFileSync(join(dir, 'preload.cjs'), 'process.stdout.write("PRELOADED\\n");\n');
    writeFileSync(join(dir, 'app.env'), 'NODE_OPTIONS=--require ./preload.cjs\nGREETING=hello\n');
    const r = execBin(node, ['config', '--format', 'json', '--env-file', 'app.env'], dir);
    expect(r.stdout).not.toContain('PRELOADED');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).services.web.environment).toEqual({ GREETING: 'hello' });
  });
  it('prints nothing on standard error for a clean run (no complaint from node or V8 about flags)', () => {
    const dir = tempDir('shebang');
    writeFileSync(join(dir, 'compose.yaml'), 'x-ecs:\n  region: eu-west-1\n  logging:\n    create_group: true\nservices:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n');
    const r = execBin(node, ['convert'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

/** Runs the bin under the node running the tests with its compile cache in `cacheDir`. */
function withCache(args: string[], cwd: string, cacheDir: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...baseEnv, COMPOSE2ECS_COMPILE_CACHE_DIR: cacheDir }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Node 22+ keeps the cache itself (module.enableCompileCache, with its own checksums); the
// launcher's own cache, and its check, are Node 20's.
describe.skipIf('enableCompileCache' in nodeModule)('the launcher\'s compile cache (Node 20): V8 checks its checksum (--verify-snapshot-checksum), the launcher its name', () => {
  const project = () => {
    const dir = tempDir('cache');
    writeFileSync(join(dir, 'compose.yaml'), 'x-ecs:\n  region: eu-west-1\n  logging:\n    create_group: true\nservices:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n');
    return dir;
  };

  it('a cache altered in the middle (same size) is not used: the run is the same and the file is written anew', () => {
    const dir = project();
    const cache = tempDir('cache-dir');
    const first = withCache(['convert'], dir, cache);
    const [name] = readdirSync(cache);
    const file = join(cache, name!);
    const tampered = readFileSync(file);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = (tampered[middle] as number) ^ 0xff;
    writeFileSync(file, tampered);
    const again = withCache(['convert'], dir, cache);
    expect({ code: again.code, stdout: again.stdout, stderr: again.stderr }).toEqual({ code: first.code, stdout: first.stdout, stderr: first.stderr });
    expect(readFileSync(file).equals(tampered), 'the altered cache was replaced').toBe(false);
  });

  it('a cache cut short is not used: the run is the same and the file is written anew', () => {
    const dir = project();
    const cache = tempDir('cache-dir');
    const first = withCache(['convert'], dir, cache);
    const [name] = readdirSync(cache);
    const file = join(cache, name!);
    const cut = readFileSync(file).subarray(0, -100);
    writeFileSync(file, cut);
    const again = withCache(['convert'], dir, cache);
    expect({ code: again.code, stdout: again.stdout, stderr: again.stderr }).toEqual({ code: first.code, stdout: first.stdout, stderr: first.stderr });
    expect(readFileSync(file).equals(cut), 'the cut cache was replaced').toBe(false);
  });

  it('a file far larger than any cache (5 GiB, sparse) in the cache\'s place is skipped, not fatal, and replaced', () => {
    const dir = project();
    const cache = tempDir('cache-dir');
    const first = withCache(['convert'], dir, cache);
    const [name] = readdirSync(cache);
    const file = join(cache, name!);
    truncateSync(file, 5 * 2 ** 30);
    const again = withCache(['convert'], dir, cache);
    expect({ code: again.code, stdout: again.stdout, stderr: again.stderr }).toEqual({ code: first.code, stdout: first.stdout, stderr: first.stderr });
    expect(statSync(file).size, 'the oversized file was replaced by a cache').toBeLessThan(2 ** 30);
  });

  it('a cache made for another command, renamed, is not used either', () => {
    const dir = project();
    const cache = tempDir('cache-dir');
    withCache(['convert'], dir, cache);
    const [name] = readdirSync(cache);
    const moved = join(cache, name!.replace('-convert-ecs.', '-config.'));
    const foreign = readFileSync(join(cache, name!));
    writeFileSync(moved, foreign);
    const r = withCache(['config'], dir, cache);
    expect(r.code).toBe(0);
    expect(readFileSync(moved).equals(foreign), 'the foreign cache was replaced').toBe(false);
  });
});
