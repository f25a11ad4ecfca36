/** How the CLI prints findings: machine formats with none, paths, standard input's name, colour. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, ROOT, tempProject } from './cli-harness.js';
import { printDiagnostics } from '../../src/cli/common.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';

// Clean for the ECS target too: a Region for the logs, and ECS asked to create their group (no ECS_LOG_GROUP note).
const clean = 'x-ecs:\n  region: eu-west-1\n  logging:\n    create_group: true\nservices:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n';

describe('no findings in a machine format still prints a document', () => {
  it('convert --diagnostics-format json: [] on standard error', async () => {
    const r = await cli(['convert', '-f', '-', '--diagnostics-format', 'json'], { stdin: clean });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('[]\n');
  });

  it('convert --diagnostics-format sarif: a SARIF log with no results', async () => {
    const r = await cli(['convert', '-f', '-', '--diagnostics-format', 'sarif'], { stdin: clean });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stderr)).toMatchObject({ version: '2.1.0', runs: [{ results: [] }] });
  });

  it('validate --format json: []', async () => {
    const r = await cli(['validate', '-f', '-', '--format', 'json'], { stdin: clean });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('[]\n');
  });

  it('text and github print nothing', async () => {
    for (const format of ['text', 'github']) expect((await cli(['convert', '-f', '-', '--diagnostics-format', format], { stdin: clean })).stderr, format).toBe('');
  });
});

describe('paths in findings', () => {
  it('standard input is named stdin, as docker compose names it', async () => {
    const r = await cli(['config', '-f', '-'], { stdin: 'services:\n  web:\n    imagee: nginx\n' });
    expect(r.stderr).toMatch(/^stdin:3:5: error COMPOSE_UNKNOWN_KEY/);
  });

  it('a file outside the working directory is shown relative to it, with ../', async () => {
    const r = await cli(['validate', '-f', '../cli-validate/compose.yaml'], { cwd: join(ROOT, 'fixtures/seed-qa') });
    expect(r.stdout).toMatch(/^\.\.\/cli-validate\/compose\.yaml:6:9: error PORT_CONFLICT/m);
    expect(r.stdout).not.toContain(ROOT);
  });

  it('explain: the WRITTEN AT column too', async () => {
    const r = await cli(['explain', '-f', '../cli-explain/compose.yaml'], { cwd: join(ROOT, 'fixtures/seed-qa') });
    expect(r.stdout).toMatch(/^services\.web\.image +\.\.\/cli-explain\/compose\.yaml:4:5 /m);
  });
});

describe('SARIF: every result has a location', () => {
  it('a finding without a file (a backend that throws) is located at the project\'s compose file', async () => {
    const dir = tempProject({
      'compose.yaml': 'x-ecs:\n  region: eu-west-1\n  logging:\n    create_group: true\nservices:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n',
      'throws.mjs': "export const backend = { name: 'throws', emit() { throw new Error('boom'); } };\n",
    });
    for (const argv of [
      ['convert', '--target', './throws.mjs', '--diagnostics-format', 'sarif'],
      ['validate', '--target', './throws.mjs', '--format', 'sarif'],
    ]) {
      const r = await cli(argv, { cwd: dir });
      const run = JSON.parse(argv[0] === 'convert' ? r.stderr : r.stdout).runs[0];
      const failed = run.results.find((x: { ruleId: string }) => x.ruleId === 'BACKEND_FAILED');
      expect(failed, argv[0]).toBeDefined();
      expect(failed.locations?.[0]?.physicalLocation?.artifactLocation, argv[0]).toEqual({ uri: 'compose.yaml', uriBaseId: '%SRCROOT%', index: 0 });
      expect(run.artifacts, argv[0]).toEqual([{ location: { uri: 'compose.yaml', uriBaseId: '%SRCROOT%' } }]);
    }
  });
});

describe('colour: --color, then FORCE_COLOR and NO_COLOR, then whether the stream is a terminal', () => {
  const ANSI = /\u001b\[/;
  const typo = 'services:\n  web:\n    imagee: nginx\n';
  /** Every command, with where its findings go. */
  const commands = [
    ['config', 'stderr'],
    ['convert', 'stderr'],
    ['validate', 'stdout'],
    ['explain', 'stderr'],
  ] as const;
  const coloured = async (command: string, stream: 'stdout' | 'stderr', terminal: boolean, env: Record<string, string>, flags: string[] = []) => {
    const r = await cli([command, '-f', '-', ...flags], { stdin: typo, env, color: terminal, stdoutColor: terminal });
    expect(r[stream], `${command} prints its finding on ${stream}`).toContain('COMPOSE_UNKNOWN_KEY');
    return ANSI.test(r[stream]);
  };

  it.each(commands)('%s: a terminal gets colour, NO_COLOR turns it off', async (command, stream) => {
    expect(await coloured(command, stream, true, {})).toBe(true);
    expect(await coloured(command, stream, true, { NO_COLOR: '1' })).toBe(false);
    expect(await coloured(command, stream, false, {})).toBe(false);
  });

  it.each(commands)('%s: FORCE_COLOR colours a pipe, beats NO_COLOR, and FORCE_COLOR=0 turns colour off', async (command, stream) => {
    expect(await coloured(command, stream, false, { FORCE_COLOR: '1' })).toBe(true);
    expect(await coloured(command, stream, false, { FORCE_COLOR: '', NO_COLOR: '1' })).toBe(true);
    expect(await coloured(command, stream, true, { FORCE_COLOR: '0' })).toBe(false);
  });

  it.each(commands)('%s --color always|never overrides the terminal and the environment; auto leaves them', async (command, stream) => {
    expect(await coloured(command, stream, false, { NO_COLOR: '1' }, ['--color', 'always'])).toBe(true);
    expect(await coloured(command, stream, true, { FORCE_COLOR: '1' }, ['--color=never'])).toBe(false);
    expect(await coloured(command, stream, true, {}, ['--color', 'auto'])).toBe(true);
  });

  it('--color takes only auto, always or never (exit 2)', async () => {
    const r = await cli(['config', '--color', 'sometimes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--color must be one of: auto, always, never');
  });
});

describe('quiet by default: notes are counted, not printed, in text and github output', () => {
  const clean = ['-f', 'fixtures/cli-clean/compose.yaml', '--target', 'ecs', '--region', 'eu-west-1'];

  it('convert: a warning is printed in full, the notes as one count line; --verbose prints them', async () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n' });
    const quiet = await cli(['convert', '-f', `${dir}/compose.yaml`]);
    const verbose = await cli(['convert', '-f', `${dir}/compose.yaml`, '--verbose']);
    expect(quiet.code).toBe(0);
    const notes = (verbose.stderr.match(/: info [A-Z_]+:/g) ?? []).length;
    expect(notes).toBeGreaterThan(0);
    expect(quiet.stderr).not.toMatch(/: info [A-Z_]+:/);
    expect(quiet.stderr).toContain(`compose2ecs: ${notes} note${notes === 1 ? '' : 's'} not shown; --verbose prints them\n`);
    expect(verbose.stderr).not.toContain('not shown');
    // Warnings are never hidden.
    expect((quiet.stderr.match(/: warning [A-Z_]+:/g) ?? []).length).toBe((verbose.stderr.match(/: warning [A-Z_]+:/g) ?? []).length);
    expect(quiet.stdout).toBe(verbose.stdout);
  });

  it('validate: the summary counts the notes it did not print; --verbose prints them', async () => {
    const quiet = await cli(['validate', ...clean]);
    const verbose = await cli(['validate', ...clean, '--verbose']);
    const notes = (verbose.stdout.match(/: info [A-Z_]+:/g) ?? []).length;
    expect(notes).toBeGreaterThan(0);
    expect(quiet.stdout).toBe(`no problems (${notes} notes not shown; --verbose prints them)\n`);
    expect(verbose.stdout.endsWith(`no problems (${notes} notes)\n`)).toBe(true);
    expect(quiet.code).toBe(verbose.code);
  });

  it('validate --format github: no ::notice lines unless --verbose, and one plain count line', async () => {
    const quiet = await cli(['validate', ...clean, '--format', 'github']);
    const verbose = await cli(['validate', ...clean, '--format', 'github', '--verbose']);
    expect(quiet.stdout).not.toContain('::notice');
    expect(verbose.stdout).toContain('::notice');
    expect(quiet.stdout).toMatch(/^\d+ notes not shown; --verbose prints them\n$/);
  });

  it('json and sarif keep every note: they are for programs', async () => {
    const json = JSON.parse((await cli(['validate', ...clean, '--format', 'json'])).stdout) as { severity: string }[];
    expect(json.some((d) => d.severity === 'info')).toBe(true);
    const sarif = JSON.parse((await cli(['validate', ...clean, '--format', 'sarif'])).stdout) as { runs: { results: { level: string }[] }[] };
    expect(sarif.runs[0]?.results.some((r) => r.level === 'note')).toBe(true);
  });
});

describe('many findings: written a batch at a time, the same text as all at once', () => {
  // Out of order, several per line and file, more than one batch: the batches must follow the
  // one order formatDiagnostics gives them all.
  const many: Diagnostic[] = Array.from({ length: 700 }, (_, i) => ({
    code: i % 3 ? 'ECS_UNSUPPORTED_FIELD' : 'PORT_CONFLICT',
    severity: i % 5 ? 'warning' : 'error',
    message: `finding ${(i * 37) % 700}`,
    file: `/project/${i % 2 ? 'compose.yaml' : 'compose.override.yaml'}`,
    line: ((i * 13) % 50) + 1,
    column: (i % 4) + 1,
  }));

  it('text and github', () => {
    for (const format of ['text', 'github'] as const) {
      const written: string[] = [];
      printDiagnostics(many, { stdout: () => {}, stderr: (t) => written.push(t), env: {}, cwd: '/project' }, format, '/project');
      expect(written.length, format).toBeGreaterThan(1);
      expect(written.join(''), format).toBe(formatDiagnostics(many, { format, color: false, cwd: '/project' }));
    }
  });
});
