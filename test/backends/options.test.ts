/** The library checks backendOptions against the backend's declaration: coded errors, no emit. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { convert } from '../../src/convert.js';
import { defineBackend } from '../../src/backends/backend.js';

const QA = join(__dirname, '..', '..', 'fixtures', 'seed-qa', 'compose.yaml');
const run = (target: Parameters<typeof convert>[0]['target'], backendOptions: Record<string, unknown>) => convert({ files: [QA], target, backendOptions });
const errors = (r: Awaited<ReturnType<typeof run>>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.message]);

describe('backendOptions in the library', () => {
  it('kubernetes { nmespace } is BACKEND_OPTION_UNKNOWN with a did-you-mean, and nothing is emitted', async () => {
    const r = await run('kubernetes', { nmespace: 'x' });
    expect(errors(r)).toEqual([['BACKEND_OPTION_UNKNOWN', 'the kubernetes target has no option "nmespace"; did you mean namespace?']]);
    expect(r.outputs).toEqual([]);
  });

  it('a value of the wrong type is BACKEND_OPTION_INVALID', async () => {
    const r = await run('kubernetes', { split: 'maybe' });
    expect(errors(r)).toEqual([['BACKEND_OPTION_INVALID', 'backend option split="maybe": split must be true or false']]);
  });

  it('ecs { format: "yaml" } is BACKEND_OPTION_INVALID: ecs writes JSON only', async () => {
    const r = await run('ecs', { format: 'yaml' });
    expect(errors(r)).toEqual([['BACKEND_OPTION_INVALID', 'backend option format="yaml": the ecs target writes json only']]);
  });

  it('typed values are accepted as well as text, and a declared backend receives them typed with defaults', async () => {
    const seen: unknown[] = [];
    const backend = defineBackend({
      name: 'probe',
      options: { replicas: { type: 'number', description: 'n', default: 1 }, verbose: { type: 'boolean', description: 'v', default: false }, mode: { type: ['fast', 'slow'], description: 'm' } },
      emit: (_ir, options) => (seen.push(options), { outputs: [], diagnostics: [] }),
    });
    expect(errors(await run(backend, { replicas: '3', mode: 'SLOW' }))).toEqual([]);
    expect(errors(await run(backend, { verbose: true }))).toEqual([]);
    expect(seen).toEqual([{ replicas: 3, verbose: false, mode: 'slow' }, { replicas: 1, verbose: true }]);
    expect(errors(await run(backend, { replicas: 'many' }))).toEqual([['BACKEND_OPTION_INVALID', 'backend option replicas="many": replicas must be a number']]);
  });

  it('a backend without a declaration receives whatever it is given', async () => {
    const seen: unknown[] = [];
    const backend = defineBackend({ name: 'open', emit: (_ir, options) => (seen.push(options), { outputs: [], diagnostics: [] }) });
    expect(errors(await run(backend, { anything: 'x' }))).toEqual([]);
    expect(seen).toEqual([{ anything: 'x' }]);
  });
});
