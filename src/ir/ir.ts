/**
 * The intermediate representation that passes build from a Project and backends emit from,
 * in two layers. The core, which every backend reads, is target-neutral: the Project itself
 * (every value traceable to its file and position) and, per compose service, a Workload — its
 * kind, replicas, dependencies, networks and aliases, ports, and resources in CPUs and bytes.
 * The ECS layer (`ir.ecs`) adds what only ECS needs — x-ecs settings, the grouping of services
 * into tasks, resources in ECS units, launch types, container dependencies — and is computed
 * only for targets that ask for it (ecs, cloudformation, a backend with `layers: ['ecs']`).
 */
import type { Project, Service } from '../model/project.js';
import type { XEcs } from '../generated/x-ecs.js';
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/types.js';

/** ECS settings after every source is applied (x-aws-*, ecs-params.yml, x-ecs, CLI flags). */
export type EcsSettings = XEcs;

/** ECS launch types. */
export type LaunchType = 'EC2' | 'FARGATE' | 'EXTERNAL';
/** ECS task network modes. */
export type NetworkMode = 'bridge' | 'host' | 'awsvpc' | 'none';

/** What the passes derived for one compose service. */
export interface ServiceFacts {
  name: string;
  service: Service;
  /** Service-level x-ecs over project-level x-ecs (service, task and container settings). */
  settings: EcsSettings;
  /** Container resources in ECS units. */
  resources: ContainerResources;
  /** The task this service's container belongs to. */
  task: string;
  /** Container dependencies inside the task. */
  dependsOn: ContainerDependency[];
  /** Container links inside the task (bridge mode), `name[:alias]`. */
  links: string[];
  /** Whether the container is essential. */
  essential: boolean;
  /** Services in other tasks this one depends on or links to (depends_on first, then links), each once. */
  crossTask: string[];
  /** The image of a build-only service, when a registry is known (`--registry`, x-ecs.registry). */
  builtImage?: BuiltImage;
}

/** CPU and memory of one container in ECS units: CPU units (1024 per vCPU) and MiB. */
export interface ContainerResources {
  /** CPU units (1024 per vCPU). */
  cpu?: number;
  /** Hard memory limit, MiB. */
  memory?: number;
  /** Soft memory limit, MiB. */
  memoryReservation?: number;
  /** GPUs requested. */
  gpus?: number;
}

/** One container `dependsOn` entry: the container waited for, and the condition. */
export interface ContainerDependency {
  containerName: string;
  condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';
}

/** One ECS task definition (and, in service layout, its ECS service). */
export interface Task {
  /** The task's key: the family unless overridden. */
  name: string;
  family: string;
  /** Compose services whose containers the task holds, by name (the compose `services` mapping has no order). */
  services: string[];
  launchType: LaunchType;
  networkMode: NetworkMode;
  /** Task size, when set or required (Fargate). CPU units and MiB. */
  cpu?: number;
  memory?: number;
  /** Task settings: project x-ecs under the task's first service's x-ecs. */
  settings: EcsSettings;
  /** Whether an ECS service is emitted for the task. */
  withService: boolean;
}

/** What a compose service is for: kept running, one per host, or run to completion. */
export type WorkloadKind = 'service' | 'daemon' | 'job';

/** A path into the project as the user wrote it (`['services', 'web', 'mem_limit']`). */
export type WrittenPath = readonly (string | number)[];

/** A number derived from the compose file, with the path of the key it was read from. */
export interface Sourced<T> {
  value: T;
  path: WrittenPath;
}

/**
 * Resources of one service in target-neutral units: CPUs (fractional) and bytes, each with the
 * key it came from. Where several keys say the same thing the first set wins, as docker does:
 * deploy.resources.limits > cpus / mem_limit > cpu_shares (1024 = 1 CPU) > cpu_quota /
 * cpu_period > deploy.resources.reservations.cpus.
 */
export interface WorkloadResources {
  /** CPUs the service is given. */
  cpus?: Sourced<number>;
  /** True when compose caps the CPUs (cpus, deploy.resources.limits.cpus), not only weighs them. */
  cpuCapped: boolean;
  /** Hard memory limit, bytes. */
  memory?: Sourced<number>;
  /** Soft memory limit, bytes. */
  memoryReservation?: Sourced<number>;
  /** GPU requests (gpus, deploy.resources.reservations.devices with capability gpu), with the count each asks for ('all' or none given: undefined). */
  gpus: { count: number | undefined; path: WrittenPath }[];
}

/** One network a service joins, with the names it answers to there besides its own. */
export interface WorkloadNetwork {
  name: string;
  aliases: string[];
}

/** One container port a service listens on: published to the host, or only exposed. */
export interface WorkloadPort {
  target: number;
  protocol: string;
  /** The host port(s) as compose wrote them (`8080`, `8080-8081`), when published. */
  published?: string;
  path: WrittenPath;
}

/** A `depends_on` entry, and the reverse edge: who waits on this service, and for what. */
export interface WorkloadDependency {
  service: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required: boolean;
}

/** The target-neutral facts of one compose service. */
export interface Workload {
  name: string;
  service: Service;
  kind: WorkloadKind;
  /** Why the kind was chosen, for `explain` and messages. */
  kindReason: string;
  /** The key that decided the kind (`['services', 'migrate', 'deploy', 'mode']`), where the WORKLOAD_KIND info is given. */
  kindPath: WrittenPath;
  /** How many copies run (deploy.replicas, scale; 1 by default; a daemon runs one per host). */
  replicas: number;
  /** The services this one waits for, in the order written. */
  dependsOn: WorkloadDependency[];
  /** The services that wait for this one, by name order. */
  waitedOnBy: WorkloadDependency[];
  /** Networks joined (none under network_mode). */
  networks: WorkloadNetwork[];
  /** Container ports published or exposed. */
  ports: WorkloadPort[];
  resources: WorkloadResources;
  /** The image a build-only service (build, no image) runs once built and pushed, when a registry is known (`--registry`). */
  builtImage?: BuiltImage;
}

/**
 * The image a build-only service runs: `REGISTRY/<project>-<service>:<tag>`, which the
 * user builds and pushes (the commands are given in a finding).
 *
 * @example
 * { image: '123.dkr.ecr.eu-west-1.amazonaws.com/shop-web:latest', registry: '123.dkr.ecr.eu-west-1.amazonaws.com', tag: 'latest', tagDefaulted: true }
 */
export interface BuiltImage {
  image: string;
  registry: string;
  tag: string;
  /** No tag was given (`--image-tag`, x-ecs.image_tag): `latest` is used. */
  tagDefaulted: boolean;
}

/** The ECS layer of the IR: settings, tasks and per-service ECS facts. */
export interface EcsLayer {
  layout: Layout;
  /** Project-level settings (CLI flags over x-ecs over migrations). */
  settings: EcsSettings;
  services: Record<string, ServiceFacts>;
  tasks: Task[];
  /** Whether services in different tasks reach each other through ECS Service Connect (decided once, by the passes). */
  serviceConnect: boolean;
  /**
   * The compose port names (`ports[].name`) that name ECS port mappings as they are: valid for
   * ECS and used by no other port of the project (src/passes/port-names.ts). Other ports are
   * named `<service>-<port>-tcp`.
   */
  portNames: ReadonlySet<string>;
  /** The AWS Region of the tasks and where it came from: --region, x-ecs.region, AWS_REGION or AWS_DEFAULT_REGION. */
  region?: { value: string; from: string };
}

/** `project`: the whole project in one task definition; `service`: one task definition and ECS service per compose service. */
export type Layout = 'project' | 'service';

/**
 * Everything a backend receives. `Own` is the backend's own diagnostic codes (the keys of its
 * `codes`), which `diagnostic` accepts besides ours; `defineBackend` fills it in.
 */
export interface IR<Own extends string = never> {
  project: Project;
  /** The target-neutral core: one Workload per compose service, by name. */
  workloads: Record<string, Workload>;
  /** The ECS layer, when the target asked for it. */
  ecs?: EcsLayer;
  /**
   * Makes a diagnostic positioned at the value `path` of the project (e.g.
   * `['services', 'web', 'ports', 0]`), for a backend to return: one of our codes, or one the
   * backend declares in `codes`.
   */
  diagnostic(code: DiagnosticCode | Own, severity: Severity, message: string, path?: readonly (string | number)[]): Diagnostic;
}

/** The IR as the ECS and CloudFormation backends read it: the core with the ECS layer spread in. */
export interface EcsIR<Own extends string = never> extends IR<Own>, EcsLayer {
  ecs: EcsLayer;
}

/**
 * The IR with its ECS layer at hand, or undefined when the layer was not computed (the
 * backend did not declare `layers: ['ecs']`).
 *
 * @example
 * const e = ecsView(ir);
 * if (e) for (const task of e.tasks) console.log(task.family);
 */
export function ecsView<Own extends string = never>(ir: IR<Own>): EcsIR<Own> | undefined {
  return ir.ecs ? { ...ir, ...ir.ecs, ecs: ir.ecs } : undefined;
}
