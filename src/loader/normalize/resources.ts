/**
 * 05-services ulimits, blkio_config, devices, extra_hosts and gpus, and the device requests
 * shared with deploy.md `resources.reservations.devices`.
 */
import type { BlkioConfig, BlkioLimit, BlkioWeight, DeviceMapping, DeviceRequest, Ulimit } from '../../model/service-parts.js';
import { ensureSource } from '../../core/source.js';
import { isMapping } from '../../core/own.js';
import { child, invalid, put, type At, type Normalizer } from './at.js';
import { object } from './object.js';
import { bytes, describe, int, labels, listOf, mapOf, str, strings } from './scalars.js';

const ulimitPair = object<Ulimit>({ soft: int, hard: int }, (out, at) => {
  if (typeof out.soft !== 'number' || typeof out.hard !== 'number') return invalid(at, '"soft" and "hard" must both be set');
  return out as unknown as Ulimit;
});

/** One ulimit: a single number sets soft and hard (`nproc: 65535` → `{ soft: 65535, hard: 65535 }`). */
const ulimit: Normalizer<Ulimit> = (v, at) => {
  if (isMapping(v)) return ulimitPair(v, at);
  const n = int(v, at);
  if (n === undefined) return undefined;
  const out: Ulimit = { soft: n, hard: n };
  ensureSource(out, at.range);
  return out;
};

/** 05-services ulimits (also build.ulimits). */
export const ulimits: Normalizer<Record<string, Ulimit>> = mapOf(ulimit);

const bpsLimit = object<BlkioLimit>({ path: str, rate: bytes });
const iopsLimit = object<BlkioLimit>({ path: str, rate: int });
const weightDevice = object<BlkioWeight>({ path: str, weight: int });

/** 05-services blkio_config: `*_bps` rates in bytes (`12mb` → 12582912). */
export const blkioConfig: Normalizer<BlkioConfig> = object<BlkioConfig>({
  device_read_bps: listOf(bpsLimit),
  device_read_iops: listOf(iopsLimit),
  device_write_bps: listOf(bpsLimit),
  device_write_iops: listOf(iopsLimit),
  weight: int,
  weight_device: listOf(weightDevice),
});

const deviceLong = object<DeviceMapping>({ source: str, target: str, permissions: str }, (out, at) => {
  if (typeof out.source !== 'string') return invalid(at, '"source" must be set');
  if (out.target === undefined) put(out, 'target', out.source, at);
  if (out.permissions === undefined) put(out, 'permissions', 'rwm', at);
  return out as unknown as DeviceMapping;
});

/** One device: `HOST[:CONTAINER[:PERMISSIONS]]` (CDI names such as `vendor.com/device=gpu` have no colon). */
const device: Normalizer<DeviceMapping> = (v, at) => {
  if (typeof v !== 'string') return deviceLong(v, at);
  const parts = v.split(':');
  if (parts.length > 3) return invalid(at, `confusing device mapping "${v}"; use the long syntax { source, target, permissions }`);
  const [source = '', target = source, permissions = 'rwm'] = parts;
  const out: DeviceMapping = { source, target, permissions };
  ensureSource(out, at.range);
  return out;
};

/** 05-services devices. */
export const devices: Normalizer<DeviceMapping[]> = listOf(device);

/** extra_hosts: `host=ip`, `host:ip` (`=` first), comma-separated IPs, or a map host → IP(s). */
export const extraHosts: Normalizer<Record<string, string[]>> = (v, at) => {
  const out: Record<string, string[]> = {};
  ensureSource(out, at.range);
  const add = (host: string, ips: string[], c: At, keyRange: At['keyRange']): void => {
    if (host === '' || /[:=]/.test(host)) {
      invalid(c, `bad host name "${host}"`);
      return;
    }
    // A comma separates addresses; an address cannot hold one, and `a,,b` has an empty one
    // (the mapping form with "a,b" would otherwise print as host=a,b: two addresses).
    if (ips.some((ip) => ip.includes(',')) || (ips.length > 1 && ips.some((ip) => ip === ''))) {
      invalid(c, `bad address list for host "${host}": addresses are separated by commas, and none may be empty`);
      return;
    }
    const clean = ips.map((ip) => (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip));
    const list = Object.hasOwn(out, host) ? [...(out[host] as string[]), ...clean] : clean;
    ensureSource(list, c.range);
    put(out, host, list, { range: c.range, keyRange });
  };
  if (Array.isArray(v)) {
    v.forEach((e, i) => {
      const c = child(at, v, i);
      const s = str(e, c);
      if (s === undefined) return;
      const sep = s.includes('=') ? '=' : ':';
      const cut = s.indexOf(sep);
      if (cut < 0) invalid(c, `"${s}" has no IP address; write host=ip`);
      else add(s.slice(0, cut), s.slice(cut + 1).split(','), c, c.range);
    });
    return out;
  }
  if (!isMapping(v)) return invalid(at, `expected a list of host=ip or a mapping, got ${describe(v)}`);
  for (const [host, e] of Object.entries(v)) {
    const c = child(at, v, host);
    if (e === null) add(host, [''], c, c.keyRange);
    else if (Array.isArray(e)) {
      const ips = strings(e, c);
      if (ips) add(host, ips, c, c.keyRange);
    } else {
      const ip = str(e, c);
      if (ip !== undefined) add(host, [ip], c, c.keyRange);
    }
  }
  return out;
};

/** A device count: a number or `all` (any case). */
const deviceCount: Normalizer<number | 'all'> = (v, at) => {
  if (typeof v === 'string' && v.toLowerCase() === 'all') return 'all';
  return int(v, at);
};

/** A device request; `count` and `device_ids` exclude each other, and `count` is `all` when neither is set. */
export const deviceRequest: Normalizer<DeviceRequest> = object<DeviceRequest>(
  { capabilities: strings, count: deviceCount, device_ids: strings, driver: str, options: labels },
  (out, at) => {
    const hasCount = Object.hasOwn(out, 'count');
    const hasIds = Object.hasOwn(out, 'device_ids');
    if (hasCount && hasIds) return invalid(at, '"count" and "device_ids" cannot both be set');
    if (!hasCount && !hasIds) put(out, 'count', 'all', at);
    return out as DeviceRequest;
  },
);

/** 05-services gpus: `all` or a list of device requests. */
export const gpus: Normalizer<DeviceRequest[]> = (v, at) => {
  if (v === 'all') {
    const one: DeviceRequest = { count: 'all' };
    const out = [one];
    ensureSource(one, at.range);
    ensureSource(out, at.range);
    return out;
  }
  return listOf(deviceRequest)(v, at);
};
