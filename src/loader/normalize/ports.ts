/**
 * `ports` and `expose` (05-services.md) to their long form. The short syntax
 * `[[IP:](port|range):](port|range)[/protocol]` is read as docker compose reads it (Docker's
 * `nat.ParsePortSpec`): the host IP is everything before the last two colons, so
 * `::1:6000:6000` works as well as `[::1]:6000:6000`.
 *
 * A range becomes one entry per port, as `docker compose config` prints it (so the model and
 * `compose2ecs config` stay what docker compose gives); the backends find the ranges again
 * (ECS `containerPortRange`, security group rules from–to). Twenty bytes of `1-65535` are 65,535
 * entries, though, so what ranges may add is capped (PortBudget): per service, no more ports
 * than there are port numbers; per project, twice that. A range past a cap is refused
 * with PORT_RANGE_TOO_LARGE, before any entry of it is made.
 */
import type { Reporter } from '../../diagnostics/report.js';
import type { ServicePort } from '../../model/service-parts.js';

export type { ServicePort } from '../../model/service-parts.js';
import { displayPath, sourceOf, type SourceRange } from '../../core/source.js';
import { getOwn, isMapping, setOwn } from '../../core/own.js';


type Path = readonly (string | number)[];
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** Ports one service's `ports` may hold, ranges expanded: each port number once. */
export const MAX_SERVICE_PORTS = 65_536;

/**
 * Ports the ranges of one project may add beyond their first port: the whole port space twice
 * (tcp and udp, say). Every port entry costs the loader and each backend a few microseconds.
 */
export const MAX_PROJECT_RANGE_PORTS = 2 * MAX_SERVICE_PORTS;

/**
 * What ranges have expanded to so far in one load: ports per service, and ports ranges added
 * in the whole project. One budget per normalization; `normalizePort` without one has no cap.
 */
export class PortBudget {
  private readonly perService = new Map<string, number>();
  private added = 0;

  /**
   * Takes `count` ports (one entry of `service`'s ports) when the caps allow; else a message.
   * A single port is always taken: only a range can make more entries than the text has.
   * @example new PortBudget().take('web', 65_535) // undefined: taken
   */
  take(service: string, count: number): string | undefined {
    const held = this.perService.get(service) ?? 0;
    if (count > 1) {
      if (held + count > MAX_SERVICE_PORTS) {
        return `this range is ${count.toLocaleString('en-US')} ports, and the service would then have ${(held + count).toLocaleString('en-US')}; a service can have at most ${MAX_SERVICE_PORTS.toLocaleString('en-US')} (one per port number), so the range is left out`;
      }
      if (this.added + count - 1 > MAX_PROJECT_RANGE_PORTS) {
        return `this range is ${count.toLocaleString('en-US')} ports; the ranges of the project would then add more than ${MAX_PROJECT_RANGE_PORTS.toLocaleString('en-US')} ports, so the range is left out`;
      }
      this.added += count - 1;
    }
    this.perService.set(service, held + count);
    return undefined;
  }
}

/**
 * One `ports` entry → its long-syntax ports; a range of container ports gives one entry per
 * port. Problems are reported; an invalid entry, or a range past the `budget`, gives `[]`.
 * @example normalizePort('127.0.0.1:8000-8001:80-81/udp', r, range, path)
 * // [{ mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8000', protocol: 'udp' }, { …81, published: '8001' }]
 */
export function normalizePort(entry: unknown, reporter: Reporter, range: SourceRange | undefined, path: Path, budget?: PortBudget): ServicePort[] {
  const fail = (message: string, at: Path = path, where = range): ServicePort[] => {
    reporter.error('COMPOSE_INVALID_VALUE', `${displayPath(at)}: ${message}`, where, at);
    return [];
  };
  if (typeof entry === 'number') {
    if (!isPort(entry)) return fail(`port ${entry} is not a whole number from 1 to 65535`);
    budget?.take(String(path[1]), 1);
    return [{ mode: 'ingress', target: entry, protocol: 'tcp' }];
  }
  if (typeof entry === 'string') {
    const parsed = parseShortPort(entry);
    if (typeof parsed === 'string') return fail(`invalid port '${entry}': ${parsed}`);
    const over = budget?.take(String(path[1]), parsed.end - parsed.start + 1);
    if (over !== undefined) {
      reporter.error('PORT_RANGE_TOO_LARGE', `${displayPath(path)}: '${entry}': ${over}`, range, path);
      return [];
    }
    return expandShortPort(parsed);
  }
  if (isMapping(entry)) {
    const out = normalizeLongPort(entry, reporter, range, path);
    if (out.length) budget?.take(String(path[1]), 1);
    return out;
  }
  return fail('a port must be a string, a number or a mapping');
}

/** A short-syntax entry, read: container ports start–end, host ports (if any), address, protocol. */
interface ShortPort {
  start: number;
  end: number;
  host: [number, number] | undefined;
  ip: string;
  protocol: string;
}

function parseShortPort(text: string): ShortPort | string {
  const parts = text.split(':');
  const n = parts.length;
  const containerPart = parts[n - 1] as string;
  const hostPart = n >= 2 ? (parts[n - 2] as string) : '';
  let ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  const slash = containerPart.indexOf('/');
  const containerText = slash < 0 ? containerPart : containerPart.slice(0, slash);
  const protocol = (slash < 0 ? '' : containerPart.slice(slash + 1)).toLowerCase() || 'tcp';
  if (containerText === '') return 'no container port';
  if (!PROTOCOLS.has(protocol)) return `unknown protocol '${protocol}' (tcp, udp or sctp)`;
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']')) return `invalid IP address '${ip}'`;
    ip = ip.slice(1, -1);
  }
  if (ip !== '' && !isIP(ip)) return `invalid IP address '${ip}'`;
  const container = parsePortRange(containerText);
  if (typeof container === 'string') return `container port ${container}`;
  const host = hostPart === '' ? undefined : parsePortRange(hostPart);
  if (typeof host === 'string') return `host port ${host}`;
  const [start, end] = container;
  if (host && end - start !== host[1] - host[0] && end !== start) {
    return `host range ${hostPart} and container range ${containerText} differ in length`;
  }
  return { start, end, host, ip, protocol };
}

function expandShortPort({ start, end, host, ip, protocol }: ShortPort): ServicePort[] {
  const out: ServicePort[] = [];
  for (let port = start; port <= end; port++) {
    const p: ServicePort = { mode: 'ingress', target: port, protocol };
    if (ip !== '') p.host_ip = ip;
    if (host) {
      const published = host[0] + (port - start);
      // A single container port may take any free host port of a range.
      p.published = start === end && host[0] !== host[1] ? `${host[0]}-${host[1]}` : String(published);
    }
    out.push(reorder(p));
  }
  return out;
}

function normalizeLongPort(entry: Record<string, unknown>, reporter: Reporter, range: SourceRange | undefined, path: Path): ServicePort[] {
  const positions = sourceOf(entry);
  let ok = true;
  const problem = (key: string, message: string, severity: 'error' | 'warning' = 'error'): void => {
    const at = [...path, key];
    const where = positions?.values.get(key) ?? positions?.keys.get(key) ?? range;
    reporter.report('COMPOSE_INVALID_VALUE', severity, `${displayPath(at)}: ${message}`, { range: where, path: at });
    if (severity === 'error') ok = false;
  };
  const text = (key: string): string | undefined => {
    const v = getOwn(entry, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    problem(key, `must be a string, not ${JSON.stringify(v)}`);
    return undefined;
  };
  const out: ServicePort = { mode: 'ingress', target: 0, protocol: 'tcp' };
  const name = text('name');
  if (name !== undefined) out.name = name;
  const mode = text('mode');
  if (mode !== undefined) {
    if (mode !== 'ingress' && mode !== 'host') problem('mode', `unknown mode '${mode}' (host or ingress)`, 'warning');
    out.mode = mode;
  }
  const hostIp = text('host_ip');
  if (hostIp !== undefined && hostIp !== '') {
    if (isIP(hostIp)) out.host_ip = hostIp;
    else problem('host_ip', `invalid IP address '${hostIp}'`);
  }
  const target = getOwn(entry, 'target');
  const targetPort = typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : target;
  if (target === undefined || target === null) problem('target', 'the container port is required');
  else if (typeof targetPort === 'number' && isPort(targetPort)) out.target = targetPort;
  else problem('target', `port ${JSON.stringify(target)} is not a whole number from 1 to 65535`);
  const published = getOwn(entry, 'published');
  if (typeof published === 'number' || (typeof published === 'string' && published !== '')) {
    const r = parsePortRange(String(published));
    if (typeof r === 'string') problem('published', `port ${r}`);
    else out.published = r[0] === r[1] ? String(r[0]) : `${r[0]}-${r[1]}`;
  } else if (published !== undefined && published !== null && published !== '') {
    problem('published', `must be a port or a range, not ${JSON.stringify(published)}`);
  }
  const protocol = text('protocol');
  if (protocol !== undefined && protocol !== '') {
    if (PROTOCOLS.has(protocol.toLowerCase())) out.protocol = protocol.toLowerCase();
    else problem('protocol', `unknown protocol '${protocol}' (tcp, udp or sctp)`);
  }
  const appProtocol = text('app_protocol');
  if (appProtocol !== undefined) out.app_protocol = appProtocol;
  for (const key of Object.keys(entry)) {
    if (key.startsWith('x-')) setOwn(out as unknown as Record<string, unknown>, key, entry[key]);
    else if (!ORDER.includes(key)) {
      const at = [...path, key];
      reporter.error('COMPOSE_UNKNOWN_KEY', `${displayPath(at)}: unknown key in a port`, positions?.keys.get(key) ?? range, at);
      ok = false;
    }
  }
  return ok ? [reorder(out)] : [];
}

/**
 * One `expose` entry → the text docker compose config prints for it (the entry as written,
 * a number as its digits), after checking it is `port[-port][/protocol]`.
 * @example normalizeExpose(3000, r, range, path) // ['3000']
 */
export function normalizeExpose(entry: unknown, reporter: Reporter, range: SourceRange | undefined, path: Path): string[] {
  const fail = (message: string): string[] => {
    reporter.error('COMPOSE_INVALID_VALUE', `${displayPath(path)}: ${message}`, range, path);
    return [];
  };
  if (typeof entry === 'number') return isPort(entry) ? [String(entry)] : fail(`port ${entry} is not a whole number from 1 to 65535`);
  if (typeof entry !== 'string') return fail('an exposed port must be a string or a number');
  const slash = entry.indexOf('/');
  const ports = slash < 0 ? entry : entry.slice(0, slash);
  const protocol = slash < 0 ? 'tcp' : entry.slice(slash + 1).toLowerCase() || 'tcp';
  const r = parsePortRange(ports);
  if (typeof r === 'string') return fail(`invalid exposed port '${entry}': port ${r}`);
  if (!PROTOCOLS.has(protocol)) return fail(`invalid exposed port '${entry}': unknown protocol '${protocol}' (tcp, udp or sctp)`);
  return [entry];
}

/** `port` or `start-end` → [start, end]; a message when invalid. */
function parsePortRange(text: string): [number, number] | string {
  const dash = text.indexOf('-');
  const startText = dash < 0 ? text : text.slice(0, dash);
  const endText = dash < 0 ? startText : text.slice(dash + 1);
  const start = parsePortNumber(startText);
  if (start === undefined) return `'${startText}' is not a number from 1 to 65535`;
  const end = parsePortNumber(endText);
  if (end === undefined) return `'${endText}' is not a number from 1 to 65535`;
  if (end < start) return `range '${text}' ends before it starts`;
  return [start, end];
}

function parsePortNumber(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text.replace(/^0+(?=\d)/, ''))) return undefined;
  const n = Number(text);
  return isPort(n) ? n : undefined;
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

const ORDER = ['name', 'mode', 'host_ip', 'target', 'published', 'protocol', 'app_protocol'];

/** Keys in the order docker compose prints them, extensions last. */
function reorder(p: ServicePort): ServicePort {
  const out: Record<string, unknown> = {};
  for (const key of ORDER) if (getOwn(p, key) !== undefined) out[key] = getOwn(p, key);
  for (const key of Object.keys(p)) if (key.startsWith('x-')) setOwn(out, key, getOwn(p, key));
  return out as unknown as ServicePort;
}

/** An IPv4 or IPv6 address as Go's `net.ParseIP` accepts it (no zone, no leading zeros in IPv4). */
export function isIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  const all = [...head, ...tail];
  let count = all.length;
  // An embedded IPv4 address may only end the text.
  const end = halves.length === 2 ? tail : head;
  const last = end[end.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    all.pop();
    count++; // an embedded IPv4 address fills two groups
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}
