/**
 * 14-include: each included file is loaded as its own project (its own directory, its own
 * `.env`), then its resources are copied into this one. A name defined both here and in an
 * included file is reported and the local definition kept (the spec: "doesn't try to merge").
 */
import type { LoadContext } from './load-project.js';
import { mappings, prepareFile } from './load-project.js';
import type { Lookup } from './interpolate.js';
import { readSource } from './read-source.js';
import { readYaml } from './yaml-read.js';
import { mergeCompose, withoutMergeTags } from './merge.js';
import { rebaseServicePaths } from './extends.js';
import { parseEnvFile } from './env-file.js';
import { copyChildSource, displayPath, ensureSource, locate } from '../core/source.js';
import { getOwn, isMapping, setOwn } from '../core/own.js';

const RESOURCES = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'] as const;

export interface IncludeScope {
  /** Project directory of the file whose includes are applied. */
  dir: string;
  lookup: Lookup;
  /** Files on the current include path, for cycle detection. */
  chain: readonly string[];
  depth: number;
}

interface IncludeEntry {
  paths: string[];
  projectDirectory?: string;
  envFiles?: string[];
}

function readEntry(e: unknown): IncludeEntry | undefined {
  if (typeof e === 'string') return { paths: [e] };
  if (!isMapping(e)) return undefined;
  const p = e.path;
  const paths = typeof p === 'string' ? [p] : Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string') : [];
  if (paths.length === 0) return undefined;
  const entry: IncludeEntry = { paths };
  if (typeof e.project_directory === 'string') entry.projectDirectory = e.project_directory;
  const env = e.env_file;
  if (typeof env === 'string') entry.envFiles = [env];
  else if (Array.isArray(env)) entry.envFiles = env.filter((x): x is string => typeof x === 'string');
  return entry;
}

/** Applies the `include` section of `root` in place (recursively), then removes it. */
export async function applyIncludes(ctx: LoadContext, root: Record<string, unknown>, scope: IncludeScope): Promise<void> {
  const list = getOwn(root, 'include');
  if (!Array.isArray(list)) return;
  delete root.include;
  for (let i = 0; i < list.length; i++) {
    const at = ['include', i];
    const range = locateIn(list, i);
    const entry = readEntry(list[i]);
    if (!entry) continue; // the schema check has reported it
    if (scope.depth >= ctx.limits.maxIncludeDepth) {
      ctx.reporter.error('INCLUDE_DEPTH_LIMIT', `include is nested more than ${ctx.limits.maxIncludeDepth} levels deep (limit maxIncludeDepth)`, range, at);
      continue;
    }
    // Relative paths of an entry start from the directory of the file that declares it.
    const declaringDir = range ? ctx.host.dirname(range.file.path) : scope.dir;
    const paths = entry.paths.map((p) => ctx.host.resolve(declaringDir, p));
    const cycle = paths.find((p) => scope.chain.includes(p));
    if (cycle) {
      const from = scope.chain.indexOf(cycle);
      ctx.reporter.error('INCLUDE_CYCLE', `include cycle: ${[...scope.chain.slice(from), cycle].join(' → ')}`, range, at);
      continue;
    }
    const subDir = entry.projectDirectory ? ctx.host.resolve(declaringDir, entry.projectDirectory) : ctx.host.dirname(paths[0] as string);
    const envPaths = entry.envFiles?.map((f) => ctx.host.resolve(declaringDir, f));
    // The same include (files, directory, env files) applied again anywhere in this load adds
    // nothing: the first import of a name always wins, so a second copy would only conflict.
    // Skipping it keeps include linear: files that each include the next twice would
    // otherwise load 2^depth times.
    const key = JSON.stringify([paths, subDir, envPaths ?? null]);
    const seen = ctx.includesApplied;
    if (seen.has(key)) continue;
    seen.add(key);
    const subLookup = await includeLookup(ctx, scope.lookup, subDir, envPaths);
    let sub: Record<string, unknown> | undefined;
    for (const path of paths) {
      const file = await readSource(ctx.host, { path, what: 'included compose file', from: range, within: ctx.boundary }, ctx.reporter, ctx.limits);
      if (!file) continue;
      for (const doc of mappings(await readYaml(file, ctx.reporter, ctx.limits), file, ctx.reporter)) {
        const prepared = await prepareFile(ctx, doc, { file, dir: subDir, lookup: subLookup });
        sub = sub ? mergeCompose(sub, prepared, ctx.reporter) : withoutMergeTags(prepared);
      }
    }
    if (!sub) continue;
    await applyIncludes(ctx, sub, { dir: subDir, lookup: subLookup, chain: [...scope.chain, ...paths], depth: scope.depth + 1 });
    absolutizeResources(ctx, sub, subDir);
    importResources(ctx, root, sub);
  }
}

function locateIn(list: unknown[], i: number) {
  return locate(list, [i]);
}

/**
 * The included project's environment: the including project's variables win, then the
 * include's env_file(s) (default: `.env` in its project directory).
 */
async function includeLookup(ctx: LoadContext, parent: Lookup, dir: string, envFiles: string[] | undefined): Promise<Lookup> {
  const values = new Map<string, string>();
  const paths = envFiles ?? [];
  if (!envFiles) {
    const dotenv = ctx.host.resolve(dir, '.env');
    if (await ctx.host.exists(dotenv)) paths.push(dotenv);
  }
  const lookup: Lookup = (name) => parent(name) ?? values.get(name);
  for (const p of paths) {
    const file = await readSource(ctx.host, { path: p, what: 'env file', within: ctx.boundary }, ctx.reporter, ctx.limits);
    if (file) for (const [k, v] of parseEnvFile(file, ctx.reporter, { lookup })) values.set(k, v);
  }
  return lookup;
}

/** Relative paths of the included project are made absolute against its own directory. */
function absolutizeResources(ctx: LoadContext, sub: Record<string, unknown>, dir: string): void {
  const services = getOwn(sub, 'services');
  if (isMapping(services)) {
    for (const svc of Object.values(services)) if (isMapping(svc)) rebaseServicePaths(svc, dir, ctx.host);
  }
  for (const kind of ['secrets', 'configs'] as const) {
    const defs = getOwn(sub, kind);
    if (!isMapping(defs)) continue;
    for (const def of Object.values(defs)) {
      if (isMapping(def) && typeof def.file === 'string' && !ctx.host.isAbsolute(def.file)) {
        def.file = ctx.host.resolve(dir, def.file);
      }
    }
  }
}

function importResources(ctx: LoadContext, root: Record<string, unknown>, sub: Record<string, unknown>): void {
  for (const kind of RESOURCES) {
    const incoming = getOwn(sub, kind);
    if (!isMapping(incoming)) continue;
    let target = getOwn(root, kind);
    if (!isMapping(target)) {
      target = {};
      ensureSource(target as object);
      setOwn(root, kind, target);
      copyChildSource(sub, kind, root, kind);
    }
    const into = target as Record<string, unknown>;
    for (const [name, def] of Object.entries(incoming)) {
      if (Object.hasOwn(into, name)) {
        const path = [kind, name];
        // Reported at the included definition, the one that is dropped.
        ctx.reporter.warn('INCLUDE_CONFLICT', `${displayPath(path)} is also defined by the project that includes this file; this definition is ignored (include does not merge)`, locate(sub, path, { key: true }) ?? locate(root, path, { key: true }), path);
        continue;
      }
      setOwn(into, name, def);
      copyChildSource(incoming, name, into, name);
    }
  }
}
