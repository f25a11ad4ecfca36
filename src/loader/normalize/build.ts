/**
 * build.md: the long form of `build`. A string is the context; a local context is made
 * absolute; `dockerfile` defaults to `Dockerfile` unless `dockerfile_inline` is set.
 */
import type { Build, SshKey } from '../../model/service-parts.js';
import { ensureSource } from '../../core/source.js';
import { isMapping } from '../../core/own.js';
import { child, invalid, push, put, type At, type Normalizer } from './at.js';
import { fileReferences } from './file-refs.js';
import { object, shortOr } from './object.js';
import { extraHosts, ulimits } from './resources.js';
import { absolutePath, bool, bytes, describe, envMapping, labels, str, stringOrList, strings } from './scalars.js';

/** A context that is not a local path: a URL (`https://…`, `git://…`), `git@…` or `github.com/…`. */
export function isRemoteContext(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('git@') || s.startsWith('github.com/');
}

const context: Normalizer<string> = (v, at) => {
  const s = str(v, at);
  if (s === undefined) return undefined;
  return isRemoteContext(s) ? s : absolutePath(s, at);
};

/** additional_contexts: local paths absolute; `type://…`, URLs and `service:name` kept. */
const additionalContexts: Normalizer<Record<string, string>> = (v, at) => {
  const map = labels(v, at);
  if (!map) return undefined;
  for (const [k, s] of Object.entries(map)) {
    if (!isRemoteContext(s) && !/^[a-z][a-z0-9+.-]*:/i.test(s)) map[k] = absolutePath(s, at);
  }
  return map;
};

/** build.ssh: `default` or `id=path`, in a list or a map. */
const ssh: Normalizer<SshKey[]> = (v, at) => {
  const out: SshKey[] = [];
  ensureSource(out, at.range);
  const add = (id: string, p: string | undefined, c: At): void => {
    const key: SshKey = p === undefined ? { id } : { id, path: p };
    ensureSource(key, c.range);
    push(out, key, c.range);
  };
  if (Array.isArray(v)) {
    v.forEach((e, i) => {
      const c = child(at, v, i);
      const s = str(e, c);
      if (s === undefined) return;
      const eq = s.indexOf('=');
      if (eq >= 0) add(s.slice(0, eq), s.slice(eq + 1), c);
      else if (s === 'default') add(s, undefined, c);
      else invalid(c, `invalid ssh key "${s}": write default or ID=path`);
    });
    return out;
  }
  if (!isMapping(v)) return invalid(at, `expected a list or a mapping, got ${describe(v)}`);
  for (const [id, p] of Object.entries(v)) {
    const c = child(at, v, id);
    if (p === null) add(id, undefined, c);
    else {
      const s = str(p, c);
      if (s !== undefined) add(id, s, c);
    }
  }
  return out;
};

/** provenance / sbom: a boolean becomes its text, as compose prints it. */
const attestation: Normalizer<string> = (v, at) => (typeof v === 'boolean' ? String(v) : str(v, at));

const longBuild = object<Build>(
  {
    context,
    dockerfile: str,
    dockerfile_inline: str,
    entitlements: strings,
    // unresolved bare names are dropped, so every value is text
    args: envMapping('lookup-or-drop') as Normalizer<Record<string, string>>,
    ssh,
    labels,
    cache_from: strings,
    cache_to: strings,
    no_cache: bool,
    no_cache_filter: stringOrList,
    additional_contexts: additionalContexts,
    network: str,
    provenance: attestation,
    sbom: attestation,
    pull: bool,
    target: str,
    shm_size: bytes,
    extra_hosts: extraHosts,
    isolation: str,
    privileged: bool,
    secrets: fileReferences,
    tags: strings,
    ulimits,
    platforms: strings,
  },
  (out, at) => {
    if (out.context === undefined) put(out, 'context', at.n.workingDir, at);
    if (out.dockerfile !== undefined && out.dockerfile_inline !== undefined) {
      invalid(at, '"dockerfile" and "dockerfile_inline" cannot both be set');
    } else if (out.dockerfile === undefined && out.dockerfile_inline === undefined) put(out, 'dockerfile', 'Dockerfile', at);
    return out as unknown as Build;
  },
);

/** 05-services build. */
export const build: Normalizer<Build> = shortOr('context', longBuild);
