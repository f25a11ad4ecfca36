import { it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
it('100k', async () => {
  let s = 'services:\n'; for (let i = 0; i < 100000; i++) s += `  s${i}:\n    image: nginx\n`;
  const host = memoryHost({ '/p/compose.yaml': s });
  let t = performance.now();
  const r = await loadProject({ host, files: ['/p/compose.yaml'] });
  console.log('100k load', Math.round(performance.now() - t), r.diagnostics.length, r.diagnostics[0]?.code);
  t = performance.now();
  const c = await convert({ host, files: ['/p/compose.yaml'], target: 'ecs' });
  console.log('100k convert', Math.round(performance.now() - t), c.diagnostics.length, c.outputs.length, c.diagnostics.filter(d => d.severity !== 'info')[0]?.message.slice(0, 300));
}, 1200_000);
