/**
 * Every problem the compiler finds is a Diagnostic; nothing a user writes makes it throw.
 * Codes are a closed union so that tests and users match on them, not on message text.
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
  // backends
  | 'ECS_UNSUPPORTED_FIELD'
  | 'ECS_INVALID'
  | 'ECS_DEFAULT_APPLIED'
  | 'ECS_LIMIT'
  | 'ECS_LAUNCH_TYPE_RULE'
  | 'ECS_CROSS_TASK_DEPENDENCY'
  | 'ECS_NO_IMAGE'
  | 'ECS_MIGRATION'
  | 'BACKEND_NOT_FOUND'
  | 'BACKEND_FAILED'
  | 'CFN_UNSUPPORTED_FIELD'
  | 'CFN_OPEN_PORT'
  | 'K8S_UNSUPPORTED_FIELD'
  | 'K8S_INVALID'
  | 'K8S_MUST_EXIST'
  | 'K8S_DEFAULT_APPLIED'
  // the compiler itself
  | 'INTERNAL_ERROR'
  // validate rules (src/rules)
  | 'PORT_CONFLICT'
  | 'IMAGE_BUILD_ONLY'
  | 'IMAGE_UNPINNED'
  | 'IMAGE_INVALID_REFERENCE'
  | 'RESOURCE_RESERVATION_ABOVE_LIMIT'
  | 'RESOURCE_BEYOND_FARGATE'
  | 'HEALTHCHECK_MISSING'
  | 'SECRET_IN_ENVIRONMENT'
  | 'RULE_UNKNOWN';

/** How bad a finding is: `error` makes the CLI exit 1; `warning` too with --strict; `info` never. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding, with the place in the user's file it concerns.
 * `line` and `column` are 1-based; `path` is the JSON pointer of the value in the compose
 * model (e.g. `/services/web/ports/0`).
 *
 * @example
 * { code: 'COMPOSE_UNKNOWN_KEY', severity: 'error', message: "services.web.imagee: unknown key; did you mean 'image'?",
 *   file: 'compose.yaml', line: 3, column: 5, endLine: 3, endColumn: 11, path: '/services/web/imagee' }
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  path?: string;
}
