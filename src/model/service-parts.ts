/**
 * The nested structures of a normalized service (build, deploy, healthcheck, …), each in its
 * long form. Field names are compose's own (snake_case); durations are seconds, byte sizes
 * are bytes, CPU counts are numbers. `extensions` holds the structure's `x-*` keys where the
 * compose schema allows them, and is present only when there are some.
 */

/** The `x-*` keys of a structure, by name, values as written. */
export type Extensions = Record<string, unknown>;

/**
 * `build` in long form (build.md). A string `build: ./dir` becomes `{ context: '/abs/dir', dockerfile: 'Dockerfile' }`.
 * @example { context: '/app/web', dockerfile: 'Dockerfile', args: { GIT_COMMIT: 'cdc3b19' } }
 */
export interface Build {
  /** Absolute path of the build context, or a remote context (git URL, `https://…`) as written. Default: the project directory. */
  context: string;
  /** The Dockerfile, relative to the context as written; `Dockerfile` unless `dockerfile_inline` is set. */
  dockerfile?: string;
  /** Inline Dockerfile content. */
  dockerfile_inline?: string;
  /** Extra privileged entitlements granted to the build (`network.host`, …). */
  entitlements?: string[];
  /** Build arguments. A bare `NAME` takes its value from the environment, and is left out when unset there (as compose does). */
  args?: Record<string, string>;
  /** SSH agent sockets or keys: `default` is `{ id: 'default' }`; `id=path` is `{ id, path }`. */
  ssh?: SshKey[];
  /** Labels of the built image. */
  labels?: Record<string, string>;
  /** Cache sources. */
  cache_from?: string[];
  /** Cache destinations. */
  cache_to?: string[];
  /** Build without cache. */
  no_cache?: boolean;
  /** Build stages to build without cache (`no_cache_filter`: a stage name or a list of them). */
  no_cache_filter?: string[];
  /** Named extra contexts; local paths made absolute, `type://…`, URLs and `service:x` kept. */
  additional_contexts?: Record<string, string>;
  /** Network for RUN instructions. */
  network?: string;
  /** Provenance attestation: `true`/`false` become `'true'`/`'false'`, as compose prints them. */
  provenance?: string;
  /** SBOM attestation, as `provenance`. */
  sbom?: string;
  /** Always pull referenced images. */
  pull?: boolean;
  /** Build stage to target. */
  target?: string;
  /** Size of /dev/shm for the build, in bytes. */
  shm_size?: number;
  /** Extra /etc/hosts entries for the build: host → IPs. */
  extra_hosts?: Record<string, string[]>;
  /** Build isolation technology. */
  isolation?: string;
  /** Build with elevated privileges. */
  privileged?: boolean;
  /** Secrets exposed to the build; `target` is the secret id (defaults to `source` at build time). */
  secrets?: FileReference[];
  /** Extra tags of the built image. */
  tags?: string[];
  /** Ulimits of the build container. */
  ulimits?: Record<string, Ulimit>;
  /** Target platforms (`linux/amd64`, …). */
  platforms?: string[];
  extensions?: Extensions;
}

/** One `build.ssh` entry. @example { id: 'myproject', path: '~/.ssh/myproject.pem' } */
export interface SshKey {
  id: string;
  path?: string;
}

/**
 * A service's grant of a secret or config (long syntax). The short form `- name` becomes
 * `{ source: 'name' }`; for service secrets `target` defaults to `/run/secrets/<source>`
 * (a relative target, kept as written, names a file in `/run/secrets/`).
 * `mode` is a number (octal in the file: `0440` is 288).
 * @example { source: 'server-certificate', target: '/run/secrets/server-certificate' }
 */
export interface FileReference {
  source: string;
  target?: string;
  uid?: string;
  gid?: string;
  mode?: number;
  extensions?: Extensions;
}

/** A soft and hard ulimit; a single number `nproc: 65535` sets both. */
export interface Ulimit {
  soft: number;
  hard: number;
  extensions?: Extensions;
}

/**
 * `depends_on` entry. The short form (a list of names) means `{ condition: 'service_started', required: true }`.
 * `links`, `volumes_from` and `service:` namespaces add entries too, as compose does.
 */
export interface Dependency {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  /** When false, compose only warns if the dependency is not running. */
  required: boolean;
  /** Restart this service after the dependency is updated. */
  restart?: boolean;
  extensions?: Extensions;
}

/** A device mapping; `/dev/sda:/dev/xvda:rwm` is `{ source: '/dev/sda', target: '/dev/xvda', permissions: 'rwm' }`. */
export interface DeviceMapping {
  source: string;
  target: string;
  /** cgroup permissions, `rwm` by default. */
  permissions: string;
  extensions?: Extensions;
}

/**
 * A device request (`gpus`, `deploy.resources.reservations.devices`). Without `count` and
 * `device_ids`, `count` is `'all'`; `gpus: all` is `[{ count: 'all' }]`.
 */
export interface DeviceRequest {
  capabilities?: string[];
  count?: number | 'all';
  device_ids?: string[];
  driver?: string;
  options?: Record<string, string>;
  extensions?: Extensions;
}

/** `env_file` entry with its path made absolute. @example { path: '/app/.env', required: true } */
export interface EnvFile {
  path: string;
  /** A missing optional file is skipped. */
  required: boolean;
  /** `raw`: values are taken as written, without interpolation or quote handling. */
  format?: string;
  extensions?: Extensions;
}

/**
 * `healthcheck`. `test` is always a list: a string becomes `['CMD-SHELL', s]`. The check is
 * off when `disable` is true or `test[0]` is `NONE`. Durations are in seconds.
 * @example { test: ['CMD', 'curl', '-f', 'http://localhost'], interval: 90, timeout: 10, retries: 3 }
 */
export interface Healthcheck {
  disable?: boolean;
  interval?: number;
  retries?: number;
  test?: string[];
  timeout?: number;
  start_period?: number;
  start_interval?: number;
  extensions?: Extensions;
}

/** A `post_start` / `pre_stop` hook or a `develop.watch[].exec`; `command` split like the service's. */
export interface ServiceHook {
  command: string[];
  user?: string;
  privileged?: boolean;
  working_dir?: string;
  environment?: Record<string, string | null>;
  extensions?: Extensions;
}

/**
 * A `pre_start` step (05-services pre_start): an init container run to completion before the
 * service container starts, in declared order. `command` is split like the service's and may be
 * left out (the image's entrypoint runs); without `image` the service's image is used. The
 * environment is added to the service's (bare names stay null, as in post_start hooks).
 * @example { image: 'busybox', command: ['sh', '-c', 'chown -R 1000:1000 /data'], user: 'root' }
 */
export interface PreStartHook {
  command?: string[];
  image?: string;
  user?: string;
  privileged?: boolean;
  working_dir?: string;
  environment?: Record<string, string | null>;
  /** Once per replica (true), or once for the service before any replica starts (false, compose's default). */
  per_replica?: boolean;
  extensions?: Extensions;
}

/** `logging`. Option values are text (`null` kept). */
export interface Logging {
  driver?: string;
  options?: Record<string, string | null>;
  extensions?: Extensions;
}

/** `blkio_config`; `*_bps` rates are bytes per second, `*_iops` rates operations per second. */
export interface BlkioConfig {
  device_read_bps?: BlkioLimit[];
  device_read_iops?: BlkioLimit[];
  device_write_bps?: BlkioLimit[];
  device_write_iops?: BlkioLimit[];
  weight?: number;
  weight_device?: BlkioWeight[];
  extensions?: Extensions;
}

/** One device rate limit of `blkio_config`. */
export interface BlkioLimit {
  path?: string;
  rate?: number;
  extensions?: Extensions;
}

/** One device weight of `blkio_config`. */
export interface BlkioWeight {
  path?: string;
  weight?: number;
  extensions?: Extensions;
}

/** `credential_spec` (Windows gMSA). */
export interface CredentialSpec {
  config?: string;
  file?: string;
  registry?: string;
  extensions?: Extensions;
}

/** A leftover `extends` (normally resolved by the loader before normalization). */
export interface Extends {
  service: string;
  file?: string;
  extensions?: Extensions;
}

/** `provider`: a service managed by an external component. */
export interface Provider {
  type: string;
  options?: Record<string, string | number | boolean | (string | number | boolean)[]>;
  extensions?: Extensions;
}

/** A service's attachment to one network (`null` in `Service.networks` when nothing is set). */
export interface ServiceNetwork {
  aliases?: string[];
  interface_name?: string;
  ipv4_address?: string;
  ipv6_address?: string;
  link_local_ips?: string[];
  mac_address?: string;
  driver_opts?: Record<string, string>;
  priority?: number;
  gw_priority?: number;
  extensions?: Extensions;
}

/** A service's use of a top-level model; the short form `- my_model` is `{}`. */
export interface ServiceModel {
  endpoint_var?: string;
  model_var?: string;
  extensions?: Extensions;
}

/** `develop` (develop.md). */
export interface Develop {
  watch?: WatchRule[];
  extensions?: Extensions;
}

/** One `develop.watch` rule; `path` is absolute, `ignore`/`include` always lists. */
export interface WatchRule {
  path: string;
  action: 'rebuild' | 'sync' | 'restart' | 'sync+restart' | 'sync+exec';
  target?: string;
  exec?: ServiceHook;
  ignore?: string[];
  include?: string[];
  initial_sync?: boolean;
  extensions?: Extensions;
}

/** One port in the long syntax, with docker compose's defaults filled in. */
export interface ServicePort {
  name?: string;
  mode: 'ingress' | 'host' | string;
  host_ip?: string;
  target: number;
  published?: string;
  protocol: string;
  app_protocol?: string;
  [extension: `x-${string}`]: unknown;
}

/** `x-*` keys kept beside the fields of a long-syntax entry. */
type XKeys = { [extension: `x-${string}`]: unknown };

/** One mount in the long syntax, as docker compose config prints it. */
export interface ServiceVolume extends XKeys {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image' | string;
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { propagation?: string; create_host_path?: boolean; selinux?: 'z' | 'Z'; recursive?: string } & XKeys;
  volume?: { nocopy?: boolean; subpath?: string; labels?: Record<string, string> } & XKeys;
  tmpfs?: { size?: number; mode?: number } & XKeys;
  image?: { subpath?: string } & XKeys;
}
