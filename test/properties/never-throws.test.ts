/**
 * DESIGN.md: "Nothing a user writes makes the core throw." For any input bytes and for
 * generated compose files and projects (valid, nearly valid, compose-shaped, near-YAML),
 * loadProject, convert (to each target) and validate (with and without a target) resolve — never reject — and report no
 * INTERNAL_ERROR (a throw they caught); and whatever convert emits for ECS passes the ECS API
 * shape validator, for Kubernetes kubernetes-models.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert } from '../../src/convert.js';
import { validate } from '../../src/validate.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { expectNoInternalError, expectValidEcsOutputs } from './ecs-checks.js';
import { validateManifest } from '../validators/kubernetes.js';
import { OTHER_FILE, composeFile, composeText, fileBytes, jsonishMapping, mutatedComposeFile, toYaml } from '../support/arbitraries.js';
import { DIR, FILES, MAIN } from './ecs-arbitrary.js';
import { composeProject, loadOptions, projectFiles } from '../support/project-arbitrary.js';
import { params, timeoutFor, turn } from './runs.js';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { compile } from '../../src/compile.js';
import { loadProject } from '../../src/loader/load-project.js';
import { run } from '../../src/cli/run.js';
import type { Host } from '../../src/loader/host.js';
import { PATH_PLACES, fuzzFindingsFile, type PathPlace } from '../support/fuzz-findings.js';

type Files = Record<string, string | Uint8Array>;

type Target = 'ecs' | 'cloudformation' | 'kubernetes';
/** The backend convert runs: ECS half the time, the others a quarter each. */
const target = fc.constantFrom<Target>('ecs', 'ecs', 'cloudformation', 'kubernetes');
const layout = fc.constantFrom('service' as const, 'project' as const);
const launchType = fc.constantFrom(undefined, 'FARGATE' as const, 'EC2' as const);

/**
 * loadProject (within convert and validate), convert, validate and validate with the target on
 * the same files, and one command of the CLI: none throws, none reports INTERNAL_ERROR; and
 * where convert reports an error, validate with that target reports one too.
 */
async function everyEntryPoint(
  files: Files,
  options: { target?: Target; layout?: 'service' | 'project'; launchType?: 'FARGATE' | 'EC2' | undefined; files?: string[]; profiles?: string[]; env?: Record<string, string> } = {},
): Promise<void> {
  await turn();
  const base = {
    host: memoryHost(files, DIR),
    env: { FROM_ENV: 'env', ...options.env },
    ...(options.files ? { files: options.files } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
  };
  // loadProject is checked through convert and validate: both call it with these options
  // (a throw rejects them) and pass its diagnostics on (an INTERNAL_ERROR shows); calling it
  // a third time would find nothing more.
  const target = options.target ?? 'ecs';
  const passOptions = { ...(options.layout ? { layout: options.layout } : {}), ...(options.launchType ? { launchType: options.launchType } : {}) };
  const converted = await convert({ ...base, target, ...passOptions });
  expectNoInternalError(converted.diagnostics, `convert (${target})`);
  // Whatever is emitted is valid; CloudFormation's validator (~30 ms a template) is left to
  // cloudformation-output.test.ts.
  if (target === 'ecs') expectValidEcsOutputs(converted.outputs);
  if (target === 'kubernetes') {
    for (const o of converted.outputs) {
      const v = o.value as { kind?: string; items?: unknown[] } | unknown[];
      const objects = Array.isArray(v) ? v : v.kind === 'List' ? (v.items ?? []) : [v];
      for (const obj of objects) expect(await validateManifest(obj), o.path).toEqual([]);
    }
  }
  const validated = await validate(base);
  expectNoInternalError(validated.diagnostics, 'validate');
  // validate --target runs the backend too, and fails where convert would (docs/cli.md).
  const checked = await validate({ ...base, target, ...passOptions });
  expectNoInternalError(checked.diagnostics, `validate --target ${target}`);
  // And one command of the CLI on the same files, picked by the input (so a replay picks it again).
  const size = Object.values(files).reduce((n, f) => n + f.length, 0);
  const argv = [...(options.files ?? []).flatMap((f) => ['-f', f]), ...(options.profiles ?? []).flatMap((p) => ['--profile', p])];
  await cliNeverFails([...COMMANDS[size % COMMANDS.length]!, ...argv], { cwd: DIR, host: memoryHost(files, DIR), env: base.env });
  const errors = (ds: readonly { severity: string; code: string }[]) => ds.filter((d) => d.severity === 'error').map((d) => d.code);
  if (errors(converted.diagnostics).length > 0) expect(errors(checked.diagnostics), `validate --target ${target} passes what convert refuses: ${errors(converted.diagnostics).join(', ')}`).not.toEqual([]);
}

/** Every command of the CLI, each compiling target. */
const COMMANDS: readonly (readonly string[])[] = [
  ['config'],
  ['convert', '--target', 'ecs'],
  ['convert', '--target', 'cloudformation'],
  ['convert', '--target', 'kubernetes'],
  ['validate'],
  ['validate', '--target', 'ecs'],
  ['validate', '--target', 'cloudformation'],
  ['validate', '--target', 'kubernetes'],
  ['explain'],
];

/** `run(argv, io)`: resolves with 0, 1 or 2, and prints no internal error, INTERNAL_ERROR or stack trace. */
async function cliNeverFails(argv: readonly string[], io: { cwd: string; host?: Host; env?: Record<string, string> }): Promise<void> {
  let out = '';
  const code = await run(argv, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += t),
    env: io.env ?? {},
    cwd: io.cwd,
    ...(io.host ? { host: io.host } : {}),
    writeFile: async () => {},
  });
  const what = `compose2ecs ${argv.join(' ')}`;
  expect(out, what).not.toMatch(/internal error|INTERNAL_ERROR/);
  expect(out, `${what}: a stack trace`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect([0, 1, 2], `${what}: exit code ${code}`).toContain(code);
}

/** Every command of the CLI and the library's compile and loadProject on the same files (convert and validate: everyEntryPoint). */
async function everyCommand(files: Files, argv: readonly string[] = []): Promise<void> {
  const host = (): Host => memoryHost(files, DIR);
  for (const command of COMMANDS) await cliNeverFails([...command, ...argv], { cwd: DIR, host: host() });
  const loaded = await loadProject({ host: host(), env: {} });
  expectNoInternalError(loaded.diagnostics, 'loadProject');
  for (const target of [undefined, 'ecs', 'kubernetes'] as const) {
    const compiled = await compile({ host: host(), env: {}, ...(target ? { target } : {}) });
    expectNoInternalError(compiled.diagnostics, `compile (${target ?? 'no target'})`);
  }
}

describe('loadProject, convert and validate never throw', () => {
  it(
    'for any bytes as the compose file',
    async () => {
      await fc.assert(
        fc.asyncProperty(fileBytes, async (bytes) => {
          await everyEntryPoint({ [MAIN]: bytes });
        }),
        params(50, 30),
      );
    },
    timeoutFor(50, 30),
  );

  it(
    'for any bytes as .env and as a service env_file',
    async () => {
      await fc.assert(
        fc.asyncProperty(fileBytes, fileBytes, async (dotenv, envFile) => {
          await everyEntryPoint({ [MAIN]: 'services:\n  web:\n    image: nginx:${TAG:-1}\n    env_file: web.env\n', [`${DIR}/.env`]: dotenv, [`${DIR}/web.env`]: envFile });
        }),
        params(50, 30),
      );
    },
    timeoutFor(50, 30),
  );

  it(
    'for near-YAML text (anchors, tags, unclosed collections, interpolation)',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeText, layout, async (text, l) => {
          await everyEntryPoint({ [MAIN]: text }, { layout: l });
        }),
        params(50, 30),
      );
    },
    timeoutFor(50, 30),
  );

  it(
    'for compose-shaped mappings of random values, with a second file to include, extend or read',
    async () => {
      await fc.assert(
        fc.asyncProperty(jsonishMapping(), jsonishMapping(), fc.boolean(), target, layout, launchType, async (main, other, merged, t, l, lt) => {
          const files = { [MAIN]: toYaml(main), [`${DIR}/${OTHER_FILE}`]: toYaml(other), [`${DIR}/.env`]: 'X=from-dotenv\n', ...FILES };
          await everyEntryPoint(files, { target: t, layout: l, launchType: lt, ...(merged ? { files: [MAIN, `${DIR}/${OTHER_FILE}`] } : {}) });
        }),
        params(50, 40),
      );
    },
    timeoutFor(50, 40),
  );

  it(
    'for valid compose files with a few values replaced by random ones',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedComposeFile(), target, layout, launchType, async (doc, t, l, lt) => {
          await everyEntryPoint({ [MAIN]: toYaml(doc), ...FILES }, { target: t, layout: l, launchType: lt });
        }),
        params(50, 40),
      );
    },
    timeoutFor(50, 40),
  );

  it(
    'for valid compose files, as YAML and as JSON',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeFile(), fc.boolean(), target, layout, launchType, async (doc, asJson, t, l, lt) => {
          await everyEntryPoint({ [MAIN]: asJson ? JSON.stringify(doc) : toYaml(doc), ...FILES }, { target: t, layout: l, launchType: lt });
        }),
        params(50, 40),
      );
    },
    timeoutFor(50, 40),
  );

  it(
    'for projects of several files (include, extends, override, profiles) with one file replaced by random bytes, a random mapping or near-YAML text',
    async () => {
      const junk = fc.oneof(fileBytes, jsonishMapping().map(toYaml), composeText);
      await fc.assert(
        fc.asyncProperty(composeProject(), fc.nat(), junk, target, layout, launchType, async (p, pick, replacement, t, l, lt) => {
          const paths = Object.keys(p.files);
          const victim = paths[pick % paths.length] as string;
          const files = { ...projectFiles(p, DIR), [`${DIR}/${victim}`]: replacement };
          await everyEntryPoint(files, { target: t, layout: l, launchType: lt, ...loadOptions(p, DIR) });
        }),
        params(40, 60),
      );
    },
    timeoutFor(40, 60),
  );

  it(
    'for the fuzz findings: prototype names as every kind of name and key, interpolation errors in every extension field; through every command and both APIs',
    async () => {
      await fc.assert(
        fc.asyncProperty(fuzzFindingsFile, target, layout, async (text, t, l) => {
          const files = { [MAIN]: text, [`${DIR}/secret.txt`]: 's', [`${DIR}/config.txt`]: 'c' };
          await everyEntryPoint(files, { target: t, layout: l });
          await everyCommand(files);
        }),
        params(12, 400),
      );
    },
    timeoutFor(12, 400),
  );
});

describe('every command and both APIs never throw nor hang on files that are not regular files, wherever a path is accepted', () => {
  // Real files through the Node host: a FIFO would block a reader forever, so the loader
  // must refuse it by its kind before it opens it.
  let root = '';
  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'compose2ecs-never-throws-')));
    execFileSync('mkfifo', [join(root, 'fifo')]);
    mkdirSync(join(root, 'dir'));
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  const place = fc.constantFrom(...(Object.keys(PATH_PLACES) as PathPlace[]));
  const special = fc.constantFrom('fifo', 'dir', '/dev/null');

  it(
    'a FIFO, a directory or /dev/null as -f, include, extends.file, env_file, label_file, a secret or a config file',
    async () => {
      await fc.assert(
        fc.asyncProperty(place, special, async (where, kind) => {
          await turn();
          const file = kind.startsWith('/') ? kind : join(root, kind);
          const dir = mkdtempSync(join(root, 'p-'));
          writeFileSync(join(dir, 'compose.yaml'), PATH_PLACES[where].replace('FILE', JSON.stringify(file)));
          const files = where === '-f' ? [file] : [join(dir, 'compose.yaml')];
          for (const command of COMMANDS) await cliNeverFails([...command, ...files.flatMap((f) => ['-f', f])], { cwd: dir });
          for (const t of ['ecs', 'cloudformation', 'kubernetes'] as const) expectNoInternalError((await convert({ files, env: {}, target: t })).diagnostics, `convert (${t})`);
          expectNoInternalError((await validate({ files, env: {} })).diagnostics, 'validate');
          expectNoInternalError((await compile({ files, env: {}, target: 'ecs' })).diagnostics, 'compile');
          const loaded = await loadProject({ files, env: {} });
          expectNoInternalError(loaded.diagnostics, 'loadProject');
          // A secret's or config's file is named, not read (the platform reads it at deploy time).
          if (where !== 'secret file' && where !== 'config file') expect(loaded.diagnostics.filter((d) => d.severity === 'error'), `${where} as ${kind}: refused with an error`).not.toEqual([]);
        }),
        params(21, 1000),
      );
    },
    timeoutFor(21, 1000),
  );
});
