/**
 * Files that are not regular files, on the real file system through the Node host: a FIFO
 * (reading one waits for a writer forever), a directory, /dev/zero (never ends), and a sparse
 * file just over the size limit (which must be refused without being read). In every place the
 * loader opens a file: -f, include, extends.file, env_file, label_file, the implicit .env,
 * --env-file. Each is a coded diagnostic at the reference to the file, never a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../../src/loader/host-node.js';
import { defaultLimits } from '../../src/loader/options.js';
import { expectCoded, runHostile } from './harness.js';

let root = '';

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'compose2ecs-special-')));
  execFileSync('mkfifo', [join(root, 'fifo')]);
  mkdirSync(join(root, 'dir'));
  writeFileSync(join(root, 'sparse'), '');
  truncateSync(join(root, 'sparse'), defaultLimits.maxFileBytes + 1);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A project directory of its own, with `compose.yaml` and the files given. */
function project(compose: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(root, 'p-'));
  writeFileSync(join(dir, 'compose.yaml'), compose);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const web = 'services:\n  web:\n    image: nginx\n';

/** Each place a file is opened: the compose text naming `FILE`, and the line of the reference (0: no position, only the file). */
const places: [string, string, number][] = [
  ['include', `include: [FILE]\n${web}`, 1],
  ['extends.file', 'services:\n  web:\n    extends: {file: FILE, service: base}\n', 3],
  ['env_file', `${web}    env_file: FILE\n`, 4],
  ['label_file', `${web}    label_file: FILE\n`, 4],
  ['an include env_file', `include:\n  - path: lib.yaml\n    env_file: FILE\n${web}`, 0],
];

const kinds: [string, string, RegExp | 'FILE_TOO_LARGE'][] = [
  ['a FIFO', 'fifo', /FIFO/],
  ['a directory', 'dir', /directory/],
  ['/dev/zero', '/dev/zero', /character device/],
  ['a sparse file one byte over maxFileBytes', 'sparse', 'FILE_TOO_LARGE'],
];

describe('files that are not regular files, or too large, wherever the loader opens one', () => {
  for (const [kind, name, expected] of kinds) {
    const file = (): string => (name.startsWith('/') ? name : join(root, name));
    const check = (diagnostics: Parameters<typeof expectCoded>[0], line: number, path?: string): void => {
      const code = expected === 'FILE_TOO_LARGE' ? 'FILE_TOO_LARGE' : 'FILE_READ_ERROR';
      const d = expectCoded(diagnostics, code, line > 0 ? { line } : { positioned: false, ...(path ? { file: path } : {}) });
      if (expected !== 'FILE_TOO_LARGE') expect(d.message).toMatch(expected);
      expect(d.severity).toBe('error');
    };

    for (const [place, text, line] of places) {
      it(`${kind} as ${place}: a coded error at the reference`, async () => {
        const dir = project(text.replace('FILE', JSON.stringify(file())), { 'lib.yaml': web.replace('web', 'lib') });
        const { load, convert } = await runHostile({ host: nodeHost, compose: [join(dir, 'compose.yaml')], options: { allowOutsideProject: true }, convert: true });
        check(load.diagnostics, line, file());
        expect(convert?.outputs).toEqual([]);
      });
    }

    it(`${kind} as -f: a coded error naming it`, async () => {
      const { load } = await runHostile({ host: nodeHost, compose: [file()] });
      check(load.diagnostics, 0, file());
    });

    it(`${kind} as --env-file: a coded error naming it`, async () => {
      const dir = project(web);
      const { load } = await runHostile({ host: nodeHost, compose: [join(dir, 'compose.yaml')], options: { envFiles: [file()] } });
      check(load.diagnostics, 0, file());
    });
  }

  it('a FIFO as the implicit .env: a coded error naming it (not skipped, not a hang)', async () => {
    const dir = project(web);
    execFileSync('mkfifo', [join(dir, '.env')]);
    const { load } = await runHostile({ host: nodeHost, compose: [join(dir, 'compose.yaml')] });
    const d = expectCoded(load.diagnostics, 'FILE_READ_ERROR', { positioned: false, file: join(dir, '.env') });
    expect(d.message).toMatch(/FIFO/);
  });

  it('a directory named .env is passed over, as docker compose does', async () => {
    const dir = project(web);
    mkdirSync(join(dir, '.env'));
    const { load } = await runHostile({ host: nodeHost, compose: [join(dir, 'compose.yaml')] });
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a FIFO named compose.yaml, found by the default search: a coded error naming it', async () => {
    const dir = mkdtempSync(join(root, 'p-'));
    execFileSync('mkfifo', [join(dir, 'compose.yaml')]);
    const { loadProject } = await import('../../src/loader/load-project.js');
    const host = { ...nodeHost, cwd: () => dir };
    // Opening a FIFO for reading blocks until a writer comes: a hang here ends in the test's timeout.
    const load = await loadProject({ host, env: {} });
    expectCoded(load.diagnostics, 'FILE_READ_ERROR', { positioned: false, file: join(dir, 'compose.yaml') });
  });

  it('a sparse 1.9 GB env_file is refused from its size, without being read', async () => {
    const big = join(root, 'huge.env');
    writeFileSync(big, '');
    truncateSync(big, 1_900_000_000);
    const dir = project(`${web}    env_file: ${JSON.stringify(big)}\n`);
    const before = process.memoryUsage().rss;
    const { load } = await runHostile({ host: nodeHost, compose: [join(dir, 'compose.yaml')], options: { allowOutsideProject: true } });
    // Reading it would take 1.9 GB: the memory bound shows it was refused from its size.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 ** 2);
    const d = expectCoded(load.diagnostics, 'FILE_TOO_LARGE', { line: 4 });
    expect(d.message).toContain('1900000000');
  });

  it('a file whose size the system does not give (/proc) is still read only up to the limit', async () => {
    if (!existsSync('/proc/self/status')) return;
    const { load } = await runHostile({ host: nodeHost, compose: ['/proc/self/status'], options: { limits: { maxFileBytes: 64 } } });
    expect(load.diagnostics.map((d) => d.code)).toContain('FILE_TOO_LARGE');
  });
});
