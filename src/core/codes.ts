/**
 * Every diagnostic code, and one line of docs for each: the closed union tests and users match
 * on, with what each code means. SARIF output carries the docs as rule metadata; `--disable`
 * accepts exactly these codes; the validate rules take their docs and default severity from
 * here. The table is a Record over the union, so a new code does not build until it has docs.
 */

/** Stable identifiers of every finding. Add new codes here; never rename one. */
export type DiagnosticCode =
  // reading files
  | 'FILE_NOT_FOUND'
  | 'FILE_READ_ERROR'
  | 'FILE_TOO_LARGE'
  | 'FILE_NOT_TEXT'
  | 'FILE_OUTSIDE_PROJECT'
  | 'FILE_EMPTY'
  | 'NO_COMPOSE_FILE'
  // YAML
  | 'YAML_SYNTAX'
  | 'YAML_DUPLICATE_KEY'
  | 'YAML_ALIAS_LIMIT'
  | 'YAML_DEPTH_LIMIT'
  | 'YAML_NOT_MAPPING'
  | 'YAML_MERGE_KEY'
  | 'YAML_UNSUPPORTED_TAG'
  // schema
  | 'COMPOSE_SCHEMA'
  | 'COMPOSE_UNKNOWN_KEY'
  | 'COMPOSE_VERSION_OBSOLETE'
  | 'COMPOSE_INVALID_VALUE'
  | 'COMPOSE_PROJECT_NAME'
  | 'PORT_RANGE_TOO_LARGE'
  // interpolation and env files
  | 'INTERPOLATION_SYNTAX'
  | 'INTERPOLATION_REQUIRED'
  | 'INTERPOLATION_UNSET'
  | 'ENV_FILE_NOT_FOUND'
  | 'ENV_FILE_SYNTAX'
  // composition
  | 'EXTENDS_CYCLE'
  | 'EXTENDS_NOT_FOUND'
  | 'EXTENDS_INVALID'
  | 'INCLUDE_CYCLE'
  | 'INCLUDE_CONFLICT'
  | 'INCLUDE_DEPTH_LIMIT'
  | 'SERVICE_LIMIT'
  | 'MERGE_TYPE_MISMATCH'
  | 'PROFILE_DISABLED_REFERENCE'
  | 'NO_SERVICES'
  | 'REFERENCE_UNKNOWN'
  | 'DEPENDENCY_CYCLE'
  | 'WORKLOAD_KIND'
  // backends
  | 'ECS_UNSUPPORTED_FIELD'
  | 'ECS_INVALID'
  | 'ECS_DEFAULT_APPLIED'
  | 'ECS_LIMIT'
  | 'ECS_LAUNCH_TYPE_RULE'
  | 'ECS_CROSS_TASK_DEPENDENCY'
  | 'ECS_TASK_SPLIT'
  | 'ECS_NAME_UNRESOLVED'
  | 'ECS_NO_IMAGE'
  | 'ECS_MIGRATION'
  | 'ECS_SECRET_MUST_EXIST'
  | 'ECS_PROJECT_FILES'
  | 'ECS_LOG_REGION_MISSING'
  | 'ECS_LOG_GROUP'
  | 'BACKEND_NOT_FOUND'
  | 'BACKEND_FAILED'
  | 'BACKEND_OPTION_UNKNOWN'
  | 'BACKEND_OPTION_INVALID'
  | 'OPTION_IGNORED'
  | 'CFN_UNSUPPORTED_FIELD'
  | 'CFN_OPEN_PORT'
  | 'CFN_ROUTE_CONFLICT'
  | 'CFN_EXISTING_LISTENER_CONFLICT'
  | 'CFN_HEALTH_CHECK'
  | 'K8S_UNSUPPORTED_FIELD'
  | 'K8S_INVALID'
  | 'K8S_MUST_EXIST'
  | 'K8S_DEFAULT_APPLIED'
  // the compiler itself
  | 'INTERNAL_ERROR'
  // validate rules (src/rules)
  | 'PORT_CONFLICT'
  | 'IMAGE_BUILD_ONLY'
  | 'IMAGE_BUILD_PUSH'
  | 'IMAGE_TAG_DEFAULT'
  | 'IMAGE_UNPINNED'
  | 'IMAGE_INVALID_REFERENCE'
  | 'RESOURCE_RESERVATION_ABOVE_LIMIT'
  | 'RESOURCE_BEYOND_FARGATE'
  | 'HEALTHCHECK_MISSING'
  | 'DEPENDENCY_NEVER_COMPLETES'
  | 'SECRET_IN_ENVIRONMENT'
  | 'RULE_UNKNOWN';

/** How bad a finding is: `error` makes the CLI exit 1; `warning` too with --strict; `info` never. */
export type Severity = 'error' | 'warning' | 'info';

/** What a code means; for the codes of validate rules, the severity the rule reports by default. */
export interface CodeInfo {
  docs: string;
  severity?: Severity;
  /** True for the codes of validate rules (src/rules), which `--disable` may turn off even when they are errors. */
  rule?: boolean;
}

/** Every code with its docs. */
export const CODES: { readonly [C in DiagnosticCode]: Readonly<CodeInfo> } = {
  FILE_NOT_FOUND: { docs: 'a compose file, env file, include or extends target does not exist' },
  FILE_READ_ERROR: { docs: 'a file could not be read' },
  FILE_TOO_LARGE: { docs: 'a file is larger than the loader reads (a limit against hostile input)' },
  FILE_NOT_TEXT: { docs: 'a file is not UTF-8 text' },
  FILE_OUTSIDE_PROJECT: { docs: 'include, extends or env_file reads outside the project directory (allow it with --allow-outside-project)' },
  FILE_EMPTY: { docs: 'a compose file (or standard input) is empty: nothing but blank lines and comments' },
  NO_COMPOSE_FILE: { docs: 'no -f was given and no compose.yaml (or compose.yml, docker-compose.yaml, docker-compose.yml) was found' },
  YAML_SYNTAX: { docs: 'the file is not valid YAML' },
  YAML_DUPLICATE_KEY: { docs: 'a mapping has the same key twice' },
  YAML_ALIAS_LIMIT: { docs: 'YAML aliases expand beyond the limit (a defence against alias bombs)' },
  YAML_DEPTH_LIMIT: { docs: 'the YAML nests deeper than the limit' },
  YAML_NOT_MAPPING: { docs: 'the document is not a mapping of compose keys' },
  YAML_MERGE_KEY: { docs: 'a YAML merge key (<<) that cannot be applied' },
  YAML_UNSUPPORTED_TAG: { docs: 'a YAML tag compose does not know' },
  COMPOSE_SCHEMA: { docs: 'a value does not match the compose specification schema' },
  COMPOSE_UNKNOWN_KEY: { docs: 'a key the compose specification does not define (a typo?)' },
  COMPOSE_VERSION_OBSOLETE: { docs: 'the top-level version key is obsolete and ignored' },
  COMPOSE_INVALID_VALUE: { docs: 'a value the compose specification does not allow' },
  COMPOSE_PROJECT_NAME: { docs: 'the project name is not lowercase letters, digits, dashes and underscores' },
  PORT_RANGE_TOO_LARGE: { docs: 'a port range would take a service past 65,536 ports, or the ranges of the project past 131,072 (a limit against hostile input)' },
  INTERPOLATION_SYNTAX: { docs: 'a ${…} that is not valid interpolation syntax' },
  INTERPOLATION_REQUIRED: { docs: 'a ${VAR:?message} whose variable is unset or empty' },
  INTERPOLATION_UNSET: { docs: 'a ${VAR} whose variable is unset: it becomes an empty string' },
  ENV_FILE_NOT_FOUND: { docs: 'a required env_file does not exist' },
  ENV_FILE_SYNTAX: { docs: 'a line of an env file that is not NAME=value' },
  EXTENDS_CYCLE: { docs: 'extends goes round in a circle' },
  EXTENDS_NOT_FOUND: { docs: 'extends names a service that does not exist' },
  EXTENDS_INVALID: { docs: 'an extends that cannot be applied' },
  INCLUDE_CYCLE: { docs: 'include goes round in a circle' },
  INCLUDE_CONFLICT: { docs: 'an included file defines a resource the including file defines too' },
  INCLUDE_DEPTH_LIMIT: { docs: 'includes nest deeper than the limit' },
  SERVICE_LIMIT: { docs: 'the project has more services than the limit (maxServices, 10,000 by default; a limit against hostile input)' },
  MERGE_TYPE_MISMATCH: { docs: 'two -f files give one key values of different types' },
  PROFILE_DISABLED_REFERENCE: { docs: 'a service depends on a service whose profile is not enabled' },
  NO_SERVICES: { docs: 'the project has no services (services: {}, or every service disabled by the active profiles): nothing is converted' },
  REFERENCE_UNKNOWN: { docs: 'depends_on (or links, volumes_from, networks, secrets, configs) names something the project does not define', severity: 'error', rule: true },
  DEPENDENCY_CYCLE: { docs: 'depends_on goes round in a circle: docker compose refuses the project and ECS could start none of the containers on it', severity: 'error', rule: true },
  WORKLOAD_KIND: { docs: 'how a service runs, and why: a job (runs to completion), a daemon (one per host), or a long-running service where it might have been taken for a job; every target emits by it (no ECS service for a job, a Kubernetes Job, a DaemonSet)' },
  ECS_UNSUPPORTED_FIELD: { docs: 'with --target ecs: a compose field that has no ECS meaning and is not carried into the task definition or service', severity: 'warning', rule: true },
  ECS_INVALID: { docs: 'a value ECS would reject' },
  ECS_DEFAULT_APPLIED: { docs: 'a default was applied where compose sets nothing (for example 512 MiB of memory)' },
  ECS_LIMIT: { docs: 'beyond an ECS limit (containers per task, Fargate sizes, …)' },
  ECS_LAUNCH_TYPE_RULE: { docs: 'with --target ecs: a field left out or trimmed because the launch type or network mode does not allow it (Fargate, awsvpc)', severity: 'warning', rule: true },
  ECS_TASK_SPLIT: { docs: 'project layout: a service scheduled differently from the project\'s task (another kind, replica count or deploy.mode) goes to a task of its own' },
  ECS_CROSS_TASK_DEPENDENCY: { docs: 'depends_on between services in different tasks: ECS orders containers only within a task' },
  ECS_NAME_UNRESOLVED: { docs: 'a name a service can use under compose (a service name or network alias) that does not resolve across ECS tasks: Service Connect off, network_mode host or none, no port exposed or published, an environment URL or host:port on a port the target does not advertise, a udp port or port range (Service Connect proxies single tcp ports), an extra_hosts entry pinning another task\'s name, or a second claim of a name and port another service holds' },
  ECS_NO_IMAGE: { docs: 'a service without an image: ECS runs pushed images' },
  ECS_SECRET_MUST_EXIST: { docs: 'a compose secret the tasks read from SSM Parameter Store or Secrets Manager under a name derived from the project: the message gives the command that creates it from the compose file\'s source (the value is never read into the output)' },
  ECS_PROJECT_FILES: { docs: 'a bind mount of a project directory or writable file: on EC2 a host path under the host root that every container instance must hold; on Fargate not carried over (the image or EFS must provide it)' },
  ECS_MIGRATION: { docs: 'a note on migrating from ecs-cli or the Docker ECS integration (x-aws-*, ecs-params.yml)' },
  ECS_LOG_REGION_MISSING: { docs: 'containers log through awslogs but no AWS Region is known (--region, x-ecs.region, AWS_REGION, AWS_DEFAULT_REGION): awslogs-region is left out and the containers fail to start until it is set' },
  ECS_LOG_GROUP: { docs: 'the awslogs log group the containers write to must exist before the tasks start: the command that creates it' },
  BACKEND_NOT_FOUND: { docs: 'the --target is not a built-in target or a loadable backend module' },
  OPTION_IGNORED: { docs: 'an option that the chosen target does not read (--ecs-params with --target kubernetes)' },
  BACKEND_FAILED: { docs: 'a backend failed or returned something that is not a list of outputs' },
  BACKEND_OPTION_UNKNOWN: { docs: 'a backend option (--set, --format, backendOptions) the target does not declare, such as --set nmespace=x for kubernetes' },
  BACKEND_OPTION_INVALID: { docs: 'a backend option whose value is not of the type the target declares (--set split=maybe, --format yaml for ecs)' },
  CFN_UNSUPPORTED_FIELD: { docs: 'with --target cloudformation: a compose field the stack does not carry', severity: 'warning', rule: true },
  CFN_ROUTE_CONFLICT: { docs: 'with --target cloudformation: two services would get listener rules matching the same requests on one load balancer listener (the same path and host, or both the catch-all `/*` on one listener port), so the second would never be reached; give it another path or host, or publish it on another port', severity: 'error' },
  CFN_EXISTING_LISTENER_CONFLICT: { docs: 'with --target cloudformation: two listener rules the stack puts on listeners of their own would match the same requests (both the catch-all `/*`, or the same path and host), or share an x-ecs.routing.priority, once the ExistingListenerArn parameter puts every rule on that one listener: the second would never be reached, or the stack would fail (a listener cannot have two rules of one priority); give the services distinct paths, hosts and priorities, or leave ExistingListenerArn empty (an info: the stack as it deploys by default keeps them apart)', severity: 'info' },
  CFN_OPEN_PORT: { docs: 'with --target cloudformation: the stack opens a remote-shell or database port (22, 1433, 3306, 3389, 5432, 6379, 27017) to anyone, such as a published 5432 behind a Network Load Balancer', severity: 'warning', rule: true },
  CFN_HEALTH_CHECK: { docs: "with --target cloudformation: how a load balancer's target group checks a routed service: the path and port of its HTTP healthcheck (curl or wget of http://localhost), or a default where it has none, and intervals kept within the API's ranges", severity: 'info' },
  K8S_UNSUPPORTED_FIELD: { docs: 'with --target kubernetes: a compose field the manifests do not carry', severity: 'warning', rule: true },
  K8S_INVALID: { docs: 'a value, option or name the Kubernetes manifests cannot take (a service without an image, two objects with one name)' },
  K8S_MUST_EXIST: { docs: 'a Secret, ConfigMap, PersistentVolumeClaim or ServiceAccount the manifests refer to but do not define: it must already exist in the cluster' },
  K8S_DEFAULT_APPLIED: { docs: 'a default was applied where compose sets nothing (for example the size of a volume claim)' },
  INTERNAL_ERROR: { docs: 'a bug in compose2ecs; please report it with the input' },
  PORT_CONFLICT: { docs: 'two services publish the same host port (same protocol and address): docker compose cannot start both, and on one ECS instance in bridge or host mode neither can ECS', severity: 'error', rule: true },
  IMAGE_BUILD_ONLY: { docs: 'a service with build but no image, and no registry to push it to: ECS and Kubernetes run pushed images; give --registry (or x-ecs.registry) and it runs REGISTRY/<project>-<service>:<tag>, or set image:', severity: 'error', rule: true },
  IMAGE_BUILD_PUSH: { docs: 'a build-only service runs an image that must be built and pushed before deploying: the docker build and docker push commands that make it exist', severity: 'warning', rule: true },
  IMAGE_TAG_DEFAULT: { docs: 'the images of build-only services are tagged latest because no --image-tag (x-ecs.image_tag) was given: pin a tag (a version, a commit) so each deploy runs the image it names', severity: 'info', rule: true },
  IMAGE_UNPINNED: { docs: 'an image without a tag, or tagged latest: every deploy may run a different image, and a rollback cannot go back; pin a version or a digest', severity: 'warning', rule: true },
  IMAGE_INVALID_REFERENCE: { docs: 'an image that is not a valid reference ([registry/]name[:tag][@digest], lowercase name): no registry could pull it' },
  RESOURCE_RESERVATION_ABOVE_LIMIT: { docs: 'a memory or CPU reservation above the limit of the same service: docker refuses to start it, and ECS rejects a memoryReservation above memory', severity: 'error', rule: true },
  RESOURCE_BEYOND_FARGATE: { docs: 'a task asks for more CPU or memory than the largest Fargate size (16 vCPU, 120 GiB): an error on Fargate, a warning elsewhere (the task can never move to Fargate)', severity: 'warning', rule: true },
  DEPENDENCY_NEVER_COMPLETES: { docs: 'depends_on with condition service_completed_successfully on a service that is started again whenever it exits (restart always or unless-stopped, restart_policy any): it never completes, so the dependent would never start under docker compose up; ECS waits for it to start instead (START)', severity: 'warning', rule: true },
  HEALTHCHECK_MISSING: { docs: 'depends_on with condition service_healthy on a service that defines no healthcheck: ECS needs the container health check in the task definition to wait for HEALTHY (a warning across ECS tasks and on Kubernetes, where nothing waits for HEALTHY: the wait is lost)', severity: 'error', rule: true },
  SECRET_IN_ENVIRONMENT: { docs: 'a variable named like a password, token, key or secret with a literal value in environment or read from an env_file: it ends up in plain text in the task definition; use secrets or ${VARIABLE} interpolation', severity: 'warning', rule: true },
  RULE_UNKNOWN: { docs: 'x-compose2ecs.disable (or --disable) names a code that does not exist' },
};

/**
 * @example describeCode('IMAGE_UNPINNED') // { docs: 'an image without a tag, …', severity: 'warning', rule: true }
 */
export function describeCode(code: string): { docs: string; severity?: Severity; rule: boolean } | undefined {
  if (!Object.hasOwn(CODES, code)) return undefined;
  const info = CODES[code as DiagnosticCode];
  return { ...info, rule: info.rule === true };
}

/** Every documented code, sorted. */
export function knownCodes(): string[] {
  return Object.keys(CODES).sort();
}
