import { it } from 'vitest';
import fc from 'fast-check';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { ecsComposeFile, withFiles, DIR } from './ecs-arbitrary.js';
import { validateRegisterTaskDefinition, validateCreateService } from '../validators/ecs.js';
it('explore', async () => {
  const samples = fc.sample(ecsComposeFile(), { numRuns: 100, seed: 1 });
  let t = performance.now();
  let errs = 0, outs = 0, bad = 0; const codes = new Map<string, number>();
  for (const doc of samples) {
    for (const layout of ['service', 'project'] as const) for (const launchType of ['FARGATE', 'EC2'] as const) {
      const r = await convert({ host: memoryHost(withFiles(doc), DIR), env: {}, target: 'ecs', layout, launchType });
      if (r.diagnostics.some((d) => d.severity === 'error')) { errs++; for (const d of r.diagnostics.filter(d => d.severity === 'error')) { const k = d.code + ' ' + d.message.replace(/services\.[^.: ]+/g, 'S').replace(/\d+/g, 'N').slice(0, 120); codes.set(k, (codes.get(k) ?? 0) + 1); } }
      outs += r.outputs.length;
      for (const o of r.outputs) { const p = o.path.endsWith('.task-definition.json') ? validateRegisterTaskDefinition(JSON.parse(o.contents)) : validateCreateService(JSON.parse(o.contents)); if (p.length) { bad++; if (bad < 5) console.log(o.path, p.slice(0, 5)); } }
    }
  }
  console.log('convert x400', Math.round(performance.now() - t), 'errs', errs, 'outs', outs, 'bad', bad);
  console.log([...codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => v + ' ' + k).join('\n'));
}, 600000);
