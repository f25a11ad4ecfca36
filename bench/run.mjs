// `npm run bench`: the performance budget of compose2ecs (docs/performance.md).
//
// Generates synthetic projects of 10, 100, 1,000 and 5,000 services, times every stage and
// the whole `convert` of each backend in process, compares them with the floor (read the
// files, parse them with `yaml`, JSON.stringify the emitted documents), times the CLI as a
// whole process, checks which modules it loads, and prints PASS or FAIL for each budget.
// Results go to bench/results/latest.json.
//
// Environment: BENCH_DIST (the built package, default dist/), BENCH_SIZES (e.g. "10,100,1000"),
// BENCH_OUT (the JSON file). Each measurement runs in its own child process.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, tmpdir, totalmem, availableParallelism } from 'node:os';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { writeProject } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const dist = process.env.BENCH_DIST ? resolvePath(process.env.BENCH_DIST) : join(root, 'dist');
const bin = join(dist, 'cli', 'bin.cjs');
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000,5000').split(',').map(Number);
const outFile = process.env.BENCH_OUT ? resolvePath(process.env.BENCH_OUT) : join(here, 'results', 'latest.json');
/**
 * Runs per in-process measurement, by project size, and warm-up runs before them. From 1,000
 * services on, the first run warms the JIT up by itself (and a CLI run is a first run too).
 * Three at 5,000 as well: the growth budget compares medians, and one run (moved by a
 * collection or by the machine's load) is too noisy to hold a budget of 1.0 against.
 */
const runsFor = (n) => (n <= 10 ? 7 : 3);
const warmUpFor = (n) => (n < 1000 ? 1 : 0);
/**
 * The budgets of issue 22 (docs/performance.md): whole process against the js-yaml floor at
 * 1,000 services per target (ecs-cli's own ratio is 2.9×), growth 1,000 → 5,000, peak RSS at
 * 5,000 per target, and a small convert against `node -e 0`.
 */
const BUDGET = { wholeProcessRatio: { ecs: 2.5, cloudformation: 3, kubernetes: 4 }, growth: 1.0, startupRatio: 1.5, peakRssMB: 250 };
const BUDGET_SIZE = 1000;
const RSS_SIZE = 5000;
const SMALL_CONVERT = `compose2ecs convert (${sizes[0]} services)`;

const started = performance.now();
const log = (s) => process.stderr.write(s + '\n');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

if (!existsSync(bin)) {
  log(`bench: ${relative(process.cwd(), bin)} not found: run \`npm run build\` first (or set BENCH_DIST)`);
  process.exit(2);
}

async function main() {
  const machine = machineInfo();
  log(`compose2ecs bench: ${machine.cpu}, ${machine.nproc} cores, node ${machine.node}, load ${machine.loadBefore.join(' ')}`);
  const bundle = await buildStages();
  const backends = await availableBackends(bundle);

  const projects = {};
  for (const n of sizes) {
    projects[n] = join(tmp, `p${n}`);
    await writeProject(projects[n], n);
  }

  // In process: the stages, then the whole convert per backend, each in its own child.
  const inProcess = {};
  for (const n of sizes) {
    log(`  ${n} services: stages…`);
    // The step-by-step pipeline is checked against loadProject on the small projects (a load
    // of 5,000 services costs seconds, and mirroring does not depend on size).
    const stages = await child(['stages', bundle, projects[n], String(runsFor(n)), String(warmUpFor(n)), n <= 100 ? 'check' : '']);
    checkStages(n, stages);
    const convert = {};
    for (const b of backends) {
      log(`  ${n} services: convert --target ${b}…`);
      const docs = n === BUDGET_SIZE || n === RSS_SIZE ? join(tmp, `docs-${n}-${b}.json`) : undefined;
      convert[b] = await child(['convert', bundle, projects[n], String(runsFor(n)), String(warmUpFor(n)), b, ...(docs ? [docs] : [])]);
    }
    inProcess[n] = { bytes: (await readFile(join(projects[n], 'compose.yaml'))).length, stages, convert };
  }

  const wholeProcess = sizes.includes(BUDGET_SIZE) ? await measureWholeProcess(projects[BUDGET_SIZE], BUDGET_SIZE, backends, 3) : undefined;
  // Peak memory of the whole process at 5,000 services: one run each (a run takes seconds).
  const peakRss = sizes.includes(RSS_SIZE) ? await measureWholeProcess(projects[RSS_SIZE], RSS_SIZE, backends, 1) : undefined;
  const startup = await measureStartup(projects[sizes[0]]);
  const modules = await checkModules(projects[sizes[0]]);

  const results = {
    date: new Date().toISOString(),
    machine: { ...machine, loadAfter: loadavg().map((x) => +x.toFixed(2)) },
    dist: relative(root, dist),
    sizes,
    runs: Object.fromEntries(sizes.map((n) => [n, { runs: runsFor(n), warmUp: warmUpFor(n) }])),
    backends,
    inProcess,
    derived: derive(inProcess, backends),
    wholeProcess,
    peakRss,
    startup,
    modules,
  };
  results.budgets = budgets(results);
  results.benchSeconds = +((performance.now() - started) / 1000).toFixed(1);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(report(results));
  log(`\nwrote ${relative(process.cwd(), outFile)} in ${results.benchSeconds} s`);
  if (results.budgets.some((b) => !b.pass)) process.exitCode = 1;
}

function machineInfo() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  return {
    cpu,
    nproc: availableParallelism(),
    memoryGB: +(totalmem() / 2 ** 30).toFixed(1),
    freeMemoryGB: +(freemem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadBefore: loadavg().map((x) => +x.toFixed(2)),
  };
}

/** Bundles bench/stages.ts (the compiler's stages, one export each) with esbuild, as tsup does. */
async function buildStages() {
  const esbuild = await import('esbuild');
  const outfile = join(tmp, 'stages.mjs');
  await esbuild.build({
    entryPoints: [join(here, 'stages.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    // yaml is CommonJS in places; give its require() something to call.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

async function availableBackends(bundle) {
  const c = await import(pathToFileURL(bundle).href);
  return [['ecs', c.ecsBackend], ['cloudformation', c.cloudformationBackend], ['kubernetes', c.kubernetesBackend]].filter(([, b]) => b).map(([n]) => n);
}

function child(args) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', join(here, 'measure.mjs'), ...args], { maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`measure ${args[0]} ${args.slice(2).join(' ')} failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

/**
 * The stage-by-stage pipeline must find what loadProject finds (checked where `loadProject` was
 * run), or its numbers mean nothing; and a project with errors would measure an early exit.
 */
function checkStages(n, s) {
  const a = s.result.loaderDiagnostics;
  if (s.result.services !== n) throw new Error(`bench/measure.mjs found ${s.result.services} services, not ${n}`);
  if (a.error > 0) throw new Error(`the ${n}-service project has ${a.error} errors: fix bench/generate.mjs`);
  if (s.loadProject) {
    const b = s.loadProject.diagnostics;
    if (JSON.stringify(a) !== JSON.stringify(b) || s.loadProject.services !== n) {
      throw new Error(`bench/measure.mjs no longer mirrors loadProject: ${s.result.services} services and diagnostics ${JSON.stringify(a)}, loadProject ${s.loadProject.services} and ${JSON.stringify(b)}`);
    }
  }
  const e = s.result.diagnostics.error;
  if (e > 0) log(`  warning: the ${n}-service project has ${e} errors in a backend`);
}

/**
 * Spawns `node ARGS` with bench/usage-hook.cjs preloaded and resolves with its wall time, CPU
 * time and peak RSS (from the hook), and what it printed.
 */
let spawnCount = 0;
function spawnTimed(args, options = {}) {
  const usageFile = join(tmp, `usage-${spawnCount++}.json`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ['-r', join(here, 'usage-hook.cjs'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
      env: { ...(options.env ?? cleanEnv()), BENCH_USAGE_FILE: usageFile },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', async (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(0, 2000)}`));
      try {
        const usage = JSON.parse(await readFile(usageFile, 'utf8'));
        resolve({ wallMs, cpuMs: usage.cpuMs, maxRssMB: usage.maxRssKB / 1024, stdout, stderr });
      } catch (e) {
        reject(e);
      }
    });
  });
}

const cleanEnv = () => ({ PATH: process.env.PATH ?? '', HOME: '/home/bench' });
const convertArgs = (target, out) => ['convert', '-f', 'compose.yaml', '-f', 'compose.override.yaml', '--target', target, '--layout', 'service', '-o', out];
const summary = (xs) => ({ cpuMs: median(xs.map((x) => x.cpuMs)), wallMs: median(xs.map((x) => x.wallMs)), maxRssMB: Math.max(...xs.map((x) => x.maxRssMB)), samples: xs.map(({ cpuMs, wallMs }) => ({ cpuMs, wallMs })) });

/**
 * The whole-process runs, per target: `compose2ecs convert --target T --layout service -o DIR`
 * against bench/floor.mjs on the same input with js-yaml (the budgets' floor) and with yaml,
 * alternated, medians of `runs` (the files are in the page cache already: the in-process runs
 * read them).
 */
async function measureWholeProcess(dir, services, backends, runs) {
  const out = { services, runs, targets: {} };
  for (const b of backends) {
    log(`  whole process: convert --target ${b}, ${services} services vs floors…`);
    const docs = join(tmp, `docs-${services}-${b}.json`);
    const convert = [];
    const floors = { 'js-yaml': [], yaml: [] };
    for (let r = 0; r < runs; r++) {
      const dest = join(tmp, `whole-${r}`);
      convert.push(await spawnTimed([bin, ...convertArgs(b, dest)], { cwd: dir }));
      await rm(dest, { recursive: true, force: true });
      for (const parser of Object.keys(floors)) {
        const f = await spawnTimed([join(here, 'floor.mjs'), parser, docs, `${dest}-floor`, 'compose.yaml', 'compose.override.yaml'], { cwd: dir });
        await rm(`${dest}-floor`, { recursive: true, force: true });
        const setup = JSON.parse(f.stdout);
        floors[parser].push({ ...f, cpuMs: f.cpuMs - setup.cpuMs, wallMs: f.wallMs - setup.wallMs });
      }
    }
    const c = summary(convert);
    const jsYaml = summary(floors['js-yaml']);
    const yaml = summary(floors.yaml);
    out.targets[b] = { convert: c, floor: jsYaml, yamlFloor: yaml, ratio: c.cpuMs / jsYaml.cpuMs, wallRatio: c.wallMs / jsYaml.wallMs, ratioToYaml: c.cpuMs / yaml.cpuMs };
  }
  return out;
}

/** `node -e 0`, `compose2ecs --version` and a small convert, alternated, medians of 11. */
async function measureStartup(dir) {
  log('  start-up…');
  // The compile cache (src/cli/bin.ts) starts empty in a directory of the bench's own: the
  // first, discarded run of each case writes it, as a user's first run would. The same convert
  // with the cache turned off is measured too: what a first run after installing costs.
  const cacheDir = join(tmp, 'compile-cache');
  const env = { ...cleanEnv(), COMPOSE2ECS_COMPILE_CACHE_DIR: cacheDir };
  const cases = {
    'node -e 0': () => spawnTimed(['-e', '0']),
    'compose2ecs --version': () => spawnTimed([bin, '--version'], { env }),
    [SMALL_CONVERT]: () => spawnTimed([bin, ...convertArgs('ecs', join(tmp, 'small'))], { cwd: dir, env }),
    [`${SMALL_CONVERT}, no compile cache`]: () => spawnTimed([bin, ...convertArgs('ecs', join(tmp, 'small'))], { cwd: dir, env: { ...env, COMPOSE2ECS_COMPILE_CACHE: '0' } }),
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < 12; r++) {
    for (const [k, run] of Object.entries(cases)) {
      const x = await run();
      if (r > 0) samples[k].push(x);
    }
  }
  const base = summary(samples['node -e 0']);
  const out = {};
  for (const [k, xs] of Object.entries(samples)) {
    const m = summary(xs);
    out[k] = { ...m, ratio: m.cpuMs / base.cpuMs, wallRatio: m.wallMs / base.wallMs };
  }
  return out;
}

/**
 * Which modules a command runs. The CLI is one bundle (dist/cli/main.cjs): esbuild wraps each
 * lazily imported module (commands, backends, the full YAML parser) in an `__esm` initialiser
 * that runs the module the first time it is imported; the rest runs at start-up. The bench
 * builds the same bundle unminified, with each initialiser recording its module, into
 * bench/results/probe/ (inside the repository, so that `yaml` and `ajv` resolve), runs each
 * command with it, and counts: the start-up modules (when the bundle ran at all), the
 * initialised ones, and every file required from node_modules.
 */
async function checkModules(dir) {
  log('  modules loaded…');
  const esbuild = await import('esbuild');
  const probe = join(here, 'results', 'probe');
  const probeCli = join(probe, 'dist', 'cli');
  await rm(probe, { recursive: true, force: true });
  await mkdir(probeCli, { recursive: true });
  const probeMain = join(probeCli, 'main.cjs');
  await esbuild.build({ entryPoints: [join(root, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', outfile: probeMain, logLevel: 'error' });
  let text = await readFile(probeMain, 'utf8');
  const helper = 'var __esm = (fn, res) => function __init() {\n';
  if (!text.includes(helper)) throw new Error('bench: esbuild no longer writes __esm as checkModules expects: update it');
  text = 'globalThis.__benchMain = true;\n' + text.replace(helper, helper + '  if (fn) (globalThis.__benchInit ??= []).push(__getOwnPropNames(fn)[0]);\n');
  await writeFile(probeMain, text);
  await writeFile(join(probeCli, 'bin.cjs'), await readFile(bin));
  await writeFile(join(probe, 'package.json'), await readFile(join(root, 'package.json')));

  // Each `// src/…` section of the bundle, its size, and whether it is wrapped (lazy).
  const marks = [...text.matchAll(/^\/\/ (src\/\S+)$/gm)];
  const sectionBytes = new Map(marks.map((m, i) => [m[1], (marks[i + 1]?.index ?? text.length) - m.index]));
  const wrapped = new Set([...text.matchAll(/__esm\(\{\n\s*"(src\/[^"]+)"\(\)/g)].map((m) => m[1]));
  const eager = [...sectionBytes.keys()].filter((s) => !wrapped.has(s));

  // A project with no x-ecs (nor x-aws, nor ecs-params).
  const plain = join(tmp, 'plain');
  await mkdir(plain, { recursive: true });
  await writeFile(join(plain, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n');
  const backend = (name) => new RegExp(`^src/backends/${name}/`);
  const runs = {
    '--version': { args: ['--version'], forbidden: [/^src\//, /^node_modules\//] },
    'convert --target ecs': { args: convertArgs('ecs', join(tmp, 'mods')), forbidden: [backend('cloudformation'), backend('kubernetes'), /^src\/loader\/yaml-source/, /^node_modules\/yaml\//] },
    'convert --target kubernetes': { args: convertArgs('kubernetes', join(tmp, 'mods-k8s')), forbidden: [backend('cloudformation'), /^src\/backends\/ecs\//] },
    'convert, project without x-ecs': { args: ['convert', '-f', 'compose.yaml', '-o', join(tmp, 'mods-plain')], cwd: plain, forbidden: [backend('cloudformation'), backend('kubernetes'), /^node_modules\/yaml\//] },
  };
  const out = {};
  for (const [name, { args, forbidden, cwd }] of Object.entries(runs)) {
    const logFile = join(tmp, `modules-${Object.keys(out).length}.json`);
    const env = { ...cleanEnv(), BENCH_MODULE_LOG: logFile, COMPOSE2ECS_COMPILE_CACHE: '0' };
    await spawnTimed(['-r', join(here, 'module-log.cjs'), join(probeCli, 'bin.cjs'), ...args], { cwd: cwd ?? dir, env });
    const seen = JSON.parse(await readFile(logFile, 'utf8'));
    const required = seen.required.filter((f) => f.includes('/node_modules/')).map((f) => f.replace(/^.*\/node_modules\//, 'node_modules/'));
    const sources = seen.main ? [...eager, ...seen.init] : [];
    const loaded = [...sources, ...required];
    let bytes = sources.reduce((n, s) => n + (sectionBytes.get(s) ?? 0), 0);
    for (const f of seen.required) bytes += (await readFile(f)).length;
    const bad = loaded.filter((s) => forbidden.some((re) => re.test(s)));
    out[name] = { modules: sources.length, files: seen.required.length, kilobytes: Math.round(bytes / 1024), validators: sources.filter((s) => s.startsWith('src/generated/') && s.endsWith('validator.js')), unneeded: bad, pass: bad.length === 0 };
  }
  await rm(probe, { recursive: true, force: true });
  return out;
}

const exponent = (t1, t5) => Math.log(t5 / t1) / Math.log(5);

function derive(inProcess, backends) {
  const out = { ratioToFloor: {}, growth: {} };
  for (const [n, r] of Object.entries(inProcess)) {
    const parse = r.stages.times['floor read'] + r.stages.times['floor parse'];
    out.ratioToFloor[n] = {};
    for (const b of backends) {
      const floor = parse + r.convert[b].times['floor stringify'];
      out.ratioToFloor[n][b] = { convertMs: r.convert[b].times.convert, floorMs: floor, ratio: r.convert[b].times.convert / floor };
    }
  }
  const a = inProcess[1000];
  const z = inProcess[5000];
  if (a && z) {
    for (const k of Object.keys(a.stages.times)) if (!k.endsWith('(wall)')) out.growth[k] = exponent(a.stages.times[k], z.stages.times[k]);
    for (const b of backends) out.growth[`convert ${b}`] = exponent(a.convert[b].times.convert, z.convert[b].times.convert);
    out.growth.floor = exponent(out.ratioToFloor[1000].ecs.floorMs, out.ratioToFloor[5000].ecs.floorMs);
  }
  return out;
}

function budgets(r) {
  const out = [];
  for (const [b, w] of Object.entries(r.wholeProcess?.targets ?? {})) {
    const limit = BUDGET.wholeProcessRatio[b];
    if (limit !== undefined) out.push({ name: `whole-process convert --target ${b} --layout service, ${BUDGET_SIZE} services ≤ ${limit}× the js-yaml floor`, value: w.ratio, limit, pass: w.ratio <= limit });
  }
  for (const [b, w] of Object.entries(r.peakRss?.targets ?? {})) {
    out.push({ name: `peak RSS, whole-process convert --target ${b}, ${RSS_SIZE} services ≤ ${BUDGET.peakRssMB} MiB`, value: w.convert.maxRssMB, limit: BUDGET.peakRssMB, pass: w.convert.maxRssMB <= BUDGET.peakRssMB });
  }
  for (const b of r.backends) {
    const g = r.derived.growth[`convert ${b}`];
    if (g !== undefined) out.push({ name: `growth exponent 1,000 → 5,000 services, convert --target ${b} ≤ ${BUDGET.growth}`, value: g, limit: BUDGET.growth, pass: g <= BUDGET.growth });
  }
  const small = r.startup[SMALL_CONVERT];
  out.push({ name: `small convert (${r.sizes[0]} services) ≤ ${BUDGET.startupRatio}× node -e 0`, value: small.ratio, limit: BUDGET.startupRatio, pass: small.ratio <= BUDGET.startupRatio });
  for (const [name, m] of Object.entries(r.modules)) {
    out.push({ name: `${name} loads no module it does not need`, value: m.unneeded.length, limit: 0, pass: m.pass, detail: m.unneeded });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The report

const fmtMs = (x) => (x === undefined ? '' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en'));
const fmt2 = (x) => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(2));
const fmtN = (n) => n.toLocaleString('en');

function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => '| ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...rows.map(line)].join('\n') + '\n';
}

function report(r) {
  const ns = r.sizes;
  const ip = r.inProcess;
  const has5k = r.derived.growth && Object.keys(r.derived.growth).length > 0;
  const head = ['in process, CPU ms (median)', ...ns.map(fmtN), ...(has5k ? ['growth 1k→5k'] : [])];
  const stageNames = Object.keys(ip[ns[0]].stages.times).filter((k) => !k.startsWith('floor') && !k.endsWith('(wall)'));
  const rows = [];
  rows.push(['compose.yaml size (KB)', ...ns.map((n) => fmtN(Math.round(ip[n].bytes / 1024))), ...(has5k ? [''] : [])]);
  for (const k of stageNames) rows.push([`  ${k}`, ...ns.map((n) => fmtMs(ip[n].stages.times[k])), ...(has5k ? [fmt2(r.derived.growth[k])] : [])]);
  for (const b of r.backends) rows.push([`convert --target ${b}`, ...ns.map((n) => fmtMs(ip[n].convert[b].times.convert)), ...(has5k ? [fmt2(r.derived.growth[`convert ${b}`])] : [])]);
  rows.push(['floor: read + parse (yaml)', ...ns.map((n) => fmtMs(ip[n].stages.times['floor read'] + ip[n].stages.times['floor parse'])), ...(has5k ? [''] : [])]);
  for (const b of r.backends) rows.push([`floor: + JSON.stringify ${b} docs`, ...ns.map((n) => fmtMs(r.derived.ratioToFloor[n][b].floorMs)), ...(has5k ? [b === 'ecs' ? fmt2(r.derived.growth.floor) : ''] : [])]);
  for (const b of r.backends) rows.push([`ratio ${b} / floor`, ...ns.map((n) => fmt2(r.derived.ratioToFloor[n][b].ratio) + '×'), ...(has5k ? [''] : [])]);
  for (const b of r.backends) rows.push([`peak RSS, convert ${b} (MB)`, ...ns.map((n) => fmtN(Math.round(ip[n].convert[b].maxRssMB))), ...(has5k ? [''] : [])]);
  rows.push(['runs (+ warm-up runs)', ...ns.map((n) => `${r.runs[n].runs} (+${r.runs[n].warmUp})`), ...(has5k ? [''] : [])]);

  let s = `\ncompose2ecs performance — ${r.machine.cpu}, ${r.machine.nproc} cores, ${r.machine.memoryGB} GB, node ${r.machine.node}\n`;
  s += `load average ${r.machine.loadBefore.join(' ')} before, ${r.machine.loadAfter.join(' ')} after\n\n`;
  s += table(head, rows);
  if (r.derived.growth.floor > BUDGET.growth) {
    s += `\nThe floor itself grows with exponent ${fmt2(r.derived.growth.floor)}: yaml's toJS resolves each alias by scanning every\nearlier anchor and alias (O(aliases²); the projects have 1.5 aliases a service), which compose2ecs's walker avoids.\n`;
  }
  for (const w of [r.wholeProcess, r.peakRss]) {
    if (!w) continue;
    const rows = [];
    for (const [b, t] of Object.entries(w.targets)) {
      rows.push([`compose2ecs convert --target ${b} --layout service -o DIR`, fmtMs(t.convert.cpuMs), fmtMs(t.convert.wallMs), fmtN(Math.round(t.convert.maxRssMB))]);
      rows.push(['  floor: node reads, parses (js-yaml), writes the JSON files', fmtMs(t.floor.cpuMs), fmtMs(t.floor.wallMs), fmtN(Math.round(t.floor.maxRssMB))]);
      rows.push(['  floor with yaml instead of js-yaml', fmtMs(t.yamlFloor.cpuMs), fmtMs(t.yamlFloor.wallMs), fmtN(Math.round(t.yamlFloor.maxRssMB))]);
      rows.push([`  ratio to the js-yaml floor (to the yaml floor: ${fmt2(t.ratioToYaml)}×)`, fmt2(t.ratio) + '×', fmt2(t.wallRatio) + '×', '']);
    }
    s += '\n' + table([`whole process, ${fmtN(w.services)} services (median of ${w.runs})`, 'CPU ms', 'wall ms', 'peak RSS MB'], rows);
  }
  s += '\n' + table(['start-up (median of 11)', 'CPU ms', '× node -e 0', 'wall ms', '× node -e 0'], Object.entries(r.startup).map(([k, v]) => [k, fmtMs(v.cpuMs), fmt2(v.ratio) + '×', fmtMs(v.wallMs), fmt2(v.wallRatio) + '×']));
  s += '\n' + table(['modules run', 'src modules', 'files required', 'KB', 'validators'], Object.entries(r.modules).map(([k, v]) => [k, String(v.modules), String(v.files), fmtN(v.kilobytes), v.validators.map((x) => x.replace('src/generated/', '')).join(', ') || '—']));
  s += '\nbudgets\n';
  for (const b of r.budgets) s += `  ${b.pass ? 'PASS' : 'FAIL'}  ${b.name}: ${typeof b.value === 'number' && b.limit !== 0 ? b.value.toFixed(2) : b.value}${b.detail?.length ? ` (${b.detail.join(', ')})` : ''}\n`;
  return s;
}

const tmp = await mkdtemp(join(tmpdir(), 'compose2ecs-bench-'));
try {
  await main();
} finally {
  await rm(tmp, { recursive: true, force: true });
}
