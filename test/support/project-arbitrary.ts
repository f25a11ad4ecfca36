/**
 * Whole compose projects of several files, all valid: a `compose.yaml` (from a generated
 * compose file) that includes another project (`included/compose.yaml`, with its own `.env`
 * and side files), whose services extend a service of `shared/base.yaml` (which may itself
 * extend another there, and reads `shared/common.env`), with some services behind profiles,
 * values interpolated from `.env` and from the caller's environment (`${V}`, `${V:-d}`,
 * `${V:+a}`, `$${V}`), and a `compose.override.yaml` that adds to services, `!reset`s a key
 * and `!override`s one. Either the -f files are given, or the loader finds compose.yaml and
 * its override itself; profiles come from the options or from COMPOSE_PROFILES in `.env`.
 *
 * `expected` says what loading the project must give: which services, and the environment
 * values the interpolation, extends and the override file put there.
 *
 * @example
 * fc.assert(fc.asyncProperty(composeProject(), async (p) => {
 *   const { project } = await loadProject({ host: memoryHost(projectFiles(p, '/p'), '/p'), ...loadOptions(p) });
 *   expect(Object.keys(project!.services).sort()).toEqual(p.expected.services);
 * }));
 */
import fc from 'fast-check';
import { Document, type Node } from 'yaml';
import { composeFile, sideFiles, toYaml, type ComposeDoc } from './arbitraries.js';

export interface ComposeProject {
  /** Every file, by path relative to the project directory. */
  files: Record<string, string>;
  /** The -f files; undefined: the loader finds compose.yaml and compose.override.yaml. */
  composeFiles?: string[];
  /** --profile; undefined: COMPOSE_PROFILES (from `.env`), if any. */
  profiles?: string[];
  /** The caller's environment (wins over `.env`). */
  env: Record<string, string>;
  expected: {
    /** The services of the loaded model, sorted. */
    services: string[];
    /** Environment entries some services must have. */
    environment: Record<string, Record<string, string>>;
  };
}

/** The files of `project` at absolute paths under `dir`, for memoryHost. */
export function projectFiles(project: ComposeProject, dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(project.files).map(([path, text]) => [`${dir}/${path}`, text]));
}

/** The loadProject / convert options of `project` (files, profiles, env). */
export function loadOptions(project: ComposeProject, dir: string): { files?: string[]; profiles?: string[]; env: Record<string, string> } {
  return {
    ...(project.composeFiles ? { files: project.composeFiles.map((f) => `${dir}/${f}`) } : {}),
    ...(project.profiles ? { profiles: project.profiles } : {}),
    env: project.env,
  };
}

const SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'] as const;
const names = (doc: ComposeDoc) => SECTIONS.flatMap((s) => Object.keys((doc[s] as object | undefined) ?? {}));

/** Two files whose resources have no name in common (include reports a clash). */
const disjoint = ([a, b]: [ComposeDoc, ComposeDoc]) => {
  const own = new Set(names(a));
  return names(b).every((n) => !own.has(n));
};

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The services `svc` refers to by name: depends_on, links, volumes_from, `service:` namespaces, extends in its file. */
function referencesOf(svc: Record<string, unknown>): string[] {
  const out: string[] = [];
  const d = svc.depends_on;
  if (Array.isArray(d)) out.push(...(d as string[]));
  else if (isMap(d)) out.push(...Object.keys(d));
  for (const l of (svc.links as string[] | undefined) ?? []) out.push(l.split(':')[0] as string);
  for (const v of (svc.volumes_from as string[] | undefined) ?? []) if (!v.startsWith('container:')) out.push(v.split(':')[0] as string);
  for (const k of ['network_mode', 'ipc', 'pid', 'uts']) if (typeof svc[k] === 'string' && (svc[k] as string).startsWith('service:')) out.push((svc[k] as string).slice(8));
  const ext = svc.extends;
  if (typeof ext === 'string') out.push(ext);
  else if (isMap(ext) && typeof ext.service === 'string' && ext.file === undefined) out.push(ext.service);
  return out;
}

/** Adds `entries` to a service's environment, in the form (list or mapping) it uses. */
function addEnvironment(svc: Record<string, unknown>, entries: Record<string, string>): void {
  const env = svc.environment;
  if (Array.isArray(env)) svc.environment = [...env.filter((e) => !Object.hasOwn(entries, String(e).split('=')[0] as string)), ...Object.entries(entries).map(([k, v]) => `${k}=${v}`)];
  else svc.environment = { ...((env as Record<string, unknown> | undefined) ?? {}), ...entries };
}

/** The base file services extend across files: `common`, which may extend `root` in the same file. */
const baseFile = fc.record({ chained: fc.boolean(), healthcheck: fc.boolean(), workdir: fc.constantFrom('/srv', '/app') }).map(({ chained, healthcheck, workdir }) => {
  const common: Record<string, unknown> = {
    image: 'busybox:1.36',
    environment: { COMMON_FROM: 'base' },
    env_file: 'common.env', // relative to shared/, where base.yaml is
    labels: { 'com.example.base': 'common' },
    working_dir: workdir,
  };
  if (healthcheck) common.healthcheck = { test: ['CMD', 'true'], interval: '10s' };
  const services: Record<string, unknown> = { common };
  if (chained) {
    services.root = { image: 'busybox:1.36', environment: { ROOT_FROM: 'base-root' } };
    common.extends = 'root';
  }
  return { doc: { services }, chained };
});

interface Choices {
  main: ComposeDoc;
  included: ComposeDoc;
  base: { doc: { services: Record<string, unknown> }; chained: boolean };
  extendPicks: boolean[];
  profilePicks: boolean[];
  profileMode: 'none' | 'debug' | 'all' | 'dotenv';
  dependOnIncluded: boolean;
  includeLong: boolean;
  discovered: boolean;
  callerGreeting: boolean;
  escaped: boolean;
  resetPick: number;
  overridePick: number;
}

/**
 * A valid project of several files (see the module comment), from two compose files drawn
 * from `file` (composeFile() by default; ecsComposeFile() for projects ECS can take).
 */
export function composeProject(file: fc.Arbitrary<ComposeDoc> = composeFile()): fc.Arbitrary<ComposeProject> {
  return fc
    .record({
      docs: fc.tuple(file, file).filter(disjoint),
      base: baseFile,
      extendPicks: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      profilePicks: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      profileMode: fc.constantFrom('none' as const, 'debug' as const, 'all' as const, 'dotenv' as const),
      dependOnIncluded: fc.boolean(),
      includeLong: fc.boolean(),
      discovered: fc.boolean(),
      callerGreeting: fc.boolean(),
      escaped: fc.boolean(),
      resetPick: fc.nat(),
      overridePick: fc.nat(),
    })
    .map(({ docs: [main, included], ...rest }) => build({ main: structuredClone(main), included: structuredClone(included), ...rest }));
}

function build(c: Choices): ComposeProject {
  const { main, included } = c;
  const mainNames = Object.keys(main.services);
  const first = mainNames[0] as string;
  const expectedEnv: Record<string, Record<string, string>> = {};
  const expect = (service: string, entries: Record<string, string>) => (expectedEnv[service] = { ...(expectedEnv[service] ?? {}), ...entries });

  // Interpolation, on the first service (never behind a profile): .env, the caller's
  // environment over .env, defaults, alternatives and the $$ escape.
  const greeting = c.callerGreeting ? 'hello from the caller' : 'hello from .env';
  addEnvironment(main.services[first] as Record<string, unknown>, {
    PROJECT_GREETING: '${GREETING}',
    PROJECT_DEFAULTED: '${UNSET_VARIABLE:-fallback}',
    PROJECT_ALTERNATIVE: '${GREETING:+greeting is set}',
    ...(c.escaped ? { PROJECT_LITERAL: '$${GREETING}' } : {}),
  });
  expect(first, { PROJECT_GREETING: greeting, PROJECT_DEFAULTED: 'fallback', PROJECT_ALTERNATIVE: 'greeting is set', ...(c.escaped ? { PROJECT_LITERAL: '${GREETING}' } : {}) });

  // extends across files: services that extend nothing yet take `common` from shared/base.yaml.
  mainNames.forEach((name, i) => {
    const svc = main.services[name] as Record<string, unknown>;
    if (!c.extendPicks[i] || svc.extends !== undefined) return;
    svc.extends = { file: 'shared/base.yaml', service: 'common' };
    const env: Record<string, string> = { COMMON_FROM: 'base', COMMON_FILE: 'from shared/common.env' };
    if (c.base.chained) env.ROOT_FROM = 'base-root';
    expect(name, env);
  });

  // profiles: on services nothing else refers to (an inactive service must not be needed).
  const referenced = new Set(Object.values(main.services).flatMap(referencesOf));
  const profiled = mainNames.filter((n, i) => i > 0 && c.profilePicks[i] && !referenced.has(n));
  for (const n of profiled) (main.services[n] as Record<string, unknown>).profiles = ['debug'];
  const active = c.profileMode !== 'none';

  // include: the other file as a project of its own, in included/, with its own .env.
  const includedNames = Object.keys(included.services);
  const incFirst = includedNames[0] as string;
  (included.services[incFirst] as Record<string, unknown>).image = 'busybox:${INCLUDED_TAG}';
  addEnvironment(included.services[incFirst] as Record<string, unknown>, { INCLUDED_FROM: '${INCLUDED_TAG:-unset}' });
  expect(incFirst, { INCLUDED_FROM: '3.19' });
  main.include = [c.includeLong ? { path: 'included/compose.yaml', env_file: 'included/.env' } : 'included/compose.yaml'];
  const firstSvc = main.services[first] as Record<string, unknown>;
  if (c.dependOnIncluded && firstSvc.depends_on === undefined) firstSvc.depends_on = [incFirst];

  // The override file: adds an environment entry and a label to every service of compose.yaml,
  // resets one key and overrides another.
  const override = new Document({ services: Object.fromEntries(mainNames.map((n) => [n, { environment: { OVERRIDE_APPLIED: 'yes' }, labels: { 'com.example.override': 'applied' } }])) });
  for (const n of mainNames) expect(n, { OVERRIDE_APPLIED: 'yes' });
  const resettable = mainNames.flatMap((n) => ['working_dir', 'user', 'stop_grace_period', 'x-note', 'init'].filter((k) => Object.hasOwn(main.services[n] as object, k)).map((k) => [n, k] as const));
  const reset = resettable[c.resetPick % Math.max(1, resettable.length)];
  const tagged = (value: unknown, tag: string): Node => {
    const node = override.createNode(value) as Node;
    node.tag = tag;
    return node;
  };
  if (reset) override.setIn(['services', reset[0], reset[1]], tagged(null, '!reset'));
  const target = mainNames[c.overridePick % mainNames.length] as string;
  override.setIn(['services', target, 'command'], tagged(['echo', 'overridden'], '!override'));

  const dotenv = ['GREETING=hello from .env', 'TAG=1.25', ...(c.profileMode === 'dotenv' ? ['COMPOSE_PROFILES=debug'] : [])].join('\n') + '\n';
  const files: Record<string, string> = {
    'compose.yaml': toYaml(main),
    'compose.override.yaml': override.toString({ lineWidth: 0 }),
    '.env': dotenv,
    'shared/base.yaml': toYaml(c.base.doc),
    'shared/common.env': 'COMMON_FILE=from shared/common.env\n',
    'included/compose.yaml': toYaml(included),
    'included/.env': 'INCLUDED_TAG=3.19\n',
    ...relative(sideFiles('.')),
    ...relative(sideFiles('included')),
  };
  const services = [...mainNames.filter((n) => active || !profiled.includes(n)), ...includedNames].sort();
  return {
    files,
    ...(c.discovered ? {} : { composeFiles: ['compose.yaml', 'compose.override.yaml'] }),
    ...(c.profileMode === 'debug' ? { profiles: ['debug'] } : c.profileMode === 'all' ? { profiles: ['*'] } : {}),
    env: c.callerGreeting ? { GREETING: greeting } : {},
    expected: { services, environment: Object.fromEntries(Object.entries(expectedEnv).filter(([n]) => services.includes(n))) },
  };
}

const relative = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, t]) => [p.replace(/^\.\//, ''), t]));
