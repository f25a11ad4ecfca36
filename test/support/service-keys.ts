/**
 * The rest of the compose schema for `composeFile()` (arbitraries.ts): every service key the
 * core of that generator does not write (cgroups, namespaces, hooks, develop, gpus, models,
 * extends, env_file, …), each in its short and its long syntax where it has both; the deploy
 * and build keys it does not write; and the top-level `models`. Values stay inside what the
 * schema and the normalizer accept, so a file using them loads without error.
 *
 * Keys that refer to other services (links, volumes_from, `service:` namespaces, extends) or
 * to files (env_file, label_file) are chosen from what the file defines: `SIDE_FILES` holds
 * the files they read, relative to the project directory.
 *
 * @example
 * fc.record({ image: fc.constant('nginx') }).chain((s) => moreServiceKeys('web', defined).map((more) => ({ ...s, ...more })))
 */
import fc from 'fast-check';

/** What a generated file defines, for keys that refer to it. */
export interface Defined {
  services: readonly string[];
  volumes: readonly string[];
  secrets: readonly string[];
  configs: readonly string[];
  networks: readonly string[];
  models: readonly string[];
}

/** Files (relative to the project directory) that generated `env_file`, `label_file`, secrets and configs read. */
export const SIDE_FILES: Readonly<Record<string, string>> = {
  'secret.txt': 'secret\n',
  'app.conf': 'debug=true\n',
  'app.env': 'export APP_MODE=production\nAPP_GREETING="hello world"\n# a comment\nAPP_EMPTY=\n',
  // read with `format: raw` too: plain KEY=VALUE lines only
  'extra.env': 'EXTRA_PORT=8080\nEXTRA_QUOTED=\'single $quoted\'\n',
  'app.labels': 'com.example.team=web\ncom.example.tier=front\n',
};

/** `SIDE_FILES` at absolute paths under `dir`, for memoryHost. */
export function sideFiles(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(SIDE_FILES).map(([name, text]) => [`${dir}/${name}`, text]));
}

const duration = fc.constantFrom('10s', '1m30s', '500ms', '0s');
const hook = fc.record(
  {
    command: fc.oneof(fc.constant('./hooks/notify.sh started'), fc.constant(['sh', '-c', 'echo done'])),
    user: fc.constantFrom('root', '1000'),
    privileged: fc.boolean(),
    working_dir: fc.constantFrom('/', '/app'),
    environment: fc.oneof(fc.constant({ HOOK: 'yes', EMPTY: null }), fc.constant(['HOOK=yes'])),
  },
  { requiredKeys: ['command'] },
);
/** A pre_start step: with or without image and command, environment as a mapping or a list. */
const preStartStep = fc.record(
  {
    command: fc.oneof(fc.constant('./manage.py migrate --noinput'), fc.constant(['sh', '-c', 'chown -R 1000:1000 /data']), fc.constant('')),
    image: fc.constantFrom('busybox:1.36', 'ghcr.io/acme/wait-for:1.2'),
    user: fc.constantFrom('root', '1000:1000'),
    privileged: fc.oneof(fc.boolean(), fc.constant('true')),
    working_dir: fc.constantFrom('/data', '/app'),
    environment: fc.oneof(fc.constant({ STEP: 'migrate', RETRIES: 3, UNSET: null }), fc.constant(['STEP=seed', 'BARE'])),
    per_replica: fc.boolean(),
    'x-step': fc.constant('kept'),
  },
  { requiredKeys: [] },
);
const deviceRequest = fc.record(
  {
    capabilities: fc.constantFrom(['gpu'], ['gpu', 'utility']),
    driver: fc.constant('nvidia'),
    count: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant('all')),
    device_ids: fc.constant(['0', '1']),
    options: fc.constant({ virtualization: 'false' }),
  },
  { requiredKeys: ['capabilities'] },
).map((d) => {
  // count and device_ids exclude each other
  if (d.count !== undefined && d.device_ids !== undefined) delete (d as { device_ids?: unknown }).device_ids;
  return d;
});
const updateConfig = fc.record(
  {
    parallelism: fc.integer({ min: 0, max: 4 }),
    delay: duration,
    failure_action: fc.constantFrom('continue', 'rollback', 'pause'),
    monitor: duration,
    max_failure_ratio: fc.constantFrom(0, 0.1, 0.5),
    order: fc.constantFrom('start-first', 'stop-first'),
  },
  { requiredKeys: [] },
);

/** The deploy keys `composeFile()`'s core does not write: mode, endpoint_mode, placement, update and rollback, device and generic reservations. */
export const moreDeployKeys = fc.record(
  {
    mode: fc.constantFrom('replicated', 'global'),
    endpoint_mode: fc.constantFrom('vip', 'dnsrr'),
    placement: fc.record(
      {
        constraints: fc.constant(['node.role==manager', 'node.labels.region==east']),
        preferences: fc.constant([{ spread: 'node.labels.zone' }]),
        max_replicas_per_node: fc.integer({ min: 1, max: 3 }),
      },
      { requiredKeys: [] },
    ),
    update_config: updateConfig,
    rollback_config: updateConfig,
    devices: fc.array(deviceRequest, { minLength: 1, maxLength: 2 }),
    generic_resources: fc.constant([{ discrete_resource_spec: { kind: 'gpu', value: 2 } }]),
  },
  { requiredKeys: [] },
);

/** The build keys `composeFile()`'s core does not write; `secrets` grants the given top-level secrets. */
export function moreBuildKeys(secrets: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return someOf(
    {
      dockerfile_inline: fc.constant('FROM alpine\nRUN echo hi\n'),
      entitlements: fc.constant(['network.host']),
      ssh: fc.oneof(fc.constant(['default']), fc.constant(['default', 'deploy=./id_ed25519']), fc.constant({ default: null, other: './key' })),
      cache_to: fc.constant(['type=local,dest=./cache']),
      no_cache: fc.boolean(),
      no_cache_filter: fc.oneof(fc.constant('deps'), fc.constant(['deps', 'assets'])),
      additional_contexts: fc.oneof(fc.constant({ resources: './resources' }), fc.constant(['app=docker-image://alpine:3', 'src=https://github.com/acme/src.git'])),
      network: fc.constantFrom('host', 'none'),
      provenance: fc.oneof(fc.boolean(), fc.constant('mode=max')),
      sbom: fc.boolean(),
      pull: fc.boolean(),
      extra_hosts: fc.constant(['build-host=10.0.0.2']),
      isolation: fc.constant('default'),
      privileged: fc.boolean(),
      secrets: secrets.length ? fc.uniqueArray(fc.constantFrom(...secrets), { minLength: 1, maxLength: 2 }) : fc.constant(undefined),
      tags: fc.constant(['registry.example.com/app:latest']),
      ulimits: fc.constant({ nofile: { soft: 1024, hard: 2048 } }),
      platforms: fc.constant(['linux/amd64', 'linux/arm64']),
    },
    6,
  );
}

/** A few (at most `max`) of the keys of `table`, each with a value drawn from its arbitrary. */
function someOf(table: Record<string, fc.Arbitrary<unknown>>, max: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.record(table, { requiredKeys: [] }), fc.uniqueArray(fc.constantFrom(...Object.keys(table)), { maxLength: max })).map(([values, chosen]) => {
    const out: Record<string, unknown> = {};
    for (const k of chosen) if (values[k] !== undefined) out[k] = values[k];
    return out;
  });
}

/** Top-level `models` definitions for the given names. */
export function modelDefinitions(names: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const def = fc.record(
    { model: fc.constantFrom('ai/smollm2', 'ai/qwen3:0.6B-Q4_0'), name: fc.constant('llm'), context_size: fc.constantFrom(1024, 8192), runtime_flags: fc.constant(['--no-prefill-assistant']) },
    { requiredKeys: ['model'] },
  );
  return fc.tuple(...names.map(() => def)).map((defs) => Object.fromEntries(names.map((n, i) => [n, defs[i]])));
}

/**
 * The service keys not written by `composeFile()`'s core, for service `self`: each drawn with
 * an even chance of being written, at most a handful per service (so runs stay cheap), some in
 * their short and some in their long syntax. References point at earlier services only (no
 * cycles through links or volumes_from). `extends` (same file) names an earlier service; the
 * caller keeps the extended service a valid base (composeFile's `keepValidBases`).
 */
export function moreServiceKeys(self: string, defined: Defined): fc.Arbitrary<Record<string, unknown>> {
  const earlier = defined.services.slice(0, defined.services.indexOf(self));
  const other = earlier.length ? fc.constantFrom(...earlier) : undefined;
  const namespace = (modes: string[]) => (other ? fc.oneof(fc.constantFrom(...modes), other.map((s) => `service:${s}`)) : fc.constantFrom(...modes));
  const keys: Record<string, fc.Arbitrary<unknown>> = {
    develop: fc.record({
      watch: fc.constant([
        { path: './src', action: 'sync', target: '/app/src', ignore: ['node_modules/'], initial_sync: true },
        { path: './package.json', action: 'rebuild' },
        { path: './conf', action: 'sync+exec', target: '/etc/app', exec: { command: ['kill', '-HUP', '1'] }, include: '*.conf' },
      ]),
    }),
    annotations: fc.oneof(fc.constant({ 'com.example.note': 'generated', 'com.example.n': '1' }), fc.constant(['com.example.note=generated'])),
    attach: fc.boolean(),
    blkio_config: fc.record(
      {
        weight: fc.integer({ min: 10, max: 1000 }),
        weight_device: fc.constant([{ path: '/dev/sda', weight: 400 }]),
        device_read_bps: fc.constant([{ path: '/dev/sdb', rate: '12mb' }]),
        device_write_bps: fc.constant([{ path: '/dev/sdb', rate: 1024 }]),
        device_read_iops: fc.constant([{ path: '/dev/sdb', rate: 120 }]),
        device_write_iops: fc.constant([{ path: '/dev/sdb', rate: 30 }]),
      },
      { requiredKeys: [] },
    ),
    cap_drop: fc.constantFrom(['ALL'], ['NET_RAW', 'SYS_ADMIN']),
    cgroup: fc.constantFrom('host', 'private'),
    cgroup_parent: fc.constant('m-executor-abcd'),
    container_name: fc.constant(`${self}-container`),
    cpu_count: fc.integer({ min: 1, max: 4 }),
    cpu_percent: fc.integer({ min: 0, max: 100 }),
    cpu_quota: fc.constantFrom(50000, 100000),
    cpu_period: fc.constantFrom(100000, 50000),
    cpu_rt_period: fc.oneof(fc.constant(1000000), fc.constant('1400us')),
    cpu_rt_runtime: fc.oneof(fc.constant(950000), fc.constant('400ms')),
    cpuset: fc.constantFrom('0-3', '0,1'),
    credential_spec: fc.oneof(
      fc.constant({ file: 'my-credential-spec.json' }),
      fc.constant({ registry: 'my-credential-spec' }),
      ...(defined.configs.length ? [fc.constantFrom(...defined.configs).map((config) => ({ config }))] : []),
    ),
    device_cgroup_rules: fc.constant(['c 1:3 mr', 'a 7:* rmw']),
    dns_opt: fc.constant(['use-vc', 'no-tld-query']),
    dns_search: fc.oneof(fc.constant('example.com'), fc.constant(['dc1.example.com', 'dc2.example.com'])),
    domainname: fc.constant('example.com'),
    env_file: fc.oneof(
      fc.constant('app.env'),
      fc.constant(['./app.env', 'extra.env']),
      fc.constant([{ path: 'app.env' }, { path: './missing.env', required: false }, { path: 'extra.env', format: 'raw' }]),
    ),
    label_file: fc.oneof(fc.constant('app.labels'), fc.constant(['./app.labels'])),
    ...(other ? { extends: fc.oneof(other, other.map((service) => ({ service }))) } : {}),
    external_links: fc.constant(['redis_1', 'project_db_1:mysql']),
    gpus: fc.oneof(fc.constant('all'), fc.array(deviceRequest, { minLength: 1, maxLength: 2 })),
    group_add: fc.constant(['mail', '1000']),
    hostname: fc.constant(`${self}-host`),
    ipc: namespace(['host', 'private', 'shareable']),
    isolation: fc.constant('default'),
    ...(other ? { links: fc.uniqueArray(fc.oneof(other, other.map((s) => `${s}:${s}-alias`)), { minLength: 1, maxLength: 2, selector: (l) => l.split(':')[0] }) } : {}),
    mac_address: fc.constant('02:42:ac:11:65:43'),
    mem_swappiness: fc.integer({ min: 0, max: 100 }),
    memswap_limit: fc.oneof(fc.constant(-1), fc.constant('8g')),
    network_mode: namespace(['bridge', 'host', 'none']),
    ...(defined.models.length
      ? {
          models: fc.oneof(
            fc.uniqueArray(fc.constantFrom(...defined.models), { minLength: 1, maxLength: 2 }),
            fc.constantFrom(...defined.models).map((m) => ({ [m]: { endpoint_var: 'AI_URL', model_var: 'AI_MODEL' } })),
            fc.constantFrom(...defined.models).map((m) => ({ [m]: null })),
          ),
        }
      : {}),
    oom_kill_disable: fc.boolean(),
    oom_score_adj: fc.integer({ min: -1000, max: 1000 }),
    pid: namespace(['host']),
    pids_limit: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(-1)),
    platform: fc.constantFrom('linux/amd64', 'linux/arm64/v8'),
    pre_start: fc.array(preStartStep, { minLength: 1, maxLength: 3 }),
    post_start: fc.array(hook, { minLength: 1, maxLength: 2 }),
    pre_stop: fc.array(hook, { minLength: 1, maxLength: 1 }),
    privileged: fc.boolean(),
    pull_policy: fc.constantFrom('always', 'never', 'missing', 'build', 'if_not_present', 'daily', 'weekly', 'every_12h'),
    pull_refresh_after: fc.constantFrom('1h', 'daily'),
    runtime: fc.constant('runc'),
    scale: fc.integer({ min: 0, max: 3 }),
    security_opt: fc.constant(['label=user:USER', 'no-new-privileges:true']),
    stdin_open: fc.boolean(),
    stop_signal: fc.constantFrom('SIGUSR1', 'SIGTERM'),
    storage_opt: fc.constant({ size: '20G' }),
    tty: fc.boolean(),
    use_api_socket: fc.boolean(),
    uts: fc.constant('host'),
    userns_mode: fc.constant('host'),
    ...(other ? { volumes_from: fc.uniqueArray(fc.oneof(other, other.map((s) => `${s}:ro`), fc.constant('container:legacy-data:rw')), { minLength: 1, maxLength: 2, selector: (v) => v.split(':').slice(0, -1).join(':') || v }) } : {}),
  };
  return someOf(keys, 8);
}
