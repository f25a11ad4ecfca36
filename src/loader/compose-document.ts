/**
 * The normalized Project written back as a compose file (what `compose2ecs config` prints,
 * like `docker compose config`): long syntax everywhere, durations as text, byte sizes as
 * numbers, `x-*` extensions back in place. The Compose schema accepts it, and loading it
 * again gives the same Project: every `$` of a value is printed `$$`, as compose-go does, since
 * loading interpolates every value (`A: $$HOME` holds the text `$HOME`, printed `A: $$HOME`).
 * Mapping keys are printed as they are: interpolation leaves keys alone.
 */
import type { Project } from '../model/project.js';
import { formatDuration } from '../core/units.js';
import { setOwn } from '../core/own.js';

/**
 * How a value at a path pattern is printed. Patterns name fixed keys, `*` for a key the user
 * chose and `[]` for a list item. `struct`: a structure of the model (its `extensions` are
 * spread back as `x-*` keys); `map`: a mapping of structures by user key; a function
 * converts the value (undefined leaves the key out). Values under no rule are copied as they are.
 */
type Rule = 'struct' | 'map' | ((value: unknown) => unknown);

const duration = (v: unknown): unknown => (typeof v === 'number' ? formatDuration(v) : v);
const text = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
const octal = (v: unknown): unknown => (typeof v === 'number' ? '0' + v.toString(8) : v);
const omit = (): unknown => undefined;
/** host → IPs, as compose prints it: a sorted list of `host=ip`. */
const hostList = (v: unknown): unknown =>
  Object.entries(v as Record<string, string[]>)
    .flatMap(([host, ips]) => ips.map((ip) => `${host}=${ip}`))
    .sort();
const sshList = (v: unknown): unknown => (v as { id: string; path?: string }[]).map((k) => (k.path === undefined ? k.id : `${k.id}=${k.path}`));

const SERVICE: Record<string, Rule> = {
  '': 'struct',
  name: omit,
  build: 'struct',
  'build.secrets[]': 'struct',
  'build.secrets[].mode': octal,
  'build.extra_hosts': hostList,
  'build.ssh': sshList,
  'build.ulimits': 'map',
  'build.ulimits.*': 'struct',
  blkio_config: 'struct',
  'blkio_config.device_read_bps[]': 'struct',
  'blkio_config.device_read_iops[]': 'struct',
  'blkio_config.device_write_bps[]': 'struct',
  'blkio_config.device_write_iops[]': 'struct',
  'blkio_config.weight_device[]': 'struct',
  'configs[]': 'struct',
  'configs[].mode': octal,
  credential_spec: 'struct',
  depends_on: 'map',
  'depends_on.*': 'struct',
  deploy: 'struct',
  'deploy.update_config': 'struct',
  'deploy.update_config.delay': duration,
  'deploy.update_config.monitor': duration,
  'deploy.rollback_config': 'struct',
  'deploy.rollback_config.delay': duration,
  'deploy.rollback_config.monitor': duration,
  'deploy.resources': 'struct',
  'deploy.resources.limits': 'struct',
  // the schema wants text here; a plain number of bytes reads back the same
  'deploy.resources.limits.memory': text,
  'deploy.resources.reservations': 'struct',
  'deploy.resources.reservations.memory': text,
  'deploy.resources.reservations.devices[]': 'struct',
  'deploy.resources.reservations.generic_resources[]': 'struct',
  'deploy.resources.reservations.generic_resources[].discrete_resource_spec': 'struct',
  'deploy.restart_policy': 'struct',
  'deploy.restart_policy.delay': duration,
  'deploy.restart_policy.window': duration,
  'deploy.placement': 'struct',
  'deploy.placement.preferences[]': 'struct',
  develop: 'struct',
  'develop.watch[]': 'struct',
  'develop.watch[].exec': 'struct',
  'devices[]': 'struct',
  'env_file[]': 'struct',
  extends: 'struct',
  extra_hosts: hostList,
  'gpus[]': 'struct',
  healthcheck: 'struct',
  'healthcheck.interval': duration,
  'healthcheck.timeout': duration,
  'healthcheck.start_period': duration,
  'healthcheck.start_interval': duration,
  logging: 'struct',
  models: 'map',
  'models.*': 'struct',
  networks: 'map',
  'networks.*': 'struct',
  'pre_start[]': 'struct',
  'post_start[]': 'struct',
  'pre_stop[]': 'struct',
  provider: 'struct',
  'secrets[]': 'struct',
  'secrets[].mode': octal,
  stop_grace_period: duration,
  ulimits: 'map',
  'ulimits.*': 'struct',
};

const RULES = new Map<string, Rule>([
  ['', 'struct'],
  ['services', 'map'],
  ...Object.entries(SERVICE).map(([k, r]): [string, Rule] => [k === '' ? 'services.*' : `services.*.${k}`, r]),
  ['networks', 'map'],
  ['networks.*', 'struct'],
  ['networks.*.ipam', 'struct'],
  ['networks.*.ipam.config[]', 'struct'],
  ['volumes', 'map'],
  ['volumes.*', 'struct'],
  ['secrets', 'map'],
  ['secrets.*', 'struct'],
  ['configs', 'map'],
  ['configs.*', 'struct'],
  ['models', 'map'],
  ['models.*', 'struct'],
]);

/**
 * The project as a compose document (plain JSON values, no undefined).
 *
 * @example
 * toComposeDocument(project)
 * // { name: 'shop', services: { web: { image: 'nginx', healthcheck: { interval: '1m30s', … }, networks: { default: null } } },
 * //   networks: { default: { name: 'shop_default' } } }
 */
export function toComposeDocument(project: Project): Record<string, unknown> {
  const doc = print(project, '') as Record<string, unknown>;
  // Empty sections say nothing; services stays, as the one required part of a project.
  for (const key of ['networks', 'volumes', 'secrets', 'configs']) {
    const v = doc[key];
    if (v && typeof v === 'object' && Object.keys(v).length === 0) delete doc[key];
  }
  return doc;
}

function print(value: unknown, pattern: string): unknown {
  const rule = RULES.get(pattern);
  if (typeof rule === 'function') return copy(rule(value));
  if (Array.isArray(value)) return value.map((v) => print(v, pattern + '[]')).filter((v) => v !== undefined);
  if (typeof value !== 'object' || value === null) return copy(value);
  if (rule === undefined) return copy(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (rule === 'struct' && k === 'extensions') {
      for (const [x, e] of Object.entries(v as Record<string, unknown>)) setOwn(out, x, copy(e));
      continue;
    }
    const printed = print(v, rule === 'map' ? `${pattern}.*` : pattern === '' ? k : `${pattern}.${k}`);
    if (printed !== undefined) setOwn(out, k, printed);
  }
  return out;
}

/** A deep copy of plain data, leaving out undefined, with every `$` of a text value escaped. */
function copy(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('$', '$$$$');
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(copy);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, copy(v));
  return out;
}
