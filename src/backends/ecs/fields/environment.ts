/** environment, env_file and secrets (with x-ecs.environment_files and x-ecs.environment_secrets). */
import type { ContainerContext } from '../container-context.js';
import { sourceOf, type SourceRange } from '../../../core/source.js';
import { dirname } from '../../../core/path-posix.js';
import { ownValue } from '../../../core/own.js';
import { secretFile, secretReference, secretTarget } from './files.js';

/**
 * Variables as ECS `environment` entries, sorted by name (as ECS itself returns them). With
 * x-ecs.environment_files the variables read from env files are left to `environmentFiles`.
 */
export function environment(c: ContainerContext): void {
  const env = c.service.environment ?? {};
  const fromFiles = c.facts.settings.environment_files ? fileVariables(c) : new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const name of Object.keys(env).sort()) {
    if (fromFiles.has(name)) continue;
    const value = env[name];
    if (value === null || value === undefined) {
      c.report('ECS_UNSUPPORTED_FIELD', 'warning', `${c.where(['environment', name])} has no value (it is unset where the file was read), so it is left out; give it a value or set it when converting`, ['environment', name]);
      continue;
    }
    out.push({ name, value });
  }
  if (out.length) c.put('environment', out, ['environment']);
}

function same(a: SourceRange | undefined, b: SourceRange | undefined): boolean {
  return !!a && !!b && a.file === b.file && a.start === b.start && a.end === b.end;
}

/**
 * Variables that came from env files, not from `environment`. The loader merges both; a
 * variable read from a file keeps the position of its env_file entry (or of the merged
 * mapping), a declared one its own.
 */
function fileVariables(c: ContainerContext): Set<string> {
  const env = c.service.environment ?? {};
  const files = c.service.env_file ?? [];
  const entries = sourceOf(files);
  const fileRanges = files.map((_, i) => entries?.values.get(i));
  const own = sourceOf(env);
  const out = new Set<string>();
  for (const name of Object.keys(env)) {
    const r = own?.values.get(name);
    if (!r || same(r, own?.range) || fileRanges.some((f) => same(f, r))) out.add(name);
  }
  return out;
}

/**
 * env_file: its variables are inlined in `environment` by the loader; with
 * x-ecs.environment_files.s3_prefix each file becomes an `environmentFiles` S3 object instead
 * (its path relative to the compose file that names it, under the prefix).
 */
export function envFile(c: ContainerContext): void {
  const prefix = c.facts.settings.environment_files?.s3_prefix;
  const files = c.service.env_file ?? [];
  if (!prefix || !files.length) return;
  const entries = sourceOf(files);
  const out = files.map((f, i) => {
    const base = dirname(entries?.values.get(i)?.file.path ?? entries?.range?.file.path ?? f.path);
    const rel = f.path.startsWith(base + '/') ? f.path.slice(base.length + 1) : f.path.replace(/^\/+/, '');
    if (!f.required) c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(['env_file', i])} is optional, but ECS fails to start the task when an environment file is missing from S3`, ['env_file', i]);
    return { type: 's3', value: `${prefix.replace(/\/+$/, '')}/${rel}` };
  });
  c.put('environmentFiles', out, ['env_file']);
}

/**
 * secrets → files at /run/secrets/<name> (or the target), as compose delivers them, written by
 * the task's compose2ecs-files container from ECS `secrets`; with x-ecs.secret_delivery.<name>
 * `environment`, the environment variable named by the target (or the secret) instead. The
 * valueFrom is the ARN the files give (x-ecs.secrets.<name>, or a top-level name that is an
 * ARN), else a name derived from the project (fields/files.ts). A file or environment secret's
 * value is never read. Then x-ecs.environment_secrets adds variables by name.
 */
export function secrets(c: ContainerContext): void {
  const out = new Map<string, string>();
  (c.service.secrets ?? []).forEach((s, i) => {
    const at = ['secrets', i];
    const valueFrom = secretReference(c, s.source);
    if (!valueFrom) return;
    if (ownValue(c.facts.settings.secret_delivery, s.source) !== 'environment') {
      secretFile(c, s, valueFrom, at);
      return;
    }
    const target = s.target ? (s.target.split('/').pop() as string) : s.source;
    const name = target.replace(/[^A-Za-z0-9_]/g, '_');
    out.set(name, valueFrom);
    c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(at)}: x-ecs.secret_delivery asks for secret "${s.source}" as the environment variable ${name}, not as the file ${secretTarget(s)}`, at);
  });
  const extra = c.facts.settings.environment_secrets ?? {};
  for (const name of Object.keys(extra)) {
    if (out.has(name)) c.report('ECS_INVALID', 'warning', `x-ecs.environment_secrets.${name} replaces the compose secret injected as ${name}`, ['x-ecs', 'environment_secrets', name]);
    out.set(name, extra[name] as string);
  }
  // A name in both lists is ambiguous to ECS: the secret wins and the plain value is left out.
  const plain = c.def.environment as { name: string }[] | undefined;
  const clash = (plain ?? []).filter((e) => out.has(e.name));
  for (const e of clash) c.report('ECS_INVALID', 'warning', `${c.where(['environment', e.name])} is left out: ${e.name} is also set as a secret, which wins`, ['environment', e.name]);
  if (plain && clash.length) {
    const kept = plain.filter((e) => !out.has(e.name));
    if (kept.length) c.def.environment = kept;
    else delete c.def.environment;
  }
  const list = [...out.keys()].sort().map((name) => ({ name, valueFrom: out.get(name) as string }));
  if (list.length) c.put('secrets', list, c.service.secrets ? ['secrets'] : ['x-ecs', 'environment_secrets']);
}

