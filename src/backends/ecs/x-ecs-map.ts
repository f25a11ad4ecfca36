/**
 * Where each key of the x-ecs extension (schemas/x-ecs.schema.json) ends up in the ECS
 * output. Container-level keys carry the function that applies them, in the order they run
 * (after the compose keys); task and service keys are read by task-definition.ts and
 * service.ts, layout keys by the passes. Keys only the CloudFormation target reads are
 * reported by the ECS backend where they are written. test/backends/ecs/coverage.test.ts
 * checks that the table names every key of the schema; docs/ecs.md is generated from it.
 *
 * @example
 * X_ECS_KEYS.firelens_configuration // { to: 'container firelensConfiguration', apply: … }
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR } from '../../ir/ir.js';
import { diagnosticAt, type ContainerContext } from './container-context.js';
import * as env from './fields/environment.js';
import * as obs from './fields/observe.js';

export interface XEcsMapping {
  /** The ECS field(s) it sets, for the docs. */
  to: string;
  /** Applies a container-level key to the container being built. */
  apply?: (c: ContainerContext) => void;
  /** Read only by the CloudFormation target: the ECS target reports it (info). */
  cloudformationOnly?: true;
}

const CFN = (to: string): XEcsMapping => ({ to, cloudformationOnly: true });

/** The x-ecs keys, in the schema's order. */
export const X_ECS_KEYS: Record<string, XEcsMapping> = {
  layout: { to: '(layout pass) one task for the project, or one task and ECS service per compose service' },
  task: { to: '(layout pass) the task a service joins' },
  family: { to: 'task family' },
  launch_type: { to: 'task requiresCompatibilities, service launchType' },
  capacity_provider_strategy: { to: 'service capacityProviderStrategy' },
  network_mode: { to: 'task networkMode' },
  task_role_arn: { to: 'task taskRoleArn' },
  execution_role_arn: { to: 'task executionRoleArn' },
  task_role: CFN('an IAM role created for the task'),
  cpu: { to: 'task cpu (Fargate: checked against the size table)' },
  memory: { to: 'task memory' },
  runtime_platform: { to: 'task runtimePlatform' },
  ephemeral_storage: { to: 'task ephemeralStorage.sizeInGiB (Fargate)' },
  pid_mode: { to: 'task pidMode' },
  ipc_mode: { to: 'task ipcMode' },
  essential: { to: 'container essential' },
  job: { to: '(workload kind) a job: a non-essential container in each waiting task, or a task definition with no service and a run-task input (standalone)' },
  container_cpu: { to: 'container cpu' },
  container_memory: { to: 'container memory' },
  container_memory_reservation: { to: 'container memoryReservation' },
  healthcheck: { to: 'container healthCheck (field by field over healthcheck)', apply: (c) => (c.service.healthcheck ? undefined : obs.healthcheck(c)) },
  depends_on: { to: 'container dependsOn (replaces the one from depends_on; the dependencies pass reads it)' },
  firelens_configuration: { to: 'container firelensConfiguration', apply: obs.firelens },
  environment_secrets: { to: 'container secrets', apply: (c) => (c.service.secrets ? undefined : env.secrets(c)) },
  defaults: { to: 'container memory / cpu where a service sets none' },
  secrets: { to: 'container secrets[].valueFrom of compose secrets (the compose2ecs-files writer\'s, or the container\'s with secret_delivery environment)' },
  secret_store: { to: 'valueFrom of secrets without an ARN: the SSM parameter /<project>/<secret> (ssm), or the Secrets Manager secret <project>/<secret> (secretsmanager, with region and account_id)' },
  secret_delivery: { to: 'per secret: a file at /run/secrets/<name> or the target (file, written by the compose2ecs-files container) or a container secrets entry (environment)' },
  account_id: { to: 'the account in derived Secrets Manager ARNs' },
  host_root: { to: 'host.sourcePath of project bind mounts on EC2: the host root plus the path relative to the project' },
  environment_files: { to: 'container environmentFiles (s3) instead of inlined env_file variables' },
  volumes: { to: 'task volumes: efsVolumeConfiguration, dockerVolumeConfiguration, host.sourcePath' },
  placement_constraints: { to: 'task placementConstraints (memberOf), service placementConstraints (distinctInstance)' },
  placement_strategy: { to: 'service placementStrategy' },
  logging: { to: 'container logConfiguration (awslogs) where logging is not set; secretOptions', apply: (c) => (obs.defaultLogging(c), obs.logSecretOptions(c)) },
  repository_credentials: { to: 'container repositoryCredentials.credentialsParameter', apply: repositoryCredentials },
  tags: { to: 'task tags' },
  revision: { to: 'service taskDefinition (the family, its latest ACTIVE revision; family:revision when a number is written)' },
  vpc_id: CFN('security groups, target groups and the Cloud Map namespace'),
  registry: { to: 'container image of a build-only service: REGISTRY/<project>-<service>:<tag> (--registry wins)' },
  image_tag: { to: 'the tag of those images (default latest; --image-tag wins)' },
  region: { to: 'awslogs-region of the default log configuration, and the Region in derived Secrets Manager ARNs (--region wins; else AWS_REGION, then AWS_DEFAULT_REGION, for both)' },
  load_balancer: CFN('listeners on a shared load balancer'),
  autoscaling: CFN('Application Auto Scaling of the service'),
  service: { to: 'the ECS service (CreateService input)' },
  routing: CFN('listener rules and target groups of the service'),
  service_connect: { to: 'service serviceConnectConfiguration (namespace; on by default across tasks) and named port mappings' },
  service_discovery: CFN('a Cloud Map namespace and a discovery service per ECS service'),
  ingress: CFN('security group ingress rules'),
};

function repositoryCredentials(c: ContainerContext): void {
  const arn = c.facts.settings.repository_credentials;
  if (arn) c.def.repositoryCredentials = { credentialsParameter: arn };
}

/**
 * x-ecs keys only the CloudFormation target reads, where the user wrote them (top level and
 * services): the ECS target says it does not use them, so none goes unnoticed.
 *
 * @example
 * reportCloudFormationOnly(ir) // [{ code: 'ECS_UNSUPPORTED_FIELD', severity: 'info', path: '/x-ecs/vpc_id', … }]
 */
export function reportCloudFormationOnly(ir: EcsIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  const places: [Record<string, unknown> | undefined, (string | number)[]][] = [
    [ir.project.extensions['x-ecs'] as Record<string, unknown> | undefined, ['x-ecs']],
    ...Object.keys(ir.project.services).map((n): [Record<string, unknown> | undefined, (string | number)[]] => [ir.project.services[n]?.extensions['x-ecs'] as Record<string, unknown> | undefined, ['services', n, 'x-ecs']]),
  ];
  for (const [x, at] of places) {
    if (!x || typeof x !== 'object') continue;
    const keys = Object.keys(x).filter((k) => X_ECS_KEYS[k]?.cloudformationOnly).map((k) => [k]);
    const logging = x.logging as Record<string, unknown> | undefined;
    if (logging && typeof logging === 'object' && logging.retention_days !== undefined) keys.push(['logging', 'retention_days']);
    for (const k of keys) {
      out.push(diagnosticAt(ir, 'ECS_UNSUPPORTED_FIELD', 'info', `${[...at, ...k].join('.')} is read by the cloudformation target only; the ecs target does not use it`, [...at, ...k], { key: true }));
    }
  }
  return out;
}
