/**
 * 06-networks, 07-volumes, 08-configs, 09-secrets and models.md: the top-level resources,
 * each named for the platform (`<project>_<key>` unless `name` is set or it is external).
 */
import type { Config, Ipam, IpamPool, Model, Network, Secret, Volume } from '../../model/project.js';
import { ensureSource } from '../../core/source.js';
import { getOwn, isMapping } from '../../core/own.js';
import { child, invalid, put, type At, type Normalizer } from './at.js';
import { object, type Fields } from './object.js';
import { absolutePath, bool, int, labels, listOf, mapOf, path, str, strings, textMap } from './scalars.js';

/** `external`: a boolean, or the deprecated `{ name }` (true, with that name). */
const external: Normalizer<boolean> = (v, at) => (isMapping(v) ? true : bool(v, at));

/**
 * A resource normalizer that also sets `name` and enforces compose's external rule: an
 * external resource may only have `name` (and `x-*`) besides `external`.
 */
function resource<T extends { name: string }>(fields: Fields<T>, check?: (out: Record<string, unknown>, at: At) => void): Normalizer<T> {
  return object<T>(fields, (out, at, raw) => {
    const key = String(at.path[at.path.length - 1]);
    const ext = getOwn(raw, 'external');
    const extName = getOwn(ext, 'name');
    if (typeof extName === 'string') {
      const c = child(at, ext, 'name');
      if (out.name !== undefined && out.name !== extName) invalid(c, '"external.name" (deprecated) and "name" disagree; keep only "name"');
      else put(out, 'name', extName, c);
    }
    if (out.external === true) {
      for (const k of Object.keys(raw)) {
        if (k !== 'name' && k !== 'external' && !k.startsWith('x-')) invalid(child(at, raw, k), `"${k}" cannot be set on an external resource`);
      }
    } else check?.(out, at);
    if (out.name === undefined) put(out, 'name', out.external === true ? key : `${at.n.projectName}_${key}`, { range: at.keyRange ?? at.range, keyRange: undefined });
    return out as unknown as T;
  });
}

/** A mapping of resources; a null entry (`front-tier:`) is an empty definition. */
function resources<T extends { name: string }>(one: Normalizer<T>): Normalizer<Record<string, T>> {
  return mapOf((v, at) => {
    if (v !== null) return one(v, at);
    const empty = {};
    ensureSource(empty, at.range);
    return one(empty, at);
  });
}

const ipamPool = object<IpamPool>({ subnet: str, ip_range: str, gateway: str, aux_addresses: textMap });
const ipam = object<Ipam>({ driver: str, config: listOf(ipamPool), options: textMap });

/** Top-level networks. */
export const networks = resources<Network>(
  resource<Network>({
    name: str,
    driver: str,
    driver_opts: textMap,
    ipam,
    external,
    internal: bool,
    enable_ipv4: bool,
    enable_ipv6: bool,
    attachable: bool,
    labels,
  }),
);

/** Top-level volumes; a `local` volume with `o: bind` gets an absolute `device`, as compose does. */
export const volumes = resources<Volume>(
  resource<Volume>({ name: str, driver: str, driver_opts: textMap, external, labels }, (out, at) => {
    const opts = out.driver_opts as Record<string, string> | undefined;
    if (out.driver === 'local' && opts?.o === 'bind' && typeof opts.device === 'string') opts.device = absolutePath(opts.device, at);
  }),
);

/** Top-level secrets: `file` absolute; one of `file` or `environment` (or `external`). */
export const secrets = resources<Secret>(
  resource<Secret>(
    { name: str, environment: str, file: path, external, labels, driver: str, driver_opts: textMap, template_driver: str },
    (out, at) => {
      if (out.file === undefined && out.environment === undefined && out.driver === undefined) invalid(at, 'a secret must set "file" or "environment" (or be external)');
    },
  ),
);

/** Top-level configs: `file` absolute; one of `file`, `environment` or `content` (or `external`). */
export const configs = resources<Config>(
  resource<Config>({ name: str, content: str, environment: str, file: path, external, labels, template_driver: str }, (out, at) => {
    if (out.file === undefined && out.environment === undefined && out.content === undefined) {
      invalid(at, 'a config must set "file", "environment" or "content" (or be external)');
    }
  }),
);

/** Top-level models (models.md). */
export const models: Normalizer<Record<string, Model>> = mapOf(
  object<Model>({ name: str, model: str, context_size: int, runtime_flags: strings }, (out, at) =>
    typeof out.model === 'string' ? (out as unknown as Model) : invalid(at, '"model" must be set'),
  ),
);
