/**
 * The loader's options as a caller writes them: `files` may be one file alone, a path or an
 * in-memory file. `convert({ files: 'compose.yaml' })` was read as a list of its characters
 * and gave INTERNAL_ERROR.
 */
import { describe, expect, it } from 'vitest';
import { convert, loadProject } from '../../src/index.js';
import { memoryHost } from '../../src/loader/memory-host.js';

const host = memoryHost({ '/p/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' }, '/p');

describe('files: one file alone', () => {
  it('a path, as a string: converts like a list of one', async () => {
    const alone = await convert({ files: 'compose.yaml', host, env: {}, target: 'ecs' });
    const list = await convert({ files: ['compose.yaml'], host, env: {}, target: 'ecs' });
    expect(alone.diagnostics.map((d) => d.code)).not.toContain('INTERNAL_ERROR');
    expect(alone.outputs.length).toBeGreaterThan(0);
    expect(alone.outputs.map((o) => o.contents)).toEqual(list.outputs.map((o) => o.contents));
  });

  it('an in-memory file, alone', async () => {
    const { project, diagnostics } = await loadProject({ files: { path: '/q/compose.yaml', contents: 'services:\n  db:\n    image: postgres:16\n' }, host, env: {} });
    expect(diagnostics).toEqual([]);
    expect(Object.keys(project?.services ?? {})).toEqual(['db']);
  });

  it('a path to a missing file, as a string: FILE_NOT_FOUND naming it', async () => {
    const { diagnostics } = await loadProject({ files: 'nope.yaml', host, env: {} });
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['FILE_NOT_FOUND', '/p/nope.yaml']]);
  });
});
