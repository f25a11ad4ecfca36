/**
 * fast-check arbitraries for compose files, shared by the property tests (loader, passes,
 * backends). Everything here generates *plain data*; turn it into file text with `toYaml`.
 *
 * - `composeFile()`: a valid compose file (every value accepted by the schema and the
 *   normalizer, so loading it gives no error) using every service key of the schema, in its
 *   short and its long syntax where it has both (service-keys.ts holds the less common ones),
 *   extends within the file, and the top-level networks, volumes, secrets, configs and models
 *   its services use; the files it reads are `SIDE_FILES`;
 * - `composeProject()` (project-arbitrary.ts): several such files as one project (include,
 *   extends from another file, an override file, profiles, interpolation);
 * - `mutatedComposeFile()`: a valid file with a few values replaced by random ones;
 * - `jsonishMapping()`: a mapping that looks like a compose file (real top-level and service
 *   keys mixed with random ones) holding arbitrary JSON values — mostly invalid input;
 * - `yamlScalar()`: a YAML scalar of any type;
 * - `composeText()` / `fileBytes()`: text and bytes that may not be YAML at all.
 *
 * @example
 * fc.assert(fc.asyncProperty(composeFile(), async (doc) => {
 *   const files = { '/p/compose.yaml': toYaml(doc), ...sideFiles('/p') };
 *   const { diagnostics } = await loadProject({ host: memoryHost(files, '/p') });
 *   expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
 * }));
 */
import fc from 'fast-check';
import { writeYaml } from './yaml-writer.js';
import { modelDefinitions, moreBuildKeys, moreDeployKeys, moreServiceKeys, type Defined } from './service-keys.js';
import { keepConsistent } from './consistent-file.js';

export { SIDE_FILES, sideFiles } from './service-keys.js';

/** A compose file as plain data: the `services` mapping and the top-level resources it uses. */
export type ComposeDoc = Record<string, unknown> & { services: Record<string, Record<string, unknown>> };

/**
 * YAML text of a value, as a person would write it (block style, strings quoted only where
 * needed). yaml-writer.ts, not `yaml`'s stringify: a tenth of the cost, and held to `yaml`'s
 * parser by its own test.
 */
export function toYaml(value: unknown): string {
  return writeYaml(value);
}

/**
 * Names valid for services, networks, volumes, secrets and configs (`^[a-zA-Z0-9._-]+$`):
 * mostly lower case, sometimes with capitals, dots or a leading digit, which backends must
 * turn into their own names (DNS labels, logical IDs, families).
 */
export const resourceName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_-]{1,7}$/) },
  // two characters at least: `c:/data` is a Windows path, not the volume c
  { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{1,7}$/) },
);

const image = fc.constantFrom('nginx', 'redis:7', 'busybox:1.36', 'ghcr.io/acme/app:1.2.3', 'example/web@sha256:' + 'a'.repeat(64));
const port = fc.integer({ min: 1, max: 65000 });
const containerPath = fc.constantFrom('/data', '/var/lib/app', '/srv/www', '/cache', '/etc/conf.d', '/run/x');
const hostPath = fc.constantFrom('./data', './conf/app.conf', '../shared', '/var/log', '/tmp/x');
const duration = fc.constantFrom('10s', '1m30s', '500ms', '2h', '1h5m30s20ms', '250us', '0s');
const bytes = fc.constantFrom('512m', '1g', '1.5gb', '64M', '1024k', '100b', '2048');
const envKey = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
/**
 * Values without leading/trailing blanks whose only `$` is escaped (`$$`): nothing is
 * interpolated, nothing is unset, and the model holds a literal `$`.
 */
const envValue = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9_./:@ -]{0,12}[a-zA-Z0-9]$/),
  fc.constantFrom('', 'true', 'false', '0', '1.5', 'a=b', 'with # hash', 'cost $$5', 'a$${NOT_A_VAR}b', 'run $$(date)'),
);
const labelKey = fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}[a-z0-9]$/);

/** `environment` (and `labels`-like keys): a `KEY=VALUE` list, or a mapping with text, numbers, booleans and nulls. */
function keyValues(key: fc.Arbitrary<string>, nulls: boolean): fc.Arbitrary<string[] | Record<string, unknown>> {
  const scalar = nulls
    ? fc.oneof(envValue, fc.integer({ min: -5, max: 100000 }), fc.boolean(), fc.constant(null))
    : fc.oneof(envValue, fc.integer({ min: 0, max: 100000 }), fc.boolean());
  return fc.oneof(
    fc.uniqueArray(fc.tuple(key, envValue), { selector: ([k]) => k, maxLength: 4 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`)),
    fc.dictionary(key, scalar, { maxKeys: 4 }),
  );
}

const portShort = fc.oneof(
  port.map(String),
  port.map((p) => p), // a bare number
  fc.tuple(port, port).map(([h, c]) => `${h}:${c}`),
  fc.tuple(port, port).map(([h, c]) => `127.0.0.1:${h}:${c}`),
  fc.tuple(port, port).map(([h, c]) => `[::1]:${h}:${c}`),
  fc.tuple(port, port, fc.constantFrom('tcp', 'udp')).map(([h, c, p]) => `${h}:${c}/${p}`),
  fc.tuple(fc.integer({ min: 1000, max: 60000 }), fc.integer({ min: 1000, max: 60000 }), fc.integer({ min: 0, max: 3 })).map(
    ([h, c, n]) => `${h}-${h + n}:${c}-${c + n}`,
  ),
);
const portLong = fc.record(
  {
    target: port,
    published: fc.oneof(port.map(String), port),
    host_ip: fc.constantFrom('127.0.0.1', '0.0.0.0', '::1'),
    protocol: fc.constantFrom('tcp', 'udp'),
    mode: fc.constantFrom('host', 'ingress'),
    name: fc.constantFrom('web', 'admin'),
    app_protocol: fc.constantFrom('http', 'https', 'grpc'),
  },
  { requiredKeys: ['target'] },
);

/** A volume entry; `volumes` names the top-level volumes a named mount may use. */
function volume(volumes: readonly string[]): fc.Arbitrary<unknown> {
  const named = volumes.length ? fc.constantFrom(...volumes) : fc.constant(undefined);
  const mode = fc.constantFrom('', ':ro', ':rw', ':ro,z', ':Z');
  return fc.oneof(
    fc.tuple(hostPath, containerPath, mode).map(([h, c, m]) => `${h}:${c}${m}`),
    containerPath,
    ...(volumes.length ? [fc.tuple(named, containerPath, fc.constantFrom('', ':ro', ':nocopy')).map(([n, c, m]) => `${n}:${c}${m}`)] : []),
    fc.record(
      { type: fc.constant('bind'), source: hostPath, target: containerPath, read_only: fc.boolean(), bind: fc.record({ create_host_path: fc.boolean() }, { requiredKeys: [] }) },
      { requiredKeys: ['type', 'source', 'target'] },
    ),
    fc.record(
      { type: fc.constant('tmpfs'), target: containerPath, tmpfs: fc.record({ size: fc.oneof(bytes, fc.integer({ min: 1, max: 1 << 30 })), mode: fc.constantFrom(1777, 755, '0700') }, { requiredKeys: [] }) },
      { requiredKeys: ['type', 'target'] },
    ),
    ...(volumes.length
      ? [fc.record({ type: fc.constant('volume'), source: named, target: containerPath, volume: fc.record({ nocopy: fc.boolean(), subpath: fc.constant('sub') }, { requiredKeys: [] }) }, { requiredKeys: ['type', 'source', 'target'] })]
      : []),
  );
}

/** Short or long grants of the given secrets or configs. */
function grants(names: readonly string[], kind: 'secrets' | 'configs'): fc.Arbitrary<unknown[]> {
  if (names.length === 0) return fc.constant([]);
  const long = fc.record(
    {
      source: fc.constantFrom(...names),
      target: kind === 'secrets' ? fc.constantFrom('token', '/run/secrets/other', '/etc/app/secret') : fc.constantFrom('/etc/app.conf', '/config'),
      uid: fc.constantFrom('0', '103'),
      gid: fc.constantFrom('0', '103'),
      mode: fc.constantFrom(0o440, 0o400, '0444'),
    },
    { requiredKeys: ['source'] },
  );
  return fc.uniqueArray(fc.oneof(fc.constantFrom(...names), long), {
    // one grant per target (13-merge § Unique resources)
    selector: (g) => (typeof g === 'string' ? g : ((g as { target?: string }).target ?? (g as { source: string }).source)),
    maxLength: 3,
  });
}

const healthcheck = fc.oneof(
  fc.record(
    {
      test: fc.oneof(fc.constant(['CMD', 'curl', '-f', 'http://localhost']), fc.constant(['CMD-SHELL', 'pg_isready || exit 1']), fc.constant('wget -q -O- localhost'), fc.constant(['NONE'])),
      interval: duration,
      timeout: duration,
      retries: fc.integer({ min: 0, max: 10 }),
      start_period: duration,
      start_interval: duration,
    },
    { requiredKeys: ['test'] },
  ),
  fc.constant({ disable: true }),
);

const coreDeploy = fc.record(
  {
    replicas: fc.integer({ min: 0, max: 10 }),
    resources: fc.record(
      {
        limits: fc.record({ cpus: fc.oneof(fc.constantFrom('0.25', '0.5', '2'), fc.constantFrom(1, 1.5)), memory: bytes, pids: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: [] }),
        reservations: fc.record({ cpus: fc.constantFrom('0.1', 0.25), memory: bytes }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    restart_policy: fc.record({ condition: fc.constantFrom('none', 'on-failure', 'any'), delay: duration, max_attempts: fc.integer({ min: 0, max: 5 }), window: duration }, { requiredKeys: [] }),
    labels: keyValues(labelKey, false),
  },
  { requiredKeys: [] },
);

/** deploy: the core keys, and the rest of deploy.md (devices and generic resources are reservations). */
const deploy = fc.tuple(coreDeploy, moreDeployKeys).map(([core, { devices, generic_resources, ...more }]) => {
  const out: Record<string, unknown> = { ...core, ...more };
  if (devices !== undefined || generic_resources !== undefined) {
    const resources = (out.resources ?? {}) as { reservations?: Record<string, unknown> };
    resources.reservations = { ...(resources.reservations ?? {}), ...(devices ? { devices } : {}), ...(generic_resources ? { generic_resources } : {}) };
    out.resources = resources;
  }
  return out;
});

const coreBuild = fc.oneof(
  fc.constantFrom('.', './app', 'https://github.com/acme/app.git#main'),
  fc.record(
    {
      context: fc.constantFrom('.', './backend'),
      dockerfile: fc.constantFrom('Dockerfile', '../Dockerfile.prod'),
      args: keyValues(envKey, false),
      target: fc.constantFrom('prod', 'dev'),
      labels: keyValues(labelKey, false),
      cache_from: fc.constant(['alpine:latest']),
      shm_size: bytes,
    },
    { requiredKeys: [] },
  ),
);

/** build: a context (short syntax), or the long syntax with any of build's keys (dockerfile_inline replacing dockerfile). */
function build(secrets: readonly string[]): fc.Arbitrary<unknown> {
  return fc.tuple(coreBuild, moreBuildKeys(secrets), fc.nat(3)).map(([core, more, pick]) => {
    if (typeof core === 'string' || pick === 0) return core;
    const out: Record<string, unknown> = { ...core };
    // about a third of the long builds take a few more keys
    if (pick === 1) Object.assign(out, more);
    if (out.dockerfile_inline !== undefined) delete out.dockerfile;
    return out;
  });
}

/** One service that may refer to the `others` services and to the given top-level resources. */
function service(self: string, defined: Defined): fc.Arbitrary<Record<string, unknown>> {
  const others = defined.services.filter((s) => s !== self);
  const dependsOn: fc.Arbitrary<unknown> = others.length
    ? fc.oneof(
        fc.uniqueArray(fc.constantFrom(...others), { maxLength: 2 }),
        fc.uniqueArray(fc.constantFrom(...others), { maxLength: 2 }).chain((names) =>
          fc.tuple(...names.map(() => fc.record({ condition: fc.constantFrom('service_started', 'service_healthy', 'service_completed_successfully'), restart: fc.boolean(), required: fc.boolean() }, { requiredKeys: ['condition'] }))).map(
            (opts) => Object.fromEntries(names.map((n, i) => [n, opts[i]])),
          ),
        ),
      )
    : fc.constant([]);
  const networks: fc.Arbitrary<unknown> = defined.networks.length
    ? fc.oneof(
        fc.uniqueArray(fc.constantFrom(...defined.networks), { minLength: 1, maxLength: 2 }),
        fc.uniqueArray(fc.constantFrom(...defined.networks), { minLength: 1, maxLength: 2 }).map((ns) => Object.fromEntries(ns.map((n) => [n, { aliases: [`${n}-alias`] }]))),
      )
    : fc.constant(undefined);
  const core = fc.record(
    {
      image,
      build: build(defined.secrets),
      command: fc.oneof(fc.constant('echo hello world'), fc.constant(['sh', '-c', 'echo "a b"']), fc.constant('bundle exec thin -p 3000')),
      entrypoint: fc.oneof(fc.constant('/entrypoint.sh'), fc.constant(['/bin/sh', '-c'])),
      environment: keyValues(envKey, true),
      labels: keyValues(labelKey, false),
      // unique items, as the schema wants (two spellings of one port stay possible)
      ports: fc.uniqueArray(fc.oneof(portShort, portLong), { maxLength: 3, selector: (p) => JSON.stringify(p) }),
      expose: fc.uniqueArray(fc.oneof(port, port.map(String), fc.constantFrom('7000-7002/tcp', '53/udp')), { maxLength: 2, selector: (p) => JSON.stringify(p) }),
      volumes: fc.uniqueArray(volume(defined.volumes), {
        // one mount per container path (13-merge § Unique resources)
        selector: (v) => (typeof v === 'string' ? (v.includes(':') ? v.split(':')[1] : v) : (v as { target: string }).target),
        maxLength: 3,
      }),
      tmpfs: fc.oneof(fc.constant('/tmp'), fc.constant(['/run', '/data-tmp:mode=755,uid=1009,gid=1009', '/t:size=1m'])),
      secrets: grants(defined.secrets, 'secrets'),
      configs: grants(defined.configs, 'configs'),
      depends_on: dependsOn,
      healthcheck,
      deploy,
      restart: fc.constantFrom('no', 'always', 'on-failure', 'on-failure:3', 'unless-stopped'),
      cpu_shares: fc.integer({ min: 2, max: 4096 }),
      cpus: fc.constantFrom(0.5, 1, '1.5'),
      mem_limit: bytes,
      mem_reservation: bytes,
      shm_size: bytes,
      stop_grace_period: duration,
      extra_hosts: fc.oneof(fc.constant(['somehost=162.242.195.82', 'otherhost:50.31.209.229']), fc.constant({ somehost: '162.242.195.82', v6: '::1' })),
      sysctls: fc.oneof(fc.constant(['net.core.somaxconn=1024']), fc.constant({ 'net.ipv4.tcp_syncookies': 0 })),
      ulimits: fc.oneof(fc.constant({ nproc: 65535 }), fc.constant({ nofile: { soft: 20000, hard: 40000 } })),
      devices: fc.constant(['/dev/ttyUSB0:/dev/ttyUSB0', '/dev/sda:/dev/xvda:rwm']),
      cap_add: fc.constantFrom(['NET_ADMIN'], ['CAP_SYS_TIME', 'SYS_PTRACE']),
      dns: fc.oneof(fc.constant('8.8.8.8'), fc.constant(['1.1.1.1', '8.8.4.4'])),
      user: fc.constantFrom('root', '1000:1000', 'app', 'nobody', '1000'),
      working_dir: fc.constantFrom('/app', '/srv'),
      read_only: fc.boolean(),
      init: fc.boolean(),
      networks,
      logging: fc.record({ driver: fc.constantFrom('json-file', 'awslogs'), options: fc.constant({ 'max-size': '10m' }) }, { requiredKeys: ['driver'] }),
      'x-note': fc.oneof(fc.string({ maxLength: 8 }).filter((s) => !s.includes('$')), fc.integer(), fc.constant({ nested: [1, 'two'] })),
    },
    { requiredKeys: ['image'] },
  );
  return fc.tuple(core, moreServiceKeys(self, defined)).map(([svc, more]) => {
    const out: Record<string, unknown> = { ...svc, ...more };
    // Empty lists say nothing; drop them so that the file reads as a person would write it.
    for (const [k, v] of Object.entries(out)) if (v === undefined || (Array.isArray(v) && v.length === 0)) delete out[k];
    return out;
  });
}

const volumeDefinition = fc.oneof(
  fc.constant(null),
  fc.constant({ driver: 'local' }),
  fc.constant({ external: true, name: 'shared-data' }),
  fc.constant({ driver: 'local', driver_opts: { type: 'none', o: 'bind', device: './data' }, labels: ['com.example.v=1'], name: 'my-data' }),
);
const networkDefinition = fc.oneof(
  fc.constant(null),
  fc.constant({ driver: 'bridge' }),
  fc.constant({ external: true }),
  fc.constant({ driver: 'bridge', internal: true, attachable: true, enable_ipv6: false, labels: { 'com.example.n': 'x' }, driver_opts: { 'com.docker.network.bridge.name': 'br0' } }),
  fc.constant({ ipam: { driver: 'default', config: [{ subnet: '172.28.0.0/16', ip_range: '172.28.5.0/24', gateway: '172.28.5.254' }] }, name: 'custom-net' }),
);

/**
 * A valid compose file: 1–3 services (short and long syntax of ports, volumes, environment,
 * labels, depends_on, secrets, configs, build, healthcheck, deploy, …) and the top-level
 * networks, volumes, secrets and configs they use, plus an `x-` extension. Loading it gives
 * no error.
 */
export function composeFile(): fc.Arbitrary<ComposeDoc> {
  const names = (max: number, min = 0) => fc.uniqueArray(resourceName, { minLength: min, maxLength: max });
  return fc
    .record({ services: names(3, 1), volumes: names(2), secrets: names(2), configs: names(2), networks: names(2), models: names(1), named: fc.boolean() })
    // In the order a JS object keeps them (integer-like names such as "35" first), so that
    // "a service written before" means the same here, in the file and to ecsComposeFile.
    .map((d) => ({ ...d, services: Object.keys(Object.fromEntries(d.services.map((n) => [n, true]))) }))
    .chain((defined) =>
      fc
        .record({
          services: fc.tuple(...defined.services.map((s) => service(s, defined))),
          secretDefs: fc.tuple(...defined.secrets.map(() => fc.oneof(fc.constant({ file: './secret.txt' }), fc.constant({ environment: 'SECRET_VALUE' }), fc.constant({ external: true })))),
          configDefs: fc.tuple(...defined.configs.map(() => fc.oneof(fc.constant({ file: './app.conf' }), fc.constant({ content: 'debug=true\n' }), fc.constant({ external: true })))),
          volumeDefs: fc.tuple(...defined.volumes.map(() => volumeDefinition)),
          networkDefs: fc.tuple(...defined.networks.map(() => networkDefinition)),
          modelDefs: modelDefinitions(defined.models),
          extension: fc.oneof(fc.constant(undefined), fc.constant({ owner: 'team-a', tags: ['x', 'y'] })),
        })
        .map((parts) => {
          const doc: ComposeDoc = { services: {} };
          if (defined.named) doc.name = 'generated';
          defined.services.forEach((s, i) => (doc.services[s] = parts.services[i] as Record<string, unknown>));
          const section = (names: readonly string[], defs: readonly unknown[]) => Object.fromEntries(names.map((n, i) => [n, defs[i]]));
          if (defined.networks.length) doc.networks = section(defined.networks, parts.networkDefs);
          if (defined.volumes.length) doc.volumes = section(defined.volumes, parts.volumeDefs);
          if (defined.secrets.length) doc.secrets = section(defined.secrets, parts.secretDefs);
          if (defined.configs.length) doc.configs = section(defined.configs, parts.configDefs);
          if (defined.models.length) doc.models = parts.modelDefs;
          if (parts.extension) doc['x-meta'] = parts.extension;
          return keepConsistent(doc);
        }),
    );
}

/** Every service key of the schema (and an extension), so that random mappings reach deep into the normalizer. */
export const SERVICE_KEYS = [
  'develop', 'deploy', 'annotations', 'attach', 'build', 'blkio_config', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent', 'command', 'configs',
  'container_name', 'cpu_count', 'cpu_percent', 'cpu_shares', 'cpu_quota', 'cpu_period', 'cpu_rt_period', 'cpu_rt_runtime', 'cpus', 'cpuset',
  'credential_spec', 'depends_on', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt', 'dns_search', 'domainname', 'entrypoint', 'env_file',
  'label_file', 'environment', 'expose', 'extends', 'provider', 'external_links', 'extra_hosts', 'gpus', 'group_add', 'healthcheck', 'hostname',
  'image', 'init', 'ipc', 'isolation', 'labels', 'links', 'logging', 'mac_address', 'mem_limit', 'mem_reservation', 'mem_swappiness',
  'memswap_limit', 'network_mode', 'models', 'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform', 'ports',
  'pre_start', 'post_start', 'pre_stop', 'privileged', 'profiles', 'pull_policy', 'pull_refresh_after', 'read_only', 'restart', 'runtime', 'scale',
  'security_opt', 'shm_size', 'secrets', 'sysctls', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'tmpfs', 'tty', 'ulimits',
  'use_api_socket', 'user', 'uts', 'userns_mode', 'volumes', 'volumes_from', 'working_dir', 'x-ext',
] as const;

const TOP_LEVEL_KEYS = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models', 'name', 'version', 'include', 'x-ext'] as const;

/** A second file next to compose.yaml that random `include`, `extends.file` and `env_file` values may name. */
export const OTHER_FILE = 'other.yaml';

/** A JSON value of bounded size whose strings often look like compose values (`80:80`, `${X}`, `1g`, `./a:/b`). */
export const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('80:80', '127.0.0.1:8080:80/udp', '${X}', '${X:-d}', '$$', '1g', '10s', './a:/b:ro', 'service:web', '__proto__', 'true', '0x10', '0440', '', OTHER_FILE),
    ),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('source', 'target', 'type', 'condition', 'file', 'service', 'path', '__proto__')), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A mapping shaped like a compose file (real keys, random values), mostly not valid. */
export function jsonishMapping(): fc.Arbitrary<Record<string, unknown>> {
  const svc = fc.dictionary(fc.oneof(fc.constantFrom(...SERVICE_KEYS), fc.string({ maxLength: 6 })), jsonish, { maxKeys: 5 });
  const services = fc.dictionary(fc.oneof(resourceName, fc.string({ maxLength: 5 })), fc.oneof(svc, jsonish), { maxKeys: 3 });
  return fc.dictionary(fc.oneof(fc.constantFrom(...TOP_LEVEL_KEYS), fc.string({ maxLength: 6 })), fc.oneof(services, jsonish), { maxKeys: 5 });
}

/** One YAML scalar of any type. */
export const yamlScalar: fc.Arbitrary<unknown> = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt());

/** Text that is often almost YAML: compose-like lines, indentation, anchors, tags and flow collections. */
export const composeText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('services:', '  web:', '    image: nginx', '    ports: ["80:80"]', '  - a', '<<: *x', 'a: &x {b: 1}', '!reset', '!override [1]', '---', '{', ']', '"', "'", '\t', '# c', 'x: ${A'),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.join('\n'));

/** Arbitrary bytes: invalid UTF-8, NUL bytes, a BOM, anything. */
export const fileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 60 }).map((b) => Uint8Array.from([0xef, 0xbb, 0xbf, ...b])),
);

/** Every path to a value inside `value` (mappings and sequences included), in document order. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/**
 * A valid compose file (composeFile) with 1–3 of its values replaced by random JSON-ish ones
 * (`jsonish`): nearly valid input that reaches deep into the normalizer, where purely random
 * mappings stop at the first wrong shape.
 */
export function mutatedComposeFile(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(composeFile(), fc.array(fc.tuple(fc.nat(), jsonish), { minLength: 1, maxLength: 3 }))
    .map(([doc, mutations]) => {
      const copy = structuredClone(doc) as Record<string, unknown>;
      for (const [pick, value] of mutations) {
        const all = paths(copy).filter((p) => p.length > 0);
        const path = all[pick % all.length] as (string | number)[];
        let parent: any = copy;
        for (const seg of path.slice(0, -1)) parent = parent[seg];
        parent[path[path.length - 1] as string | number] = value;
      }
      return copy;
    });
}
