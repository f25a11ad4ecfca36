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
