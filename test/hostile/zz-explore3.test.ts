import { it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { parseYaml } from '../../src/loader/yaml-source.js';
import { SourceFile } from '../../src/loader/source.js';
import { Reporter } from '../../src/diagnostics/report.js';
import { parseAllDocuments } from 'yaml';

it('explore3', async () => {
  const amp = 'x-a: &a [' + Array(200).fill('1').join(',') + ']\nx-b: [' + Array(9000).fill('*a').join(',') + ']\nservices: {a: {image: x}}\n';
  let t = performance.now();
  const r = await loadProject({ host: memoryHost({ '/p/compose.yaml': amp }), files: ['/p/compose.yaml'] });
  console.log('amp 1.8M load', Math.round(performance.now() - t), r.diagnostics.map((d) => d.code));
  t = performance.now();
  parseYaml(new SourceFile('a', amp), new Reporter());
  console.log('amp 1.8M parseYaml', Math.round(performance.now() - t));
  const flat = 'x-a: [' + Array(1_000_000).fill('1').join(',') + ']\nservices: {a: {image: x}}\n';
  t = performance.now();
  parseAllDocuments(flat, { uniqueKeys: true, merge: false, strict: true });
  console.log('flat 1M (2MB) yaml only', Math.round(performance.now() - t));
  t = performance.now();
  const r2 = await loadProject({ host: memoryHost({ '/p/compose.yaml': flat }), files: ['/p/compose.yaml'] });
  console.log('flat 1M load', Math.round(performance.now() - t), r2.diagnostics.map((d) => d.code));
  let svc = 'services:\n';
  for (let i = 0; svc.length < 16_000_000; i++) svc += `  s${i}:\n    image: nginx:${i}\n    environment:\n      A: "1"\n      B: "2"\n    ports: ["80${i % 10}:80"]\n    labels: [a=b]\n`;
  t = performance.now();
  parseAllDocuments(svc, { uniqueKeys: true, merge: false, strict: true });
  console.log('16MB services yaml only', Math.round(performance.now() - t));
}, 600_000);
