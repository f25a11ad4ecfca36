/**
 * The loader's pipeline: read → parse (positions) → interpolate → schema check → extends
 * (per file) → merge of the -f files → include → profiles → env files → normalize.
 * Every problem becomes a diagnostic; the project is returned whenever one could be built.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { Reporter } from '../diagnostics/report.js';
import type { Project } from '../model/project.js';
import type { Host } from './host.js';
import { defaultHost } from './default-host.js';
import { defaultLimits, type InMemoryFile, type LoadProjectOptions, type LoaderLimits } from './options.js';
import { findDefaultFiles } from './compose-files.js';
import { callerBoundary, readSource } from './read-source.js';
import { readYaml } from './yaml-read.js';
import { interpolateString, interpolateTree, type Lookup } from './interpolate.js';
import { checkSchema } from './schema-check.js';
import { mergeCompose, withoutMergeTags } from './merge.js';
import { resolveExtends, type LoadedFile } from './extends.js';
import { chooseProjectName, isValidProjectName } from './project-name.js';
import { applyProfiles, reportNoServices } from './profiles.js';
import { applyIncludes } from './include.js';
import { envFileKey, readEnvironment, readServiceEnvFiles } from './environment.js';
import { normalizeProject } from './normalize/index.js';
import { readProjectFiles } from './project-files.js';
import { ensureSource, locate, type SourceFile, type SourceRange } from '../core/source.js';
import { getOwn, isMapping } from '../core/own.js';

/** The result of loading: the normalized project (when one could be built) and every finding. */
export interface LoadProjectResult {
  project?: Project;
  diagnostics: Diagnostic[];
}

/**
 * Reads compose files into the normalized project model, exactly as `docker compose` reads them.
 *
 * @example
 * const { project, diagnostics } = await loadProject({ files: ['compose.yaml'], env: process.env });
 * if (project) console.log(Object.keys(project.services));
 */
export async function loadProject(options: LoadProjectOptions = {}): Promise<LoadProjectResult> {
  const reporter = new Reporter();
  try {
    const project = await load(options, reporter);
    return project ? { project, diagnostics: reporter.diagnostics } : { diagnostics: reporter.diagnostics };
  } catch (e) {
    // A throw here is a bug in us, never the user's fault: say so instead of crashing the caller.
    reporter.error('INTERNAL_ERROR', `internal error in compose2ecs (please report it): ${(e as Error)?.stack ?? String(e)}`);
    return { diagnostics: reporter.diagnostics };
  }
}

/** Shared state of one load, used by the per-file pipeline, extends and include. */
export interface LoadContext {
  host: Host;
  reporter: Reporter;
  limits: LoaderLimits;
  /** Directory reads must stay inside, unless allowed. */
  boundary: string | undefined;
  /** Files already loaded, by absolute path and lookup, so an extends target is read once. */
  cache: Map<string, Promise<LoadedFile | undefined>>;
  /** The includes already applied anywhere in this load (files, directory, env files), by key. */
  includesApplied: Set<string>;
}

async function load(options: LoadProjectOptions, reporter: Reporter): Promise<Project | undefined> {
  // One file alone is a list of one: `files: 'compose.yaml'` was read as a list of characters (INTERNAL_ERROR).
  const files: ReadonlyArray<string | InMemoryFile> = options.files === undefined ? [] : Array.isArray(options.files) ? options.files : [options.files as string | InMemoryFile];
  const host = withMemoryFiles(options.host ?? (await defaultHost()), files);
  const limits: LoaderLimits = { ...defaultLimits, ...options.limits };
  const cwd = host.cwd();
  const env = options.env ?? {};

  let paths = files.map((f) => host.resolve(cwd, typeof f === 'string' ? f : f.path));
  if (paths.length === 0) {
    const fromEnv = env.COMPOSE_FILE;
    if (fromEnv) paths = fromEnv.split(env.COMPOSE_PATH_SEPARATOR ?? ':').filter(Boolean).map((p) => host.resolve(cwd, p));
    else paths = (await findDefaultFiles(host, cwd, reporter)) ?? [];
  }
  if (paths.length === 0) return undefined;
  const projectDir = options.projectDirectory ? host.resolve(cwd, options.projectDirectory) : host.dirname(paths[0] as string);
  const ctx: LoadContext = { host, reporter, limits, boundary: options.allowOutsideProject ? undefined : projectDir, cache: new Map(), includesApplied: new Set() };

  const dotenv = await readEnvironment(ctx, projectDir, options.envFiles?.map((f) => host.resolve(cwd, f)), env);
  const baseLookup: Lookup = (name) => (Object.hasOwn(env, name) ? env[name] : undefined) ?? dotenv.get(name);

  // Parse every file first: the project name (which interpolation may use as
  // COMPOSE_PROJECT_NAME) can come from a top-level `name` in any of them.
  const parsed: { file: SourceFile; docs: Record<string, unknown>[] }[] = [];
  for (const path of paths) {
    const file = await readSource(host, { path, what: 'compose file', within: callerBoundary(ctx.boundary, path) }, reporter, limits);
    if (!file) continue;
    const docs = mappings(await readYaml(file, reporter, limits), file, reporter);
    // One file over the limit is refused before the costly stages (interpolation, schema, extends).
    if (docs.some((doc) => tooManyServices(doc, limits, reporter))) return undefined;
    parsed.push({ file, docs });
  }
  if (parsed.length === 0) return undefined;

  const name = chooseName(options, baseLookup, parsed, host, projectDir, reporter);
  // 04-version-and-name: the chosen name (-p, COMPOSE_PROJECT_NAME, top-level name or directory,
  // in that order) is what ${COMPOSE_PROJECT_NAME} means, as in compose-go.
  const lookup: Lookup = (v) => (v === 'COMPOSE_PROJECT_NAME' ? name : baseLookup(v));

  let merged: Record<string, unknown> | undefined;
  for (const { file, docs } of parsed) {
    for (const doc of docs) {
      const root = await prepareFile(ctx, doc, { file, dir: projectDir, lookup });
      // The parsed files are not read again: the merge may keep their values instead of copying them.
      merged = merged ? mergeCompose(merged, root, reporter, { reuse: true }) : withoutMergeTags(root, { reuse: true });
    }
  }
  // Let the parsed trees go before include, profiles and normalize (a 5,000-service project
  // kept ~70 MB of them alive through normalize).
  parsed.length = 0;
  if (!merged) merged = {};
  await applyIncludes(ctx, merged, { dir: projectDir, lookup, chain: paths, depth: 0 });
  if (tooManyServices(merged, limits, reporter)) return undefined;

  const active = options.profiles ?? (lookup('COMPOSE_PROFILES') ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const wouldEnable = applyProfiles(merged, active, reporter);
  if (!reporter.hasErrors) reportNoServices(merged, wouldEnable, active, reporter);
  const envFiles = await readServiceEnvFiles(ctx, merged, projectDir, lookup);

  const pathCtx = { workingDir: projectDir, resolve: host.resolve, isAbsolute: host.isAbsolute, ...(options.home !== undefined ? { home: options.home } : {}) };
  // `consume`: merged is not read again, so each raw service may go once it is normalized.
  const project = normalizeProject(merged, { ...pathCtx, reporter, projectName: name, lookup, envFiles: (p, raw) => envFiles.get(envFileKey(p, raw)) }, { consume: true });
  await readProjectFiles(project, host, projectDir, lookup);
  return project;
}

/**
 * The per-file pipeline after parsing: interpolation with the file's lookup, the schema
 * check, then `extends` within and across files.
 */
export async function prepareFile(ctx: LoadContext, doc: Record<string, unknown>, at: { file: SourceFile; dir: string; lookup: Lookup }): Promise<Record<string, unknown>> {
  interpolateTree(doc, at.lookup, ctx.reporter);
  checkSchema(doc, ctx.reporter);
  const self: LoadedFile = { root: doc, file: at.file, dir: at.dir };
  const loadFile = (path: string, from?: SourceRange): Promise<LoadedFile | undefined> => loadOtherFile(ctx, path, at.lookup, from);
  return resolveExtends(doc, self, loadFile, ctx.host, ctx.reporter);
}

/** Reads, parses and prepares a file referenced by `extends: {file}`, once per path. */
async function loadOtherFile(ctx: LoadContext, path: string, lookup: Lookup, from?: SourceRange): Promise<LoadedFile | undefined> {
  const cached = ctx.cache.get(path);
  if (cached) return cached;
  const promise = (async (): Promise<LoadedFile | undefined> => {
    const file = await readSource(ctx.host, { path, what: 'compose file', from, within: ctx.boundary }, ctx.reporter, ctx.limits);
    if (!file) return undefined;
    const docs = mappings(await readYaml(file, ctx.reporter, ctx.limits), file, ctx.reporter);
    const dir = ctx.host.dirname(path);
    let root: Record<string, unknown> | undefined;
    for (const doc of docs) {
      interpolateTree(doc, lookup, ctx.reporter);
      checkSchema(doc, ctx.reporter);
      root = root ? mergeCompose(root, doc, ctx.reporter) : withoutMergeTags(doc);
    }
    return { root: root ?? {}, file, dir };
  })();
  ctx.cache.set(path, promise);
  return promise;
}

/** Nothing but blank lines, comments and document markers. */
function isBlank(text: string): boolean {
  return /^(?:[ \t]*(?:#[^\n]*)?\r?\n|(?:---|\.\.\.)[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:#[^\n]*)?$/.test(text);
}

/** Reports a project (or one file of it) with more services than `maxServices`, at the first service over. */
function tooManyServices(root: Record<string, unknown>, limits: LoaderLimits, reporter: Reporter): boolean {
  const services = getOwn(root, 'services');
  if (!isMapping(services)) return false;
  const names = Object.keys(services);
  if (names.length <= limits.maxServices) return false;
  const over = names[limits.maxServices] as string;
  reporter.error(
    'SERVICE_LIMIT',
    `the project has ${names.length} services, over the limit of ${limits.maxServices} (limit maxServices); it is not loaded. Split it into several projects, or raise the limit (the maxServices option of the library)`,
    locate(root, ['services', over], { key: true }),
    ['services', over],
  );
  return true;
}

/** Keeps the documents that are mappings (an empty document is an empty mapping). */
export function mappings(docs: unknown[], file: SourceFile, reporter: Reporter): Record<string, unknown>[] {
  // docker compose refuses an empty file ("empty compose file"); converting it wrote nothing, with exit 0.
  if (isBlank(file.text)) reporter.error('FILE_EMPTY', `compose file ${file.path} is empty: it has no services (nothing but blank lines and comments)`, { file, start: 0, end: 0 });
  const out: Record<string, unknown>[] = [];
  for (const doc of docs) {
    if (doc === null) {
      const empty = {};
      ensureSource(empty, { file, start: 0, end: 0 });
      out.push(empty);
    } else if (isMapping(doc)) out.push(doc);
    else reporter.error('YAML_NOT_MAPPING', `a compose file must be a mapping (services:, networks:, …), not a ${Array.isArray(doc) ? 'sequence' : typeof doc}`, { file, start: 0, end: file.text.length });
  }
  return out;
}

function chooseName(
  options: LoadProjectOptions,
  lookup: Lookup,
  parsed: { file: SourceFile; docs: Record<string, unknown>[] }[],
  host: Host,
  projectDir: string,
  reporter: Reporter,
): string {
  let fromFile: { value: string; doc: Record<string, unknown> } | undefined;
  for (const { docs } of parsed) {
    for (const doc of docs) {
      const n = getOwn(doc, 'name');
      if (typeof n === 'string') fromFile = { value: n, doc };
    }
  }
  let fileName: string | undefined;
  if (fromFile) {
    const { value, issues } = interpolateString(fromFile.value, lookup);
    fileName = issues.length === 0 ? value : undefined;
  }
  const chosen = chooseProjectName({ option: options.projectName, environment: lookup('COMPOSE_PROJECT_NAME'), file: fileName, directory: host.basename(projectDir) });
  if (!isValidProjectName(chosen.name)) {
    const where = chosen.source === 'file' && fromFile ? locate(fromFile.doc, ['name']) : undefined;
    const how = { option: 'the -p option', environment: 'COMPOSE_PROJECT_NAME', file: 'the top-level name', directory: 'the project directory name' }[chosen.source];
    reporter.error(
      'COMPOSE_PROJECT_NAME',
      chosen.name === ''
        ? `no project name could be derived from ${how}; set a top-level name or use -p`
        : `invalid project name "${chosen.name}" (from ${how}): use only lowercase letters, digits, dashes and underscores, starting with a letter or digit`,
      where,
      chosen.source === 'file' ? ['name'] : undefined,
    );
  }
  return chosen.name;
}

/** Serves in-memory files first, the host for everything else (env files, includes). */
function withMemoryFiles(host: Host, files: ReadonlyArray<string | InMemoryFile>): Host {
  const memory = new Map<string, Uint8Array>();
  const cwd = host.cwd();
  for (const f of files) {
    if (typeof f === 'string') continue;
    memory.set(host.resolve(cwd, f.path), typeof f.contents === 'string' ? new TextEncoder().encode(f.contents) : f.contents);
  }
  if (memory.size === 0) return host;
  return {
    ...host,
    readFile: async (p, maxBytes) => memory.get(p) ?? host.readFile(p, maxBytes),
    exists: async (p) => memory.has(p) || host.exists(p),
  };
}
