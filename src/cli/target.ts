/**
 * `--target`: a built-in backend by name, or a third-party backend module by path (`./x.mjs`,
 * `/abs/x.mjs`, relative to the working directory) or package name. The module is imported
 * here, in the CLI, never by the core; its `backend` export or default export is used, and a
 * plain object with `name` and `emit` is enough.
 */
import type { Backend, EmitResult, Output } from '../backends/backend.js';
import type { BuiltinTarget } from '../convert.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { UsageError } from './args.js';
import { defaultImportModule, type ImportModule } from './import-module.js';
import type * as Fs from 'node:fs';
import type * as NodeModule from 'node:module';
import type * as Path from 'node:path';
import type * as Url from 'node:url';

export const BUILTIN_TARGETS: readonly BuiltinTarget[] = ['ecs', 'cloudformation', 'kubernetes'];

/** A loaded target: a built-in name, a backend object, or the reason the module failed. */
export type ResolvedTarget = { target: BuiltinTarget | Backend } | { failed: string };

/** The Node modules target loading needs, imported only when a module is the target. */
async function node(importModule: ImportModule) {
  // Through importModule, like the backend itself: the launcher's code has no import() of its own.
  const [fs, module, path, url] = (await Promise.all(['node:fs', 'node:module', 'node:path', 'node:url'].map(importModule))) as [typeof Fs, typeof NodeModule, typeof Path, typeof Url];
  return { existsSync: fs.existsSync, readFileSync: fs.readFileSync, createRequire: module.createRequire, dirname: path.dirname, join: path.join, resolve: path.resolve, pathToFileURL: url.pathToFileURL };
}
type NodeApi = Awaited<ReturnType<typeof node>>;

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

function isPath(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec);
}

/** The entry file of an installed package, for ESM packages too (whose exports may have only `import`). */
function resolvePackage(spec: string, cwd: string, { createRequire, join, existsSync, readFileSync, dirname }: NodeApi): string | undefined {
  try {
    return createRequire(join(cwd, 'noop.js')).resolve(spec);
  } catch {
    // An ESM-only package: read its exports by hand.
  }
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = ['.', ...parts.slice(nameLength)].join('/');
  for (let dir = cwd; ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', name);
    if (existsSync(join(root, 'package.json'))) {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: unknown; main?: string; module?: string };
      const entry = pkg.exports !== undefined ? exportTarget(pkg.exports, subpath) : subpath === '.' ? (pkg.module ?? pkg.main ?? 'index.js') : subpath;
      return entry === undefined ? undefined : join(root, entry);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function exportTarget(exports: unknown, subpath: string): string | undefined {
  const pick = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(pick).find((x) => x !== undefined);
    if (typeof v !== 'object' || v === null) return undefined;
    for (const cond of ['import', 'node', 'default']) if (Object.hasOwn(v, cond)) return pick((v as Record<string, unknown>)[cond]);
    return undefined;
  };
  if (typeof exports === 'string' || Array.isArray(exports)) return subpath === '.' ? pick(exports) : undefined;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const keys = Object.keys(exports);
  if (keys.some((k) => k.startsWith('.'))) return Object.hasOwn(exports, subpath) ? pick((exports as Record<string, unknown>)[subpath]) : undefined;
  return subpath === '.' ? pick(exports) : undefined;
}

function isBackend(v: unknown): v is Backend {
  return typeof v === 'object' && v !== null && typeof (v as Backend).name === 'string' && typeof (v as Backend).emit === 'function';
}

/**
 * Resolves `--target`. A name or path that leads nowhere, or a module that exports no
 * backend, is a usage error; a module that throws while loading is reported as failed.
 */
export async function resolveTarget(spec: string, cwd: string, importModule: ImportModule = defaultImportModule): Promise<ResolvedTarget> {
  if ((BUILTIN_TARGETS as readonly string[]).includes(spec)) return { target: spec as BuiltinTarget };
  const api = await node(importModule);
  const file = isPath(spec) ? api.resolve(cwd, spec) : resolvePackage(spec, cwd, api);
  if (file === undefined || !api.existsSync(file)) {
    const what = isPath(spec) ? `no such file ${file ?? spec}` : `no package "${spec}" is installed here`;
    throw new UsageError(`--target ${spec}: ${what}; use ecs, cloudformation, kubernetes, a backend module's path (./my-backend.mjs) or an installed package`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(api.pathToFileURL(file).href);
  } catch (e) {
    return { failed: `--target ${spec}: the module failed to load: ${(e as Error)?.message ?? String(e)}` };
  }
  const backend = [mod.backend, mod.default, (mod.default as Record<string, unknown> | undefined)?.backend].find(isBackend);
  if (!backend) throw new UsageError(`--target ${spec}: the module exports no backend (export \`backend\` or a default export: an object with a name and an emit function)`);
  return { target: guarded(backend) };
}

/** An output path that stays inside --out: relative, no `..`, no empty segment. */
export function isSafeOutputPath(path: string): boolean {
  if (path === '' || isAbsolute(path) || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/**
 * A third-party backend whose failures become BACKEND_FAILED findings: a throw, or a result
 * that is not `{ outputs: [{ path, contents }], diagnostics }`.
 */
function guarded(backend: Backend): Backend {
  // Every declaration the module makes travels with it (a field list here had to grow with each
  // new one); a malformed one is dropped rather than trusted.
  const declared: Backend = { ...backend };
  if (!Array.isArray(declared.layers)) delete declared.layers;
  if (typeof declared.codes !== 'object' || declared.codes === null) delete declared.codes;
  if (typeof declared.options !== 'object' || declared.options === null) delete declared.options;
  return {
    ...declared,
    async emit(ir, options) {
      const failed = (why: string): Diagnostic => ir.diagnostic('BACKEND_FAILED', 'error', `backend "${backend.name}" ${why}`);
      let result: EmitResult;
      try {
        result = await backend.emit(ir, options);
      } catch (e) {
        return { outputs: [], diagnostics: [failed(`failed: ${(e as Error)?.message ?? String(e)}`)] };
      }
      if (typeof result !== 'object' || result === null || !Array.isArray(result.outputs)) {
        return { outputs: [], diagnostics: [failed('returned no outputs list (emit must return { outputs: [{ path, contents }], diagnostics: [] })')] };
      }
      const diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics.filter((d) => typeof d === 'object' && d !== null && typeof d.message === 'string') : [];
      const outputs: Output[] = [];
      for (const o of result.outputs as unknown[]) {
        const out = o as Partial<Output> | null;
        if (typeof out?.path !== 'string' || typeof out.contents !== 'string') diagnostics.push(failed('returned an output without a path and text contents; it is left out'));
        else if (!isSafeOutputPath(out.path)) diagnostics.push(failed(`returned the output path "${out.path}", which would leave the output directory; it is left out`));
        else outputs.push({ path: out.path, value: out.value, contents: out.contents });
      }
      return { outputs, diagnostics };
    },
  };
}
