import { it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { memoryHost } from '../../src/loader/memory-host.js';
it('ports2', async () => {
  for (const n of [10, 40]) {
    const text = 'services:\n  a:\n    image: x\n    ports:\n' + Array.from({ length: n }, (_, i) => `      - "${i}:1-65535"\n`).join('') + Array.from({ length: n }, (_, i) => `      - "1-65535/udp"\n`).join('');
    const t = performance.now();
    const r = await loadProject({ host: memoryHost({ '/project/compose.yaml': text }), files: ['/project/compose.yaml'] });
    console.log('ports2', n, Math.round(performance.now() - t), r.project?.services.a?.ports?.length, JSON.stringify(r.diagnostics.slice(0, 2).map((d) => d.message.slice(0, 200))), process.memoryUsage().rss / 1e6);
  }
}, 600000);
