/** How the CLI prints findings: machine formats with none, paths, standard input's name, colour. */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const clean = 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n';

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
