/**
 * Reservations within limits, for generated files: RESOURCE_RESERVATION_ABOVE_LIMIT
 * (src/rules/resources.ts) is an error on every target (docker refuses such a container, ECS
 * a memoryReservation above memory, Kubernetes requests above limits), and the shared
 * arbitrary draws `mem_limit`, `mem_reservation` and `deploy.resources` independently.
 *
 * The rule reads a service after extends: deploy.resources first, then the service-level key
 * (`mem_limit`, `mem_reservation`, `cpus`), each taken from the nearest service of the extends
 * chain that sets it. `reservationsWithinLimits` reads them the same way and, where the
 * reservation is above the limit, writes the limit's value as the service's own reservation,
 * in the place the reservation was read from (bases first, so an extender sees the mended base).
 *
 * @example
 * reservationsWithinLimits({ services: { a: { image: 'nginx', mem_limit: '512m', mem_reservation: '1g' } } });
 * // a.mem_reservation is now '512m'
 */
import { parseBytes } from '../../src/core/units.js';
import type { ComposeDoc } from '../support/arbitraries.js';

type Path = readonly string[];
type Service = Record<string, unknown>;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the rule reads each limit and reservation, in its order, and how it reads a value. */
const KINDS: readonly { limits: Path[]; reservations: Path[]; read: (v: unknown) => number | undefined }[] = [
  {
    limits: [['deploy', 'resources', 'limits', 'memory'], ['mem_limit']],
    reservations: [['deploy', 'resources', 'reservations', 'memory'], ['mem_reservation']],
    read: (v) => (typeof v === 'string' || typeof v === 'number' ? parseBytes(v) : undefined),
  },
  {
    limits: [['deploy', 'resources', 'limits', 'cpus'], ['cpus']],
    reservations: [['deploy', 'resources', 'reservations', 'cpus']],
    read: (v) => (typeof v === 'string' || typeof v === 'number' ? Number(v) : undefined),
  },
];

function getIn(svc: Service, path: Path): unknown {
  let v: unknown = svc;
  for (const k of path) v = isMap(v) && Object.hasOwn(v, k) ? v[k] : undefined;
  return v;
}

function setIn(svc: Service, path: Path, value: unknown): void {
  let at = svc;
  for (const k of path.slice(0, -1)) {
    if (!isMap(at[k])) at[k] = {};
    at = at[k] as Service;
  }
  at[path[path.length - 1] as string] = value;
}

/** The service `svc` extends in its own file, if any. */
function sameFileBase(svc: Service): string | undefined {
  const ext = svc.extends;
  if (typeof ext === 'string') return ext;
  return isMap(ext) && typeof ext.service === 'string' && ext.file === undefined ? ext.service : undefined;
}

/** The service and those it extends, nearest first (a cycle, which the loader refuses anyway, ends it). */
function chain(services: Record<string, Service>, name: string): Service[] {
  const out: Service[] = [];
  const seen = new Set<string>();
  for (let n: string | undefined = name; n !== undefined && Object.hasOwn(services, n) && !seen.has(n); n = sameFileBase(services[n] as Service)) {
    seen.add(n);
    out.push(services[n] as Service);
  }
  return out;
}

/** The first of `paths` set (above 0) through the chain, as the rule picks it: its path, raw value and reading. */
function effective(links: Service[], paths: Path[], read: (v: unknown) => number | undefined): { path: Path; raw: unknown; value: number } | undefined {
  for (const path of paths) {
    const raw = links.map((s) => getIn(s, path)).find((v) => v !== undefined);
    const value = read(raw);
    if (value !== undefined && value > 0) return { path, raw, value };
  }
  return undefined;
}

/** Mends `doc` in place (see the module comment) and returns it. */
export function reservationsWithinLimits<T extends ComposeDoc>(doc: T): T {
  const services = doc.services;
  const done = new Set<string>();
  const mend = (name: string): void => {
    if (done.has(name)) return;
    done.add(name);
    const svc = services[name] as Service;
    const base = sameFileBase(svc);
    if (base !== undefined && Object.hasOwn(services, base)) mend(base);
    const links = chain(services, name);
    for (const { limits, reservations, read } of KINDS) {
      const limit = effective(links, limits, read);
      const reservation = effective(links, reservations, read);
      if (!limit || !reservation || reservation.value <= limit.value) continue;
      // deploy.resources memory is a string in the schema; a byte count is written `<n>b`.
      const inDeploy = reservation.path[0] === 'deploy' && reservation.path[3] === 'memory';
      setIn(svc, reservation.path, inDeploy && typeof limit.raw === 'number' ? `${limit.raw}b` : limit.raw);
    }
  };
  for (const name of Object.keys(services)) mend(name);
  return doc;
}
