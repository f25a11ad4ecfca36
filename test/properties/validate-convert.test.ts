/**
 * One pipeline (src/compile.ts): `validate --target T` is `convert --target T` without writing,
 * so the two can never disagree about a file. For generated inputs (files ECS, CloudFormation
 * and Kubernetes take, and valid compose files, nearly valid ones and projects of several
 * files, which give errors and warnings), for every target, with and without --strict:
 * - through the library, validate({ …, target }) and convert({ …, target }) report the same
 *   errors and exit the same way (errors → 1, else strict and warnings → 1, else 0);
 * - through the CLI, `validate --target T --format json` and `convert --target T
 *   --diagnostics-format json` exit with the same code, the library's, and report the same
 *   errors (code and position);
 * - for target kubernetes, no diagnostic code starts with ECS_.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert, memoryHost, run, sortDiagnostics, validate, type BuiltinTarget, type Diagnostic } from '../../src/index.js';
import { composeFile, mutatedComposeFile, toYaml } from '../support/arbitraries.js';
import { composeProject, loadOptions, projectFiles } from '../support/project-arbitrary.js';
import { cfnComposeFile } from './cfn-arbitrary.js';
import { DIR, MAIN, ecsComposeFile, withFiles } from './ecs-arbitrary.js';
import { kubernetesComposeFile, kubernetesOptions } from './kubernetes-arbitrary.js';
import { params, timeoutFor, turn } from './runs.js';

const TARGETS: readonly BuiltinTarget[] = ['ecs', 'cloudformation', 'kubernetes'];

/** What one run compiles: files by absolute path, how to load them, and the options of each target. */
interface Input {
  files: Record<string, string>;
  /** The -f files and profiles (none: compose.yaml is found), and the caller's environment. */
  load: { files?: string[]; profiles?: string[]; env: Record<string, string> };
  /** Backend options for the kubernetes target, as `--set key=value` gives them. */
  kubernetes?: Record<string, string>;
}

/** Pass options (the CLI's --layout and --launch-type for the ECS targets; --registry and --region, issue 19, for every target). */
interface EcsPass {
  layout?: 'service' | 'project';
  launchType?: 'FARGATE' | 'EC2';
  registry?: string;
  region?: string;
}

const file = (doc: Record<string, unknown>): Input => ({ files: withFiles(doc), load: { env: {} } });

const ecsPass: fc.Arbitrary<EcsPass> = fc.record(
  {
    layout: fc.constantFrom('service' as const, 'project' as const),
    launchType: fc.constantFrom('FARGATE' as const, 'EC2' as const),
    registry: fc.constantFrom('registry.example.com', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team'),
    region: fc.constantFrom('eu-west-1'),
  },
  { requiredKeys: [] },
);

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const exit = (ds: readonly Diagnostic[], strict: boolean) => (errors(ds).length > 0 || (strict && ds.some((d) => d.severity === 'warning')) ? 1 : 0);
const ecsCodes = (ds: readonly { code: string }[]) => ds.map((d) => d.code).filter((c) => c.startsWith('ECS_'));
/** An error as the CLI's JSON shows it: code and position. */
const where = (d: Diagnostic) => `${d.code} ${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.path ?? ''}`;

/** What the library and the CLI said for one target. */
interface Agreement {
  library: { validate: Diagnostic[]; convert: Diagnostic[] };
  cli: { validate: { code: number; diagnostics: Diagnostic[] }; convert: { code: number; diagnostics: Diagnostic[] } };
}

/** The library's options for `target`: the ECS pass options for ecs and cloudformation, the backend options for kubernetes. */
function libraryOptions(input: Input, target: BuiltinTarget, pass: EcsPass) {
  return {
    host: memoryHost(input.files, DIR),
    ...input.load,
    target,
    ...(target === 'kubernetes' ? { backendOptions: input.kubernetes ?? {}, ...(pass.registry ? { registry: pass.registry } : {}) } : pass),
  };
}

/**
 * The same options as CLI flags. The output format is convert's `--format` (`--set format=`
 * is a usage error, and validate's --format is the report's), so only convert gets it.
 */
function cliFlags(command: 'validate' | 'convert', input: Input, target: BuiltinTarget, pass: EcsPass, strict: boolean): string[] {
  const { format, ...set } = target === 'kubernetes' ? (input.kubernetes ?? {}) : {};
  return [
    command,
    '--target',
    target,
    ...(input.load.files ?? []).flatMap((f) => ['-f', f]),
    ...(input.load.profiles ?? []).flatMap((p) => ['--profile', p]),
    ...Object.entries(set).flatMap(([k, v]) => ['--set', `${k}=${v}`]),
    ...(target === 'kubernetes' ? [] : [...(pass.layout ? ['--layout', pass.layout] : []), ...(pass.launchType ? ['--launch-type', pass.launchType] : []), ...(pass.region ? ['--region', pass.region] : [])]),
    ...(pass.registry ? ['--registry', pass.registry] : []),
    ...(strict ? ['--strict'] : []),
    ...(command === 'validate' ? ['--format', 'json'] : ['--diagnostics-format', 'json', ...(format ? ['--format', format] : [])]),
  ];
}

/** Runs the CLI in memory; `report` says whether the JSON findings are on standard output (validate) or error (convert). */
async function cli(argv: string[], input: Input, report: 'stdout' | 'stderr'): Promise<{ code: number; diagnostics: Diagnostic[] }> {
  const text = { stdout: '', stderr: '' };
  const code = await run(argv, {
    stdout: (s) => void (text.stdout += s),
    stderr: (s) => void (text.stderr += s),
    env: input.load.env,
    cwd: DIR,
    host: memoryHost(input.files, DIR),
    color: false,
    stdoutColor: false,
  });
  const json = text[report];
  expect(code, `${argv.join(' ')}: a usage error?\n${text.stderr}`).not.toBe(2);
  return { code, diagnostics: json === '' ? [] : (JSON.parse(json) as Diagnostic[]) };
}

/**
 * Checks that validate and convert agree on `input` for `target` (see the module comment),
 * through the library (strict and not) and through the CLI (`strict` as given).
 */
async function expectAgreement(input: Input, target: BuiltinTarget, pass: EcsPass, strict: boolean): Promise<Agreement> {
  const options = libraryOptions(input, target, pass);
  const library = { validate: (await validate(options)).diagnostics, convert: (await convert(options)).diagnostics };
  const t = `--target ${target}`;
  expect(sortDiagnostics(errors(library.validate)), `library: validate ${t} and convert ${t} report the same errors`).toEqual(sortDiagnostics(errors(library.convert)));
  for (const s of [false, true]) expect(exit(library.validate, s), `library: exit of validate ${t}${s ? ' --strict' : ''}`).toBe(exit(library.convert, s));

  const v = await cli(cliFlags('validate', input, target, pass, strict), input, 'stdout');
  const c = await cli(cliFlags('convert', input, target, pass, strict), input, 'stderr');
  const cmd = `${t}${strict ? ' --strict' : ''}`;
  expect(v.code, `CLI: exit of validate ${cmd} = exit of convert ${cmd}`).toBe(c.code);
  expect(v.code, `CLI: exit of validate ${cmd} = the library's`).toBe(exit(library.validate, strict));
  expect(errors(v.diagnostics).map(where).sort(), `CLI: validate ${cmd} and convert ${cmd} report the same errors`).toEqual(errors(c.diagnostics).map(where).sort());

  if (target === 'kubernetes') {
    for (const [what, ds] of [['validate', library.validate], ['convert', library.convert], ['CLI validate', v.diagnostics], ['CLI convert', c.diagnostics]] as const) {
      expect(ecsCodes(ds), `${what} --target kubernetes: no ECS_ code`).toEqual([]);
    }
  }
  return { library, cli: { validate: v, convert: c } };
}

/** The property for inputs from `input`: every target, --strict drawn. */
async function everyTarget(input: Input, pass: EcsPass, strict: boolean): Promise<void> {
  await turn();
  for (const target of TARGETS) await expectAgreement(input, target, pass, strict);
}

// Each run compiles 12 times (3 targets × validate and convert × library and CLI), ~0.1–0.3 s.
const RUNS = 8;
const MS_PER_RUN = 400;

const sources: [string, fc.Arbitrary<Input>][] = [
  ['compose files ECS can take', ecsComposeFile().map(file)],
  ['compose files with x-ecs stack settings', cfnComposeFile().map(file)],
  ['compose files with Kubernetes settings and backend options', fc.tuple(kubernetesComposeFile(), kubernetesOptions).map(([doc, kubernetes]) => ({ ...file(doc), kubernetes }))],
  // valid compose, but secrets without an ARN, clashing ports, reservations above limits, …
  ['valid compose files (errors and warnings for some targets)', composeFile().map(file)],
  ['nearly valid compose files (a few values replaced by random ones)', mutatedComposeFile().map(file)],
  ['projects of several files (include, extends, override, profiles)', composeProject().map((p) => ({ files: projectFiles(p, DIR), load: loadOptions(p, DIR) }))],
];

describe('validate --target T and convert --target T agree (one pipeline)', () => {
  for (const [name, input] of sources) {
    it(
      `for ${name}: the same errors and exit code, through the library and the CLI, strict or not; no ECS_ code for kubernetes`,
      async () => {
        await fc.assert(fc.asyncProperty(input, ecsPass, fc.boolean(), everyTarget), params(RUNS, MS_PER_RUN));
      },
      timeoutFor(RUNS, MS_PER_RUN),
    );
  }
});

describe('cases from the issue "one pipeline"', () => {
  const only = (doc: Record<string, unknown>): Input => ({ files: { [MAIN]: toYaml(doc) }, load: { env: {} } });

  // ECS takes no container under 6 MiB; Kubernetes does. validate --target kubernetes used to
  // report the ECS finding, which convert --target kubernetes did not.
  const tiny = only({ services: { web: { image: 'nginx:1.25', mem_limit: '2m' } } });
  it('mem_limit: 2m with --target kubernetes: both pass, with no ECS_ finding', async () => {
    for (const strict of [false, true]) {
      const r = await expectAgreement(tiny, 'kubernetes', {}, strict);
      expect([r.cli.validate.code, r.cli.convert.code]).toEqual([0, 0]);
    }
  });
  it('mem_limit: 2m with --target ecs: both fail, at mem_limit', async () => {
    const r = await expectAgreement(tiny, 'ecs', {}, false);
    expect([r.cli.validate.code, r.cli.convert.code]).toEqual([1, 1]);
    expect(errors(r.library.validate).map((d) => `${d.code} ${d.path}`)).toEqual(['ECS_INVALID /services/web/mem_limit']);
  });

  // A secret by ARN needs a task execution role: a warning, so --strict fails both.
  const arn = only({
    services: { api: { image: 'nginx:1.25', secrets: ['db'] } },
    secrets: { db: { external: true, name: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' } },
  });
  it('a secret by ARN without an execution role, --target ecs: exit 0, and 1 for both with --strict', async () => {
    const lax = await expectAgreement(arn, 'ecs', {}, false);
    expect([lax.cli.validate.code, lax.cli.convert.code]).toEqual([0, 0]);
    const strict = await expectAgreement(arn, 'ecs', {}, true);
    expect([strict.cli.validate.code, strict.cli.convert.code]).toEqual([1, 1]);
    expect(strict.library.validate.filter((d) => d.severity === 'warning').map((d) => `${d.code} ${d.path}`)).toContain('ECS_INVALID /services/api');
  });
});
