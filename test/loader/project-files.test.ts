/**
 * The files the loader reads for file delivery (issue 19): each config file a service uses and
 * each bind-mounted project file, bounded; a secret's file never; nothing outside the project.
 * Spec: 05-services configs and secrets, 08-configs ("file: the config is created with the
 * contents of the file at the specified path"), 09-secrets.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { FILE_CONTENT_MAX, projectFiles } from '../../src/model/project-files.js';
import type { Host } from '../../src/loader/host.js';

const compose = `services:
  web:
    image: nginx
    secrets: [pw]
    configs: [conf]
    volumes:
      - ./site:/srv/site:ro
      - ./big.txt:/srv/big.txt:ro
      - ../outside.txt:/srv/outside.txt:ro
      - ./pw.txt:/srv/pw.txt:ro
secrets:
  pw:
    file: ./pw.txt
configs:
  conf:
    file: ./conf.ini
  unused:
    file: ./unused.ini
`;

/** A host that records every file the loader asks for. */
function recording(files: Record<string, string>): { host: Host; read: string[] } {
  const inner = memoryHost(files, '/p');
  const read: string[] = [];
  return { host: { ...inner, readFile: (path, max) => (read.push(path), inner.readFile(path, max)) }, read };
}

describe('08-configs and 05-services volumes: project files read for delivery', () => {
  const files = { '/p/compose.yaml': compose, '/p/pw.txt': 'secret', '/p/conf.ini': '[a]\n', '/p/unused.ini': 'u', '/p/site/index.html': 'hi', '/p/big.txt': 'x'.repeat(FILE_CONTENT_MAX + 1), '/outside.txt': 'o' };

  it('reads the config file a service uses and the bind-mounted project paths, bounded', async () => {
    const { host } = recording(files);
    const { project } = await loadProject({ host, env: {} });
    const found = projectFiles(project!);
    expect(found?.directory).toBe('/p');
    expect(found?.files.get('/p/conf.ini')).toEqual({ kind: 'file', text: '[a]\n' });
    expect(found?.files.get('/p/site')).toEqual({ kind: 'directory' });
    expect(found?.files.get('/p/big.txt')?.kind).toBe('too-big');
    expect(found?.files.get('/outside.txt')).toEqual({ kind: 'outside' });
  });

  it("never reads a secret's file, an unused config or anything outside the project", async () => {
    const { host, read } = recording(files);
    await loadProject({ host, env: {} });
    expect(read).not.toContain('/p/pw.txt');
    expect(read).not.toContain('/p/unused.ini');
    expect(read).not.toContain('/outside.txt');
  });
});
