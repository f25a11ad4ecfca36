import { it } from 'vitest';
import { mkdtempSync, writeFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../src/loader/load-project.js';
it('sym', async () => {
  const root = mkdtempSync(join(tmpdir(), 'c2e-'));
  const proj = join(root, 'proj'); mkdirSync(proj);
  writeFileSync(join(root, 'secret.env'), 'SECRET=1\n');
  writeFileSync(join(root, 'other.yaml'), 'services:\n  b: {image: x}\n');
  symlinkSync(join(root, 'secret.env'), join(proj, 'link.env'));
  symlinkSync(join(root, 'other.yaml'), join(proj, 'link.yaml'));
  symlinkSync(join(proj, 'loop1'), join(proj, 'loop2')); symlinkSync(join(proj, 'loop2'), join(proj, 'loop1'));
  writeFileSync(join(proj, 'compose.yaml'), 'include: [link.yaml, loop1]\nservices:\n  a: {image: x, env_file: [link.env, loop2]}\n');
  const r = await loadProject({ files: [join(proj, 'compose.yaml')] });
  console.log(JSON.stringify(r.diagnostics.map((d) => [d.code, d.line, d.column, d.message]), null, 1));
  console.log(JSON.stringify(Object.keys(r.project?.services ?? {})));
});
