import { it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { Session } from 'node:inspector/promises';
it('prof', async () => {
  let s = 'services:\n'; for (let i = 0; i < 30000; i++) s += `  s${i}:\n    image: nginx\n`;
  const session = new Session(); session.connect();
  await session.post('Profiler.enable'); await session.post('Profiler.start');
  const t = performance.now();
  if (process.env.CONV) await convert({ host: memoryHost({ '/p/compose.yaml': s }), files: ['/p/compose.yaml'], target: 'ecs' });
  else await loadProject({ host: memoryHost({ '/p/compose.yaml': s }), files: ['/p/compose.yaml'] });
  console.log('took', performance.now() - t);
  const { profile } = await session.post('Profiler.stop');
  const self = new Map<string, number>(); const total = new Map<string, number>();
  const nodes = profile.nodes; const dt = profile.timeDeltas!; const samples = profile.samples!;
  const byId = new Map(nodes.map((n: any) => [n.id, n]));
  const parent = new Map<number, number>(); for (const n of nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: any) => `${n.callFrame.functionName} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
  for (let i = 0; i < samples.length; i++) { const n: any = byId.get(samples[i]); self.set(key(n), (self.get(key(n)) ?? 0) + (dt[i] ?? 0));
    const seen = new Set<string>(); for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) { const k = key(byId.get(id)); if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + (dt[i] ?? 0)); } } }
  console.log('SELF\n' + [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${Math.round(v / 1000)}ms ${k}`).join('\n'));
  console.log('TOTAL\n' + [...total.entries()].filter(([k]) => k.includes('src/') || k.includes('loader/') || k.includes('passes/') || k.includes('backends/')|| k.includes('compose/')).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${Math.round(v / 1000)}ms ${k}`).join('\n'));
}, 300000);
