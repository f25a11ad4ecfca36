/**
 * Flags that say how the project is compiled, shared by convert, validate and explain:
 * the target, its options (`--set`), the ECS layout flags and `--ecs-params`.
 */
import { flagValue, flagValues, UsageError, type FlagSpec, type ParsedArgs } from './args.js';
import type { CliIO } from './io.js';
import type { PassOptions } from '../passes/context.js';
import type { Backend, BackendOptions } from '../backends/backend.js';
import type { BuiltinTarget } from '../convert.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Layout, LaunchType } from '../ir/ir.js';
import { makeDiagnostic } from '../diagnostics/report.js';
import { resolveTarget } from './target.js';
import { IMAGE_TAG_PATTERN, REGISTRY_PATTERN } from '../passes/built-images.js';
import { cwdOf } from './common.js';
import { BUILTIN_OPTIONS } from '../compile.js';
import { checkBackendOptions, optionHelpRows, type OptionDeclarations } from '../backends/options.js';

export const targetFlag: FlagSpec = {
  name: 'target',
  short: 't',
  value: true,
  placeholder: 'TARGET',
  help: 'ecs, cloudformation, kubernetes, or a backend module: ./my-backend.mjs or a package name',
};

export const compileFlags: FlagSpec[] = [
  { name: 'set', value: true, repeat: true, placeholder: 'KEY=VALUE', help: 'a backend option (repeatable), e.g. --set namespace=shop for kubernetes' },
  { name: 'layout', value: true, choices: ['project', 'service'], placeholder: 'LAYOUT', help: 'one task for the project, or one task and ECS service per compose service (default service)' },
  { name: 'launch-type', value: true, choices: ['EC2', 'FARGATE', 'EXTERNAL'], placeholder: 'TYPE', help: 'ECS launch type (default EC2, or x-ecs.launch_type)' },
  { name: 'cluster', value: true, placeholder: 'NAME', help: 'ECS cluster of the services' },
  { name: 'cloud-map-namespace', value: true, placeholder: 'NAME', help: 'Cloud Map namespace (name or ARN) of ECS Service Connect (default the project name; not the Kubernetes namespace, which is --set namespace=…)' },
  { name: 'registry', value: true, placeholder: 'REGISTRY', help: 'where the images of build-only services are pushed: each runs REGISTRY/<project>-<service>:<tag> (or x-ecs.registry)' },
  { name: 'image-tag', value: true, placeholder: 'TAG', help: 'the tag of those images (default latest, or x-ecs.image_tag)' },
  { name: 'subnets', value: true, repeat: true, placeholder: 'IDS', help: 'subnets of awsvpc services, comma-separated or repeated (x-ecs.service.network_configuration.subnets)' },
  { name: 'security-groups', value: true, repeat: true, placeholder: 'IDS', help: 'security groups of awsvpc services, comma-separated or repeated' },
  { name: 'assign-public-ip', value: true, choices: ['ENABLED', 'DISABLED'], placeholder: 'WHEN', help: 'whether awsvpc tasks get a public IP (Fargate in public subnets needs one to pull images)' },
  { name: 'region', value: true, placeholder: 'REGION', help: 'AWS Region of the tasks, for their awslogs logs (else x-ecs.region, AWS_REGION, AWS_DEFAULT_REGION) and, with --account-id, the ARNs of Secrets Manager secrets' },
  { name: 'account-id', value: true, placeholder: 'ID', help: 'AWS account ID of the tasks (x-ecs.account_id): with --region, builds the ARNs of Secrets Manager secrets' },
  { name: 'execution-role', value: true, placeholder: 'ARN', help: 'the task execution role (x-ecs.execution_role_arn): what reads secrets, pulls images and writes logs' },
  { name: 'host-root', value: true, placeholder: 'DIR', help: 'EC2: where every container instance holds the project\'s bind-mounted directories (x-ecs.host_root; default /opt/<project>/)' },
  { name: 'ecs-params', value: true, placeholder: 'FILE', help: 'an ecs-cli ecs-params.yml, read as x-ecs settings under the compose file’s own' },
];

/** `--subnets a,b --subnets c` → `['a', 'b', 'c']`. */
function listFlag(args: ParsedArgs, name: string): string[] {
  return flagValues(args, name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** `--set a=1 --set b=x=y` → `{ a: '1', b: 'x=y' }`; values stay text (each backend parses its own). */
export function backendSettings(args: ParsedArgs): BackendOptions {
  const out: BackendOptions = {};
  for (const pair of flagValues(args, 'set')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes KEY=VALUE (got "${pair}")`);
    const key = pair.slice(0, eq);
    if (key === 'format') throw new UsageError('--set format=… is --format');
    Object.defineProperty(out, key, { value: pair.slice(eq + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export interface CompileOptions {
  pass: PassOptions & { ecsParams?: string };
  backendOptions: BackendOptions;
  /** The target, when one was given (or defaulted); undefined when its module failed to load. */
  target: BuiltinTarget | Backend | undefined;
  /** Findings made before compiling: a backend module that failed to load. */
  diagnostics: Diagnostic[];
}

/**
 * Refuses, as a usage error, a `--set` or `--format` that the target does not declare or whose
 * value is not of its type; a target without a declaration (a third party's) takes anything.
 */
export async function checkTargetOptions(target: BuiltinTarget | Backend, given: BackendOptions): Promise<void> {
  const name = typeof target === 'string' ? target : target.name;
  const declared = typeof target === 'string' ? await BUILTIN_OPTIONS[target]() : target.options;
  const [first, ...more] = checkBackendOptions(name, declared, given).problems;
  if (!first) return;
  const flag = (key: string, value: unknown) => (key === 'format' ? `--format ${String(value)}` : `--set ${key}=${String(value)}`);
  const lines = [first, ...more].map((p) => `${flag(p.key, p.value)}: ${p.message}`);
  throw new UsageError(lines.join('\n'));
}

/**
 * Reads the compile flags; `defaultTarget` applies when --target is not given, `format` is
 * convert's --format (passed to the backend as its `format` option).
 */
export async function compileOptions(args: ParsedArgs, io: CliIO, defaultTarget: BuiltinTarget | undefined, format?: string): Promise<CompileOptions> {
  const pass: CompileOptions['pass'] = {};
  const layout = flagValue(args, 'layout');
  if (layout) pass.layout = layout as Layout;
  const launchType = flagValue(args, 'launch-type');
  if (launchType) pass.launchType = launchType as LaunchType;
  const cluster = flagValue(args, 'cluster');
  if (cluster) pass.cluster = cluster;
  const namespace = flagValue(args, 'cloud-map-namespace');
  if (namespace) pass.cloudMapNamespace = namespace;
  const registry = flagValue(args, 'registry');
  if (registry !== undefined && !REGISTRY_PATTERN.test(registry.replace(/\/+$/, ''))) throw new UsageError(`--registry takes a registry host and path such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com or ghcr.io/team (got "${registry}")`);
  if (registry) pass.registry = registry;
  const imageTag = flagValue(args, 'image-tag');
  if (imageTag !== undefined && !IMAGE_TAG_PATTERN.test(imageTag)) throw new UsageError(`--image-tag takes a Docker tag: letters, digits, _, . and -, at most 128 (got "${imageTag}")`);
  if (imageTag) pass.imageTag = imageTag;
  const region = flagValue(args, 'region');
  if (region) pass.region = region;
  const subnets = listFlag(args, 'subnets');
  if (subnets.length) pass.subnets = subnets;
  const groups = listFlag(args, 'security-groups');
  if (groups.length) pass.securityGroups = groups;
  const publicIp = flagValue(args, 'assign-public-ip');
  if (publicIp) pass.assignPublicIp = publicIp === 'ENABLED';
  const accountId = flagValue(args, 'account-id');
  if (accountId) pass.accountId = accountId;
  const executionRole = flagValue(args, 'execution-role');
  if (executionRole) pass.executionRole = executionRole;
  const hostRoot = flagValue(args, 'host-root');
  if (hostRoot) pass.hostRoot = hostRoot;
  const backendOptions = backendSettings(args);
  if (format !== undefined) backendOptions.format = format as 'json' | 'yaml';
  const diagnostics: Diagnostic[] = [];

  const spec = flagValue(args, 'target') ?? defaultTarget;
  let target: BuiltinTarget | Backend | undefined;
  if (spec !== undefined) {
    const resolved = await resolveTarget(spec, cwdOf(io), io.importModule);
    if ('failed' in resolved) diagnostics.push(makeDiagnostic('BACKEND_FAILED', 'error', resolved.failed));
    else target = resolved.target;
  }
  if (target !== undefined) await checkTargetOptions(target, backendOptions);

  const params = flagValue(args, 'ecs-params');
  // Read by the pipeline's migrate stage, from the working directory, as the library reads it.
  if (params !== undefined) pass.ecsParams = params;
  return { pass, backendOptions, target, diagnostics };
}

/**
 * The options of each target, for `--help`: a heading per target, a line per option.
 *
 * @example targetOptionsHelp([['ecs', await BUILTIN_OPTIONS.ecs()]]) // 'Target options …\n  ecs\n    --format json\n        JSON, …'
 */
export function targetOptionsHelp(targets: readonly (readonly [string, OptionDeclarations])[]): string {
  const lines = ['Target options (--set KEY=VALUE, --format); anything else is a usage error:'];
  for (const [name, declared] of targets) {
    lines.push(`  ${name}`);
    const rows = optionHelpRows(declared);
    if (!rows.length) lines.push('    (none declared: the backend is given any --set as text)');
    for (const [flag, text] of rows) lines.push(`    ${flag}`, `        ${text}`);
  }
  return lines.join('\n') + '\n';
}
