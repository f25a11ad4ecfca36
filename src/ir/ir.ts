/**
 * The intermediate representation that passes build from a Project and backends emit from.
 * It keeps the Project itself (every value traceable to its file and position) and adds what
 * the passes derived: ECS settings, resources in ECS units, the grouping of services into
 * tasks, and container dependencies.
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

/** `project`: the whole project in one task definition; `service`: one task definition and ECS service per compose service. */
export type Layout = 'project' | 'service';

/** Everything a backend receives. */
export interface IR {
  project: Project;
  layout: Layout;
  /** Project-level settings (CLI flags over x-ecs over migrations). */
  settings: EcsSettings;
  services: Record<string, ServiceFacts>;
  tasks: Task[];
  /**
   * Makes a diagnostic positioned at the value `path` of the project (e.g.
   * `['services', 'web', 'ports', 0]`), for a backend to return.
   */
  diagnostic(code: DiagnosticCode, severity: Severity, message: string, path?: readonly (string | number)[]): Diagnostic;
}
