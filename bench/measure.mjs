// One measurement, run in a child process of bench/run.mjs so that its peak memory
// (process.resourceUsage().maxRSS) is its own. Prints one JSON object on stdout.
//
//   node --expose-gc bench/measure.mjs stages  <stages bundle> <project dir> <runs> <warm-up runs> [check]
//   node --expose-gc bench/measure.mjs convert <stages bundle> <project dir> <runs> <warm-up runs> <target> [docs.json]
//
// Times are the median of `runs` runs after the warm-up runs.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const [mode, bundle, dir, runsArg, warmArg, target, docsOut] = process.argv.slice(2);
const runs = Number(runsArg);
const warm = Number(warmArg);
const c = await import(pathToFileURL(bundle).href);
const files = [join(dir, 'compose.yaml'), join(dir, 'compose.override.yaml')];
// The environment the CLI would see, minus anything of the caller's that interpolation might pick up.
const env = { HOME: '/home/bench' };
const gc = globalThis.gc ?? (() => {});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const heapMB = () => process.memoryUsage().heapUsed / 2 ** 20;

/** Runs `fn` (warm-up + runs), returns the median of each named time it records. */
async function repeat(fn) {
  const samples = [];
  for (let r = 0; r < warm + runs; r++) {
    gc();
    const times = {};
    const result = await fn(times);
    if (r >= warm) samples.push({ times, result });
  }
  const out = {};
  for (const k of Object.keys(samples[0].times)) out[k] = median(samples.map((s) => s.times[k]));
  return { times: out, samples: samples.length, result: samples.at(-1).result };
}

/**
 * Records the CPU time (user + system, ms) of `fn` under `name`, and its wall time under
 * `name` + ' (wall)'. CPU time is what the tables show: on a shared machine the wall time
 * mostly measures the other processes. It counts V8's helper threads (parallel GC), so on a
 * quiet machine it is a little above the wall time.
 */
async function timed(times, name, fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  times[name] = (times[name] ?? 0) + (c.user + c.system) / 1000;
  times[`${name} (wall)`] = (times[`${name} (wall)`] ?? 0) + wall;
  return v;
}

/**
 * The loader's pipeline (src/loader/load-project.ts) one stage at a time, then the passes,
 * each backend's emit and the formatting of the diagnostics. Kept in step with load():
 * bench/run.mjs checks that it finds what loadProject finds.
 */
async function stages(times) {
  const reporter = new c.Reporter();
  const host = c.nodeHost;
  const limits = c.defaultLimits;
  const projectDir = dirname(files[0]);
  const ctx = { host, reporter, limits, boundary: projectDir, cache: new Map() };
  const retained = {};
  const mark = (name) => {
    // Heap still referenced after the stage (collected outside the timed region).
    gc();
    retained[name] = heapMB();
  };

  const { sources, dotenv } = await timed(times, 'read', async () => {
    const dotenv = await c.readEnvironment(ctx, projectDir, undefined, env);
    const sources = [];
    for (const path of files) sources.push(await c.readSource(host, { path, what: 'compose file' }, reporter, limits));
    return { sources, dotenv };
  });
  const baseLookup = (name) => (Object.hasOwn(env, name) ? env[name] : undefined) ?? dotenv.get(name);
  const lookup = (v) => (v === 'COMPOSE_PROJECT_NAME' ? 'bench' : baseLookup(v));
  const parsed = await timed(times, 'parse', async () => {
    const out = [];
    for (const file of sources) out.push({ file, docs: c.mappings(await c.readYaml(file, reporter, limits), file, reporter) });
    return out;
  });
  mark('parse');
  await timed(times, 'interpolate', () => {
    for (const { docs } of parsed) for (const doc of docs) c.interpolateTree(doc, lookup, reporter);
  });
  await timed(times, 'schema', () => {
    for (const { docs } of parsed) for (const doc of docs) c.checkSchema(doc, reporter);
  });
  const prepared = await timed(times, 'extends', async () => {
    const out = [];
    for (const { file, docs } of parsed) {
      for (const doc of docs) out.push(await c.resolveExtends(doc, { root: doc, file, dir: projectDir }, (p, from) => loadOther(ctx, p, lookup, from), host, reporter));
    }
    return out;
  });
  const merged = await timed(times, 'merge', () => {
    let m;
    for (const root of prepared) m = m ? c.mergeCompose(m, root, reporter) : c.withoutMergeTags(root);
    return m;
  });
  const envFiles = await timed(times, 'include+profiles+env_file', async () => {
    await c.applyIncludes(ctx, merged, { dir: projectDir, lookup, chain: files, depth: 0 });
    c.applyProfiles(merged, [], reporter);
    return c.readServiceEnvFiles(ctx, merged, projectDir, lookup);
  });
  const project = await timed(times, 'normalize', () =>
    c.normalizeProject(merged, { workingDir: projectDir, resolve: host.resolve, isAbsolute: host.isAbsolute, home: env.HOME, reporter, projectName: 'bench', lookup, envFiles: (p) => envFiles.get(p) }),
  );
  mark('normalize');
  const loaderDiagnostics = count(reporter.diagnostics);
  const ir = await timed(times, 'passes', () => c.buildIR(project, reporter, { layout: 'service', platform: 'ecs' }));
  mark('passes');
  // Kubernetes reads an IR built without the ECS defaults (as convert builds it); not timed
  // again, the passes are the same.
  const irOther = c.buildIR(project, new c.Reporter(), { layout: 'service', platform: 'other' });
  const emitted = {};
  for (const [name, backend] of Object.entries(backends())) {
    try {
      const r = await timed(times, `emit ${name}`, () => backend.emit(name === 'kubernetes' ? irOther : ir, {}));
      emitted[name] = r.outputs.length;
      reporter.diagnostics.push(...r.diagnostics);
    } catch (e) {
      // A backend that throws is a bug reported elsewhere; the others are still measured.
      emitted[name] = `failed: ${e?.message ?? e}`;
    }
  }
  await timed(times, 'format diagnostics', () => c.formatDiagnostics(reporter.diagnostics, { format: 'text', color: false, cwd: projectDir }));
  return { services: Object.keys(project.services).length, loaderDiagnostics, diagnostics: count(reporter.diagnostics), emitted, retainedMB: retained };
}

async function loadOther(ctx, path, lookup, from) {
  const cached = ctx.cache.get(path);
  if (cached) return cached;
  const promise = (async () => {
    const file = await c.readSource(ctx.host, { path, what: 'compose file', from, within: ctx.boundary }, ctx.reporter, ctx.limits);
    if (!file) return undefined;
    let root;
    for (const doc of c.mappings(await c.readYaml(file, ctx.reporter, ctx.limits), file, ctx.reporter)) {
      c.interpolateTree(doc, lookup, ctx.reporter);
      c.checkSchema(doc, ctx.reporter);
      root = root ? c.mergeCompose(root, doc, ctx.reporter) : c.withoutMergeTags(doc);
    }
    return { root: root ?? {}, file, dir: dirname(path) };
  })();
  ctx.cache.set(path, promise);
  return promise;
}

function backends() {
  const all = { ecs: c.ecsBackend, cloudformation: c.cloudformationBackend, kubernetes: c.kubernetesBackend };
  return Object.fromEntries(Object.entries(all).filter(([, b]) => b));
}

function count(diagnostics) {
  const out = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) out[d.severity] = (out[d.severity] ?? 0) + 1;
  return out;
}

/** The floor's first half: read the files and parse them with `yaml`, nothing else. */
async function floorParse(times) {
  const YAML = c.YAML;
  const texts = await timed(times, 'floor read', () => Promise.all(files.map((f) => readFile(f, 'utf8'))));
  await timed(times, 'floor parse', () => texts.map((t) => YAML.parse(t, { merge: true, maxAliasCount: -1 })));
}

if (mode === 'stages') {
  const s = await repeat(stages);
  const f = await repeat(floorParse);
  const out = { times: { ...s.times, ...f.times }, runs: s.samples, result: s.result, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  if (target === 'check') {
    // What loadProject itself finds, for bench/run.mjs to compare with the stages above.
    const check = await c.loadProject({ files, env, home: env.HOME });
    out.loadProject = { services: Object.keys(check.project?.services ?? {}).length, diagnostics: count(check.diagnostics) };
  }
  process.stdout.write(JSON.stringify(out));
} else if (mode === 'convert') {
  const r = await repeat(async (times) => {
    const result = await timed(times, 'convert', () => c.convert({ files, env, home: env.HOME, target, layout: 'service' }));
    return result;
  });
  const { outputs, diagnostics } = r.result;
  // Outputs read their value from their text when first asked (src/backends/backend.ts): read
  // once here, so that the floor times writing the documents and not reading them back.
  for (const o of outputs) void o.value;
  // The floor's second half: the same documents written as JSON, nothing else.
  const s = await repeat(async (times) => {
    await timed(times, 'floor stringify', () => outputs.map((o) => JSON.stringify(o.value, null, 2) + '\n'));
  });
  if (docsOut) await writeFile(docsOut, JSON.stringify(outputs.map((o) => ({ path: o.path, value: o.value }))));
  const out = {
    times: { ...r.times, ...s.times },
    runs: r.samples,
    outputs: outputs.length,
    outputMB: outputs.reduce((n, o) => n + Buffer.byteLength(o.contents), 0) / 2 ** 20,
    diagnostics: count(diagnostics),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(out));
} else {
  throw new Error(`unknown mode ${mode}`);
}
