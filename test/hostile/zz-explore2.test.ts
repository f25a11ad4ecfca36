import { it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';

async function run(name: string, files: Record<string, string | Uint8Array>, opts: any = {}, doConvert = true) {
  const t = performance.now();
  const host = memoryHost(files, '/p');
  const r = await loadProject({ host, files: ['/p/compose.yaml'], ...opts });
  const t1 = performance.now();
  const c = doConvert ? await convert({ host, files: ['/p/compose.yaml'], target: 'ecs', ...opts }) : { diagnostics: [], outputs: [] };
  const t2 = performance.now();
  console.log(name, Math.round(t1 - t), Math.round(t2 - t1), r.diagnostics.length, JSON.stringify(r.diagnostics.slice(0, 3).map((d) => [d.code, d.line, d.column, d.message.slice(0, 150)])), 'convert:', c.diagnostics.length, JSON.stringify(c.diagnostics.filter(d=>d.severity!=='info').slice(0, 3).map((d) => [d.code, d.line, d.message.slice(0, 200)])), c.outputs.length);
}
const only = process.env.ONLY?.split(',');
const t = (n: string, f: () => Promise<void>) => (!only || only.includes(n) ? f() : undefined);

it('explore2', async () => {
  await t('bigalias', () => run('bigalias', { '/p/compose.yaml': 'x-a: &a [' + Array(200).fill('1').join(',') + ']\nx-b: [' + Array(9999).fill('*a').join(',') + ']\nservices: {a: {image: x}}\n' }));
  await t('mergebomb', async () => { let s = 'x-a0: &a0 {k0: 1}\n'; for (let i = 1; i < 30; i++) s += `x-a${i}: &a${i} {<<: [*a${i-1}, *a${i-1}], k${i}: 1}\n`; await run('mergebomb', { '/p/compose.yaml': s + 'services: {a: {image: x}}\n' }); });
  await t('compactseq', () => run('compactseq', { '/p/compose.yaml': 'x-a:\n' + '- '.repeat(10000) + 'x\n' }));
  await t('block2000', () => run('block2000', { '/p/compose.yaml': Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') }));
  await t('ports', () => run('ports', { '/p/compose.yaml': 'services:\n  a:\n    image: x\n    ports:\n' + Array.from({ length: 100 }, (_, i) => `      - "${i}1-65535:1-65535"\n`).join('') }));
  await t('ports1', () => run('ports1', { '/p/compose.yaml': 'services:\n  a:\n    image: x\n    ports: ["1-65535:1-65535"]\n' }));
  await t('docs', () => run('docs', { '/p/compose.yaml': 'services: {a: {image: x}}\n' + '---\n'.repeat(100000) }));
  await t('extchain', async () => { let s = 'services:\n'; for (let i = 0; i < 10000; i++) s += `  s${i}: {extends: s${i+1}}\n`; s += '  s10000: {image: x}\n'; await run('extchain', { '/p/compose.yaml': s }); });
  await t('depchain', async () => { let s = 'services:\n'; for (let i = 0; i < 5000; i++) s += `  s${i}: {image: x, depends_on: [s${i+1}]}\n`; s += '  s5000: {image: x, depends_on: [s0]}\n'; await run('depchain', { '/p/compose.yaml': s }, { layout: 'project' }); });
  await t('svc10k', async () => { let s = 'services:\n'; for (let i = 0; i < 10000; i++) s += `  s${i}: {image: x}\n`; await run('svc10k', { '/p/compose.yaml': s }); });
  await t('keys100k', async () => { let s = 'x-a:\n'; for (let i = 0; i < 100000; i++) s += `  k${i}: 1\n`; await run('keys100k', { '/p/compose.yaml': s }, {}, false); });
  await t('envfiles', async () => { const f: Record<string,string> = {}; let s = 'services:\n  a:\n    image: x\n    env_file:\n'; for (let i = 0; i < 3000; i++) { s += `      - e${i}.env\n`; f[`/p/e${i}.env`] = `V${i}=${i}\nSHARED=${i}\n`; } f['/p/compose.yaml'] = s; await run('envfiles', f); });
  await t('dollar', () => run('dollar', { '/p/compose.yaml': 'services:\n  a:\n    image: "' + '$'.repeat(1_000_000) + '"\n' }));
  await t('dollarbrace', () => run('dollarbrace', { '/p/compose.yaml': 'services:\n  a:\n    image: "' + '${A:-'.repeat(60) + '${'.repeat(100000) + '"\n' }));
  await t('envfilequotes', () => run('envfilequotes', { '/p/compose.yaml': 'services:\n  a: {image: x, env_file: e.env}\n', '/p/e.env': 'A="\\"'.repeat(100000) + '\n' + "B='".repeat(100000) }));
  await t('bigscalar50', () => run('bigscalar50', { '/p/compose.yaml': 'services:\n  a:\n    image: x\n    x-big: "' + 'y'.repeat(50_000_000) + '"\n' }, { limits: { maxFileBytes: 64 * 1024 * 1024 } }, false));
  await t('bigcomment50', () => run('bigcomment50', { '/p/compose.yaml': 'services:\n  a:\n    image: x\n#' + 'y'.repeat(50_000_000) + '\n' }, { limits: { maxFileBytes: 64 * 1024 * 1024 } }, false));
});
