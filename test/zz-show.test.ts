import { it } from 'vitest';
import { listFixtures } from '/work/wt-i19-secrets/test/support/fixtures.js';
import { convert } from '/work/wt-i19-secrets/src/convert.js';
it('show', async () => {
  for (const name of (process.env.FX ?? '').split(',')) {
    const fx = listFixtures().find((f) => f.name === name)!;
    const c = fx.spec.convert as any;
    const r = await convert({ host: fx.host, env: fx.spec.env ?? {}, ...c, ...(process.env.TARGET ? { target: process.env.TARGET } : {}) });
    for (const d of r.diagnostics) console.log(`${name} ${d.severity} ${d.code} ${d.path}: ${d.message}`);
  }
});
