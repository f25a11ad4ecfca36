/**
 * The ECS mapping of every compose service key: where it goes in the container definition,
 * task definition or service, or why it has no ECS meaning. The table is keyed by every key
 * of the normalized Service, so a key added to the model fails the build until it is mapped
 * or reported; docs/ecs.md is generated from it.
 */
import type { Service } from '../../model/project.js';
import type { FieldMapping as KitFieldMapping } from '../kit.js';
import type { ContainerContext } from './container-context.js';
import * as env from './fields/environment.js';
import * as files from './fields/files.js';
import * as linux from './fields/linux.js';
import * as net from './fields/network.js';
import * as obs from './fields/observe.js';
import * as proc from './fields/process.js';
import * as storage from './fields/storage.js';

/** A compose key's ECS mapping (the kit's table entry): carried, or reported with ECS_UNSUPPORTED_FIELD. */
export type FieldMapping = KitFieldMapping<ContainerContext>;

export type MappedKey = Exclude<keyof Service, 'name' | 'extensions'>;

const unsupported = (reason: string): FieldMapping => ({ unsupported: reason });
const BUILD_ONLY = unsupported('it only affects building or running the stack locally; ECS runs a pushed image');
const SWARM_ONLY = unsupported('it is a Docker Engine setting that ECS task definitions do not expose');

export const ECS_SERVICE_KEYS: Record<MappedKey, FieldMapping> = {
  develop: BUILD_ONLY,
  deploy: {
    to: 'service desiredCount, schedulingStrategy, deploymentConfiguration, tags; container cpu, memory, memoryReservation, resourceRequirements, restartPolicy',
    apply: proc.restartPolicy,
    note: 'replicas → desiredCount; mode global → DAEMON (EC2); update_config order/parallelism → maximumPercent/minimumHealthyPercent, failure_action → circuit breaker; resources → cpu/memory/GPU; restart_policy → restartPolicy; labels → service tags; endpoint_mode, placement, rollback_config, pids reported',
  },
  annotations: SWARM_ONLY,
  attach: unsupported('log attachment is a local `docker compose up` behaviour'),
  build: {
    to: 'image (a build-only service)',
    apply: proc.build,
    note: 'build and no image: REGISTRY/<project>-<service>:<tag> with --registry (x-ecs.registry) and --image-tag, the docker build and push commands given (IMAGE_BUILD_PUSH); with an image, the build itself is not carried over',
  },
  blkio_config: SWARM_ONLY,
  cap_add: { to: 'linuxParameters.capabilities.add', apply: linux.capAdd, note: 'Fargate: SYS_PTRACE only' },
  cap_drop: { to: 'linuxParameters.capabilities.drop', apply: linux.capDrop },
  cgroup: SWARM_ONLY,
  cgroup_parent: SWARM_ONLY,
  command: { to: 'command', apply: proc.command },
  configs: { to: 'container mountPoints/dependsOn (a file at the target, written by the compose2ecs-files init container); task volumes', apply: files.configs, note: 'content:, the file (read, at most 16 KiB) or the variable travel in the writer\'s environment; the reader mounts the target\'s directory (writable around the file, as under compose) and waits for the writer (SUCCESS); external configs are reported' },
  container_name: unsupported('ECS names each container after its compose service'),
  cpu_count: unsupported('a Windows-only setting'),
  cpu_percent: unsupported('a Windows-only setting'),
  cpu_shares: { to: 'cpu', note: 'when cpus and deploy.resources do not set it' },
  cpu_quota: { to: 'cpu', note: 'with cpu_period, as quota/period × 1024 units when nothing else sets cpu' },
  cpu_period: { to: 'cpu', note: 'with cpu_quota' },
  cpu_rt_period: SWARM_ONLY,
  cpu_rt_runtime: SWARM_ONLY,
  cpus: { to: 'cpu', note: '× 1024 units; on EC2 a container\'s cpu is a relative share (the task cpu, and Fargate, cap it)' },
  cpuset: SWARM_ONLY,
  credential_spec: unsupported('ECS credential specs are ARNs of gMSA files (credentialSpecs), not Docker credential specs'),
  depends_on: { to: 'dependsOn, links', note: 'service_started → START, service_healthy → HEALTHY, service_completed_successfully → SUCCESS (target non-essential); links in bridge mode' },
  device_cgroup_rules: SWARM_ONLY,
  devices: { to: 'linuxParameters.devices', apply: linux.devices, note: 'not on Fargate' },
  dns: { to: 'dnsServers', apply: net.dns, note: 'not under awsvpc' },
  dns_opt: unsupported('ECS container definitions have no DNS options'),
  dns_search: { to: 'dnsSearchDomains', apply: net.dnsSearch, note: 'not under awsvpc' },
  domainname: unsupported('ECS container definitions have no domain name'),
  entrypoint: { to: 'entryPoint', apply: proc.entrypoint },
  env_file: { to: 'environment, environmentFiles', apply: env.envFile, note: 'variables inlined by the loader; with x-ecs.environment_files each file is an S3 environmentFiles entry instead' },
  label_file: { to: 'dockerLabels', note: 'labels read by the loader' },
  environment: { to: 'environment', apply: env.environment, note: 'sorted by name; unset variables reported' },
  expose: { to: 'portMappings (named), advertised through Service Connect', apply: net.expose, note: 'across tasks (service layout): a named port mapping each service reaches by name through Service Connect; within a task not needed (localhost or links)' },
  extends: { to: '(resolved by the loader)', apply: (c) => c.unsupported(['extends'], 'the loader could not resolve it'), note: 'an unresolved one is reported' },
  provider: unsupported('external providers are run by docker compose locally'),
  external_links: unsupported('ECS links only join containers of one task'),
  extra_hosts: { to: 'extraHosts', apply: net.extraHosts, note: 'not under awsvpc' },
  gpus: { to: 'resourceRequirements (GPU)', note: 'EC2 only' },
  group_add: SWARM_ONLY,
  healthcheck: { to: 'healthCheck', apply: obs.healthcheck, note: 'test → command (CMD / CMD-SHELL); whole seconds within ECS limits (interval 5–300, timeout 2–60, retries 1–10, start_period 0–300); no timeout → 30 s (Docker\'s default; ECS\'s is 5 s); start_interval reported' },
  hostname: { to: 'hostname', apply: net.hostname, note: 'not under awsvpc' },
  image: { to: 'image', apply: proc.image },
  init: { to: 'linuxParameters.initProcessEnabled', apply: linux.init },
  ipc: { to: 'task ipcMode', apply: proc.ipc, note: 'host, shareable/service → task, none' },
  isolation: unsupported('a Windows-only setting'),
  labels: { to: 'dockerLabels' },
  links: { to: 'links', note: 'bridge mode, same task; across tasks the name resolves through Service Connect and an alias (`db:database`) becomes a client alias of the target' },
  logging: { to: 'logConfiguration', apply: obs.logging, note: 'json-file, syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens; Fargate: awslogs, splunk, awsfirelens' },
  mac_address: SWARM_ONLY,
  mem_limit: { to: 'memory', note: 'bytes → MiB, rounded up' },
  mem_reservation: { to: 'memoryReservation', note: 'bytes → MiB, rounded up' },
  mem_swappiness: { to: 'linuxParameters.swappiness', apply: linux.memSwappiness, note: 'not on Fargate' },
  memswap_limit: { to: 'linuxParameters.maxSwap', apply: linux.memswapLimit, note: 'memswap_limit − mem_limit, in MiB; not on Fargate' },
  network_mode: { to: 'task networkMode', apply: net.networkMode, note: 'bridge, host, none; Fargate: awsvpc' },
  models: unsupported('AI models are run by docker compose locally'),
  networks: { to: '(none)', apply: net.networks, note: 'ECS has no user-defined networks: reported unless only the default network; aliases become Service Connect client aliases (one per Service Connect service)' },
  oom_kill_disable: SWARM_ONLY,
  oom_score_adj: SWARM_ONLY,
  pid: { to: 'task pidMode', apply: proc.pid, note: 'host (not on Fargate); service:<x> → task (the service joins x\'s task)' },
  pids_limit: SWARM_ONLY,
  platform: { to: 'task runtimePlatform', apply: proc.platform, note: 'linux/amd64 → X86_64, linux/arm64 → ARM64; one per task' },
  ports: { to: 'portMappings', apply: net.ports, note: 'published ≠ target in bridge mode only; unpublished → dynamic host port (bridge); consecutive ports ECS assigns → containerPortRange (at most 100 per container); tcp/udp, one protocol per container port; at most 100 static host ports per task (bridge, host); not in none mode; a port\'s `name` names its mapping when ECS takes it (lowercase letters, digits, _ and -) and no other port of the project has it, else the mapping is `<service>-<port>-tcp` where Service Connect advertises it and unnamed elsewhere (an info)' },
  pre_start: {
    to: 'containerDefinitions (non-essential init containers <service>-pre-start-<n>); dependsOn (SUCCESS)',
    note: 'in order: step 1 waits for what the service waits for, each later step for the one before (SUCCESS), the service container for the last; image (the service\'s when not set), command, user, privileged, working_dir, environment over the service\'s; the service\'s environment, secrets, mounts, links and logging; no memory of their own (64 MiB soft reservation without a task size); per_replica false with several tasks reported (each task runs the steps)',
  },
  post_start: unsupported('ECS has no lifecycle hooks'),
  pre_stop: unsupported('ECS has no lifecycle hooks'),
  privileged: { to: 'privileged', note: 'not on Fargate' },
  profiles: { to: '(applied by the loader)' },
  pull_policy: unsupported('the ECS agent decides when to pull (ECS_IMAGE_PULL_BEHAVIOR on the instance)'),
  pull_refresh_after: unsupported('the ECS agent decides when to pull'),
  read_only: { to: 'readonlyRootFilesystem' },
  restart: { to: 'restartPolicy', apply: proc.restart, note: 'always, unless-stopped → enabled; on-failure → enabled, exit code 0 ignored (a retry count is reported); no → none' },
  runtime: SWARM_ONLY,
  scale: { to: 'service desiredCount' },
  security_opt: { to: 'dockerSecurityOptions', apply: proc.securityOpt, note: 'not on Fargate' },
  shm_size: { to: 'linuxParameters.sharedMemorySize', apply: linux.shmSize, note: 'MiB; not on Fargate' },
  secrets: { to: 'container mountPoints/dependsOn (a file at /run/secrets/<name> or the target, written by the compose2ecs-files init container from its secrets, valueFrom), secrets (with x-ecs.secret_delivery environment); task volumes', apply: env.secrets, note: 'valueFrom: x-ecs.secrets.<name>, a top-level name that is an ARN, else the SSM parameter /<project>/<name> (or the Secrets Manager secret <project>/<name>); x-ecs.secret_delivery.<name>: environment injects it as a variable instead' },
  sysctls: { to: 'systemControls', apply: linux.sysctls, note: 'host network mode: no net.*' },
  stdin_open: { to: 'interactive' },
  stop_grace_period: { to: 'stopTimeout', apply: proc.stopGracePeriod, note: 'at most 120 s' },
  stop_signal: unsupported('ECS sends the signal the image declares (STOPSIGNAL)'),
  storage_opt: SWARM_ONLY,
  tmpfs: { to: 'linuxParameters.tmpfs', apply: linux.tmpfs, note: 'not on Fargate; size defaults to 64 MiB' },
  tty: { to: 'pseudoTerminal' },
  ulimits: { to: 'ulimits', apply: linux.ulimits, note: 'sorted by name; names ECS does not know are reported' },
  use_api_socket: unsupported('ECS does not mount the Docker API socket'),
  user: { to: 'user' },
  uts: SWARM_ONLY,
  userns_mode: SWARM_ONLY,
  volumes: { to: 'mountPoints, task volumes, linuxParameters.tmpfs', apply: storage.volumes, note: 'named → Docker volume (EC2), EFS (x-ecs.volumes) or task storage (Fargate); bind → host path (EC2 only); tmpfs → linuxParameters.tmpfs' },
  volumes_from: { to: 'volumesFrom', apply: storage.volumesFrom, note: 'same task only' },
  working_dir: { to: 'workingDirectory' },
};

/** Keys copied to one ECS field as they are. */
export const DIRECT_FIELDS: Partial<Record<MappedKey, string>> = {
  privileged: 'privileged',
  read_only: 'readonlyRootFilesystem',
  stdin_open: 'interactive',
  tty: 'pseudoTerminal',
  user: 'user',
  working_dir: 'workingDirectory',
  labels: 'dockerLabels',
};
