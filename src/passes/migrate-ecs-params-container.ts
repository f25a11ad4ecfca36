/**
 * `task_definition.services.<name>` of an ecs-params.yml: the container settings ecs-cli
 * merged into a compose service's container definition (ecs_params_reader.go ContainerDef,
 * reconcile_container_def.go), as that service's x-ecs settings.
 */
import type { XEcs } from '../generated/x-ecs.js';
import { getOwn, setOwn } from '../core/own.js';
import { containerMemory, healthcheckSeconds } from './ecs-params-units.js';
import type { Path, Values } from './migration-values.js';

const CONTAINER_KEYS = [
  'essential',
  'depends_on',
  'repository_credentials',
  'cpu_shares',
  'mem_limit',
  'mem_reservation',
  'gpu',
  'init_process_enabled',
  'healthcheck',
  'firelens_configuration',
  'logging',
  'secrets',
] as const;
const HEALTHCHECK_KEYS = ['test', 'command', 'interval', 'timeout', 'retries', 'start_period'] as const;
const CONDITIONS = ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY'] as const;
type Healthcheck = NonNullable<XEcs['healthcheck']>;

/** One service's entry → its x-ecs settings. */
export function readContainer(v: Values, obj: Record<string, unknown>, at: Path, name: string): XEcs {
  v.known(obj, at, CONTAINER_KEYS, 'an ecs-params service');
  const out: XEcs = {};
  const get = (key: string) => getOwn(obj, key);
  const path = (...rest: (string | number)[]) => [...at, ...rest];

  const essential = v.bool(get('essential'), path('essential'));
  if (essential !== undefined) out.essential = essential;

  const dependsOn = readDependsOn(v, get('depends_on'), path('depends_on'));
  if (dependsOn) out.depends_on = dependsOn;

  const creds = v.mapping(get('repository_credentials'), path('repository_credentials'));
  if (creds) {
    v.known(creds, path('repository_credentials'), ['credentials_parameter'], 'repository_credentials');
    const param = v.string(getOwn(creds, 'credentials_parameter'), path('repository_credentials', 'credentials_parameter'));
    if (param !== undefined) out.repository_credentials = param;
  }

  const cpu = v.int(get('cpu_shares'), path('cpu_shares'), 0);
  // ecs-cli treated 0 as "not set" (resolveIntResourceOverride keeps the compose value).
  if (cpu) out.container_cpu = cpu;

  const limit = readMemory(v, get('mem_limit'), path('mem_limit'));
  if (limit !== undefined) out.container_memory = limit;
  const reservation = readMemory(v, get('mem_reservation'), path('mem_reservation'));
  if (reservation !== undefined) out.container_memory_reservation = reservation;

  const gpu = v.string(get('gpu'), path('gpu'));
  if (gpu !== undefined) {
    v.say('ECS_MIGRATION', 'warning', `${v.show(path('gpu'))} is not migrated: request the GPUs in the compose file instead, with services.${name}.deploy.resources.reservations.devices: [{ capabilities: [gpu], count: ${gpu} }]`, path('gpu'));
  }

  const init = v.bool(get('init_process_enabled'), path('init_process_enabled'));
  if (init) {
    v.say('ECS_MIGRATION', 'warning', `${v.show(path('init_process_enabled'))} is not migrated: write init: true in services.${name} of the compose file, which sets linuxParameters.initProcessEnabled`, path('init_process_enabled'));
  }

  const hc = readHealthcheck(v, get('healthcheck'), path('healthcheck'));
  if (hc) out.healthcheck = hc;

  const firelens = v.mapping(get('firelens_configuration'), path('firelens_configuration'));
  if (firelens) {
    v.known(firelens, path('firelens_configuration'), ['type', 'options'], 'firelens_configuration');
    const type = v.oneOf(getOwn(firelens, 'type'), path('firelens_configuration', 'type'), ['fluentd', 'fluentbit'] as const);
    const options: Record<string, string> = {};
    v.stringMap(getOwn(firelens, 'options'), path('firelens_configuration', 'options'), (k, s) => setOwn(options, k, s));
    // ecs-cli set firelensConfiguration only when a type was given.
    if (type) out.firelens_configuration = Object.keys(options).length ? { type, options } : { type };
  }

  const logging = v.mapping(get('logging'), path('logging'));
  if (logging) {
    v.known(logging, path('logging'), ['secret_options'], 'logging');
    const options = readSecrets(v, getOwn(logging, 'secret_options'), path('logging', 'secret_options'));
    if (options) out.logging = { secret_options: options };
  }

  const secrets = readSecrets(v, get('secrets'), path('secrets'));
  if (secrets) out.environment_secrets = secrets;
  return out;
}

function readMemory(v: Values, value: unknown, at: Path): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') return v.int(value, at);
  const mem = containerMemory(value);
  if (!mem) {
    v.say('COMPOSE_SCHEMA', 'error', `${v.show(at)}: ${JSON.stringify(value)} is not a byte value (e.g. 512m, 1g)`, at);
    return undefined;
  }
  const written = JSON.stringify(value);
  if (mem.mib === 0) {
    const why = mem.bare ? `a number without a unit is bytes in ecs-params.yml ("as in docker run"), and ${mem.bytes} bytes` : `${written}`;
    v.say('ECS_MIGRATION', 'warning', `${v.show(at)}: ${why} is less than 1 MiB, which ecs-cli ignored (a container with no memory got its 512 MiB default); it is not migrated: write e.g. ${mem.bare ? `${mem.bytes}m` : '512m'} for MiB`, at);
    return undefined;
  }
  if (mem.bare) {
    v.say('ECS_MIGRATION', 'warning', `${v.show(at)}: ${written} has no unit, so it is bytes (as in docker run): ${mem.mib} MiB${mem.bytes % (1024 * 1024) ? ', rounded down as ecs-cli did' : ''}; write ${mem.mib}m to make the unit plain`, at);
  } else if (mem.bytes % (1024 * 1024)) {
    v.say('ECS_MIGRATION', 'info', `${v.show(at)}: ${written} is ${mem.bytes} bytes, read as ${mem.mib} MiB (rounded down, as ecs-cli did)`, at);
  }
  if (mem.mib < 4) {
    v.say('ECS_MIGRATION', 'warning', `${v.show(at)}: ${mem.mib} MiB is below the 4 MiB ECS accepts for a container; it is not migrated`, at);
    return undefined;
  }
  return mem.mib;
}

function readDependsOn(v: Values, value: unknown, at: Path): XEcs['depends_on'] | undefined {
  const items = v.list(value, at);
  if (!items) return undefined;
  const out: NonNullable<XEcs['depends_on']> = [];
  items.forEach((item, i) => {
    const dep = v.mapping(item, [...at, i]);
    if (!dep) return;
    v.known(dep, [...at, i], ['container_name', 'condition'], 'depends_on');
    const container = v.string(getOwn(dep, 'container_name'), [...at, i, 'container_name']);
    const condition = v.oneOf(getOwn(dep, 'condition'), [...at, i, 'condition'], CONDITIONS);
    if (container === undefined || condition === undefined) {
      if (container === undefined && getOwn(dep, 'container_name') === undefined) v.say('COMPOSE_SCHEMA', 'error', `${v.show([...at, i])}: container_name is required`, [...at, i]);
      if (condition === undefined && getOwn(dep, 'condition') === undefined) v.say('COMPOSE_SCHEMA', 'error', `${v.show([...at, i])}: condition is required (START, COMPLETE, SUCCESS or HEALTHY)`, [...at, i]);
      return;
    }
    out.push({ container_name: container, condition });
  });
  return out;
}

function readHealthcheck(v: Values, value: unknown, at: Path): Healthcheck | undefined {
  const obj = v.mapping(value, at);
  if (!obj) return undefined;
  v.known(obj, at, HEALTHCHECK_KEYS, 'healthcheck');
  const out: Healthcheck = {};
  const test = getOwn(obj, 'test');
  const command = getOwn(obj, 'command');
  if (test !== undefined && test !== null && command !== undefined && command !== null) {
    v.say('COMPOSE_SCHEMA', 'error', `${v.show(at)}: test and command cannot both be set (they are one field); test is used`, [...at, 'command']);
  }
  const key = test !== undefined && test !== null ? 'test' : 'command';
  const raw = getOwn(obj, key);
  const words = typeof raw === 'string' ? [raw] : v.strings(raw, [...at, key]);
  // ecs-cli's getHealthCheckCommand: a single word (a string, or a list of one) runs in a shell.
  const [first, ...rest] = words ?? [];
  if (first !== undefined) out.command = rest.length ? [first, ...rest] : ['CMD-SHELL', first];
  for (const field of ['interval', 'timeout', 'start_period'] as const) {
    const text = v.string(getOwn(obj, field), [...at, field]);
    if (text === undefined) continue;
    const seconds = healthcheckSeconds(text);
    if (seconds === undefined || seconds < 0) {
      v.say('COMPOSE_SCHEMA', 'error', `${v.show([...at, field])}: ${JSON.stringify(text)} is neither a duration (1m30s) nor a whole number of seconds`, [...at, field]);
    } else out[field] = seconds;
  }
  const retries = v.int(getOwn(obj, 'retries'), [...at, 'retries'], 0);
  if (retries) out.retries = retries;
  return Object.keys(out).length ? out : undefined;
}

/** `[{ value_from, name }]` → name → valueFrom. */
function readSecrets(v: Values, value: unknown, at: Path): Record<string, string> | undefined {
  const items = v.list(value, at);
  if (!items) return undefined;
  const out: Record<string, string> = {};
  items.forEach((item, i) => {
    const s = v.mapping(item, [...at, i]);
    if (!s) return;
    v.known(s, [...at, i], ['value_from', 'name'], 'a secret');
    const name = v.string(getOwn(s, 'name'), [...at, i, 'name']);
    const from = v.string(getOwn(s, 'value_from'), [...at, i, 'value_from']);
    if (name === undefined || from === undefined) {
      v.say('COMPOSE_SCHEMA', 'error', `${v.show([...at, i])}: a secret needs both name and value_from`, [...at, i]);
      return;
    }
    if (Object.hasOwn(out, name)) v.say('ECS_MIGRATION', 'warning', `${v.show([...at, i, 'name'])}: ${name} is set twice; the last one is used`, [...at, i, 'name']);
    setOwn(out, name, from);
  });
  return Object.keys(out).length ? out : undefined;
}
