/**
 * The attributes merged by their own rule rather than the default (mappings merge, sequences
 * append, scalars replace). Sources: 13-merge § Exceptions, 05-services § extends
 * (Mappings / Sequences), and where the spec is silent docker compose (compose-go v2,
 * `override/merge.go` and `override/uncity.go`).
 */
import { isMapping } from '../core/own.js';
import {
  cloneAt, collect, items, mergeGeneric, mergeMapping, newMapping, newSequence, put, rangeOf, replace, synth, tagOf, valueOf,
  type At, type MergeCtx, type Rule,
} from './merge-core.js';
import {
  configTarget, devicePathKey, deviceTarget, envFilePath, exactKey, portKey, secretTarget, splitHost, splitKeyValue, subnetKey, volumeTarget,
} from './merge-keys.js';
import { ensureSource, sourceOf } from '../core/source.js';

type KeyOf = (v: unknown) => string | undefined;

/** A sequence attribute whose elements are unique by `keyOf` (chosen per kind of merge). */
function sequence(keyOf: (ctx: MergeCtx) => KeyOf | undefined, acceptsString = false): Rule {
  return (b, o, pattern, path, ctx) => {
    const ok = (v: unknown) => Array.isArray(v) || (acceptsString && typeof v === 'string');
    if (!ok(valueOf(b)) || !ok(valueOf(o))) return mergeGeneric(b, o, pattern, path, ctx);
    return collect([...items(b, false), ...items(o, ctx.extends)], keyOf(ctx), pattern, path, ctx, rangeOf(o));
  };
}

const unique = (keyOf: KeyOf): Rule => sequence(() => keyOf);
/** Duplicates removed (05-services § extends, Sequences; compose-go `EnforceUnicity`). */
const deduplicated = unique(exactKey);
/**
 * `dns`, `dns_search`, `tmpfs` take a string or a list; duplicates are removed, in an -f merge
 * and when extending. 05-services § extends says extending keeps them, but the schema wants
 * these lists unique (so that output would not load again), and docker compose removes them
 * either way: compose-go runs `EnforceUnicity` on the merged document, extends included.
 */
const stringOrList = (keyOf: KeyOf): Rule => sequence(() => keyOf, true);
/**
 * A key 05-services § extends lists neither as a mapping nor as a sequence is a scalar there:
 * the extending service's value replaces the base's. In an -f merge `rule` applies.
 */
const scalarWhenExtending = (rule: Rule): Rule => (b, o, pattern, path, ctx) => (ctx.extends ? replace(b, o, pattern, path, ctx) : rule(b, o, pattern, path, ctx));
interface Entry {
  key: string;
  value: unknown;
  from: At;
  /** The entry as written in a `KEY=VALUE` list, when it comes from one. */
  raw?: unknown;
}

/**
 * environment, labels, … are a mapping or a `KEY=VALUE` list, merged by key either way (05-services
 * § extends, Mappings: "the same output is produced if array syntax is used"). A key the later
 * file sets replaces every entry of the earlier file for that key, in place. Two lists give a
 * list; otherwise a mapping. With `multi` (extra_hosts), several entries for one key are kept
 * and a mapping holds them as a list of values.
 */
function keyValue(split: (entry: string) => { key: string; value: string | null }, multi = false): Rule {
  return (b, o, pattern, path, ctx) => {
    const bv = valueOf(b);
    const ov = valueOf(o);
    const ok = (v: unknown) => Array.isArray(v) || isMapping(v);
    if (!ok(bv) || !ok(ov)) return mergeGeneric(b, o, pattern, path, ctx);
    const groups = new Map<string, Entry[]>();
    const replaced = new Set<string>();
    for (const e of entries(bv, split)) groups.set(e.key, [...(groups.get(e.key) ?? []), e]);
    for (const e of entries(ov, split)) {
      if (tagOf(e.from) === '!reset') {
        groups.delete(e.key);
        continue;
      }
      if (!replaced.has(e.key)) groups.set(e.key, []);
      replaced.add(e.key);
      groups.get(e.key)?.push(e);
    }
    if (Array.isArray(bv) && Array.isArray(ov)) {
      const out = newSequence(rangeOf(o));
      for (const group of groups.values()) for (const e of group) put(out, out.length, e.raw, e.from);
      return out;
    }
    const out = newMapping(rangeOf(o));
    for (const [key, group] of groups) {
      const last = group[group.length - 1];
      if (!last) continue;
      const value = multi && group.length > 1 ? group.flatMap((e) => e.value) : last.raw === undefined ? cloneAt(last.from, ctx.extends) : last.value;
      put(out, key, value, last.from);
    }
    if (ctx.extends && isMapping(ov)) {
      const tags = sourceOf(ov)?.tags;
      if (tags?.size) ensureSource(out).tags = new Map(tags);
    }
    return out;
  };
}

function entries(v: unknown, split: (entry: string) => { key: string; value: string | null }): Entry[] {
  if (Array.isArray(v)) {
    return v.map((raw, i) => {
      const { key, value } = split(String(raw));
      return { key, value, raw, from: { node: v, key: i } };
    });
  }
  const m = v as Record<string, unknown>;
  return Object.keys(m).map((key) => ({ key, value: m[key], from: { node: m, key } }));
}

/**
 * depends_on, networks, models: a list of names or a mapping of name → options. Two lists give
 * their union; otherwise each list becomes a mapping (depends_on entries with the defaults
 * `condition: service_started, required: true`, as docker compose does) and the mappings merge.
 */
function listOrMapping(defaults: ((from: At) => unknown) | undefined): Rule {
  return (b, o, pattern, path, ctx) => {
    const bv = valueOf(b);
    const ov = valueOf(o);
    if (Array.isArray(bv) && Array.isArray(ov)) return collect([...items(b, false), ...items(o, false)], exactKey, pattern, path, ctx, rangeOf(o));
    const ok = (v: unknown) => Array.isArray(v) || isMapping(v);
    if (!ok(bv) || !ok(ov)) return mergeGeneric(b, o, pattern, path, ctx);
    return mergeMapping(asMapping(b, defaults), asMapping(o, defaults), pattern, path, ctx);
  };
}

function asMapping(at: At, defaults: ((from: At) => unknown) | undefined): At {
  const v = valueOf(at);
  if (!Array.isArray(v)) return at;
  const m = newMapping(rangeOf(at));
  for (const { at: item } of items(at, false)) put(m, String(valueOf(item)), defaults ? defaults(item) : null, item);
  return synth(m, at);
}

function dependsOnDefaults(from: At): unknown {
  const m = newMapping(rangeOf(from));
  put(m, 'condition', 'service_started', from);
  put(m, 'required', true, from);
  return m;
}

/** build: a context path or a mapping; the path is read as `{context: path}` (compose-go `mergeBuild`). */
const build: Rule = (b, o, pattern, path, ctx) => {
  const bv = valueOf(b);
  const ov = valueOf(o);
  if (typeof bv === 'string' && typeof ov === 'string') return cloneAt(o);
  const asBuild = (at: At): At => {
    const v = valueOf(at);
    if (typeof v !== 'string') return at;
    const m = newMapping(rangeOf(at));
    put(m, 'context', v, at);
    return synth(m, at);
  };
  const bb = asBuild(b);
  const ob = asBuild(o);
  if (!isMapping(valueOf(bb)) || !isMapping(valueOf(ob))) return mergeGeneric(b, o, pattern, path, ctx);
  return mergeMapping(bb, ob, pattern, path, ctx);
};

/** logging: options merge only when both files name the same driver, or one names none (compose-go `mergeLogging`). */
const logging: Rule = (b, o, pattern, path, ctx) => {
  const bv = valueOf(b);
  const ov = valueOf(o);
  if (isMapping(bv) && isMapping(ov) && typeof bv['driver'] === 'string' && typeof ov['driver'] === 'string' && bv['driver'] !== ov['driver']) {
    return cloneAt(o, ctx.extends);
  }
  return mergeGeneric(b, o, pattern, path, ctx);
};

const kv = keyValue(splitKeyValue);
const hosts = keyValue(splitHost, true);
const S = 'services.*.';

/** Rules by path pattern; `*` stands for a name the user chose (a service, a network, …). */
export const RULES: Readonly<Record<string, Rule>> = {
  // 13-merge § Shell commands
  [S + 'command']: replace,
  [S + 'entrypoint']: replace,
  [S + 'healthcheck.test']: replace,
  // 13-merge § Unique resources, plus devices and blkio limits (05-services § extends, Mappings)
  [S + 'ports']: unique(portKey),
  [S + 'volumes']: unique(volumeTarget),
  [S + 'secrets']: unique(secretTarget),
  [S + 'configs']: unique(configTarget),
  [S + 'build.secrets']: unique(secretTarget),
  [S + 'devices']: unique(deviceTarget),
  [S + 'blkio_config.device_read_bps']: unique(devicePathKey),
  [S + 'blkio_config.device_read_iops']: unique(devicePathKey),
  [S + 'blkio_config.device_write_bps']: unique(devicePathKey),
  [S + 'blkio_config.device_write_iops']: unique(devicePathKey),
  'networks.*.ipam.config': unique(subnetKey),
  // mapping or KEY=VALUE list, merged by key
  [S + 'environment']: kv,
  [S + 'labels']: kv,
  [S + 'annotations']: kv,
  [S + 'sysctls']: kv,
  [S + 'build.args']: kv,
  [S + 'build.labels']: kv,
  [S + 'build.additional_contexts']: kv,
  [S + 'build.ssh']: kv,
  [S + 'deploy.labels']: kv,
  [S + 'volumes.*.volume.labels']: kv,
  'networks.*.labels': kv,
  'volumes.*.labels': kv,
  'configs.*.labels': kv,
  'secrets.*.labels': kv,
  [S + 'extra_hosts']: hosts,
  [S + 'build.extra_hosts']: hosts,
  // list of names or mapping
  [S + 'depends_on']: listOrMapping(dependsOnDefaults),
  [S + 'networks']: listOrMapping(undefined),
  [S + 'models']: listOrMapping(undefined),
  // string or list
  [S + 'dns']: stringOrList(exactKey),
  [S + 'dns_search']: stringOrList(exactKey),
  [S + 'tmpfs']: stringOrList(exactKey),
  [S + 'build.no_cache_filter']: stringOrList(exactKey),
  // 05-services § extends, Sequences: env_file duplicates are kept when extending (its schema allows them)
  [S + 'env_file']: sequence((ctx) => (ctx.extends ? undefined : envFilePath), true),
  [S + 'label_file']: sequence(() => undefined, true),
  // sequences without duplicates
  [S + 'cap_add']: deduplicated,
  [S + 'cap_drop']: deduplicated,
  [S + 'expose']: deduplicated,
  [S + 'profiles']: deduplicated,
  [S + 'links']: deduplicated,
  [S + 'external_links']: deduplicated,
  [S + 'security_opt']: deduplicated,
  [S + 'device_cgroup_rules']: deduplicated,
  [S + 'networks.*.aliases']: deduplicated,
  [S + 'networks.*.link_local_ips']: deduplicated,
  [S + 'build.tags']: deduplicated,
  [S + 'build.platforms']: deduplicated,
  [S + 'deploy.placement.constraints']: deduplicated,
  [S + 'deploy.placement.preferences']: deduplicated,
  [S + 'deploy.resources.reservations.generic_resources']: deduplicated,
  // scalars when extending (05-services § extends, Scalars); in an -f merge, unique (the
  // schema wants group_add and dns_opt unique) or appended
  [S + 'dns_opt']: scalarWhenExtending(deduplicated),
  [S + 'group_add']: scalarWhenExtending(deduplicated),
  // pre_start is a sequence of steps: appended, in an -f merge (13-merge § Sequence) and when
  // extending (05-services § extends, Sequences: the base's steps first), duplicates kept. compose-go
  // has no rule of its own for it, and extends with the same merge as -f files (ExtendService).
  [S + 'pre_start']: mergeGeneric,
  [S + 'post_start']: scalarWhenExtending(mergeGeneric),
  [S + 'pre_stop']: scalarWhenExtending(mergeGeneric),
  // gpus: `all` or a list; when extending either replaces the other
  [S + 'gpus']: scalarWhenExtending(mergeGeneric),
  // others
  [S + 'build']: build,
  [S + 'logging']: logging,
  [S + 'ulimits.*']: replace,
  [S + 'extends']: replace,
};

/** Mappings keyed by names the user chose. */
export const NAMED: ReadonlySet<string> = new Set([
  'services', 'networks', 'volumes', 'configs', 'secrets', 'models',
  'services.*.networks', 'services.*.depends_on', 'services.*.models', 'services.*.ulimits',
]);
