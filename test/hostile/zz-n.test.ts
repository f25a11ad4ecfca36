import { it } from 'vitest';
import { runHostile } from './harness.js';
it('n', async () => {
  for (const n of ['9007199254740993', '123456789012345678901234567890', '1e400', '-1e400', '.inf', '.nan', '0x1fffffffffffffff', '1e300'])
    for (const field of ['cpus', 'mem_limit', 'scale', 'cpu_shares', 'stop_grace_period', 'shm_size', 'mem_reservation']) {
      const { load, convert } = await runHostile({ files: { '/project/compose.yaml': `services:\n  web:\n    image: nginx\n    ${field}: ${n}\n` }, convert: true });
      const e = [...load.diagnostics, ...(convert?.diagnostics ?? [])].filter((d) => d.severity !== 'info').map((d) => `${d.code}@${d.line}`);
      console.log(field, n, JSON.stringify([...new Set(e)]), convert?.outputs.length, convert?.outputs.length ? JSON.stringify((JSON.parse(convert.outputs[0]!.contents)).containerDefinitions[0]).slice(0, 200) + ' task ' + JSON.stringify([JSON.parse(convert.outputs[0]!.contents).cpu, JSON.parse(convert.outputs[0]!.contents).memory]) : '');
    }
});
