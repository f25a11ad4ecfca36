#!/usr/bin/env node
/**
 * Refreshes the vendored Compose schema (schemas/compose-spec.json) from a copy of compose-go,
 * the library docker compose loads and validates files with, then regenerates the validator
 * and types (scripts/generate.mjs).
 *
 *   node scripts/refresh-schema.mjs PATH [--commit SHA] [--date YYYY-MM-DD]
 *   npm run refresh-schema -- PATH --commit SHA
 *
 * PATH is a compose-go checkout (schema/compose-spec.json, LICENSE and NOTICE at its root), a
 * folder holding compose-spec.json with LICENSE and NOTICE beside it, or the schema file itself
 * (LICENSE and NOTICE beside it or in a parent folder). The schema is copied byte for byte, its
 * LICENSE and NOTICE with it, and its source is written to schemas/compose-spec.source.json.
 * The commit comes from --commit, else from `git rev-parse HEAD` when PATH is a compose-go checkout;
 * without either the script refuses (a vendored file whose origin is unknown is not refreshed).
 *
 * A new service key in the schema then fails the build until the loader, the model and every
 * backend's key table handle it: that is intended.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dialectOf, generate } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_OUT = 'schemas/compose-spec.json';
const SOURCE_OUT = 'schemas/compose-spec.source.json';
const REPOSITORY = 'compose-spec/compose-go';
const UPSTREAM_PATH = 'schema/compose-spec.json';

const exists = (p) => stat(p).then(() => true, () => false);

/** The schema file under `path` and the folder its LICENSE and NOTICE are in. */
async function locate(path) {
  const given = resolve(path);
  const info = await stat(given).catch(() => undefined);
  if (!info) throw new Error(`${path}: no such file or folder`);
  const candidates = info.isDirectory() ? [join(given, UPSTREAM_PATH), join(given, 'compose-spec.json')] : [given];
  let schema;
  for (const c of candidates) if (!schema && (await exists(c))) schema = c;
  if (!schema) throw new Error(`${path}: neither ${UPSTREAM_PATH} nor compose-spec.json is there`);
  // LICENSE and NOTICE: beside the schema, else in the nearest parent folder holding both.
  for (let dir = dirname(schema); ; dir = dirname(dir)) {
    if ((await exists(join(dir, 'LICENSE'))) && (await exists(join(dir, 'NOTICE')))) return { schema, licenceDir: dir };
    if (dirname(dir) === dir) throw new Error(`${path}: no LICENSE and NOTICE beside the schema or above it; they must travel with it`);
  }
}

/** HEAD of the compose-go checkout `schema` is in; only when it is that checkout's schema/compose-spec.json, not any enclosing repository. */
function gitCommit(schema) {
  const git = (...args) => execFileSync('git', ['-C', dirname(schema), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return resolve(git('rev-parse', '--show-toplevel'), UPSTREAM_PATH) === resolve(schema) ? git('rev-parse', 'HEAD') : undefined;
  } catch {
    return undefined;
  }
}

function option(args, name) {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  args.splice(at, 2);
  return value;
}

/**
 * Copies the schema, LICENSE and NOTICE from `path` into schemas/, records where they came
 * from, and regenerates. Returns the paths written (relative to the repository).
 */
export async function refresh(path, { commit, date, outDir = root, regenerate = outDir === root } = {}) {
  const { schema, licenceDir } = await locate(path);
  const text = await readFile(schema, 'utf8');
  const parsed = JSON.parse(text);
  dialectOf(parsed, schema); // throws on a dialect scripts/generate.mjs cannot compile
  const defs = parsed.$defs ?? parsed.definitions;
  if (!defs?.service?.properties) throw new Error(`${schema}: not a Compose schema (no service definition)`);
  const sha = commit ?? gitCommit(schema);
  if (!sha || !/^[0-9a-f]{40}$/.test(sha)) throw new Error(`the upstream commit is unknown or not a full SHA (${sha ?? 'none'}): pass --commit <40 hex digits>`);
  await copyFile(schema, join(outDir, SCHEMA_OUT));
  await copyFile(join(licenceDir, 'LICENSE'), join(outDir, 'schemas/compose-spec.LICENSE'));
  await copyFile(join(licenceDir, 'NOTICE'), join(outDir, 'schemas/compose-spec.NOTICE'));
  const source = { repository: REPOSITORY, path: UPSTREAM_PATH, commit: sha, ...(date ? { date } : {}), licence: 'Apache-2.0' };
  await writeFile(join(outDir, SOURCE_OUT), JSON.stringify(source, null, 2) + '\n');
  const written = [SCHEMA_OUT, 'schemas/compose-spec.LICENSE', 'schemas/compose-spec.NOTICE', SOURCE_OUT];
  if (regenerate) written.push(...(await generate({ outDir })));
  return written;
}

async function main() {
  const args = process.argv.slice(2);
  const commit = option(args, '--commit');
  const date = option(args, '--date');
  if (args.length !== 1) {
    console.error('usage: node scripts/refresh-schema.mjs PATH [--commit SHA] [--date YYYY-MM-DD]');
    process.exitCode = 2;
    return;
  }
  for (const p of await refresh(args[0], { commit, date })) console.log(`wrote ${p}`);
  console.log('now run `npx tsc -p .`: a new schema key fails the build until it is mapped or reported');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
}
