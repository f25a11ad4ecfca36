/**
 * The GitHub Action (action.yml) run as the runner runs a composite action: each step's
 * `${{ inputs.* }}` replaced by the inputs given or their defaults, its `run` script run by
 * `bash --noprofile --norc -eo pipefail` in its working-directory, below GITHUB_WORKSPACE.
 * The one difference: the built bin stands in for `npx --yes compose2ecs@VERSION`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { BIN, ROOT, baseEnv, ensureBuilt, tempDir } from './built-bin.js';

beforeAll(ensureBuilt, 180_000);

interface Step {
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** The npx call of the step, the one text the test swaps for the local build. */
const NPX = 'npx --yes "compose2ecs@$INPUT_VERSION"';

/** `${{ inputs.x }}` → the input's value; any other expression is more than this runner knows, and fails the test. */
function substitute(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const m = /^inputs\.([\w-]+)$/.exec(expr);
    if (!m || !Object.hasOwn(action.inputs, m[1] as string)) throw new Error(`action.yml: expression \${{ ${expr} }} is not an input of the action`);
    return inputs[m[1] as string] as string;
  });
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the action's steps in `workspace` with `given` inputs; stops at the first failing step, as the runner does. */
function runAction(workspace: string, given: Record<string, string>): Ran {
  for (const name of Object.keys(given)) expect(Object.keys(action.inputs), `input ${name}`).toContain(name);
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  let out: Ran = { status: 0, stdout: '', stderr: '' };
  for (const step of action.runs.steps) {
    expect(step.shell, `step ${step.name}`).toBe('bash');
    const script = step.run as string;
    expect(script.split(NPX).length - 1, `the step runs ${NPX} once`).toBe(1);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v, inputs)]));
    const cwd = resolve(workspace, substitute(step['working-directory'] ?? '.', inputs));
    const local = substitute(script, inputs).replace(NPX, `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', local], {
      cwd,
      env: { ...baseEnv, ...env, GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: ROOT, GITHUB_ACTIONS: 'true' },
      encoding: 'utf8',
    });
    out = { status: r.status, stdout: out.stdout + r.stdout, stderr: out.stderr + r.stderr };
    if (r.status !== 0) break;
  }
  return out;
}

function workspaceWith(files: Record<string, string>): string {
  const dir = tempDir('action');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const GOOD = 'services:\n  web:\n    image: nginx:1.27\n';
// IMAGE_BUILD_ONLY, an error, at 3:5.
const BAD = 'services:\n  web:\n    build: .\n';
// IMAGE_UNPINNED, a warning, at 3:12.
const WARNS = 'services:\n  db:\n    image: postgres\n';
// deploy.mode global is a DaemonSet on Kubernetes and valid compose, but Fargate has no DAEMON scheduling.
const GLOBAL_ON_FARGATE = 'x-ecs:\n  launch_type: FARGATE\nservices:\n  agent:\n    image: example/agent:1.2.3\n    deploy:\n      mode: global\n';

describe('action.yml: a composite action with the inputs files, target, strict, format, working-directory', () => {
  it('declares them, format github by default, and runs the compose2ecs version this commit publishes', () => {
    expect(action.runs.using).toBe('composite');
    for (const input of ['files', 'target', 'strict', 'format', 'working-directory', 'version']) expect(action.inputs[input]?.description, input).toBeTruthy();
    expect(action.inputs.format?.default).toBe('github');
    expect(action.inputs.strict?.default).toBe('false');
    expect(action.inputs.version?.default).toBe(pkg.version);
  });
});

describe('action.yml run as GitHub runs it', () => {
  it('annotates a bad file (::error file=…,line=…,col=…::) and fails the step', () => {
    const ws = workspaceWith({ 'deploy/compose.yaml': BAD, 'shop/compose.yaml': GOOD });
    const r = runAction(ws, { files: 'deploy/compose.yaml shop/compose.yaml' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^::error file=deploy\/compose\.yaml,line=3,col=5,endLine=3,endColumn=10,title=IMAGE_BUILD_ONLY::services\.web has build and no image/m);
    expect(r.stdout).not.toContain('file=shop/');
  });

  it('with no files, checks the compose file of working-directory, named from the repository root', () => {
    const ws = workspaceWith({ 'deploy/compose.yaml': BAD });
    const r = runAction(ws, { 'working-directory': 'deploy' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('::error file=deploy/compose.yaml,line=3,col=5,');
  });

  it('passes on good files; files may be patterns and lines', () => {
    const ws = workspaceWith({ 'services/a/compose.yaml': GOOD, 'services/b/compose.yaml': GOOD, 'other/compose.yaml': BAD });
    const r = runAction(ws, { files: 'services/*/compose.yaml\n' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(runAction(ws, { files: 'services/a/compose.yaml\nother/compose.yaml' }).status).toBe(1);
    expect(runAction(ws, { files: '**/compose.yaml' }).stdout).toContain('::error file=other/compose.yaml,');
  });

  it('strict: true fails on a warning; false does not; anything else is refused', () => {
    const ws = workspaceWith({ 'compose.yaml': WARNS });
    const lenient = runAction(ws, {});
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toContain('::warning file=compose.yaml,line=3,col=12,');
    expect(runAction(ws, { strict: 'true' }).status).toBe(1);
    const odd = runAction(ws, { strict: 'yes' });
    expect(odd.status).toBe(2);
    expect(odd.stdout).toContain('::error title=compose2ecs::the strict input must be true or false (got "yes")');
  });

  it('target: the backend runs too (deploy.mode global on Fargate fails only for ecs)', () => {
    const ws = workspaceWith({ 'compose.yaml': GLOBAL_ON_FARGATE });
    expect(runAction(ws, {}).status).toBe(0);
    expect(runAction(ws, { target: 'kubernetes' }).status).toBe(0);
    const ecs = runAction(ws, { target: 'ecs' });
    expect(ecs.status).toBe(1);
    expect(ecs.stdout).toMatch(/^::error file=compose\.yaml,line=7,col=13,.*title=ECS_LAUNCH_TYPE_RULE::/m);
  });

  it('format: another report format (json) for the log', () => {
    const ws = workspaceWith({ 'compose.yaml': BAD });
    const r = runAction(ws, { format: 'json' });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { code: string }[]).map((d) => d.code)).toEqual(['IMAGE_BUILD_ONLY']);
  });

  it('inputs are data, never shell code', () => {
    const ws = workspaceWith({ 'compose.yaml': GOOD });
    const r = runAction(ws, { target: '$(touch pwned)', files: 'compose.yaml;touch pwned2' });
    expect(r.status).not.toBe(0);
    expect(spawnSync('ls', [ws], { encoding: 'utf8' }).stdout).not.toMatch(/pwned/);
  });
});

describe('docs/ci.md shows the action', () => {
  it('in a workflow that uses this version and only inputs the action declares', () => {
    const ci = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
    const workflows = [...ci.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] as string) as { jobs?: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> });
    const steps = workflows.flatMap((w) => Object.values(w.jobs ?? {}).flatMap((j) => j.steps)).filter((s) => s.uses?.startsWith('compose2ecs/compose2ecs@'));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(step.uses).toBe(`compose2ecs/compose2ecs@v${pkg.version}`);
      for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs), input).toContain(input);
    }
  });
});

describe('README.md shows the action', () => {
  it('at this version, with inputs the action declares, and links action.yml and docs/ci.md', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const snippet = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string).find((b) => b.includes('uses: compose2ecs/compose2ecs@'));
    const step = (parse((snippet ?? '').replace(/^ {2}/gm, '')) as { uses: string; with?: Record<string, unknown> }[])[0];
    expect(step?.uses).toBe(`compose2ecs/compose2ecs@v${pkg.version}`);
    for (const input of Object.keys(step?.with ?? {})) expect(Object.keys(action.inputs), input).toContain(input);
    expect(readme).toContain('(https://github.com/compose2ecs/compose2ecs/blob/main/action.yml)');
    expect(readme).toContain('(https://github.com/compose2ecs/compose2ecs/blob/main/docs/ci.md#the-github-action)');
  });
});
