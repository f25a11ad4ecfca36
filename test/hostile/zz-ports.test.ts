import { it } from 'vitest';
import { runHostile } from './harness.js';
it('ports', async () => {
  for (const n of [1, 4]) {
    const text = 'services:\n  a:\n    image: x\n    ports:\n' + Array.from({ length: n }, (_, i) => `      - "${i + 1}0000-${i + 1}5000:1-5001"\n`).join('') + `      - "1-65535"\n`;
    const r = await runHostile({ files: { '/project/compose.yaml': text }, convert: true, boundMs: 600000 });
    const td = r.convert?.outputs.find((o) => o.path.endsWith('task-definition.json'));
    console.log('ports', n, Math.round(r.loadMs), Math.round(r.convertMs ?? 0), r.convert?.outputs.map((o) => o.contents.length), JSON.stringify(r.convert?.diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.code, d.message.slice(0, 200)]).slice(0, 3)), JSON.stringify(r.load.project?.services.a?.ports?.length));
    if (td) console.log(JSON.stringify(JSON.parse(td.contents).containerDefinitions[0].portMappings?.slice(0, 3)), JSON.parse(td.contents).containerDefinitions[0].portMappings?.length);
  }
}, 600000);
