/**
 * Migration from ecs-cli: reads an `ecs-params.yml` (ecs-cli's "Using ECS parameters";
 * aws/amazon-ecs-cli ecs_params_reader.go) into x-ecs settings with the meaning ecs-cli gave
 * them, for `PassOptions.baseSettings` / `baseServiceSettings`, under the user's own x-ecs.
 * Every key is either translated or reported: ECS_MIGRATION for what has moved elsewhere,
 * COMPOSE_UNKNOWN_KEY for keys ecs-cli never read, COMPOSE_SCHEMA for values it would refuse.
 */
import type { XEcs } from '../generated/x-ecs.js';
import type { Reporter } from '../diagnostics/report.js';
import { parseYaml } from '../loader/yaml-source.js';
import { locate, type SourceFile } from '../core/source.js';
import { getOwn, isMapping, setOwn } from '../core/own.js';
import { Values, type Path } from './migration-values.js';
import { taskCpuUnits, taskMemoryMiB } from './ecs-params-units.js';
import { readContainer } from './migrate-ecs-params-container.js';

/** x-ecs settings migrated from one source: the project's, and each compose service's. */
export interface MigratedSettings {
  project: XEcs;
  services: Record<string, XEcs>;
}

export interface EcsParamsOptions {
  /** Names of the compose services; ecs-cli silently ignored entries for any other name. */
  services?: readonly string[];
}

const TOP_KEYS = ['version', 'task_definition', 'run_params'] as const;
const TASK_KEYS = ['ecs_network_mode', 'task_role_arn', 'task_execution_role', 'task_size', 'pid_mode', 'ipc_mode', 'services', 'docker_volumes', 'efs_volumes', 'placement_constraints'] as const;
const RUN_KEYS = ['network_configuration', 'task_placement', 'service_discovery'] as const;
const CONSTRAINT_TYPES = ['distinctInstance', 'memberOf'] as const;
const STRATEGY_TYPES = ['random', 'spread', 'binpack'] as const;
type Volumes = NonNullable<XEcs['volumes']>;

/**
 * Reads an ecs-params.yml into x-ecs settings. Every finding carries file:line:column.
 * Undefined when the file is not YAML or not a mapping (the findings say why). With
 * `options.services` (the compose services), an entry for no such service is reported.
 *
 * @example
 * const migrated = readEcsParams(new SourceFile('ecs-params.yml', text), reporter);
 * const options = { baseSettings: migrated?.project, baseServiceSettings: migrated?.services };
 */
export function readEcsParams(file: SourceFile, reporter: Reporter, options: EcsParamsOptions = {}): MigratedSettings | undefined {
  const before = reporter.diagnostics.length;
  const docs = parseYaml(file, reporter);
  if (reporter.diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
  const root = docs[0] ?? null;
  const v = new Values((code, severity, message, path, options) => {
    reporter.report(code, severity, message, { range: locate(root, path, options) ?? { file, start: 0, end: 0 }, path });
  });
  if (docs.length > 1) v.say('ECS_MIGRATION', 'warning', 'ecs-params.yml holds more than one YAML document; ecs-cli read only the first, and so does compose2ecs', []);
  if (root === null) return { project: {}, services: {} };
  if (!isMapping(root)) {
    reporter.report('YAML_NOT_MAPPING', 'error', 'ecs-params.yml must be a mapping (version, task_definition, run_params)', { range: locate(root, []) });
    return undefined;
  }
  warnEnvironmentReferences(v, root, []);
  v.known(root, [], TOP_KEYS, 'ecs-params.yml');

  const version = v.string(getOwn(root, 'version'), ['version']);
  if (version !== undefined && Number(version) !== 1) v.say('COMPOSE_SCHEMA', 'warning', `version: ecs-params.yml has only version 1; ${JSON.stringify(version)} is read as version 1`, ['version']);

  const project: XEcs = { layout: 'project' };
  v.say('ECS_MIGRATION', 'info', 'ecs-params.yml is read as x-ecs settings under the compose file\'s own x-ecs; like ecs-cli, every service goes into one task definition (x-ecs.layout: project; set layout: service for one task and ECS service per compose service)', []);
  const services: Record<string, XEcs> = {};
  const task = v.mapping(getOwn(root, 'task_definition'), ['task_definition']);
  if (task) readTaskDefinition(v, task, project, services);
  if (options.services && task) {
    const containers = getOwn(task, 'services');
    if (isMapping(containers)) v.known(containers, ['task_definition', 'services'], options.services, 'task_definition.services (no compose service has this name; ecs-cli ignored it)');
  }
  const run = v.mapping(getOwn(root, 'run_params'), ['run_params']);
  if (run) readRunParams(v, run, project);
  return { project, services };
}

function readTaskDefinition(v: Values, task: Record<string, unknown>, project: XEcs, services: Record<string, XEcs>): void {
  const at = (...rest: (string | number)[]): Path => ['task_definition', ...rest];
  const get = (key: string) => getOwn(task, key);
  v.known(task, at(), TASK_KEYS, 'task_definition');

  const mode = v.oneOf(get('ecs_network_mode'), at('ecs_network_mode'), ['none', 'bridge', 'host', 'awsvpc'] as const);
  if (mode) project.network_mode = mode;
  const role = v.string(get('task_role_arn'), at('task_role_arn'));
  if (role !== undefined) project.task_role_arn = role;
  const execution = v.string(get('task_execution_role'), at('task_execution_role'));
  if (execution !== undefined) project.execution_role_arn = execution;
  const pid = v.oneOf(get('pid_mode'), at('pid_mode'), ['host', 'task'] as const);
  if (pid) project.pid_mode = pid;
  const ipc = v.oneOf(get('ipc_mode'), at('ipc_mode'), ['host', 'task', 'none'] as const);
  if (ipc) project.ipc_mode = ipc;

  const size = v.mapping(get('task_size'), at('task_size'));
  if (size) {
    v.known(size, at('task_size'), ['cpu_limit', 'mem_limit'], 'task_size');
    const cpu = v.string(getOwn(size, 'cpu_limit'), at('task_size', 'cpu_limit'));
    if (cpu !== undefined) {
      const units = taskCpuUnits(cpu);
      if (units === undefined) v.say('COMPOSE_SCHEMA', 'error', `task_definition.task_size.cpu_limit: ${JSON.stringify(cpu)} is neither CPU units (512) nor vCPUs ('0.5 vCPU')`, at('task_size', 'cpu_limit'));
      else project.cpu = units;
    }
    const mem = v.string(getOwn(size, 'mem_limit'), at('task_size', 'mem_limit'));
    if (mem !== undefined) {
      // Unlike a container's mem_limit, a bare number here is MiB (ECS reads the task's memory so).
      const mib = taskMemoryMiB(mem);
      if (mib === undefined) v.say('COMPOSE_SCHEMA', 'error', `task_definition.task_size.mem_limit: ${JSON.stringify(mem)} is neither MiB (2048) nor GB ('2GB'), the forms ECS accepts for a task's memory`, at('task_size', 'mem_limit'));
      else project.memory = mib;
    }
  }

  const containers = v.mapping(get('services'), at('services'));
  for (const [name, entry] of Object.entries(containers ?? {})) {
    const obj = v.mapping(entry, at('services', name));
    if (obj) setOwn(services, name, readContainer(v, obj, at('services', name), name));
  }

  const volumes: Volumes = {};
  readDockerVolumes(v, get('docker_volumes'), at('docker_volumes'), volumes);
  readEfsVolumes(v, get('efs_volumes'), at('efs_volumes'), volumes);
  if (Object.keys(volumes).length) project.volumes = volumes;

  const constraints = readPlacement(v, get('placement_constraints'), at('placement_constraints'), 'expression', CONSTRAINT_TYPES);
  if (constraints?.length) project.placement_constraints = constraints.map(({ type, value }) => (value === undefined ? { type } : { type, expression: value }));
}

function readDockerVolumes(v: Values, value: unknown, at: Path, volumes: Volumes): void {
  v.list(value, at)?.forEach((item, i) => {
    const vol = v.mapping(item, [...at, i]);
    if (!vol) return;
    v.known(vol, [...at, i], ['name', 'scope', 'autoprovision', 'driver', 'driver_opts', 'labels'], 'a docker volume');
    const name = v.string(getOwn(vol, 'name'), [...at, i, 'name']);
    if (name === undefined) return void v.say('COMPOSE_SCHEMA', 'error', `${v.show([...at, i])}: name is required`, [...at, i]);
    const docker: NonNullable<Volumes[string]['docker']> = {};
    const scope = v.oneOf(getOwn(vol, 'scope'), [...at, i, 'scope'], ['task', 'shared'] as const);
    if (scope) docker.scope = scope;
    const auto = v.bool(getOwn(vol, 'autoprovision'), [...at, i, 'autoprovision']);
    if (auto !== undefined) docker.autoprovision = auto;
    for (const key of ['driver', 'driver_opts', 'labels']) {
      if (getOwn(vol, key) === undefined || getOwn(vol, key) === null) continue;
      v.say('ECS_MIGRATION', 'warning', `${v.show([...at, i, key])} is not migrated: declare the volume in the compose file (volumes: { ${name}: { ${key}: … } }), where ${key} has the same meaning`, [...at, i, key], { key: true });
    }
    setOwn(volumes, name, { ...(getOwn(volumes, name) as object | undefined), docker });
  });
}

function readEfsVolumes(v: Values, value: unknown, at: Path, volumes: Volumes): void {
  v.list(value, at)?.forEach((item, i) => {
    const p = (key: string): Path => [...at, i, key];
    const vol = v.mapping(item, [...at, i]);
    if (!vol) return;
    v.known(vol, [...at, i], ['name', 'filesystem_id', 'root_directory', 'transit_encryption', 'transit_encryption_port', 'access_point', 'iam'], 'an EFS volume');
    const name = v.string(getOwn(vol, 'name'), p('name'));
    const id = v.string(getOwn(vol, 'filesystem_id'), p('filesystem_id'));
    if (name === undefined || id === undefined) {
      return void v.say('COMPOSE_SCHEMA', 'error', `${v.show([...at, i])}: name and filesystem_id are required`, [...at, i]);
    }
    const efs: NonNullable<Volumes[string]['efs']> = { file_system_id: id };
    const root = v.string(getOwn(vol, 'root_directory'), p('root_directory'));
    if (root !== undefined) efs.root_directory = root;
    const transit = v.oneOf(getOwn(vol, 'transit_encryption'), p('transit_encryption'), ['ENABLED', 'DISABLED'] as const);
    if (transit) efs.transit_encryption = transit === 'ENABLED';
    const port = v.int(getOwn(vol, 'transit_encryption_port'), p('transit_encryption_port'), 1);
    if (port !== undefined) efs.transit_encryption_port = port;
    const ap = v.string(getOwn(vol, 'access_point'), p('access_point'));
    if (ap !== undefined) efs.access_point_id = ap;
    const iam = v.oneOf(getOwn(vol, 'iam'), p('iam'), ['ENABLED', 'DISABLED'] as const);
    if (iam) efs.iam = iam === 'ENABLED';
    if ((efs.iam || ap !== undefined) && !efs.transit_encryption) {
      v.say('COMPOSE_SCHEMA', 'error', `${v.show([...at, i])}: transit_encryption: ENABLED is required with IAM authorization or an access point (ecs-cli refused this volume)`, [...at, i]);
    }
    setOwn(volumes, name, { ...(getOwn(volumes, name) as object | undefined), efs });
  });
}

/** `[{ type, <valueKey> }]` of placement constraints or strategies. */
function readPlacement<T extends string>(v: Values, value: unknown, at: Path, valueKey: string, types: readonly T[]): { type: T; value?: string }[] | undefined {
  const items = v.list(value, at);
  if (!items) return undefined;
  const out: { type: T; value?: string }[] = [];
  items.forEach((item, i) => {
    const obj = v.mapping(item, [...at, i]);
    if (!obj) return;
    v.known(obj, [...at, i], ['type', valueKey], 'a placement entry');
    const type = v.oneOf(getOwn(obj, 'type'), [...at, i, 'type'], types);
    const val = v.string(getOwn(obj, valueKey), [...at, i, valueKey]);
    if (type === undefined) {
      if (getOwn(obj, 'type') === undefined) v.say('COMPOSE_SCHEMA', 'error', `${v.show([...at, i])}: type is required`, [...at, i]);
      return;
    }
    out.push(val === undefined ? { type } : { type, value: val });
  });
  return out;
}

function readRunParams(v: Values, run: Record<string, unknown>, project: XEcs): void {
  v.known(run, ['run_params'], RUN_KEYS, 'run_params');
  const net = v.mapping(getOwn(run, 'network_configuration'), ['run_params', 'network_configuration']);
  if (net) {
    const at: Path = ['run_params', 'network_configuration', 'awsvpc_configuration'];
    v.known(net, at.slice(0, 2), ['awsvpc_configuration'], 'network_configuration');
    const vpc = v.mapping(getOwn(net, 'awsvpc_configuration'), at);
    if (vpc) readAwsvpc(v, vpc, at, project);
  }

  const placement = v.mapping(getOwn(run, 'task_placement'), ['run_params', 'task_placement']);
  if (placement) {
    const at: Path = ['run_params', 'task_placement'];
    v.known(placement, at, ['strategy', 'constraints'], 'task_placement');
    const strategy = readPlacement(v, getOwn(placement, 'strategy'), [...at, 'strategy'], 'field', STRATEGY_TYPES);
    if (strategy?.length) project.placement_strategy = strategy.map(({ type, value }) => (value === undefined ? { type } : { type, field: value }));
    const constraints = readPlacement(v, getOwn(placement, 'constraints'), [...at, 'constraints'], 'expression', CONSTRAINT_TYPES);
    for (const { type, value } of constraints ?? []) {
      const list = (project.placement_constraints ??= []);
      if (!list.some((c) => c.type === type && c.expression === value)) list.push(value === undefined ? { type } : { type, expression: value });
    }
  }

  const discovery = v.mapping(getOwn(run, 'service_discovery'), ['run_params', 'service_discovery']);
  if (discovery) readServiceDiscovery(v, discovery, ['run_params', 'service_discovery'], project);
}

/**
 * `run_params.service_discovery` → x-ecs.service_discovery, a private DNS namespace the
 * CloudFormation backend creates. ecs-cli could also reuse an existing namespace and tune the
 * discovery service's DNS records; those keys are reported as not migrated.
 */
function readServiceDiscovery(v: Values, sd: Record<string, unknown>, at: Path, project: XEcs): void {
  v.known(sd, at, ['container_name', 'container_port', 'private_dns_namespace', 'public_dns_namespace', 'service_discovery_service'], 'service_discovery');
  const notMigrated = (path: Path, why: string) => v.say('ECS_MIGRATION', 'warning', `${v.show(path)} is not migrated: ${why}`, path, { key: true });
  const privateNs = v.mapping(getOwn(sd, 'private_dns_namespace'), [...at, 'private_dns_namespace']);
  let namespace: string | undefined;
  if (privateNs) {
    const p: Path = [...at, 'private_dns_namespace'];
    v.known(privateNs, p, ['id', 'name', 'vpc', 'description'], 'private_dns_namespace');
    namespace = v.string(getOwn(privateNs, 'name'), [...p, 'name']);
    const vpc = v.string(getOwn(privateNs, 'vpc'), [...p, 'vpc']);
    if (vpc !== undefined && /^vpc-[0-9a-f]+$/.test(vpc)) project.vpc_id = vpc;
    else if (vpc !== undefined) v.say('COMPOSE_SCHEMA', 'error', `${v.show([...p, 'vpc'])}: ${JSON.stringify(vpc)} is not a VPC ID (vpc-…)`, [...p, 'vpc']);
    if (getOwn(privateNs, 'id') !== undefined) notMigrated([...p, 'id'], 'compose2ecs creates the namespace (x-ecs.service_discovery.namespace) rather than reusing one by ID');
    if (getOwn(privateNs, 'description') !== undefined) notMigrated([...p, 'description'], 'the namespace compose2ecs creates has its own description');
  }
  if (getOwn(sd, 'public_dns_namespace') !== undefined) notMigrated([...at, 'public_dns_namespace'], 'compose2ecs registers services in a private DNS namespace only');
  for (const key of ['container_name', 'container_port', 'service_discovery_service']) {
    if (getOwn(sd, key) !== undefined) notMigrated([...at, key], 'the CloudFormation backend makes one discovery service per ECS service, named after it, with A records (awsvpc) and its own TTL and failure threshold');
  }
  if (namespace !== undefined) project.service_discovery = { namespace };
  else if (getOwn(privateNs, 'id') === undefined && getOwn(sd, 'public_dns_namespace') === undefined) {
    project.service_discovery = true;
    v.say('ECS_MIGRATION', 'info', `${v.show(at)} is read as x-ecs.service_discovery: true (namespace <project>.local; ecs-cli took the namespace from --private-dns-namespace)`, at, { key: true });
  }
}

function readAwsvpc(v: Values, vpc: Record<string, unknown>, at: Path, project: XEcs): void {
  v.known(vpc, at, ['subnets', 'security_groups', 'assign_public_ip'], 'awsvpc_configuration');
  const config: NonNullable<NonNullable<XEcs['service']>['network_configuration']> = {};
  const subnets = v.strings(getOwn(vpc, 'subnets'), [...at, 'subnets']);
  if (subnets?.length) config.subnets = subnets;
  const groups = v.strings(getOwn(vpc, 'security_groups'), [...at, 'security_groups']);
  if (groups?.length) config.security_groups = groups;
  const assign = v.oneOf(getOwn(vpc, 'assign_public_ip'), [...at, 'assign_public_ip'], ['ENABLED', 'DISABLED'] as const);
  if (assign) config.assign_public_ip = assign === 'ENABLED';
  if (!Object.keys(config).length) return;
  if (project.network_mode !== undefined && project.network_mode !== 'awsvpc') {
    // ecs-cli's ConvertToECSNetworkConfiguration drops the configuration for any other mode.
    v.say('ECS_MIGRATION', 'warning', `${v.show(at)} is not migrated: ecs-cli used it only with ecs_network_mode: awsvpc, and this file sets ${project.network_mode}`, at, { key: true });
    return;
  }
  project.service = { network_configuration: config };
}

/**
 * ecs-cli expanded `$VAR` and `${VAR}` in the whole file from its environment (os.ExpandEnv)
 * before reading it; compose2ecs reads the file as written, so each reference is pointed out.
 */
function warnEnvironmentReferences(v: Values, node: unknown, at: Path): void {
  if (typeof node === 'string') {
    const m = /\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/.exec(node);
    if (m) v.say('ECS_MIGRATION', 'warning', `${v.show(at) || 'value'}: ecs-cli replaced ${m[0]} with the environment variable's value; compose2ecs reads ecs-params.yml as written — substitute it first, or move the setting into x-ecs, where compose interpolation applies`, at);
    return;
  }
  if (Array.isArray(node)) node.forEach((item, i) => warnEnvironmentReferences(v, item, [...at, i]));
  else if (isMapping(node)) for (const [k, item] of Object.entries(node)) warnEnvironmentReferences(v, item, [...at, k]);
}
