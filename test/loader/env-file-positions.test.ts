/**
 * 05-services env_file: "Adds environment variables to the container based on the file
 * content", given as one path or a list. A variable read from a file is positioned at the
 * env_file entry that named its file, whichever form names it, so that a finding about it
 * (a secret, a name it reaches) points at that entry and not at the whole service.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { locate } from '../../src/core/source.js';

async function written(envFile: string): Promise<string | undefined> {
  const text = `services:\n  web:\n    image: nginx:1.27\n    env_file: ${envFile}\n`;
  const { project } = await loadProject({ host: memoryHost({ '/p/compose.yaml': text, '/p/app.env': 'DB_HOST=db\n' }, '/p'), env: {} });
  const range = locate(project, ['services', 'web', 'environment', 'DB_HOST']);
  return range && range.file.text.slice(range.start, range.end);
}

describe('05-services env_file: a variable from a file is positioned at the env_file entry', () => {
  it('env_file: app.env (one path, the short form mastodon uses)', async () => {
    expect(await written('app.env')).toBe('app.env');
  });

  it('env_file: [app.env] (a list)', async () => {
    expect(await written('[app.env]')).toBe('app.env');
  });
});
