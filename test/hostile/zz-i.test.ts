import { it } from 'vitest';
import { runHostile } from './harness.js';
const only = process.env.ONLY;
it('envdouble', async () => {
  if (only && only !== 'envdouble') return;
  let env = 'V0=' + 'x'.repeat(1024) + '\n';
  const n = Number(process.env.N ?? 16);
  for (let i = 1; i <= n; i++) env += `V${i}=\${V${i - 1}}\${V${i - 1}}\n`;
  const t = performance.now();
  const { loadProject } = await import("../../src/loader/load-project.js"); const { memoryHost } = await import("../../src/loader/memory-host.js"); const rr = await loadProject({ host: memoryHost({ "/project/compose.yaml": `services:\n  web:\n    image: "nginx:\${V${n}}"\n`, "/project/.env": env }), files: ["/project/compose.yaml"] }); console.log(rr.diagnostics.map(d => d.message.slice(0, 800))); const r = await runHostile({ files: { "/project/compose.yaml": `services:\n  web:\n    image: "nginx:\${V${n}}"\n`, "/project/.env": env }, boundMs: 600_000 }).catch((e) => { console.log('threw', String(e).slice(0, 300)); return undefined; });
  console.log('envdouble', n, Math.round(performance.now() - t), JSON.stringify(r?.load.diagnostics.map((d) => [d.code, d.message.slice(0, 200)])), process.memoryUsage().rss / 1e6);
}, 600_000);
it('aliasdollar', async () => {
  if (only && only !== 'aliasdollar') return;
  const big = '$$'.repeat(512 * 1024);
  const n = Number(process.env.N ?? 100);
  const text = `x-a: &a "${big}"\nx-b: [${Array(n).fill('*a').join(',')}]\nservices:\n  web:\n    image: nginx\n`;
  const t = performance.now();
  const r = await runHostile({ files: { '/project/compose.yaml': text }, boundMs: 600_000 });
  console.log('aliasdollar', n, Math.round(performance.now() - t), JSON.stringify(r.load.diagnostics.map((d) => [d.code, d.message.slice(0, 200)])), process.memoryUsage().rss / 1e6);
}, 600_000);
it('aliasenv', async () => {
  if (only && only !== 'aliasenv') return;
  const big = 'x'.repeat(1024 * 1024);
  const n = Number(process.env.N ?? 100);
  const text = `x-a: &a "${big}"\nservices:\n  web:\n    image: nginx\n    environment:\n${Array.from({ length: n }, (_, i) => `      V${i}: *a\n`).join('')}`;
  const t = performance.now();
  const { convert } = await import('../../src/convert.js'); const { memoryHost } = await import('../../src/loader/memory-host.js');
  const r = await convert({ host: memoryHost({ '/project/compose.yaml': text }), files: ['/project/compose.yaml'], target: 'ecs' });
  console.log('aliasenv', n, Math.round(performance.now() - t), JSON.stringify(r.diagnostics.filter(d => d.severity !== 'info').map((d) => [d.code, d.message.slice(0, 300)])), r.outputs.map(o => o.contents.length), process.memoryUsage().rss / 1e6);
}, 600_000);
it('manyenv', async () => {
  if (only && only !== 'manyenv') return;
  const files: Record<string, string> = {};
  let doubling = 'V0=' + 'x'.repeat(1024) + '\n';
  for (let i = 1; i <= 13; i++) doubling += `V${i}=\${V${i - 1}}\${V${i - 1}}\n`;
  const n = Number(process.env.N ?? 100);
  let compose = 'services:\n  web:\n    image: nginx\n    env_file:\n';
  for (let i = 0; i < n; i++) { files[`/project/e${i}.env`] = doubling + 'W1=a${V13}\nW2=b${V13}\n'; compose += `      - e${i}.env\n`; }
  files['/project/compose.yaml'] = compose;
  const t = performance.now();
  const { convert } = await import('../../src/convert.js'); const { memoryHost } = await import('../../src/loader/memory-host.js');
  const r = await convert({ host: memoryHost(files), files: ['/project/compose.yaml'], target: 'ecs' });
  console.log('manyenv', n, Math.round(performance.now() - t), JSON.stringify(r.diagnostics.filter(d => d.severity !== 'info').slice(0, 3).map((d) => [d.code, d.file, d.line, d.message.slice(0, 300)])), r.outputs.map(o => o.contents.length), process.memoryUsage().rss / 1e6);
}, 600_000);
