/**
 * `compose2ecs validate a/compose.yaml b/compose.yaml`: each compose file given as an argument
 * is its own project (as pre-commit passes staged files), while `-f A -f B` stays one merged
 * project, as in docker compose (03-compose-file: "multiple Compose files … merged together").
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Log } from 'sarif';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { FileWatcher } from '../../src/cli/io.js';
import { cli, tempProject } from './cli-harness.js';

const GOOD = 'services:\n  web:\n    image: nginx:1.27\n';
// IMAGE_BUILD_ONLY (an error) at 3:5 and IMAGE_UNPINNED (a warning) at 6:12.
const BAD = 'services:\n  web:\n    build: .\n    ports: ["80:80"]\n  db:\n    image: postgres\n';
const WARNING_ONLY = 'services:\n  db:\n    image: postgres\n';

describe('03-compose-file: each compose file given as an argument is its own project', () => {
  it('exits 1 when one project has an error, naming only that file; 0 when all pass', async () => {
    const cwd = tempProject({ 'a/compose.yaml': GOOD, 'b/compose.yaml': BAD });
    const r = await cli(['validate', 'a/compose.yaml', 'b/compose.yaml', '--format', 'json'], { cwd });
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout) as Diagnostic[];
    expect(found.map((d) => `${d.file} ${d.code} ${d.line}:${d.column}`)).toEqual([`${join(cwd, 'b/compose.yaml')} IMAGE_BUILD_ONLY 3:5`, `${join(cwd, 'b/compose.yaml')} IMAGE_UNPINNED 6:12`]);
    expect((await cli(['validate', 'a/compose.yaml', 'a/compose.yaml'], { cwd })).code).toBe(0);
  });

  it('reads each project from its own directory: its own .env', async () => {
    const uses = 'services:\n  web:\n    image: nginx:${TAG:?set TAG in .env}\n';
    const cwd = tempProject({ 'a/compose.yaml': uses, 'a/.env': 'TAG=1.27\n', 'b/compose.yaml': uses, 'b/.env': 'OTHER=1\n' });
    const r = await cli(['validate', 'a/compose.yaml', 'b/compose.yaml', '--format', 'json'], { cwd });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Diagnostic[]).map((d) => `${d.file} ${d.code}`)).toEqual([`${join(cwd, 'b/compose.yaml')} INTERPOLATION_REQUIRED`]);
  });

  it('--strict applies to each project: a warning in one fails the run', async () => {
    const cwd = tempProject({ 'a/compose.yaml': GOOD, 'b/compose.yaml': WARNING_ONLY });
    expect((await cli(['validate', 'a/compose.yaml', 'b/compose.yaml'], { cwd })).code).toBe(0);
    expect((await cli(['validate', 'a/compose.yaml', 'b/compose.yaml', '--strict'], { cwd })).code).toBe(1);
  });

  it('names the file in every finding, a missing one too, and sums up each file in text', async () => {
    const cwd = tempProject({ 'a/compose.yaml': GOOD, 'b/compose.yaml': BAD });
    const r = await cli(['validate', 'a/compose.yaml', 'b/compose.yaml', 'c/compose.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('b/compose.yaml:3:5: error IMAGE_BUILD_ONLY:');
    expect(r.stdout).toContain(`c/compose.yaml: error FILE_NOT_FOUND: compose file not found: ${join(cwd, 'c/compose.yaml')}`);
    expect(r.stdout.split('\n').filter((l) => /^[abc]\/compose\.yaml: [^e]/.test(l))).toEqual(['a/compose.yaml: no problems', 'b/compose.yaml: 1 error, 1 warning', 'c/compose.yaml: 1 error']);
  });

  it('github and sarif print one report for all the projects', async () => {
    const cwd = tempProject({ 'a/compose.yaml': WARNING_ONLY, 'b/compose.yaml': BAD });
    const github = await cli(['validate', 'a/compose.yaml', 'b/compose.yaml', '--format', 'github'], { cwd });
    expect(github.stdout.split('\n').filter(Boolean).map((l) => /^::(\w+) file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(' '))).toEqual([
      'warning a/compose.yaml 3',
      'error b/compose.yaml 3',
      'warning b/compose.yaml 6',
    ]);
    const sarif = await cli(['validate', 'a/compose.yaml', 'b/compose.yaml', '--format', 'sarif'], { cwd });
    const log = JSON.parse(sarif.stdout) as Log;
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results?.map((res) => res.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toEqual(['a/compose.yaml', 'b/compose.yaml', 'b/compose.yaml']);
  });

  it('-f A -f B stays one project merged from both files', async () => {
    const cwd = tempProject({ 'compose.yaml': 'services:\n  web:\n    build: .\n', 'compose.prod.yaml': 'services:\n  web:\n    image: me/web:1.0\n' });
    expect((await cli(['validate', '-f', 'compose.yaml', '-f', 'compose.prod.yaml'], { cwd })).code).toBe(0);
    // As two projects, the first has only build.
    expect((await cli(['validate', 'compose.yaml', 'compose.prod.yaml'], { cwd })).code).toBe(1);
  });

  it('--watch watches the files of every project', async () => {
    const cwd = tempProject({ 'a/compose.yaml': GOOD, 'a/.env': 'X=1\n', 'b/compose.yaml': BAD });
    let stop = (): void => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const watched: string[][] = [];
    const watcher: FileWatcher = {
      watch(paths) {
        watched.push([...paths]);
        stop();
        return () => {};
      },
      stopped: () => stopped,
    };
    const r = await cli(['validate', '--watch', 'a/compose.yaml', 'b/compose.yaml'], { cwd, watcher });
    expect(r.code).toBe(130);
    expect(watched[0]).toEqual(expect.arrayContaining(['a/compose.yaml', 'a/.env', 'b/compose.yaml'].map((f) => join(cwd, f))));
    expect(r.stdout).toContain('b/compose.yaml: 1 error, 1 warning');
  });

  it('- is standard input, a project of its own beside the files', async () => {
    const cwd = tempProject({ 'a/compose.yaml': GOOD });
    const r = await cli(['validate', 'a/compose.yaml', '-', '--format', 'json'], { cwd, stdin: BAD });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Diagnostic[]).map((d) => `${d.file} ${d.code}`)).toEqual([`${join(cwd, 'stdin')} IMAGE_BUILD_ONLY`, `${join(cwd, 'stdin')} IMAGE_UNPINNED`]);
  });

  it.each([
    [['a/compose.yaml', '-', '--watch'], '--watch cannot watch standard input (-)'],
    [['-f', 'a/compose.yaml', 'b/compose.yaml'], 'compose files as arguments (one project each) and -f (one project merged from its files) cannot be mixed; use one or the other'],
    [['--project-directory', 'a', 'b/compose.yaml'], '--project-directory cannot be used with compose files as arguments: each file is a project in its own directory'],
  ])('%j is bad usage (exit 2)', async (argv, message) => {
    const cwd = tempProject({ 'a/compose.yaml': GOOD, 'b/compose.yaml': GOOD });
    const r = await cli(['validate', ...argv], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`compose2ecs validate: ${message}\nRun 'compose2ecs validate --help' for usage.\n`);
  });
});

describe('convert compiles one project: compose files as arguments are bad usage', () => {
  it('exits 2 and points to -f', async () => {
    const cwd = tempProject({ 'a/compose.yaml': GOOD, 'b/compose.yaml': GOOD });
    const r = await cli(['convert', 'a/compose.yaml', 'b/compose.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unexpected argument "a/compose.yaml": convert compiles one project: name its compose files with -f');
  });
});

describe('--format github in a workflow: paths from the repository root (GITHUB_WORKSPACE)', () => {
  it('annotates the file by its path in the repository when run in a subdirectory', async () => {
    const root = tempProject({ 'deploy/compose.yaml': BAD });
    const r = await cli(['validate', '--format', 'github'], { cwd: join(root, 'deploy'), env: { GITHUB_WORKSPACE: root } });
    expect(r.stdout).toContain('::error file=deploy/compose.yaml,line=3,col=5,');
    const outside = await cli(['validate', '--format', 'github'], { cwd: join(root, 'deploy') });
    expect(outside.stdout).toContain('::error file=compose.yaml,line=3,col=5,');
  });
});
