/**
 * 05-services environment, env_file and label_file. env_file variables come first and the
 * declared `environment` overrides them, even with an unset value, which is what
 * `docker compose config` prints; label files are merged under `labels` the same way.
 */
import type { EnvFile } from '../../model/service-parts.js';
import { ensureSource, setChildSource, sourceOf, type SourceRange } from '../../core/source.js';
import { invalid, put, type At, type Normalizer } from './at.js';
import { object } from './object.js';
import { absolutePath, bool, listOf, path, str, stringOrList } from './scalars.js';

const longEnvFile = object<EnvFile>({ path, format: str, required: bool }, (out, at) => {
  if (typeof out.path !== 'string') return invalid(at, '"path" must be set');
  if (out.required === undefined) put(out, 'required', true, at);
  return out as unknown as EnvFile;
});

const envFileEntry: Normalizer<EnvFile> = (v, at) => {
  if (typeof v !== 'string') return longEnvFile(v, at);
  const out: EnvFile = { path: absolutePath(v, at), required: true };
  ensureSource(out, at.range);
  return out;
};

/** `env_file: .env` → `[{ path: '/abs/.env', required: true }]`. */
export const envFiles: Normalizer<EnvFile[]> = (v, at) => {
  if (typeof v !== 'string') return listOf(envFileEntry)(v, at);
  const one = envFileEntry(v, at);
  if (!one) return undefined;
  const out = [one];
  ensureSource(out, at.range);
  // The one entry is the path written: the variables it gives are positioned there (applyFiles).
  if (at.range) setChildSource(out, 0, at.range);
  return out;
};

/** `label_file`: one path or a list, made absolute. */
export const labelFiles: Normalizer<string[]> = (v, at) => {
  const list = stringOrList(v, at);
  return list?.map((p) => absolutePath(p, at));
};

/**
 * Merges variables read from files under the declared mapping `key` of a normalized service:
 * files in order (a later file wins), then the declared values.
 */
function mergeFiles(svc: Record<string, unknown>, key: string, files: { path: string; raw: boolean; range: SourceRange | undefined }[], at: At): void {
  const declared = svc[key] as Record<string, unknown> | undefined;
  const merged: Record<string, unknown> = {};
  let any = false;
  for (const f of files) {
    const vars = at.n.envFiles(f.path, f.raw);
    if (!vars) continue;
    for (const [k, v] of vars) {
      put(merged, k, v, { range: f.range, keyRange: f.range });
      any = true;
    }
  }
  if (!any) return;
  const ds = declared ? sourceOf(declared) : undefined;
  for (const [k, v] of Object.entries(declared ?? {})) put(merged, k, v, { range: ds?.values.get(k), keyRange: ds?.keys.get(k) });
  const own = declared ? sourceOf(svc)?.values.get(key) : files[0]?.range;
  ensureSource(merged, own);
  put(svc, key, merged, { range: own, keyRange: declared ? sourceOf(svc)?.keys.get(key) : undefined });
}

/** Applies env_file to environment and label_file to labels of a normalized service. */
export function applyFiles(svc: Record<string, unknown>, at: At): void {
  const envList = svc.env_file as EnvFile[] | undefined;
  if (envList) {
    const s = sourceOf(envList);
    mergeFiles(svc, 'environment', envList.map((e, i) => ({ path: e.path, raw: e.format === 'raw', range: s?.values.get(i) })), at);
  }
  const labelList = svc.label_file as string[] | undefined;
  if (labelList) {
    const range = sourceOf(svc)?.values.get('label_file');
    mergeFiles(svc, 'labels', labelList.map((p) => ({ path: p, raw: true, range })), at);
  }
}
