/**
 * Symbolic links, on the real file system through the Node host: loops, and links inside the
 * project that point outside it (refused by default like any path outside the project,
 * allowed with allowOutsideProject).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../../src/loader/host-node.js';
import { errorCodes, expectCoded, runHostile } from './harness.js';

let root = '';
let project = '';

beforeAll(() => {
  // realpath: the temp directory itself may be reached through a link (macOS /tmp).
  root = realpathSync(mkdtempSync(join(tmpdir(), 'compose2ecs-symlinks-')));
  project = join(root, 'project');
  mkdirSync(project);
  mkdirSync(join(project, 'inside'));
  writeFileSync(join(root, 'secret.env'), 'SECRET=stolen\n');
  writeFileSync(join(root, 'other.yaml'), 'services:\n  stolen:\n    image: nginx\n');
  writeFileSync(join(project, 'inside', 'real.env'), 'A=1\n');
  writeFileSync(join(project, 'inside', 'lib.yaml'), 'services:\n  lib:\n    image: nginx\n');
  symlinkSync(join(root, 'secret.env'), join(project, 'secret-link.env'));
  symlinkSync(join(root, 'other.yaml'), join(project, 'other-link.yaml'));
  symlinkSync(root, join(project, 'up')); // a directory link that leaves the project
  symlinkSync(join(project, 'inside', 'real.env'), join(project, 'inner-link.env'));
  symlinkSync(join(project, 'loop-b'), join(project, 'loop-a'));
  symlinkSync(join(project, 'loop-a'), join(project, 'loop-b'));
  symlinkSync(join(project, 'self'), join(project, 'self'));
  symlinkSync(join(project, 'nowhere.env'), join(project, 'dangling.env'));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function compose(text: string): string {
  const path = join(project, `compose-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}

describe('symlink loops', () => {
  it('an env_file that is a two-link loop: FILE_READ_ERROR at the entry', async () => {
    const file = compose('services:\n  web:\n    image: nginx\n    env_file: loop-a\n');
    const { load, convert } = await runHostile({ host: nodeHost, compose: [file], convert: true });
    const d = expectCoded(load.diagnostics, 'FILE_READ_ERROR', { line: 4 });
    expect(d.message).toContain('symbolic links');
    expect(convert?.outputs).toEqual([]);
  });

  it('an include of a link to itself: FILE_READ_ERROR at the entry', async () => {
    const file = compose('include: [self]\nservices:\n  web:\n    image: nginx\n');
    const { load } = await runHostile({ host: nodeHost, compose: [file], convert: true });
    expectCoded(load.diagnostics, 'FILE_READ_ERROR', { line: 1 });
  });

  it('the compose file itself a loop: FILE_READ_ERROR naming it', async () => {
    const { load } = await runHostile({ host: nodeHost, compose: [join(project, 'loop-a')], convert: true });
    expectCoded(load.diagnostics, 'FILE_READ_ERROR', { positioned: false });
  });

  it('a dangling link: ENV_FILE_NOT_FOUND at the entry', async () => {
    const file = compose('services:\n  web:\n    image: nginx\n    env_file: dangling.env\n');
    const { load } = await runHostile({ host: nodeHost, compose: [file], convert: true });
    expectCoded(load.diagnostics, 'ENV_FILE_NOT_FOUND', { line: 4 });
  });
});

describe('links that leave the project', () => {
  const cases: [string, string, number][] = [
    ['env_file through a file link', 'services:\n  web:\n    image: nginx\n    env_file: secret-link.env\n', 4],
    ['env_file through a directory link', 'services:\n  web:\n    image: nginx\n    env_file: up/secret.env\n', 4],
    ['include through a file link', 'include: [other-link.yaml]\nservices:\n  web:\n    image: nginx\n', 1],
    ['extends through a directory link', 'services:\n  web:\n    extends: {file: up/other.yaml, service: stolen}\n', 0],
  ];
  for (const [what, text, line] of cases) {
    it(`${what}: FILE_OUTSIDE_PROJECT by default, read with allowOutsideProject`, async () => {
      const file = compose(text);
      const refused = await runHostile({ host: nodeHost, compose: [file], convert: true });
      const d = expectCoded(refused.load.diagnostics, 'FILE_OUTSIDE_PROJECT', { positioned: line > 0 });
      if (line > 0) expect(d.line).toBe(line);
      expect(JSON.stringify(refused.load.project ?? {})).not.toContain('stolen');
      expect(refused.convert?.outputs).toEqual([]);

      const allowed = await runHostile({ host: nodeHost, compose: [file], options: { allowOutsideProject: true }, convert: true });
      expect(errorCodes(allowed.load.diagnostics)).toEqual([]);
    });
  }

  it('a link that stays inside the project is read', async () => {
    const file = compose('include: [inside/lib.yaml]\nservices:\n  web:\n    image: nginx\n    env_file: inner-link.env\n');
    const { load } = await runHostile({ host: nodeHost, compose: [file], convert: true });
    expect(load.diagnostics).toEqual([]);
    expect(load.project?.services.web?.environment).toEqual({ A: '1' });
  });

  it('a project directory reached through a link is still the project', async () => {
    symlinkSync(project, join(root, 'project-link'));
    const file = compose('services:\n  web:\n    image: nginx\n    env_file: inside/real.env\n');
    const viaLink = join(root, 'project-link', file.slice(project.length + 1));
    const { load } = await runHostile({ host: nodeHost, compose: [viaLink], convert: true });
    expect(load.diagnostics).toEqual([]);
  });
});
