/**
 * 05-services networks and models: the short syntax (a list of names) becomes a mapping.
 */
import type { ServiceModel, ServiceNetwork } from '../../model/service-parts.js';
import { ensureSource } from '../../core/source.js';
import { isMapping } from '../../core/own.js';
import { child, put, type Normalizer } from './at.js';
import { object } from './object.js';
import { describe, int, str, strings, textMap } from './scalars.js';
import { invalid } from './at.js';

/** A list of names → a mapping name → `empty`, with each name's position. */
function namesOrMap<T>(empty: () => T, entry: Normalizer<T>): Normalizer<Record<string, T>> {
  return (v, at) => {
    const out: Record<string, T> = {};
    ensureSource(out, at.range);
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        const c = child(at, v, i);
        const name = str(e, c);
        if (name === undefined) return;
        const value = empty();
        if (value !== null && typeof value === 'object') ensureSource(value, c.range);
        put(out, name, value, { range: c.range, keyRange: c.range });
      });
      return out;
    }
    if (!isMapping(v)) return invalid(at, `expected a list of names or a mapping, got ${describe(v)}`);
    for (const [k, e] of Object.entries(v)) {
      const c = child(at, v, k);
      if (e === null) {
        const value = empty();
        if (value !== null && typeof value === 'object') ensureSource(value, c.range);
        put(out, k, value, c);
      } else put(out, k, entry(e, c), c);
    }
    return out;
  };
}

const serviceNetwork = object<ServiceNetwork>({
  aliases: strings,
  interface_name: str,
  ipv4_address: str,
  ipv6_address: str,
  link_local_ips: strings,
  mac_address: str,
  driver_opts: textMap,
  priority: int,
  gw_priority: int,
});

/** 05-services networks: `[a, b]` → `{ a: null, b: null }`. */
export const serviceNetworks: Normalizer<Record<string, ServiceNetwork | null>> = namesOrMap<ServiceNetwork | null>(() => null, serviceNetwork);

const serviceModel = object<ServiceModel>({ endpoint_var: str, model_var: str });

/** 05-services models: `[m]` → `{ m: {} }`. */
export const serviceModels: Normalizer<Record<string, ServiceModel>> = namesOrMap<ServiceModel>(() => ({}), serviceModel);
