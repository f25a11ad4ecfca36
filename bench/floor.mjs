// The whole-process floor: what any compose → JSON converter must at least do. Reads the
// compose files, parses them with `yaml` or `js-yaml` (the faster parser most JavaScript tools
// use; the budgets of docs/performance.md are set against it), and writes the given documents
// as JSON files.
//
//   node bench/floor.mjs <yaml|js-yaml> <docs.json> <out dir> <compose file>...
//
// Loading docs.json (the documents compose2ecs emitted, prepared by bench/run.mjs) is not part
// of the floor: its wall and CPU time are printed on stdout and subtracted by the caller.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [parser, docsPath, outDir, ...files] = process.argv.slice(2);
if (parser !== 'yaml' && parser !== 'js-yaml') throw new Error(`floor.mjs: parser must be yaml or js-yaml, not ${parser}`);
const t0 = performance.now();
const c0 = process.cpuUsage();
const docs = JSON.parse(readFileSync(docsPath, 'utf8'));
const c = process.cpuUsage(c0);
const setup = { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };

if (parser === 'yaml') {
  const YAML = await import('yaml');
  for (const f of files) YAML.parse(await readFile(f, 'utf8'), { merge: true, maxAliasCount: -1 });
} else {
  // js-yaml 5 loads with its core schema: merge keys (<<) are a tag to add, as are compose's
  // merge tags (!reset, !override), taken as plain values (any reader of compose files must
  // accept them).
  const jsYaml = await import('js-yaml');
  const composeTags = ['!reset', '!override'].flatMap((tagName) => [jsYaml.strTag, jsYaml.seqTag, jsYaml.mapTag].map((tag) => ({ ...tag, tagName, identify: () => false })));
  const schema = jsYaml.CORE_SCHEMA.withTags(jsYaml.mergeTag, ...composeTags);
  for (const f of files) jsYaml.load(await readFile(f, 'utf8'), { schema });
}
await mkdir(outDir, { recursive: true });
for (const d of docs) await writeFile(join(outDir, d.path), JSON.stringify(d.value, null, 2) + '\n');
process.stdout.write(JSON.stringify(setup));
