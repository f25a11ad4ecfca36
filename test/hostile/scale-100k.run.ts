/**
 * The 100,000-service case, run in its own process (scale.test.ts spawns it with vite-node):
 * loading it blocks the event loop for tens of seconds, longer than the test runner's worker
 * waits for an answer. Prints one JSON line of timings and counts.
 */
import { loadProject } from '../../src/loader/load-project.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';

const count = Number(process.argv[2] ?? 100_000);
// The services limit (maxServices): the default unless given.
const maxServices = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
let text = 'services:\n';
for (let i = 0; i < count; i++) text += `  s${i}:\n    image: nginx:${i % 10}\n    environment: [N=${i}]\n`;
const host = memoryHost({ '/project/compose.yaml': text });
const options = { host, files: ['/project/compose.yaml'], env: {}, ...(maxServices !== undefined ? { limits: { maxServices } } : {}) };

let t = performance.now();
const loaded = await loadProject(options);
const loadMs = performance.now() - t;
t = performance.now();
const converted = await convert({ ...options, target: 'ecs' });
const convertMs = performance.now() - t;

const all = [...loaded.diagnostics, ...converted.diagnostics];
process.stdout.write(
  JSON.stringify({
    bytes: text.length,
    loadMs,
    convertMs,
    services: Object.keys(loaded.project?.services ?? {}).length,
    outputs: converted.outputs.length,
    errors: all.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message.slice(0, 300)}`).slice(0, 10),
    codes: [...new Set(all.filter((d) => d.severity === 'error').map((d) => d.code))],
  }) + '\n',
);
