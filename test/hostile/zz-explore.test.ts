import { it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';

async function run(name: string, files: Record<string, string | Uint8Array>, opts: any = {}) {
  const t = performance.now();
  const host = memoryHost(files, '/p');
  const r = await loadProject({ host, files: ['/p/compose.yaml'], ...opts });
  const t1 = performance.now();
  const c = await convert({ host, files: ['/p/compose.yaml'], target: 'ecs', ...opts });
  const t2 = performance.now();
  console.log(name, Math.round(t1 - t), Math.round(t2 - t1), JSON.stringify(r.diagnostics.slice(0, 4).map((d) => [d.code, d.line, d.column, d.message.slice(0, 200)])), 'convert:', JSON.stringify(c.diagnostics.filter(d=>d.severity!=='info').slice(0, 4).map((d) => [d.code, d.line, d.message.slice(0, 300)])), c.outputs.length);
}

it('explore', async () => {
  let bomb = 'x-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 12; i++) bomb += `x-a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  await run('bomb', { '/p/compose.yaml': bomb + 'services: {a: {image: x}}\n' });
  await run('flow-deep', { '/p/compose.yaml': 'services: ' + '['.repeat(10000) + ']'.repeat(10000) });
  await run('flow-deep-map', { '/p/compose.yaml': 'services: ' + '{a: '.repeat(10000) + '1' + '}'.repeat(10000) });
  await run('block-deep', { '/p/compose.yaml': Array.from({ length: 10000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') });
  await run('block-seq-deep', { '/p/compose.yaml': 'x:\n' + Array.from({ length: 10000 }, (_, i) => ' '.repeat(i) + '-').join('\n') });
  await run('nul', { '/p/compose.yaml': 'services:\n  a:\n    image: "x\u0000y"\n' });
  await run('nul-escape', { '/p/compose.yaml': 'services:\n  a:\n    image: "x\\0y"\n' });
  await run('invalid-utf8', { '/p/compose.yaml': new Uint8Array([0x73, 0x3a, 0xff, 0xfe, 0x0a]) });
  await run('binary', { '/p/compose.yaml': new Uint8Array(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 256)) });
  await run('empty', { '/p/compose.yaml': '' });
  await run('missing', {});
  await run('dir', { '/p/compose.yaml/x': 'a' });
  await run('proto', { '/p/compose.yaml': '__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 1}}\nservices:\n  __proto__: {image: x}\n  constructor: {image: y}\n  prototype:\n    image: z\n    environment: {__proto__: a, constructor: b}\n    labels: {__proto__: a, constructor: b, prototype: c}\n    x-ecs: {__proto__: {polluted: 1}}\n' });
  await run('dupe', { '/p/compose.yaml': 'services:\n  a: {image: x}\n  a: {image: y}\n' });
  await run('bignum', { '/p/compose.yaml': 'services:\n  a:\n    image: x\n    mem_limit: 123456789012345678901234\n    cpus: .nan\n    cpu_shares: .inf\n    scale: 9007199254740993\n' });
  await run('longstr', { '/p/compose.yaml': 'services:\n  a:\n    image: "' + 'x'.repeat(10_000_000) + '"\n' });
  await run('longkey', { '/p/compose.yaml': 'services:\n  ' + 'k'.repeat(1_000_000) + ':\n    image: x\n' });
  await run('extends-cycle', { '/p/compose.yaml': 'services:\n  a: {image: x, extends: b}\n  b: {extends: a}\n' });
  await run('extends-cycle-files', { '/p/compose.yaml': 'services:\n  a: {image: x, extends: {file: o.yaml, service: b}}\n', '/p/o.yaml': 'services:\n  b: {extends: {file: compose.yaml, service: a}}\n' });
  await run('include-cycle', { '/p/compose.yaml': 'include: [o.yaml]\nservices:\n  a: {image: x}\n', '/p/o.yaml': 'include: [compose.yaml]\nservices:\n  b: {image: x}\n' });
  await run('outside-include', { '/p/compose.yaml': 'include: [../o.yaml]\nservices:\n  a: {image: x}\n', '/o.yaml': 'services:\n  b: {image: x}\n' });
  await run('outside-extends', { '/p/compose.yaml': 'services:\n  a: {extends: {file: ../o.yaml, service: b}}\n', '/o.yaml': 'services:\n  b: {image: x}\n' });
  await run('outside-envfile', { '/p/compose.yaml': 'services:\n  a: {image: x, env_file: ../o.env}\n', '/o.env': 'A=1\n' });
  await run('outside-envfile-allowed', { '/p/compose.yaml': 'services:\n  a: {image: x, env_file: ../o.env}\n', '/o.env': 'A=1\n' }, { allowOutsideProject: true });
  let interp = 'end';
  for (let i = 0; i < 10000; i++) interp = '${A' + i + ':-' + interp + '}';
  await run('interp-deep', { '/p/compose.yaml': 'services:\n  a:\n    image: "' + interp + '"\n' });
  await run('interp-deep-60', { '/p/compose.yaml': 'services:\n  a:\n    image: "' + interp.slice(interp.length - 60*9) + '"\n' });
});
