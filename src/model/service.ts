/**
 * A normalized service: every key of the compose schema's service definition, in long form,
 * in the schema's order. Absent keys were not set (defaults are the platform's) except where
 * compose itself fills a value in (noted on the key).
 */
import type { ServicePort } from './service-parts.js';
import type { ServiceVolume } from './service-parts.js';
import type { Deploy } from './deploy.js';
import type {
  BlkioConfig,
  Build,
  CredentialSpec,
  Dependency,
  Develop,
  DeviceMapping,
  DeviceRequest,
  EnvFile,
  Extends,
  Extensions,
  FileReference,
  Healthcheck,
  Logging,
  PreStartHook,
  Provider,
  ServiceHook,
  ServiceModel,
  ServiceNetwork,
  Ulimit,
} from './service-parts.js';

/**
 * One normalized service: every key of the compose schema's service definition in long form.
 *
 * @example
 * { name: 'web', image: 'nginx', ports: [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }],
 *   environment: { RACK_ENV: 'development' }, networks: { default: null }, extensions: {} }
 */
export interface Service {
  /** The service's key under `services` (not a compose key; not printed back). */
  name: string;
  /** Development workflow (`develop.watch`). */
  develop?: Develop;
  /** Deployment and lifecycle (deploy.md). */
  deploy?: Deploy;
  /** Container annotations; list `k=v` / `k` (empty value) or map. */
  annotations?: Record<string, string>;
  /** Collect the service's logs (default true). */
  attach?: boolean;
  /** How to build the image. */
  build?: Build;
  /** Block IO limits. */
  blkio_config?: BlkioConfig;
  /** Linux capabilities to add. */
  cap_add?: string[];
  /** Linux capabilities to drop. */
  cap_drop?: string[];
  /** cgroup namespace: `host` or `private`. */
  cgroup?: 'host' | 'private';
  /** Parent cgroup. */
  cgroup_parent?: string;
  /** Overrides the image's CMD. A string is split by shell-word rules; `[]` (or `''`) clears it; `null` (image default) is left out. */
  command?: string[];
  /** Configs granted to the service; `target` defaults to `/<source>` at run time. */
  configs?: FileReference[];
  /** Fixed container name. */
  container_name?: string;
  /** Usable CPUs (Windows). */
  cpu_count?: number;
  /** Usable percentage of the CPUs (Windows). */
  cpu_percent?: number;
  /** Relative CPU weight. */
  cpu_shares?: number;
  /** CFS quota, in microseconds. */
  cpu_quota?: number;
  /** CFS period, in microseconds. */
  cpu_period?: number;
  /** Real-time period, in microseconds (a duration is converted). */
  cpu_rt_period?: number;
  /** Real-time runtime, in microseconds (a duration is converted). */
  cpu_rt_runtime?: number;
  /** Number of CPUs, fractional. */
  cpus?: number;
  /** CPUs allowed (`0-3`, `0,1`). */
  cpuset?: string;
  /** Credential spec for a managed service account. */
  credential_spec?: CredentialSpec;
  /** Dependencies by service name, long form. */
  depends_on?: Record<string, Dependency>;
  /** Device cgroup rules. */
  device_cgroup_rules?: string[];
  /** Device mappings, long form. */
  devices?: DeviceMapping[];
  /** DNS servers; a single string becomes a list. */
  dns?: string[];
  /** DNS resolver options. */
  dns_opt?: string[];
  /** DNS search domains; a single string becomes a list. */
  dns_search?: string[];
  /** Domain name. */
  domainname?: string;
  /** Overrides the image's ENTRYPOINT; split like `command`. `[]` clears it. */
  entrypoint?: string[];
  /** Environment files, absolute paths; their variables are already merged into `environment`. */
  env_file?: EnvFile[];
  /** Label files, absolute paths; their labels are merged into `labels` when the loader read them. */
  label_file?: string[];
  /** Environment: env_file values overridden by the declared ones. A bare `NAME` takes the value from the environment, else `null` (unset in the container). */
  environment?: Record<string, string | null>;
  /** Exposed ports (`3000`, `8080-8085/tcp`), as text. */
  expose?: string[];
  /** A leftover `extends` the loader did not resolve. */
  extends?: Extends;
  /** External lifecycle provider. */
  provider?: Provider;
  /** Links to containers outside the project (`name[:alias]`). */
  external_links?: string[];
  /** Extra /etc/hosts entries: host → IPs (brackets around IPv6 removed). */
  extra_hosts?: Record<string, string[]>;
  /** GPU requests; `gpus: all` is `[{ count: 'all' }]`. */
  gpus?: DeviceRequest[];
  /** Extra groups, by name or number, as text. */
  group_add?: string[];
  /** Health check. */
  healthcheck?: Healthcheck;
  /** Host name. */
  hostname?: string;
  /** Image reference. */
  image?: string;
  /** Run an init process. */
  init?: boolean;
  /** IPC mode (`shareable`, `service:x`, `host`, …). */
  ipc?: string;
  /** Isolation technology. */
  isolation?: string;
  /** Container labels; list `k=v` / `k` (empty value) or map. */
  labels?: Record<string, string>;
  /** Links to other services (`service[:alias]`). */
  links?: string[];
  /** Logging driver and options. */
  logging?: Logging;
  /** MAC address. */
  mac_address?: string;
  /** Memory limit, bytes. */
  mem_limit?: number;
  /** Memory reservation, bytes. */
  mem_reservation?: number;
  /** Swappiness, 0–100. */
  mem_swappiness?: number;
  /** Memory plus swap, bytes (`-1` unlimited). */
  memswap_limit?: number;
  /** Network mode (`host`, `none`, `service:x`, `container:x`, …). */
  network_mode?: string;
  /** Models used, by top-level model key. */
  models?: Record<string, ServiceModel>;
  /** Networks joined, by top-level network key; `null` when nothing is set for it. Without `networks` and `network_mode`, `{ default: null }`. */
  networks?: Record<string, ServiceNetwork | null>;
  /** Disable the OOM killer. */
  oom_kill_disable?: boolean;
  /** OOM score adjustment, -1000–1000. */
  oom_score_adj?: number;
  /** PID mode. */
  pid?: string;
  /** PIDs limit (`-1` unlimited). */
  pids_limit?: number;
  /** Platform (`linux/arm64`). */
  platform?: string;
  /** Ports, long form: one entry per published port. */
  ports?: ServicePort[];
  /** Init containers run to completion, in order, before the service container starts. */
  pre_start?: PreStartHook[];
  /** Hooks run after the container starts. */
  post_start?: ServiceHook[];
  /** Hooks run before the container stops. */
  pre_stop?: ServiceHook[];
  /** Elevated privileges. */
  privileged?: boolean;
  /** Profiles the service belongs to. */
  profiles?: string[];
  /** Pull policy; `if_not_present` is `missing`. */
  pull_policy?: string;
  /** Refresh interval for `pull_policy: refresh`. */
  pull_refresh_after?: string;
  /** Read-only root file system. */
  read_only?: boolean;
  /** Restart policy (`no`, `always`, `on-failure[:n]`, `unless-stopped`). */
  restart?: string;
  /** OCI runtime. */
  runtime?: string;
  /** Number of containers. */
  scale?: number;
  /** Security options. */
  security_opt?: string[];
  /** Size of /dev/shm, bytes. */
  shm_size?: number;
  /** Secrets granted; `target` defaults to `/run/secrets/<source>`. */
  secrets?: FileReference[];
  /** Kernel parameters. */
  sysctls?: Record<string, string>;
  /** Keep STDIN open. */
  stdin_open?: boolean;
  /** Time to wait before SIGKILL, seconds. */
  stop_grace_period?: number;
  /** Stop signal. */
  stop_signal?: string;
  /** Storage driver options, as text. */
  storage_opt?: Record<string, string>;
  /** tmpfs mounts (`/run`, `/data:mode=755`); a single string becomes a list. */
  tmpfs?: string[];
  /** Allocate a TTY. */
  tty?: boolean;
  /** Ulimits; a single number sets soft and hard. */
  ulimits?: Record<string, Ulimit>;
  /** Mount the engine's API socket. */
  use_api_socket?: boolean;
  /** User (name or uid[:gid]). */
  user?: string;
  /** UTS namespace. */
  uts?: string;
  /** User namespace mode. */
  userns_mode?: string;
  /** Mounts, long form. */
  volumes?: ServiceVolume[];
  /** Volumes from other services or containers (`name[:ro]`, `container:name[:rw]`). */
  volumes_from?: string[];
  /** Working directory. */
  working_dir?: string;
  /** The service's `x-*` keys. */
  extensions: Extensions;
}
