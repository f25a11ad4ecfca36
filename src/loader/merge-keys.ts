/**
 * The identity of an element of a sequence for the merge (13-merge § Unique resources), read
 * from the raw short or long syntax. These read just enough of the syntax to tell two
 * elements apart; the full short-to-long conversion is the normalizer's job.
 * `undefined` means "no identity": the element is always appended.
 */
import { getOwn, isMapping } from '../core/own.js';

/** Exact identity: `80` and `"80"` are the same; mappings compare by content. */
export function exactKey(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Splits a short volume or device spec at its colons, keeping Windows drive letters
 * (`C:\data:/data` → [`C:\data`, `/data`]).
 * @example splitColons('./a:/work:ro') // ['./a', '/work', 'ro']
 */
export function splitColons(spec: string): string[] {
  const raw = spec.split(':');
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i] ?? '';
    const next = raw[i + 1];
    if (/^[A-Za-z]$/.test(part) && next !== undefined && /^[\\/]/.test(next)) {
      out.push(part + ':' + next);
      i++;
    } else out.push(part);
  }
  return out;
}

/**
 * volumes: the mount path in the container.
 * @example volumeTarget('./a:/work:ro') // '/work'; volumeTarget('/cache') // '/cache'
 */
export function volumeTarget(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const parts = splitColons(v);
    return parts.length === 1 ? parts[0] : parts[1];
  }
  const t = getOwn(v, 'target');
  return typeof t === 'string' ? t : undefined;
}

/** devices: the path in the container (`/dev/sda:/dev/xvda:rwm` → `/dev/xvda`; no target: the source). */
export function deviceTarget(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const parts = splitColons(v);
    return parts[1] ?? parts[0];
  }
  const t = getOwn(v, 'target') ?? getOwn(v, 'source');
  return typeof t === 'string' ? t : undefined;
}

function mountTarget(v: unknown, dir: string): string | undefined {
  const t = typeof v === 'string' ? v : (getOwn(v, 'target') ?? getOwn(v, 'source'));
  if (typeof t !== 'string') return undefined;
  return t.startsWith('/') ? t : dir + t;
}

/** secrets: the file in the container; a bare name `s` is `/run/secrets/s`. */
export function secretTarget(v: unknown): string | undefined {
  return mountTarget(v, '/run/secrets/');
}

/** configs: the file in the container; a bare name `c` is `/c`. */
export function configTarget(v: unknown): string | undefined {
  return mountTarget(v, '/');
}

/**
 * ports: `{ip, target, published, protocol}`. An unset host IP and `0.0.0.0` are the same,
 * as are an unset protocol and `tcp`.
 * @example portKey('127.0.0.1:8080:80/udp') // '127.0.0.1|8080|80|udp'; portKey(80) // '|80|tcp' with no published port
 */
export function portKey(v: unknown): string | undefined {
  let ip = '';
  let published = '';
  let target: string;
  let protocol = 'tcp';
  if (typeof v === 'number') target = String(v);
  else if (typeof v === 'string') {
    let rest = v;
    const slash = rest.lastIndexOf('/');
    if (slash >= 0) {
      protocol = rest.slice(slash + 1);
      rest = rest.slice(0, slash);
    }
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      ip = rest.slice(1, close < 0 ? undefined : close);
      rest = close < 0 ? '' : rest.slice(close + 1).replace(/^:/, '');
    }
    const parts = rest.split(':');
    target = parts.pop() ?? '';
    if (parts.length) published = parts.pop() ?? '';
    if (parts.length) ip = parts.join(':');
  } else if (isMapping(v)) {
    const t = getOwn(v, 'target');
    if (typeof t !== 'string' && typeof t !== 'number') return undefined;
    target = String(t);
    const p = getOwn(v, 'published');
    if (typeof p === 'string' || typeof p === 'number') published = String(p);
    const h = getOwn(v, 'host_ip');
    if (typeof h === 'string') ip = h;
    const pr = getOwn(v, 'protocol');
    if (typeof pr === 'string') protocol = pr;
  } else return undefined;
  if (ip === '0.0.0.0') ip = '';
  return [ip, published, target, protocol.toLowerCase()].join('|');
}

/** env_file: the file's path (`a.env` or `{path: a.env, required: false}`). */
export function envFilePath(v: unknown): string | undefined {
  const p = typeof v === 'string' ? v : getOwn(v, 'path');
  return typeof p === 'string' ? p : undefined;
}

/** blkio_config.device_*: the device path. */
export function devicePathKey(v: unknown): string | undefined {
  const p = getOwn(v, 'path');
  return typeof p === 'string' ? p : undefined;
}

/** networks.*.ipam.config: the subnet. */
export function subnetKey(v: unknown): string | undefined {
  const s = getOwn(v, 'subnet');
  return typeof s === 'string' ? s : undefined;
}

/**
 * A `KEY=VALUE` list entry (environment, labels, …) as key and value; `KEY` alone has a null value.
 * @example splitKeyValue('A=b=c') // { key: 'A', value: 'b=c' }
 */
export function splitKeyValue(entry: string): { key: string; value: string | null } {
  const i = entry.indexOf('=');
  return i < 0 ? { key: entry, value: null } : { key: entry.slice(0, i), value: entry.slice(i + 1) };
}

/**
 * An extra_hosts list entry, `host:ip` or `host=ip` (the IP may hold colons: `h:::1`).
 * @example splitHost('db=10.0.0.2') // { key: 'db', value: '10.0.0.2' }
 */
export function splitHost(entry: string): { key: string; value: string | null } {
  const i = entry.search(/[=:]/);
  return i < 0 ? { key: entry, value: null } : { key: entry.slice(0, i), value: entry.slice(i + 1) };
}
