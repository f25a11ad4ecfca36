/**
 * One line of docs for every diagnostic code: the validate rules' own, and those of the
 * loader, passes and backends. SARIF output carries them as rule metadata; `--disable`
 * accepts exactly these codes. test/diagnostics/catalog.test.ts checks that every code of
 * the DiagnosticCode union has a line here.
 */
import type { DiagnosticCode, Severity } from '../diagnostics/types.js';
import { RULES } from './index.js';

const OTHER_DOCS: Partial<Record<DiagnosticCode, string>> = {
  FILE_NOT_FOUND: 'a compose file, env file, include or extends target does not exist',
  FILE_READ_ERROR: 'a file could not be read',
  FILE_TOO_LARGE: 'a file is larger than the loader reads (a limit against hostile input)',
  FILE_NOT_TEXT: 'a file is not UTF-8 text',
  FILE_OUTSIDE_PROJECT: 'include, extends or env_file reads outside the project directory (allow it with --allow-outside-project)',
  FILE_EMPTY: 'a compose file (or standard input) is empty: nothing but blank lines and comments',
  NO_COMPOSE_FILE: 'no -f was given and no compose.yaml (or compose.yml, docker-compose.yaml, docker-compose.yml) was found',
  YAML_SYNTAX: 'the file is not valid YAML',
  YAML_DUPLICATE_KEY: 'a mapping has the same key twice',
  YAML_ALIAS_LIMIT: 'YAML aliases expand beyond the limit (a defence against alias bombs)',
  YAML_DEPTH_LIMIT: 'the YAML nests deeper than the limit',
  YAML_NOT_MAPPING: 'the document is not a mapping of compose keys',
  YAML_MERGE_KEY: 'a YAML merge key (<<) that cannot be applied',
  YAML_UNSUPPORTED_TAG: 'a YAML tag compose does not know',
  COMPOSE_SCHEMA: 'a value does not match the compose specification schema',
  COMPOSE_UNKNOWN_KEY: 'a key the compose specification does not define (a typo?)',
  COMPOSE_VERSION_OBSOLETE: 'the top-level version key is obsolete and ignored',
  COMPOSE_INVALID_VALUE: 'a value the compose specification does not allow',
  COMPOSE_PROJECT_NAME: 'the project name is not lowercase letters, digits, dashes and underscores',
  IMAGE_INVALID_REFERENCE: 'an image that is not a valid reference ([registry/]name[:tag][@digest], lowercase name): no registry could pull it',
  PORT_RANGE_TOO_LARGE: 'a port range would take a service past 65,536 ports, or the ranges of the project past 131,072 (a limit against hostile input)',
  INTERPOLATION_SYNTAX: 'a ${…} that is not valid interpolation syntax',
  INTERPOLATION_REQUIRED: 'a ${VAR:?message} whose variable is unset or empty',
  INTERPOLATION_UNSET: 'a ${VAR} whose variable is unset: it becomes an empty string',
  ENV_FILE_NOT_FOUND: 'a required env_file does not exist',
  ENV_FILE_SYNTAX: 'a line of an env file that is not NAME=value',
  EXTENDS_CYCLE: 'extends goes round in a circle',
  EXTENDS_NOT_FOUND: 'extends names a service that does not exist',
  EXTENDS_INVALID: 'an extends that cannot be applied',
  INCLUDE_CYCLE: 'include goes round in a circle',
  INCLUDE_CONFLICT: 'an included file defines a resource the including file defines too',
  INCLUDE_DEPTH_LIMIT: 'includes nest deeper than the limit',
  SERVICE_LIMIT: 'the project has more services than the limit (maxServices, 10,000 by default; a limit against hostile input)',
  MERGE_TYPE_MISMATCH: 'two -f files give one key values of different types',
  PROFILE_DISABLED_REFERENCE: 'a service depends on a service whose profile is not enabled',
  NO_SERVICES: 'the project has no services (services: {}, or every service disabled by the active profiles): nothing is converted',
  ECS_INVALID: 'a value ECS would reject',
  ECS_DEFAULT_APPLIED: 'a default was applied where compose sets nothing (for example 512 MiB of memory)',
  ECS_LIMIT: 'beyond an ECS limit (containers per task, Fargate sizes, …)',
  ECS_CROSS_TASK_DEPENDENCY: 'depends_on between services in different tasks: ECS orders containers only within a task',
  ECS_NO_IMAGE: 'a service without an image: ECS runs pushed images',
  ECS_MIGRATION: 'a note on migrating from ecs-cli or the Docker ECS integration (x-aws-*, ecs-params.yml)',
  K8S_INVALID: 'a value, option or name the Kubernetes manifests cannot take (an unknown backend option, a service without an image, two objects with one name)',
  K8S_MUST_EXIST: 'a Secret, ConfigMap or PersistentVolumeClaim the manifests refer to but do not define: it must already exist in the cluster',
  K8S_DEFAULT_APPLIED: 'a default was applied where compose sets nothing (for example the size of a volume claim)',
  BACKEND_NOT_FOUND: 'the --target is not a built-in target or a loadable backend module',
  BACKEND_FAILED: 'a backend failed or returned something that is not a list of outputs',
  INTERNAL_ERROR: 'a bug in compose2ecs; please report it with the input',
  RULE_UNKNOWN: 'x-compose2ecs.disable (or --disable) names a code that does not exist',
};

/** What a code means, and the severity its rule reports by default (validate rules only). */
export interface CodeInfo {
  docs: string;
  severity?: Severity;
  /** True for the codes of validate rules. */
  rule: boolean;
}

/**
 * @example describeCode('IMAGE_UNPINNED') // { docs: 'an image without a tag, …', severity: 'warning', rule: true }
 */
export function describeCode(code: string): CodeInfo | undefined {
  const rule = RULES.find((r) => r.code === code);
  if (rule) return { docs: rule.docs, severity: rule.severity, rule: true };
  const docs = Object.hasOwn(OTHER_DOCS, code) ? OTHER_DOCS[code as DiagnosticCode] : undefined;
  return docs === undefined ? undefined : { docs, rule: false };
}

/** Every documented code, sorted. */
export function knownCodes(): string[] {
  return [...new Set([...RULES.map((r) => r.code), ...Object.keys(OTHER_DOCS)])].sort();
}
