/**
 * The deployment diagram's model: what a converted project becomes once deployed, neutral
 * across targets and plain JSON. `deploymentDiagram` (index.ts) builds it from the IR and the
 * emitted documents; `toMermaid` and `toSvg` draw it. Every list is in a fixed order (by name,
 * then as emitted), so the same input always gives the same picture.
 */

/** Which documents the diagram was read from. */
export type DiagramTargetKind = 'ecs' | 'cloudformation' | 'kubernetes' | 'none';

/** A converted project, as it runs. */
export interface DeploymentDiagram {
  /** The compose project name. */
  project: string;
  target: DiagramTargetKind;
  /** Where the names resolve: the Cloud Map namespace of Service Connect, or the Kubernetes namespace. */
  namespace?: DiagramNamespace;
  /** ECS tasks (task definitions, each with its ECS service or run alone) or Kubernetes workloads. */
  units: DiagramUnit[];
  /** Load balancer listeners (or Kubernetes Ingresses and LoadBalancer Services), each with its rules. */
  listeners: DiagramListener[];
  /** Where rules send requests: target groups (or Kubernetes Services behind an Ingress). */
  targetGroups: DiagramTargetGroup[];
  /** Compose networks and who joined them. */
  networks: DiagramNetwork[];
  /** Security groups of the documents (CloudFormation, ECS service JSON), and their members. */
  securityGroups: DiagramSecurityGroup[];
  /** Names that resolve across tasks: Service Connect client aliases, Kubernetes Services. */
  names: DiagramName[];
  /** One-shot compose services (run to completion) and where each runs. */
  jobs: DiagramJob[];
}

/** The namespace names resolve in. */
export interface DiagramNamespace {
  kind: 'cloud-map' | 'kubernetes';
  name: string;
}

/** What keeps a unit running: an ECS service, nothing (run on demand), a Kubernetes controller. */
export type DiagramController = 'ecs-service' | 'run-task' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'workload';

/** One ECS task definition or Kubernetes workload. */
export interface DiagramUnit {
  /** Unique among units: the task's key (ECS) or `Kind/name` (Kubernetes). */
  id: string;
  /** The task family or workload name. */
  name: string;
  controller: DiagramController;
  /** The ECS service's name, when there is one. */
  service?: string;
  /** Copies kept running, when the documents say. */
  replicas?: number;
  /** ECS launch type. */
  launchType?: string;
  containers: DiagramContainer[];
}

/** What a container is there for: a compose service, a job run to completion, or a step before them. */
export type ContainerRole = 'app' | 'job' | 'init';

/** One container of a unit. */
export interface DiagramContainer {
  name: string;
  /** The compose service it runs, when it runs one (a target may rename it: `web_1` → `web-1`). */
  service?: string;
  /** Whether the unit stops when it stops (ECS essential; a Kubernetes init container is not). */
  essential: boolean;
  role: ContainerRole;
  /** Container ports it listens on. */
  ports: number[];
  /** Containers of the same unit it waits for before it starts, with the condition (ECS dependsOn: START, COMPLETE, SUCCESS, HEALTHY). */
  waitsFor: { container: string; condition: string }[];
  /** Containers of the same unit it reaches through a link (`name` or `name:alias`). */
  links: string[];
}

/** One listener: a port and protocol on a load balancer, and the rules that route from it. */
export interface DiagramListener {
  /** Unique among listeners (the template's logical id, or `Kind/name:port`). */
  id: string;
  /** The load balancer it belongs to (a logical id, `Ingress/name`, `Service/name`, or `existing`). */
  loadBalancer: string;
  port: number;
  protocol: string;
  rules: DiagramRule[];
}

/** One routing rule: when its conditions match, requests go to the target group. */
export interface DiagramRule {
  id: string;
  /** Lower first; none for a listener's default action. */
  priority?: number;
  /** `path /api/*`, `host shop.example.com`, … (empty: everything). */
  conditions: string[];
  /** The target group's id. */
  targetGroup: string;
}

/** A target group: where a rule forwards, and the containers registered in it. */
export interface DiagramTargetGroup {
  id: string;
  port?: number;
  protocol?: string;
  targets: DiagramTarget[];
}

/** A container port behind a target group. */
export interface DiagramTarget {
  unit: string;
  container: string;
  port: number;
}

/** A compose network and the units whose containers joined it. */
export interface DiagramNetwork {
  name: string;
  internal: boolean;
  /** Unit ids. */
  members: string[];
  /** The security group that stands for it, when one has exactly its members and lets them in from itself. */
  securityGroup?: string;
}

/** A security group and what is in it and may reach it. */
export interface DiagramSecurityGroup {
  /** The logical id (CloudFormation) or the group id (ECS service JSON). */
  id: string;
  description?: string;
  /** Unit ids. */
  members: string[];
  /** Whether the load balancer is in it. */
  loadBalancer: boolean;
  /** What may come in: ports, and from where (`self`, a group id, a CIDR). */
  ingress: { from: string; ports: string }[];
}

/** A name that resolves to a unit: `db:5432` → the task of db. */
export interface DiagramName {
  name: string;
  port: number;
  unit: string;
}

/** A compose service that runs to completion, and the units it runs in. */
export interface DiagramJob {
  name: string;
  /** Unit ids. */
  runsIn: string[];
  /** Compose services that wait for it. */
  waitedOnBy: string[];
}
