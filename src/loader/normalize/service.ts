/**
 * 05-services: the table of every service key of the compose schema and how it is
 * normalized. The table is checked against both the schema's generated types and the model,
 * so a key added to the schema does not build until it is mapped here (and in the model).
 */
import type { Service as SchemaService } from '../../generated/compose-spec.js';
import type { CredentialSpec, Extends, Logging, Provider } from '../../model/service-parts.js';
import type { Service } from '../../model/service.js';
import { copyChildSource, ensureSource } from '../../core/source.js';
import { normalizeExpose, normalizePort, PortBudget, type ServicePort } from './ports.js';
import { normalizeTmpfs, normalizeVolume, type ServiceVolume } from './volumes.js';
import { copyRaw, fillSource, guardedReporter, invalid, put, reordered, type At, type Normalizer } from './at.js';
import { build } from './build.js';
import { develop, healthcheck, hooks, preStartHooks, shellCommand } from './commands.js';
import { deploy } from './deploy.js';
import { addImpliedDependencies, dependsOn } from './depends-on.js';
import { applyFiles, envFiles, labelFiles } from './environment.js';
import { fileReferences, secretReferences } from './file-refs.js';
import { serviceModels, serviceNetworks } from './networking.js';
import { object, shortOr, type Fields, type KnownKeys } from './object.js';
import { blkioConfig, devices, extraHosts, gpus, ulimits } from './resources.js';
import { bool, bytes, describe, duration, envMapping, flatListOf, int, intIn, labels, mapOf, num, oneOf, optionalText, str, stringOrList, strings, textMap } from './scalars.js';
import { parseDuration } from '../../core/units.js';
import { imageReference } from './image-reference.js';

/** A list whose entries each give one or more items (ports, expose), positioned at their entry. */
function entries<T>(one: (entry: unknown, at: At) => T[] | T | undefined): Normalizer<T[]> {
  return flatListOf((e, c) => {
    const r = one(e, c);
    const items = r === undefined ? [] : Array.isArray(r) ? r : [r];
    for (const item of items) fillSource(item, c.range);
    return items;
  });
}

// One budget per load: what port ranges expand to is capped per service and per project.
function portBudget(at: At): PortBudget {
  return (at.n.portBudget ??= new PortBudget());
}

/**
 * A list normalized by `list`, each key kept once: a later item takes the place of the earlier
 * one with its key. docker compose does the same once ports are long (compose-go
 * `EnforceUnicity` after `Canonical`), so `expose: ["80", 80]` and
 * `ports: ["8080:80", {target: 80, published: "8080"}]` are one port each, silently. The
 * schema's uniqueItems, checked on the values as written, does not see these; left in, they
 * would make the printed model fail it.
 */
function uniqueBy<T>(list: Normalizer<T[]>, keyOf: (item: T) => string): Normalizer<T[]> {
  return (v, at) => {
    const items = list(v, at);
    if (!items) return items;
    const out: T[] = [];
    ensureSource(out, at.range);
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      const j = seen.get(key) ?? out.length;
      seen.set(key, j);
      out[j] = item;
      copyChildSource(items, i, out, j);
    });
    return out;
  };
}

/** 13-merge § Unique resources: a port is unique by address, published port, target and protocol. */
const portKey = (p: ServicePort): string => JSON.stringify([p.host_ip ?? '', p.published ?? '', p.target, p.protocol]);
const ports = uniqueBy(
  entries<ServicePort>((e, at) => normalizePort(e, guardedReporter(at), at.range, at.path, portBudget(at))),
  portKey,
);
const expose = uniqueBy(
  entries<string>((e, at) => normalizeExpose(e, guardedReporter(at), at.range, at.path)),
  (e) => e,
);
const volumes = entries<ServiceVolume>((e, at) => normalizeVolume(e, at.n, guardedReporter(at), at.range, at.path));

/** tmpfs: a path or a list of `PATH[:OPTIONS]`, checked by volumes.ts. */
const tmpfsList: Normalizer<string[]> = (v, at) => {
  const out = normalizeTmpfs(v, guardedReporter(at), at.range, at.path);
  ensureSource(out, at.range);
  if (Array.isArray(v) && v.length === out.length) out.forEach((_, i) => copyChildSource(v, i, out, i));
  return out;
};

/** cpu_rt_period / cpu_rt_runtime: microseconds, or a duration converted to microseconds. */
const microseconds: Normalizer<number> = (v, at) => {
  if (typeof v === 'number' || (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()))) return int(v, at);
  const d = typeof v === 'string' ? parseDuration(v) : undefined;
  return d === undefined ? invalid(at, `expected microseconds or a duration such as 400ms, got ${describe(v)}`) : Math.round(d * 1e6);
};

/** pull_policy: `if_not_present` is the old spelling of `missing`. */
const pullPolicy: Normalizer<string> = (v, at) => {
  const s = str(v, at);
  return s === 'if_not_present' ? 'missing' : s;
};

const extendsRef = shortOr(
  'service',
  object<Extends>({ service: str, file: str }, (out, at) => (typeof out.service === 'string' ? (out as unknown as Extends) : invalid(at, '"service" must be set'))),
);

const providerOption: Normalizer<NonNullable<Provider['options']>[string]> = (v, at) => {
  if (['string', 'number', 'boolean'].includes(typeof v)) return v as string | number | boolean;
  if (Array.isArray(v) && v.every((e) => ['string', 'number', 'boolean'].includes(typeof e))) return copyRaw(v) as (string | number | boolean)[];
  return invalid(at, `expected a value or a list of values, got ${describe(v)}`);
};

const provider = object<Provider>({ type: str, options: mapOf(providerOption) }, (out, at) =>
  typeof out.type === 'string' ? (out as unknown as Provider) : invalid(at, '"type" must be set'),
);

const logging = object<Logging>({ driver: str, options: mapOf((v, at) => (v === null ? null : str(v, at))) });

type ServiceKey = Exclude<keyof Service, 'name' | 'extensions'>;
type SchemaKey = KnownKeys<SchemaService>;
// The model has exactly the schema's service keys: both directions fail to build otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const modelMatchesSchema: Same<ServiceKey, SchemaKey> = true;
void modelMatchesSchema;

/** Every service key of the compose schema, in the schema's order, with its normalizer. */
export const serviceKeys = {
  develop,
  deploy,
  annotations: labels,
  attach: bool,
  build,
  blkio_config: blkioConfig,
  cap_add: strings,
  cap_drop: strings,
  cgroup: oneOf('host', 'private'),
  cgroup_parent: optionalText,
  command: shellCommand,
  configs: fileReferences,
  container_name: optionalText,
  cpu_count: intIn(0),
  cpu_percent: intIn(0, 100),
  cpu_shares: int,
  cpu_quota: int,
  cpu_period: int,
  cpu_rt_period: microseconds,
  cpu_rt_runtime: microseconds,
  cpus: num,
  cpuset: optionalText,
  credential_spec: object<CredentialSpec>({ config: str, file: str, registry: str }),
  depends_on: dependsOn,
  device_cgroup_rules: strings,
  devices,
  dns: stringOrList,
  dns_opt: strings,
  dns_search: stringOrList,
  domainname: optionalText,
  entrypoint: shellCommand,
  env_file: envFiles,
  label_file: labelFiles,
  environment: envMapping('lookup-or-null'),
  expose,
  extends: extendsRef,
  provider,
  external_links: strings,
  extra_hosts: extraHosts,
  gpus,
  group_add: strings,
  healthcheck,
  hostname: optionalText,
  image: imageReference,
  init: bool,
  ipc: optionalText,
  isolation: optionalText,
  labels,
  links: strings,
  logging,
  mac_address: optionalText,
  mem_limit: bytes,
  mem_reservation: bytes,
  mem_swappiness: int,
  memswap_limit: bytes,
  network_mode: optionalText,
  models: serviceModels,
  networks: serviceNetworks,
  oom_kill_disable: bool,
  oom_score_adj: intIn(-1000, 1000),
  pid: optionalText,
  pids_limit: int,
  platform: optionalText,
  ports,
  pre_start: preStartHooks,
  post_start: hooks,
  pre_stop: hooks,
  privileged: bool,
  profiles: strings,
  pull_policy: pullPolicy,
  pull_refresh_after: str,
  read_only: bool,
  restart: optionalText,
  runtime: optionalText,
  scale: int,
  security_opt: strings,
  shm_size: bytes,
  secrets: secretReferences,
  sysctls: labels,
  stdin_open: bool,
  stop_grace_period: duration,
  stop_signal: optionalText,
  storage_opt: textMap,
  tmpfs: tmpfsList,
  tty: bool,
  ulimits,
  use_api_socket: bool,
  user: optionalText,
  uts: optionalText,
  userns_mode: optionalText,
  volumes,
  volumes_from: strings,
  working_dir: optionalText,
} satisfies Fields<Omit<Service, 'name'>> & Record<SchemaKey, Normalizer<unknown>>;

/** The order of a normalized service's keys: its name, the schema's keys, then its extensions. */
export const serviceKeyOrder: readonly string[] = ['name', ...Object.keys(serviceKeys), 'extensions'];

/**
 * A normalizer for one service; `exists` tells which service names the project defines (for
 * the dependencies compose adds for links, volumes_from and `service:` namespaces).
 */
export function serviceNormalizer(exists: (name: string) => boolean): Normalizer<Service> {
  const normalize = object<Omit<Service, 'name'>>(serviceKeys, (out, at) => {
    applyFiles(out, at);
    addImpliedDependencies(out, at, exists);
    // 05-services networks: without networks (or with an empty mapping) and without
    // network_mode, a service joins the implicit `default` network; a provider joins none.
    const nets = out.networks as Record<string, unknown> | undefined;
    if (out.network_mode === undefined && out.provider === undefined && (nets === undefined || Object.keys(nets).length === 0)) {
      const dflt = { default: null };
      ensureSource(dflt, at.range);
      put(out, 'networks', dflt, at);
    }
    put(out, 'name', String(at.path[at.path.length - 1]), { range: at.keyRange ?? at.range, keyRange: at.keyRange });
    if (out.extensions === undefined) put(out, 'extensions', {}, at);
    return out as unknown as Omit<Service, 'name'>;
  });
  return (v, at) => {
    const svc = normalize(v, at);
    return svc && (reordered(svc, serviceKeyOrder) as Service);
  };
}
