import { it } from 'vitest';
import { convert } from '../src/convert.js';
import { formatDiagnostics } from '../src/diagnostics/format.js';
import { createCfnValidator, formatCfnFindings } from './validators/cloudformation.js';
it('scratch', async () => {
  const v = await createCfnValidator();
  const r = await convert({ files: ['fixtures/cfn-fargate-shop/compose.yaml'], target: 'cloudformation' });
  console.log(formatDiagnostics(r.diagnostics));
  for (const o of r.outputs) { console.log(o.contents); console.log(formatCfnFindings(await v.validate(o.contents, o.path))); }
}, 60000);
