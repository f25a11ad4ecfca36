import type { LoadContext } from './load-project.js';
import { callerBoundary, readSource } from './read-source.js';
import { parseEnvFile } from './env-file.js';
import type { Lookup } from './interpolate.js';
import { locate } from '../core/source.js';
import { getOwn, isMapping } from '../core/own.js';

/**
 * 12-interpolation and the docker compose environment rules: the project's `.env` file
 * supplies defaults for interpolation; `--env-file` files replace it (later ones winning);
 * the caller's environment wins over both. Values in these files may use variables defined
 * earlier in them or in the caller's environment.
 */
export async function readEnvironment(
  ctx: LoadContext,
  projectDir: string,
  envFiles: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  const lookup: Lookup = (name) => (Object.hasOwn(env, name) ? env[name] : undefined) ?? values.get(name);
  if (envFiles) {
    for (const p of envFiles) await readInto(ctx, p, callerBoundary(ctx.boundary, p), lookup, values);
    return values;
  }
  // The project's .env is the project's file like any other: a link out of the project is refused.
  const dotenv = ctx.host.resolve(projectDir, '.env');
  if (await ctx.host.exists(dotenv)) await readInto(ctx, dotenv, ctx.boundary, lookup, values);
  return values;
}

async function readInto(ctx: LoadContext, path: string, within: string | undefined, lookup: Lookup, into: Map<string, string>): Promise<void> {
  const file = await readSource(ctx.host, { path, what: 'env file', within }, ctx.reporter, ctx.limits);
  if (!file) return;
  for (const [k, v] of parseEnvFile(file, ctx.reporter, { lookup })) into.set(k, v);
}

/** One env_file entry of a raw service, in any of its syntaxes. */
interface EnvFileRef {
  path: string;
  required: boolean;
  raw: boolean;
  at: (string | number)[];
}

function envFileRefs(svc: unknown, service: string): EnvFileRef[] {
  const v = getOwn(svc, 'env_file');
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
  const out: EnvFileRef[] = [];
  list.forEach((e, i) => {
    const at = ['services', service, 'env_file', ...(typeof v === 'string' ? [] : [i])];
    if (typeof e === 'string') out.push({ path: e, required: true, raw: false, at });
    else if (isMapping(e) && typeof e.path === 'string') {
      out.push({ path: e.path, required: e.required !== false && e.required !== 'false', raw: e.format === 'raw', at });
    }
  });
  return out;
}

/** label_file entries: files of `KEY=VALUE` labels in the env-file format, always required. */
function labelFileRefs(svc: unknown, service: string): EnvFileRef[] {
  const v = getOwn(svc, 'label_file');
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
  return list.flatMap((e, i) => (typeof e === 'string' ? [{ path: e, required: true, raw: true, at: ['services', service, 'label_file', ...(typeof v === 'string' ? [] : [i])] }] : []));
}

/** The key of an env file's variables in what readServiceEnvFiles returns. */
export function envFileKey(absolutePath: string, raw: boolean): string {
  return `${raw ? 'raw' : 'env'}:${absolutePath}`;
}

/**
 * Reads every service's env_file and label_file (relative paths from the project directory), returning the
 * parsed variables by `envFileKey` (absolute path and format). A missing required file is an error at its entry; a
 * missing optional one is skipped, as docker compose does.
 */
export async function readServiceEnvFiles(ctx: LoadContext, root: Record<string, unknown>, projectDir: string, lookup: Lookup): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  const services = getOwn(root, 'services');
  if (!isMapping(services)) return out;
  for (const [name, svc] of Object.entries(services)) {
    for (const ref of [...envFileRefs(svc, name), ...labelFileRefs(svc, name)]) {
      const path = ctx.host.resolve(projectDir, ref.path);
      // By path and format: a file one service reads raw and another interpolates is two readings.
      const key = envFileKey(path, ref.raw);
      if (out.has(key)) continue;
      if (!ref.required && !(await ctx.host.exists(path))) continue;
      const file = await readSource(ctx.host, { path, what: 'env file', from: locate(root, ref.at), within: ctx.boundary }, ctx.reporter, ctx.limits);
      if (!file) continue;
      out.set(key, parseEnvFile(file, ctx.reporter, ref.raw ? { raw: true } : { lookup }));
    }
  }
  return out;
}
