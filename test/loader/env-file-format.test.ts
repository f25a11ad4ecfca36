/**
 * 05-services env_file `format: raw`: one file read raw by one service and interpolated by
 * another is two readings, and which service is written first changes neither (a reading
 * cached by path alone let the first service decide for both).
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { memoryHost } from '../../src/loader/memory-host.js';

const ENV = 'GREETING="hello ${NAME}"\n';

async function environments(order: string[]): Promise<Record<string, unknown>> {
  const services: Record<string, string> = {
    raw: '  raw:\n    image: nginx\n    env_file:\n      - path: shared.env\n        format: raw\n',
    plain: '  plain:\n    image: nginx\n    env_file: shared.env\n',
  };
  const text = 'services:\n' + order.map((s) => services[s]).join('');
  const { project, diagnostics } = await loadProject({ host: memoryHost({ '/p/compose.yaml': text, '/p/shared.env': ENV }, '/p'), env: { NAME: 'world' } });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Object.fromEntries(Object.entries(project!.services).map(([n, s]) => [n, s.environment]));
}

describe('05-services env_file: format raw and the default format read the same file', () => {
  it('each service gets its own reading, whatever the order of services', async () => {
    const a = await environments(['raw', 'plain']);
    const b = await environments(['plain', 'raw']);
    expect(a).toEqual({ raw: { GREETING: '"hello ${NAME}"' }, plain: { GREETING: 'hello world' } });
    expect(b).toEqual(a);
  });
});
