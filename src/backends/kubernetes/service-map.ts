/**
 * The Kubernetes mapping of every compose service key (and every `deploy` key): where it goes
 * in the pod, workload or Service, or why it has no Kubernetes meaning. Keyed by every key of
 * the normalized Service, so a key added to the model fails the build until it is mapped or
 * reported; docs/kubernetes.md is generated from these tables.
 */
import type { Deploy, Service } from '../../model/project.js';
import type { ServiceContext } from './context.js';
import { runFieldTable, type FieldMapping as KitFieldMapping } from '../kit.js';
import * as deploy from './fields/deploy.js';
import { dependsOn } from './fields/depends.js';
import { healthcheck } from './fields/health.js';
import * as meta from './fields/metadata.js';
import * as net from './fields/network.js';
import * as proc from './fields/process.js';
import * as res from './fields/resources.js';
import * as sec from './fields/security.js';
import * as storage from './fields/storage.js';

/** A compose key's Kubernetes mapping (the kit's table entry): carried, or reported with K8S_UNSUPPORTED_FIELD. */
export type FieldMapping = KitFieldMapping<ServiceContext>;

export type MappedKey = Exclude<keyof Service, 'name' | 'extensions'>;
export type DeployKey = Exclude<keyof Deploy, 'extensions'>;

const unsupported = (reason: string): FieldMapping => ({ unsupported: reason });
const LOCAL = unsupported('it only affects building or running the stack locally with docker compose');
const ENGINE = unsupported('it is a Docker Engine setting that a pod spec does not expose (set it on the nodes if needed)');
const WINDOWS = unsupported('a Docker-on-Windows setting');

export const K8S_DEPLOY_KEYS: Record<DeployKey, FieldMapping> = {
  mode: { to: 'workload kind', note: 'the core\'s kind: global → DaemonSet; a job (replicated-job, global-job, runs once) → Job, or init containers of its waiters' },
  endpoint_mode: { to: 'Service clusterIP', note: 'dnsrr → a headless Service (clusterIP: None)' },
  replicas: { to: 'spec.replicas', note: 'Job: completions and parallelism; DaemonSet: reported; with an autoscaler: its minReplicas, none in the workload' },
  labels: { to: 'workload metadata.labels', apply: deploy.deployLabels, note: 'values that are not label values → annotations' },
  rollback_config: unsupported('undo a rollout with kubectl rollout undo'),
  update_config: { to: 'strategy / updateStrategy RollingUpdate', apply: deploy.updateConfig, note: 'parallelism → maxUnavailable (stop-first) or maxSurge (start-first); delay → minReadySeconds' },
  resources: { to: 'resources.limits / requests', apply: deploy.deployResources, note: 'from the shared resources pass; pids and generic resources reported' },
  restart_policy: { to: 'Job restartPolicy, backoffLimit', apply: deploy.restartPolicy, note: 'when restart is not set' },
  placement: { to: 'nodeSelector, nodeAffinity', apply: deploy.placement, note: 'node.labels.* / node.hostname / node.platform.* constraints' },
};

function applyDeploy(c: ServiceContext): void {
  runFieldTable(K8S_DEPLOY_KEYS, c.service.deploy ?? {}, c, ['deploy']);
}

export const K8S_SERVICE_KEYS: Record<MappedKey, FieldMapping> = {
  develop: LOCAL,
  deploy: { to: 'see the deploy table', apply: applyDeploy },
  annotations: { to: 'pod metadata.annotations', apply: meta.annotations },
  attach: LOCAL,
  build: { to: 'image (a build-only service)', apply: proc.build, note: 'build and no image: REGISTRY/<project>-<service>:<tag> with --registry and --image-tag, else an error; with an image, reported' },
  blkio_config: ENGINE,
  cap_add: { to: 'securityContext.capabilities.add', apply: sec.capAdd, note: 'CAP_ prefix removed' },
  cap_drop: { to: 'securityContext.capabilities.drop', apply: sec.capDrop },
  cgroup: ENGINE,
  cgroup_parent: ENGINE,
  command: { to: 'args', apply: proc.command, note: '`$(` and `$$` escaped' },
  configs: { to: 'configMap volume + subPath mount', apply: storage.configs, note: '`content:` configs become ConfigMaps; others must exist' },
  container_name: unsupported('pods are named by their workload'),
  cpu_count: WINDOWS,
  cpu_percent: WINDOWS,
  cpu_shares: { to: 'resources.requests.cpu', note: 'through the resources pass, 1024 shares = 1000m' },
  cpu_quota: { to: 'resources.requests.cpu', note: 'with cpu_period, through the resources pass' },
  cpu_period: { to: 'resources.requests.cpu', note: 'with cpu_quota' },
  cpu_rt_period: ENGINE,
  cpu_rt_runtime: ENGINE,
  cpus: { to: 'resources.requests.cpu and limits.cpu', note: 'millicores' },
  cpuset: ENGINE,
  credential_spec: unsupported('Windows gMSA credential specs are GMSACredentialSpec objects in Kubernetes'),
  depends_on: { to: 'initContainers', apply: dependsOn, note: 'service_completed_successfully on a job → the job\'s container as an init container; with waitForDependencies: service_healthy → wait for the Service, on a Job of its own → kubectl wait; otherwise reported' },
  device_cgroup_rules: ENGINE,
  devices: unsupported('Kubernetes gives devices to pods through device plugins'),
  dns: { to: 'dnsConfig.nameservers', apply: net.dns },
  dns_opt: { to: 'dnsConfig.options', apply: net.dnsOpt },
  dns_search: { to: 'dnsConfig.searches', apply: net.dnsSearch },
  domainname: unsupported('a pod\'s domain is set by its Service (subdomain)'),
  entrypoint: { to: 'command', apply: proc.entrypoint, note: '`$(` and `$$` escaped' },
  env_file: { to: 'env', note: 'variables inlined by the loader' },
  label_file: { to: 'metadata.labels', note: 'labels read by the loader' },
  environment: { to: 'env', apply: proc.environment, note: 'sorted by name; unset variables reported' },
  expose: { to: 'containerPorts, Service ports', apply: net.expose, note: 'a ClusterIP Service; a range of more than 100 ports is reported and left out' },
  extends: { to: '(resolved by the loader)' },
  provider: unsupported('external providers are run by docker compose locally'),
  external_links: unsupported('pods reach outside containers by address or an ExternalName Service'),
  extra_hosts: { to: 'hostAliases', apply: net.extraHosts },
  gpus: { to: 'resources.limits["nvidia.com/gpu"]', note: 'through the resources pass' },
  group_add: { to: 'pod securityContext.supplementalGroups', apply: sec.groupAdd, note: 'numeric groups' },
  healthcheck: { to: 'livenessProbe, readinessProbe, startupProbe', apply: healthcheck, note: 'exec; CMD-SHELL through sh -c; compose defaults written out; a check that calls the service by its own name gets that name mapped to 127.0.0.1 (hostAliases)' },
  hostname: { to: 'pod hostname', apply: net.hostname },
  image: { to: 'image', note: 'kompose.image-pull-secret → imagePullSecrets' },
  init: unsupported('Kubernetes has no init process flag; use an init in the image (tini) or shareProcessNamespace'),
  ipc: { to: 'hostIPC', apply: net.ipc, note: 'host → hostIPC; service:X → a further container of X\'s pod (whose containers share IPC), as network_mode' },
  isolation: WINDOWS,
  labels: { to: 'metadata.labels (workload and pods)', apply: meta.labels, note: 'kompose.* labels read as settings; other values → annotations' },
  links: { to: '(Service DNS)', apply: net.links, note: 'each alias a Service of its own (the linked service\'s pods and ports); targets without a Service reported' },
  logging: unsupported('container logs go to the node; the cluster\'s log agent ships them'),
  mac_address: unsupported('a pod gets its address from the cluster network'),
  mem_limit: { to: 'resources.limits.memory', note: 'MiB, through the resources pass' },
  mem_reservation: { to: 'resources.requests.memory', note: 'MiB, through the resources pass' },
  mem_swappiness: ENGINE,
  memswap_limit: ENGINE,
  network_mode: { to: 'hostNetwork', apply: net.networkMode, note: 'host → hostNetwork; service:X → a further container of X\'s pod, which shares one network namespace (no workload of its own; X\'s replicas and pod settings, other settings of its own reported); a job keeps its own pod, with a warning' },
  models: unsupported('AI models are run by docker compose locally'),
  networks: { to: '(one cluster network)', apply: net.networks, note: 'named networks reported (info); each alias a Service of its own (same pods and ports)' },
  oom_kill_disable: ENGINE,
  oom_score_adj: ENGINE,
  pid: { to: 'hostPID', apply: net.pid, note: 'host → hostPID; service:X → a further container of X\'s pod with shareProcessNamespace, as network_mode' },
  pids_limit: ENGINE,
  platform: { to: 'nodeSelector kubernetes.io/os, kubernetes.io/arch', apply: res.platform },
  ports: { to: 'containerPorts, Service ports', apply: net.ports, note: 'published port → Service port, and the container port as one too (services reach each other on it under compose); mode host → hostPort (under network_mode host only the same number: another is reported); a range of more than 100 ports is reported and left out (an EndpointSlice holds at most 100 ports)' },
  pre_start: { to: 'initContainers, in order', note: 'after the dependencies\' init containers; a step without image runs the service\'s image; environment over the service\'s; the service\'s mounts (init-steps.ts)' },
  post_start: { to: 'lifecycle.postStart.exec', apply: proc.postStart, note: 'first hook only' },
  pre_stop: { to: 'lifecycle.preStop.exec', apply: proc.preStop, note: 'first hook only' },
  privileged: { to: 'securityContext.privileged', apply: sec.privileged },
  profiles: { to: '(applied by the loader)' },
  pull_policy: { to: 'imagePullPolicy', apply: proc.pullPolicy, note: 'always, never, missing; schedules → Always' },
  pull_refresh_after: unsupported('Kubernetes has no pull schedule'),
  read_only: { to: 'securityContext.readOnlyRootFilesystem', apply: sec.readOnly },
  restart: { to: 'restartPolicy (Job), reported otherwise', apply: deploy.restart, note: 'Deployments, StatefulSets and DaemonSets always restart' },
  runtime: { to: 'runtimeClassName', apply: proc.runtime },
  scale: { to: 'spec.replicas', note: 'as deploy.replicas' },
  security_opt: { to: 'securityContext', apply: sec.securityOpt, note: 'no-new-privileges, seccomp, apparmor, label' },
  shm_size: { to: 'emptyDir (Memory) at /dev/shm', apply: res.shmSize },
  secrets: { to: 'secret volume + subPath mount', apply: storage.secrets, note: 'the Secret must exist; values never copied' },
  sysctls: { to: 'pod securityContext.sysctls', apply: sec.sysctls },
  stdin_open: { to: 'stdin', apply: proc.stdinOpen },
  stop_grace_period: { to: 'terminationGracePeriodSeconds', apply: proc.stopGracePeriod },
  stop_signal: unsupported('Kubernetes sends SIGTERM, or the image\'s STOPSIGNAL (lifecycle.stopSignal is alpha)'),
  storage_opt: ENGINE,
  tmpfs: { to: 'emptyDir (Memory)', apply: storage.tmpfs },
  tty: { to: 'tty', apply: proc.tty },
  ulimits: ENGINE,
  use_api_socket: unsupported('pods do not mount the Docker API socket'),
  user: { to: 'securityContext.runAsUser, runAsGroup', apply: sec.user, note: 'numeric ids (root = 0)' },
  uts: ENGINE,
  userns_mode: ENGINE,
  volumes: { to: 'volumes, volumeMounts', apply: storage.volumes, note: 'named → PersistentVolumeClaim; anonymous → emptyDir; tmpfs → emptyDir (Memory); bind → hostPath' },
  volumes_from: { to: 'volumeMounts', apply: storage.volumesFrom, note: 'from a service of the same pod (network_mode, ipc or pid service:X): its mounts, read-only with :ro; from any other: reported (mount the same PersistentVolumeClaim instead)' },
  working_dir: { to: 'workingDir', apply: proc.workingDir },
};
