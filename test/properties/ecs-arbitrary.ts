/**
 * Compose files that ECS can take, built on the shared `composeFile()` arbitrary
 * (test/support/arbitraries.ts): that one is valid *compose*, but most of its files are not
 * valid *ECS* (a `100b` memory limit, a reservation above the limit, secrets without an ARN).
 * `ecsComposeFile()` keeps everything else and replaces those parts: memory is a consistent
 * (limit ≥ reservation ≥ 6 MiB) pair written in any of the compose spellings and places,
 * CPUs are sane, secrets are named by ARN, and no two services publish one host port (not even
 * through extends: port-conflicts.ts). Plus `FILES`, the files the shared arbitrary's
 * `secrets`/`configs` definitions read.
 *
 * @example
 * fc.assert(fc.asyncProperty(ecsComposeFile(), async (doc) => { await convert({ host: memoryHost(withFiles(doc), DIR), target: 'ecs' }); }));
 */
import fc from 'fast-check';
import { composeFile, sideFiles, toYaml, type ComposeDoc } from '../support/arbitraries.js';
import { withUniquePorts } from './port-conflicts.js';
import { reservationsWithinLimits } from './reservation-limits.js';

export const DIR = '/p';
export const MAIN = `${DIR}/compose.yaml`;

/** The files the generated `secrets`, `configs`, `env_file` and `label_file` refer to. */
export const FILES: Readonly<Record<string, string>> = sideFiles(DIR);

/** The compose file and the files it reads, for memoryHost. */
export function withFiles(doc: unknown, extra: Record<string, string> = {}): Record<string, string> {
  return { [MAIN]: toYaml(doc), ...FILES, ...extra };
}

/** MiB written as a compose byte value, in one of its spellings (all exact multiples of 1 MiB). */
const mibText = (mib: number): fc.Arbitrary<string | number> =>
  fc.constantFrom<string | number>(`${mib}m`, `${mib}M`, `${mib}mb`, `${mib * 1024}k`, mib * 1024 * 1024, ...(mib % 1024 === 0 ? [`${mib / 1024}g`, `${mib / 1024}gb`] : []));

/** Container memory as a consistent pair: a limit, a reservation, or both with limit ≥ reservation ≥ 6 MiB. */
export const memoryPair: fc.Arbitrary<{ limit?: number; reservation?: number }> = fc
  .tuple(fc.integer({ min: 6, max: 16_384 }), fc.integer({ min: 6, max: 16_384 }), fc.constantFrom('limit', 'reservation', 'both', 'none'))
  .map(([a, b, which]) => {
    const [low, high] = a <= b ? [a, b] : [b, a];
    if (which === 'limit') return { limit: high };
    if (which === 'reservation') return { reservation: low };
    if (which === 'both') return { limit: high, reservation: low };
    return {};
  });

/** Where a memory pair is written: the service-level keys or deploy.resources. */
const memoryPlace = fc.constantFrom('service', 'deploy');

const cpus = fc.oneof(fc.constant(undefined), fc.constantFrom(0.125, 0.25, 0.5, 1, 2, 4, '0.5', '1.5'));

const ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`;

interface Resources {
  memory: { limit?: number; reservation?: number };
  place: string;
  cpus: number | string | undefined;
  limitText: string | number;
  reservationText: string | number;
}

const resources: fc.Arbitrary<Resources> = fc
  .tuple(memoryPair, memoryPlace, cpus)
  .chain(([memory, place, c]) =>
    fc.tuple(mibText(memory.limit ?? 512), mibText(memory.reservation ?? 512)).map(([limitText, reservationText]) => ({ memory, place, cpus: c, limitText, reservationText })),
  );

/** Rewrites one service's CPU and memory keys from `r`. */
function applyResources(svc: Record<string, unknown>, r: Resources): void {
  for (const k of ['mem_limit', 'mem_reservation', 'cpus', 'cpu_shares']) delete svc[k];
  const deploy = (svc.deploy ?? undefined) as Record<string, unknown> | undefined;
  if (deploy) delete deploy.resources;
  if (r.place === 'service') {
    if (r.memory.limit !== undefined) svc.mem_limit = r.limitText;
    if (r.memory.reservation !== undefined) svc.mem_reservation = r.reservationText;
    if (r.cpus !== undefined) svc.cpus = r.cpus;
    return;
  }
  // deploy.resources memory is a string in the schema.
  const limits: Record<string, unknown> = {};
  const reservations: Record<string, unknown> = {};
  if (r.memory.limit !== undefined) limits.memory = typeof r.limitText === 'number' ? `${r.limitText}b` : r.limitText;
  if (r.memory.reservation !== undefined) reservations.memory = typeof r.reservationText === 'number' ? `${r.reservationText}b` : r.reservationText;
  if (r.cpus !== undefined) limits.cpus = r.cpus;
  const res: Record<string, unknown> = {};
  if (Object.keys(limits).length) res.limits = limits;
  if (Object.keys(reservations).length) res.reservations = reservations;
  if (Object.keys(res).length) svc.deploy = { ...(deploy ?? {}), resources: res };
}

/**
 * A compose file ECS can take (see the module comment); `resourcesOf` on the result gives
 * the memory each service was generated with, to check the output against.
 */
export function ecsComposeFile(): fc.Arbitrary<ComposeDoc> {
  // ECS container names take letters, digits, - and _ only: the backend asks to rename a
  // service named `api.v2` (ECS_INVALID), so such files are not ones ECS can take.
  const ecsNames = (doc: ComposeDoc) => Object.keys(doc.services).every((n) => /^[A-Za-z0-9_-]+$/.test(n));
  return composeFile().filter(ecsNames).chain((doc) =>
    fc.tuple(...Object.keys(doc.services).map(() => resources)).map((all) => {
      const copy = structuredClone(doc);
      const names = Object.keys(copy.services);
      const chosen = new Map<string, Resources>();
      // One task has one platform, ipcMode and pidMode: with layout project its services share them.
      const shared = Object.fromEntries(['platform', 'ipc', 'pid'].map((k) => [k, Object.values(copy.services).find((svc) => svc[k] !== undefined)?.[k]]));
      Object.entries(copy.services).forEach(([name, svc], i) => {
        const base = baseOf(svc);
        const r = likeBase(all[i] as Resources, base === undefined ? undefined : chosen.get(base));
        chosen.set(name, r);
        applyResources(svc, r);
        for (const k of ['platform', 'ipc', 'pid']) if (svc[k] !== undefined) svc[k] = shared[k];
        // Fargate tasks use awsvpc only (host, bridge and none are EC2's).
        if (typeof svc.network_mode === 'string' && !svc.network_mode.startsWith('service:')) delete svc.network_mode;
        dropHostMounts(svc);
        uniqueItems(svc);
        keepEarlierDependencies(svc, names.slice(0, i));
      });
      for (const svc of Object.values(copy.services)) healthyNeedsHealthcheck(svc, copy.services);
      const secrets = copy.secrets as Record<string, unknown> | undefined;
      if (secrets) for (const name of Object.keys(secrets)) secrets[name] = { external: true, name: ARN(name) };
      // likeBase already keeps memory consistent through extends; the check is the rule's own
      // reading, so a gap there cannot turn into RESOURCE_RESERVATION_ABOVE_LIMIT.
      return withinContainerLimit(withUniquePorts(reservationsWithinLimits(copy)));
    }),
  );
}

/**
 * ECS takes at most 10 containers in a task definition, and with layout project one task holds
 * every service and each pre_start step as an init container (steps merge through extends:
 * sequences append). A file over that is one ECS refuses (ECS_LIMIT, tested in
 * test/backends/ecs/jobs.test.ts), so its steps are dropped here.
 */
function withinContainerLimit(doc: ComposeDoc): ComposeDoc {
  const own = (svc: Record<string, unknown>) => (Array.isArray(svc.pre_start) ? svc.pre_start.length : 0);
  const steps = (name: string, seen: Set<string>): number => {
    const svc = doc.services[name];
    if (!svc || seen.has(name)) return 0;
    seen.add(name);
    const base = baseOf(svc);
    return own(svc) + (base === undefined ? 0 : steps(base, seen));
  };
  const names = Object.keys(doc.services);
  const containers = names.length + names.reduce((n, name) => n + steps(name, new Set()), 0);
  if (containers > 10) for (const svc of Object.values(doc.services)) delete svc.pre_start;
  return doc;
}

/** The service `svc` extends in the same file, if any. */
function baseOf(svc: Record<string, unknown>): string | undefined {
  const ext = svc.extends;
  if (typeof ext === 'string') return ext;
  return ext && typeof ext === 'object' && typeof (ext as { service?: unknown }).service === 'string' ? (ext as { service: string }).service : undefined;
}

/**
 * An extending service's memory merges with its base's (a base limit of 13 MiB and an own
 * reservation of 11 GiB do not fit), so it writes the same keys in the same place as its base:
 * its own values then replace the base's, and what it writes is what it gets.
 */
function likeBase(r: Resources, base: Resources | undefined): Resources {
  if (!base || (base.memory.limit === undefined && base.memory.reservation === undefined)) return r;
  const defined = (v: number | undefined): v is number => v !== undefined;
  const own = [r.memory.limit, r.memory.reservation].filter(defined);
  const pool = own.length ? own : [base.memory.limit, base.memory.reservation].filter(defined);
  const [low, high] = [Math.min(...pool), Math.max(...pool)];
  const memory: Resources['memory'] = {};
  if (base.memory.limit !== undefined) memory.limit = high;
  if (base.memory.reservation !== undefined) memory.reservation = low;
  return { ...r, place: base.place, memory, limitText: `${high}m`, reservationText: `${low}m` };
}

/**
 * The shared arbitrary can repeat an item of `expose` or `ports` (`expose: ["64991", "64991"]`,
 * found by the fuzz run), which the schema's uniqueItems rejects; keep the first of each.
 */
function uniqueItems(svc: Record<string, unknown>): void {
  for (const key of ['expose', 'ports']) {
    const list = svc[key];
    if (!Array.isArray(list)) continue;
    const seen = new Set<string>();
    svc[key] = list.filter((item) => {
      const id = JSON.stringify(item);
      return seen.has(id) ? false : (seen.add(id), true);
    });
  }
}

/** Host bind mounts: Fargate has no host to mount from. */
function dropHostMounts(svc: Record<string, unknown>): void {
  if (!Array.isArray(svc.volumes)) return;
  svc.volumes = svc.volumes.filter((v) => (typeof v === 'string' ? !/^[./~]/.test(v) || !v.includes(':') : (v as { type?: string }).type !== 'bind'));
  if ((svc.volumes as unknown[]).length === 0) delete svc.volumes;
}

/** depends_on only on services defined before: no cycles (docker compose refuses them). */
function keepEarlierDependencies(svc: Record<string, unknown>, earlier: readonly string[]): void {
  const d = svc.depends_on;
  if (Array.isArray(d)) svc.depends_on = d.filter((n) => earlier.includes(n as string));
  else if (d && typeof d === 'object') svc.depends_on = Object.fromEntries(Object.entries(d).filter(([n]) => earlier.includes(n)));
  const left = svc.depends_on;
  if (left !== undefined && (Array.isArray(left) ? left.length === 0 : Object.keys(left as object).length === 0)) delete svc.depends_on;
}

/**
 * `service_healthy` waits for a healthcheck; on a service without one (or with it disabled) it
 * becomes `service_started` (HEALTHCHECK_MISSING is an error within an ECS task, a warning across tasks and on Kubernetes).
 * @example for (const svc of Object.values(doc.services)) healthyNeedsHealthcheck(svc, doc.services);
 */
export function healthyNeedsHealthcheck(svc: Record<string, unknown>, services: Record<string, Record<string, unknown>>): void {
  const d = svc.depends_on;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return;
  for (const [name, opts] of Object.entries(d as Record<string, { condition?: string }>)) {
    if (opts.condition === 'service_healthy' && !healthcheckOn(name, services)) opts.condition = 'service_started';
  }
}

/**
 * Whether a service ends up with an enabled healthcheck. 05-services extends merges the
 * healthcheck mapping key by key, so a base's `disable: true` stays under the service's own
 * `test` (found by the fuzz run at 3,529 cases: the compiler rightly refused the wait).
 */
function healthcheckOn(name: string, services: Record<string, Record<string, unknown>>): boolean {
  const hc = mergedHealthcheck(name, services, new Set());
  return hc !== undefined && hc.disable !== true && !(Array.isArray(hc.test) && hc.test[0] === 'NONE');
}

type Healthcheck = { disable?: boolean; test?: unknown };

/** A service's healthcheck merged over those of the services it extends in the same file. */
function mergedHealthcheck(name: string, services: Record<string, Record<string, unknown>>, seen: Set<string>): Healthcheck | undefined {
  const svc = services[name];
  if (!svc || seen.has(name)) return undefined;
  seen.add(name);
  const ext = svc.extends;
  const base = typeof ext === 'string' ? ext : ext && typeof ext === 'object' && !('file' in ext) ? (ext as { service?: string }).service : undefined;
  const inherited = base ? mergedHealthcheck(base, services, seen) : undefined;
  const own = svc.healthcheck as Healthcheck | undefined;
  return inherited && own ? { ...inherited, ...own } : (own ?? inherited);
}

/** The memory (MiB) a service of an `ecsComposeFile()` document asks for. */
export function requestedMemory(svc: Record<string, unknown>): { limit?: number; reservation?: number } {
  const deploy = svc.deploy as { resources?: { limits?: { memory?: unknown }; reservations?: { memory?: unknown } } } | undefined;
  const limit = svc.mem_limit ?? deploy?.resources?.limits?.memory;
  const reservation = svc.mem_reservation ?? deploy?.resources?.reservations?.memory;
  const out: { limit?: number; reservation?: number } = {};
  if (limit !== undefined) out.limit = toMiB(limit);
  if (reservation !== undefined) out.reservation = toMiB(reservation);
  return out;
}

function toMiB(v: unknown): number {
  if (typeof v === 'number') return v / (1024 * 1024);
  const m = /^(\d+)([a-z]+)$/i.exec(String(v));
  if (m && (m[2] as string).toLowerCase() === 'b') return Number(m[1]) / (1024 * 1024);
  if (!m) throw new Error(`not a generated byte value: ${String(v)}`);
  const unit = (m[2] as string).toLowerCase();
  const n = Number(m[1]);
  return unit === 'k' ? n / 1024 : unit.startsWith('g') ? n * 1024 : n;
}

/**
 * The file as ECS can take it on `launchType`: Fargate has no DAEMON scheduling, so
 * deploy.mode global (an error there, issue 18) becomes the default replicated mode.
 *
 * @example
 * forLaunchType({ services: { a: { image: 'x', deploy: { mode: 'global' } } } }, 'FARGATE') // deploy: {}
 */
export function forLaunchType<T>(doc: T, launchType: 'FARGATE' | 'EC2'): T {
  if (launchType !== 'FARGATE') return doc;
  const copy = structuredClone(doc) as { services?: Record<string, { deploy?: { mode?: unknown } }> };
  for (const svc of Object.values(copy.services ?? {})) if (svc?.deploy?.mode === 'global') delete svc.deploy.mode;
  return copy as T;
}
