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

// One rule for every file the loader opens (docs/limits.md): its real path must be inside the
// project directory. The implicit .env was read through a link to a file outside while the same
// link as env_file was refused; -f and --env-file were never checked.
describe('one rule for every file the loader opens', () => {
  /** A project directory of its own with compose.yaml, and links named as given to `${root}/secret.env` or `${root}/other.yaml`. */
  function own(text: string, links: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(root, 'own-'));
    writeFileSync(join(dir, 'compose.yaml'), text);
    for (const [name, target] of Object.entries(links)) symlinkSync(join(root, target), join(dir, name));
    return dir;
  }
  const web = 'services:\n  web:\n    image: "nginx:${SECRET:-none}"\n';

  const cases: [string, () => { dir: string; files?: string[]; envFiles?: string[] }, number][] = [
    ['the implicit .env', () => ({ dir: own(web, { '.env': 'secret.env' }) }), 0],
    ['--env-file inside the project', () => {
      const dir = own(web, { 'ci.env': 'secret.env' });
      return { dir, envFiles: [join(dir, 'ci.env')] };
    }, 0],
    ['-f (the first file)', () => {
      const dir = own(web, { 'linked.yaml': 'other.yaml' });
      return { dir, files: [join(dir, 'linked.yaml')] };
    }, 0],
    ['-f (a later file)', () => {
      const dir = own(web, { 'override.yaml': 'other.yaml' });
      return { dir, files: [join(dir, 'compose.yaml'), join(dir, 'override.yaml')] };
    }, 0],
    ['env_file', () => ({ dir: own(`${web}    env_file: linked.env\n`, { 'linked.env': 'secret.env' }) }), 4],
    ['label_file', () => ({ dir: own(`${web}    label_file: linked.env\n`, { 'linked.env': 'secret.env' }) }), 4],
    ['include', () => ({ dir: own(`include: [linked.yaml]\n${web}`, { 'linked.yaml': 'other.yaml' }) }), 1],
    ['an include\'s env_file', () => {
      const dir = own(`include:\n  - path: lib.yaml\n    env_file: linked.env\n${web}`, { 'linked.env': 'secret.env' });
      writeFileSync(join(dir, 'lib.yaml'), 'services:\n  lib:\n    image: nginx\n');
      return { dir };
    }, 0],
    ['an included project\'s implicit .env', () => {
      const dir = own(`include: [lib/compose.yaml]\n${web}`);
      mkdirSync(join(dir, 'lib'));
      writeFileSync(join(dir, 'lib', 'compose.yaml'), 'services:\n  lib:\n    image: nginx\n');
      symlinkSync(join(root, 'secret.env'), join(dir, 'lib', '.env'));
      return { dir };
    }, 0],
    ['extends.file', () => ({ dir: own('services:\n  web:\n    extends: {file: linked.yaml, service: stolen}\n', { 'linked.yaml': 'other.yaml' }) }), 3],
  ];
  for (const [what, make, line] of cases) {
    it(`${what} linked to a file outside: FILE_OUTSIDE_PROJECT; read with allowOutsideProject`, async () => {
      const { dir, files, envFiles } = make();
      const compose = files ?? [join(dir, 'compose.yaml')];
      const options = envFiles ? { envFiles } : {};
      const refused = await runHostile({ host: nodeHost, compose, options, convert: true });
      const d = expectCoded(refused.load.diagnostics, 'FILE_OUTSIDE_PROJECT', { positioned: line > 0 });
      if (line > 0) expect(d.line).toBe(line);
      expect(JSON.stringify(refused.load.project ?? {})).not.toMatch(/stolen|nginx:stolen/);
      expect(refused.convert?.outputs).toEqual([]);

      const allowed = await runHostile({ host: nodeHost, compose, options: { ...options, allowOutsideProject: true }, convert: true });
      expect(errorCodes(allowed.load.diagnostics)).toEqual([]);
    });
  }

  it('-f and --env-file written outside the project are the caller\'s choice: read', async () => {
    const dir = own(web);
    const { load } = await runHostile({ host: nodeHost, compose: [join(dir, 'compose.yaml'), join(root, 'other.yaml')], options: { envFiles: [join(root, 'secret.env')] } });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    expect(load.project?.services.web?.image).toBe('nginx:stolen');
    expect(Object.keys(load.project?.services ?? {}).sort()).toEqual(['stolen', 'web']);
  });

  it('a .env link that stays inside the project is read', async () => {
    const dir = own(web);
    writeFileSync(join(dir, 'real.env'), 'SECRET=mine\n');
    symlinkSync(join(dir, 'real.env'), join(dir, '.env'));
    const { load } = await runHostile({ host: nodeHost, compose: [join(dir, 'compose.yaml')] });
    expect(load.diagnostics).toEqual([]);
    expect(load.project?.services.web?.image).toBe('nginx:mine');
  });
});
