/**
 * The pre-commit hook (.pre-commit-hooks.yaml) run as pre-commit runs it: the staged files its
 * `files`/`exclude` patterns select, passed as arguments after its `entry` and `args`, with the
 * package's bin (what `language: node` installs on PATH) from the build.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { splitShellWords } from '../../src/loader/normalize/shell-words.js';
import { BIN, ROOT, baseEnv, ensureBuilt, tempDir } from './built-bin.js';

beforeAll(ensureBuilt, 180_000);

interface Hook {
  id: string;
  entry: string;
  language: string;
  files?: string;
  exclude?: string;
  args?: string[];
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'compose2ecs-validate') as Hook;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

/** pre-commit's file selection: `re.search` of `files`, minus `exclude` (these patterns read the same in Python and JavaScript). */
function selected(paths: readonly string[]): string[] {
  const files = new RegExp(hook.files ?? '');
  const exclude = hook.exclude === undefined ? undefined : new RegExp(hook.exclude);
  return paths.filter((p) => files.test(p) && !exclude?.test(p));
}

/** Runs the hook in `repo` on the staged `paths`, as pre-commit does: entry words, args, then the selected files. */
function runHook(repo: string, paths: readonly string[]): { status: number | null; stdout: string; stderr: string; files: string[] } {
  const [command, ...words] = splitShellWords(hook.entry)?.words ?? [];
  // language: node installs the package; its bin is on PATH under the name package.json gives it.
  expect(Object.keys(pkg.bin)).toContain(command);
  const files = selected(paths);
  const r = spawnSync(process.execPath, [BIN, ...words, ...(hook.args ?? []), ...(hook.pass_filenames === false ? [] : files)], { cwd: repo, env: baseEnv, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, files };
}

function repoWith(files: Record<string, string>): string {
  const repo = tempDir('pre-commit');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  return repo;
}

const GOOD = 'services:\n  web:\n    image: nginx:1.27\n';
const BAD = 'services:\n  api:\n    image: example/api:1.0\n    depends_on: [dbb]\n  db:\n    image: postgres:16\n';

describe('.pre-commit-hooks.yaml: compose2ecs-validate', () => {
  it('is a node hook whose entry is the package bin validating the files it is given', () => {
    expect(hook).toBeDefined();
    expect(hook.language).toBe('node');
    expect(hook.pass_filenames).toBe(true);
    expect(splitShellWords(hook.entry)?.words).toEqual(['compose2ecs', 'validate']);
  });

  it('selects compose files by name, in any folder, and leaves override files and others out', () => {
    expect(
      selected(['compose.yaml', 'a/compose.yml', 'b/docker-compose.yaml', 'c/docker-compose.prod.yml', 'd/compose-ci.yaml', 'compose.override.yaml', 'e/docker-compose.override.yml', 'composer.yaml', 'f/values.yaml', 'compose.json', 'notcompose.yaml']),
    ).toEqual(['compose.yaml', 'a/compose.yml', 'b/docker-compose.yaml', 'c/docker-compose.prod.yml', 'd/compose-ci.yaml']);
  });

  it('on two staged files, one bad: exit 1, the bad file named at its line, the good one passing', () => {
    const repo = repoWith({ 'shop/compose.yaml': GOOD, 'billing/docker-compose.yml': BAD, 'billing/compose.override.yaml': 'services:\n  api:\n    ports: ["80"]\n', 'README.md': '# hi\n' });
    const r = runHook(repo, ['README.md', 'billing/compose.override.yaml', 'billing/docker-compose.yml', 'shop/compose.yaml']);
    expect(r.files).toEqual(['billing/docker-compose.yml', 'shop/compose.yaml']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('billing/docker-compose.yml:4:18: error REFERENCE_UNKNOWN:');
    expect(r.stdout).not.toMatch(/^shop\/compose\.yaml:\d+:\d+: error/m);
    expect(r.stdout).toMatch(/^shop\/compose\.yaml: no problems$/m);
    expect(r.stdout).toMatch(/^billing\/docker-compose\.yml: 1 error$/m);
  });

  it('passes (exit 0) when every staged compose file is good', () => {
    const repo = repoWith({ 'shop/compose.yaml': GOOD, 'billing/docker-compose.yml': GOOD.replace('web', 'api') });
    const r = runHook(repo, ['billing/docker-compose.yml', 'shop/compose.yaml']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});

describe('docs/ci.md shows the hook', () => {
  it('in a .pre-commit-config.yaml naming this repository, a release tag and the hook id', () => {
    const ci = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
    const configs = [...ci.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] as string) as { repos?: { repo: string; rev: string; hooks: { id: string }[] }[] }).filter((c) => c.repos);
    expect(configs).toHaveLength(1);
    const repo = configs[0]?.repos?.[0];
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(repo?.repo).toBe('https://github.com/compose2ecs/compose2ecs');
    expect(repo?.rev).toBe(`v${version}`);
    expect(repo?.hooks.map((h) => h.id)).toEqual([hook.id]);
  });
});

describe('README.md shows the hook', () => {
  it('naming this repository, this version and the hook id, and links the hooks file', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const snippet = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string).find((b) => b.includes('- repo: https://github.com/compose2ecs/compose2ecs'));
    const repo = (parse((snippet ?? '').replace(/^ {2}/gm, '')) as { repo: string; rev: string; hooks: { id: string }[] }[])[0];
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(repo?.rev).toBe(`v${version}`);
    expect(repo?.hooks.map((h) => h.id)).toEqual([hook.id]);
    expect(readme).toContain('(https://github.com/compose2ecs/compose2ecs/blob/main/.pre-commit-hooks.yaml)');
  });
});
