/**
 * Reads the `x-ecs` extension (schemas/x-ecs.schema.json) at the top level and in each
 * service, checks it with the same positioned diagnostics as the compose schema, and layers
 * the sources of ECS settings: migrations (x-aws-*, ecs-params.yml) under x-ecs under the
 * CLI flags. A service's settings are the project's with the service's own on top.
 */
import { schema, validate } from '../generated/x-ecs-validator.js';
import { checkWithSchema } from '../loader/schema-check.js';
import type { EcsSettings } from '../ir/ir.js';
import type { PassContext } from './context.js';
import { getOwn, isMapping, ownValue, setOwn } from '../core/own.js';

/** Keys that only make sense at the top level. */
export const PROJECT_ONLY = ['layout', 'volumes', 'defaults', 'service_connect', 'registry', 'image_tag', 'region', 'secret_store', 'account_id', 'host_root'] as const;
/** Keys that only make sense in a service: they name or shape one container. */
export const SERVICE_ONLY = [
  'task',
  'essential',
  'job',
  'container_cpu',
  'container_memory',
  'container_memory_reservation',
  'healthcheck',
  'depends_on',
  'firelens_configuration',
] as const;

/** Deep merge of plain settings objects; arrays and scalars of `over` replace. */
export function layer<T extends object>(under: T | undefined, over: T | undefined): T {
  if (!under) return { ...(over ?? ({} as T)) };
  if (!over) return { ...under };
  const out: Record<string, unknown> = { ...(under as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    const prev = getOwn(out, k);
    setOwn(out, k, isMapping(prev) && isMapping(v) ? layer(prev, v) : v);
  }
  return out as T;
}

/** `settings` without `keys`. */
export function omit(settings: EcsSettings, keys: readonly string[]): EcsSettings {
  const out: Record<string, unknown> = { ...settings };
  for (const k of keys) delete out[k];
  return out as EcsSettings;
}

/**
 * Checks one x-ecs block against the schema; a key written at the wrong level is reported and
 * left out, so that what the warning calls ignored really is.
 */
function read(ctx: PassContext, value: unknown, written: (string | number)[], model: (string | number)[], level: 'project' | 'service'): EcsSettings {
  if (value === undefined) return {};
  if (!checkWithSchema(value, { validate, schema, root: ctx.project, at: model, shownAt: written }, ctx.reporter)) return {};
  const settings = value as EcsSettings;
  const wrong: readonly string[] = level === 'project' ? SERVICE_ONLY : PROJECT_ONLY;
  const misplaced = wrong.filter((key) => Object.hasOwn(settings, key));
  for (const key of misplaced) {
    ctx.report('ECS_INVALID', 'warning', `${written.join('.')}.${key} is only read ${level === 'project' ? 'in a service' : 'at the top level'}; it is ignored here`, [...written, key]);
  }
  return misplaced.length ? omit(settings, misplaced) : settings;
}

/** Project settings: migrations, then x-ecs, then the CLI flags. */
export function projectSettings(ctx: PassContext): EcsSettings {
  const own = read(ctx, ctx.project.extensions['x-ecs'], ['x-ecs'], ['extensions', 'x-ecs'], 'project');
  let settings = layer(ctx.options.baseSettings, own);
  const flags: EcsSettings = {};
  if (ctx.options.layout) flags.layout = ctx.options.layout;
  if (ctx.options.launchType) flags.launch_type = ctx.options.launchType;
  if (ctx.options.cluster) flags.service = { cluster: ctx.options.cluster };
  const network = networkFlags(ctx);
  if (network) flags.service = { ...flags.service, network_configuration: network };
  if (ctx.options.registry) flags.registry = ctx.options.registry;
  if (ctx.options.imageTag) flags.image_tag = ctx.options.imageTag;
  if (ctx.options.region) flags.region = ctx.options.region;
  if (ctx.options.cloudMapNamespace) flags.service_connect = typeof settings.service_connect === 'object' ? { ...settings.service_connect, namespace: ctx.options.cloudMapNamespace } : { ...(settings.service_connect === false ? { enabled: false } : {}), namespace: ctx.options.cloudMapNamespace };
  if (ctx.options.accountId) flags.account_id = ctx.options.accountId;
  if (ctx.options.executionRole) flags.execution_role_arn = ctx.options.executionRole;
  if (ctx.options.hostRoot) flags.host_root = ctx.options.hostRoot;
  settings = layer(settings, flags);
  return settings;
}

/**
 * `--subnets`, `--security-groups`, `--assign-public-ip` as x-ecs.service.network_configuration
 * (each flag replaces only its own field).
 */
export function networkFlags(ctx: PassContext): NonNullable<NonNullable<EcsSettings['service']>['network_configuration']> | undefined {
  const { subnets, securityGroups, assignPublicIp } = ctx.options;
  if (!subnets?.length && !securityGroups?.length && assignPublicIp === undefined) return undefined;
  return {
    ...(subnets?.length ? { subnets: [...subnets] } : {}),
    ...(securityGroups?.length ? { security_groups: [...securityGroups] } : {}),
    ...(assignPublicIp !== undefined ? { assign_public_ip: assignPublicIp } : {}),
  };
}

/**
 * The AWS Region of the tasks: --region (through x-ecs.region, where the flag is layered), then
 * the caller's AWS_REGION, then AWS_DEFAULT_REGION; undefined when none names one.
 *
 * @example
 * taskRegion({ region: 'eu-west-1' }, {}) // { value: 'eu-west-1', from: 'x-ecs.region' }
 */
export function taskRegion(settings: EcsSettings, options: { region?: string; env?: Readonly<Record<string, string | undefined>> }): { value: string; from: string } | undefined {
  if (options.region) return { value: options.region, from: '--region' };
  if (settings.region) return { value: settings.region, from: 'x-ecs.region' };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const v = options.env?.[name];
    if (v) return { value: v, from: name };
  }
  return undefined;
}

/**
 * Whether services in different tasks reach each other through ECS Service Connect: on unless
 * x-ecs.service_connect turns it off (false, or enabled: false), in the service layout with
 * more than one ECS service.
 *
 * @example
 * serviceConnectOn(settings, 'service', tasks) // true for two compose services, each its own task
 */
export function serviceConnectOn(settings: EcsSettings, layout: string, tasks: readonly { withService: boolean }[]): boolean {
  const sc = settings.service_connect;
  if (sc === false || (typeof sc === 'object' && sc.enabled === false)) return false;
  if (layout !== 'service') return false;
  // Stops at the second task with a service: this is asked once per compile.
  let withService = 0;
  for (const t of tasks) if (t.withService && ++withService > 1) return true;
  return false;
}

/** A service's own x-ecs (with its migrations), not yet layered over the project's. */
export function serviceSettings(ctx: PassContext, name: string): EcsSettings {
  const svc = ownValue(ctx.project.services, name);
  const own = read(ctx, svc?.extensions['x-ecs'], ['services', name, 'x-ecs'], ['services', name, 'extensions', 'x-ecs'], 'service');
  return layer(ownValue(ctx.options.baseServiceSettings, name), own);
}

/**
 * Project settings with the service's on top. `defaults` stays (it is what a service without
 * its own value gets); `layout` and `volumes` describe the project, not a service.
 */
export function effectiveServiceSettings(project: EcsSettings, own: EcsSettings): EcsSettings {
  return omit(layer(project, omit(own, PROJECT_ONLY)), ['layout', 'volumes']);
}

/**
 * Where a task-level setting was written, for diagnostics: the x-ecs of the last service of
 * the task that sets it (the one that wins), else the top-level x-ecs.
 *
 * @example
 * settingPath(ctx, ['web', 'worker'], 'cpu') // ['services', 'worker', 'x-ecs', 'cpu'] when worker sets it
 */
export function settingPath(ctx: PassContext, services: readonly string[], key: string): (string | number)[] {
  for (const s of [...services].reverse()) {
    const own = ctx.project.services[s]?.extensions['x-ecs'];
    if (isMapping(own) && Object.hasOwn(own, key)) return ['services', s, 'x-ecs', key];
  }
  return ['x-ecs', key];
}
