/**
 * Migration from Docker's retired ECS integration (`docker compose` with an ECS context,
 * docker/compose-cli `ecs/`; docs "Deploying Docker containers on ECS"): reads its `x-aws-*`
 * extensions, wherever the integration read them, into x-ecs settings for
 * `PassOptions.baseSettings` / `baseServiceSettings`. Each key migrated is announced
 * (ECS_MIGRATION, info); each with no meaning in our output is reported (ECS_UNSUPPORTED_FIELD).
 */
import type { XEcs } from '../generated/x-ecs.js';
import type { DiagnosticCode, Severity } from '../diagnostics/types.js';
import { locate } from '../core/source.js';
import { setOwn } from '../core/own.js';
import type { PassContext } from './context.js';
import { layer } from './ecs-settings.js';
import type { MigratedSettings } from './migrate-ecs-params.js';
import { Values, type Path } from './migration-values.js';
import { readAutoscaling, readRetention, readVpc } from './x-aws-values.js';

/** Where the integration read an `x-aws-*` key. */
type Level = 'project' | 'service' | 'deploy' | 'update_config' | 'port' | 'network' | 'secret' | 'volume' | 'config';

/** One `x-aws-*` key as found. */
interface Site {
  key: string;
  value: unknown;
  level: Level;
  /** The path as written (`['services', 'web', 'deploy', 'x-aws-autoscaling']`). */
  at: Path;
}

interface Handler {
  /** Where the integration read the key, for messages. */
  home: string;
  /** Levels the integration read it at. */
  levels: Level[];
  /** Levels it did not read it at where its meaning is still plain; read there with a warning. */
  also?: Level[];
  /** Translates the value into `out`; returns the x-ecs setting it became, or undefined if it was reported instead. */
  apply(v: Values, site: Site, out: XEcs): string | undefined;
}

const HANDLERS: Record<string, Handler> = {
  'x-aws-cluster': {
    home: 'at the top level',
    levels: ['project'],
    apply: (v, s, out) => set(v.string(s.value, s.at), (cluster) => merge(out, { service: { cluster } }), 'x-ecs.service.cluster'),
  },
  'x-aws-vpc': { home: 'at the top level', levels: ['project'], apply: (v, s, out) => set(readVpc(v, s.value, s.at), (vpc_id) => (out.vpc_id = vpc_id), 'x-ecs.vpc_id') },
  'x-aws-loadbalancer': {
    home: 'at the top level',
    levels: ['project'],
    apply(v, s) {
      const lb = v.string(s.value, s.at) ?? '';
      v.say('ECS_MIGRATION', 'warning', `${v.show(s.at)} is not migrated: the ECS integration added its listeners to this existing load balancer (${lb}); compose2ecs creates the load balancer itself (x-ecs.load_balancer), so remove the key or drop the existing load balancer after moving over`, s.at, { key: true });
      return undefined;
    },
  },
  'x-aws-cloudformation': {
    home: 'at the top level',
    levels: ['project'],
    apply(v, s) {
      v.say('ECS_UNSUPPORTED_FIELD', 'warning', `${v.show(s.at)} has no meaning in compose2ecs's output: the overlay addresses the resources of the ECS integration's template by their logical IDs (e.g. WebappTCP80TargetGroup), which compose2ecs's templates do not have; make the change with x-ecs settings or on the generated template`, s.at);
      return undefined;
    },
  },
  'x-aws-logs_retention': {
    home: 'at the top level',
    levels: ['project'],
    also: ['service'],
    apply: (v, s, out) => set(readRetention(v, s.value, s.at), (retention_days) => merge(out, { logging: { retention_days } }), 'x-ecs.logging.retention_days'),
  },
  'x-aws-pull_credentials': {
    home: 'in a service',
    levels: ['service'],
    apply: (v, s, out) => set(v.string(s.value, s.at), (arn) => (out.repository_credentials = arn), 'x-ecs.repository_credentials'),
  },
  'x-aws-role': {
    home: 'in a service',
    levels: ['service'],
    apply(v, s, out) {
      const doc = v.mapping(s.value, s.at);
      return set(doc, (policy_document) => merge(out, { task_role: { policy_document } }), 'x-ecs.task_role.policy_document (the inline policy of the task role)');
    },
  },
  'x-aws-policies': {
    home: 'in a service',
    levels: ['service'],
    apply: (v, s, out) => set(v.strings(s.value, s.at), (managed_policy_arns) => merge(out, { task_role: { managed_policy_arns } }), 'x-ecs.task_role.managed_policy_arns'),
  },
  'x-aws-iam': {
    home: 'in a service',
    levels: ['service'],
    apply: (v, s, out) => set(v.string(s.value, s.at), (role) => (out.task_role_arn = role), 'x-ecs.task_role_arn'),
  },
  'x-aws-autoscaling': {
    home: 'in deploy',
    levels: ['deploy'],
    also: ['service'],
    apply: (v, s, out) => set(readAutoscaling(v, s.value, s.at), (autoscaling) => (out.autoscaling = autoscaling), 'x-ecs.autoscaling'),
  },
  'x-aws-min_percent': {
    home: 'in deploy.update_config',
    levels: ['update_config'],
    also: ['service', 'deploy'],
    apply: (v, s, out) => set(v.int(s.value, s.at, 0), (n) => merge(out, { service: { deployment: { minimum_healthy_percent: n } } }), 'x-ecs.service.deployment.minimum_healthy_percent'),
  },
  'x-aws-max_percent': {
    home: 'in deploy.update_config',
    levels: ['update_config'],
    also: ['service', 'deploy'],
    apply: (v, s, out) => set(v.int(s.value, s.at, 0), (n) => merge(out, { service: { deployment: { maximum_percent: n } } }), 'x-ecs.service.deployment.maximum_percent'),
  },
  // Read port by port (see readProtocols); listed for its level.
  'x-aws-protocol': { home: 'in a port of the long syntax', levels: ['port'], apply: () => undefined },
  'x-aws-securitygroup': {
    home: 'in a network',
    levels: ['network'],
    apply(v, s) {
      const sg = v.string(s.value, s.at) ?? 'sg-…';
      v.say('ECS_MIGRATION', 'warning', `${v.show(s.at)} is not migrated: the ECS integration read it as external: true with name: ${sg} (and itself warned it was deprecated); write those two keys on ${v.show(s.at.slice(0, 2))}`, s.at);
      return undefined;
    },
  },
  'x-aws-keys': {
    home: 'in a secret',
    levels: ['secret'],
    apply(v, s) {
      v.say('ECS_UNSUPPORTED_FIELD', 'warning', `${v.show(s.at)} has no meaning in compose2ecs's output: the ECS integration wrote the secret's JSON keys into files with a sidecar container; ECS itself injects one JSON key as an environment variable (valueFrom <secret ARN>:<key>::), which x-ecs.environment_secrets can express`, s.at);
      return undefined;
    },
  },
};

/**
 * Reads the `x-aws-*` extensions of a project into x-ecs settings.
 *
 * @example
 * const aws = readXAws(ctx);
 * const options = { baseSettings: aws.project, baseServiceSettings: aws.services };
 */
export function readXAws(ctx: PassContext): MigratedSettings {
  const v = new Values((code: DiagnosticCode, severity: Severity, message: string, path: Path, options?: { key?: boolean }) => {
    ctx.reporter.report(code, severity, message, { range: locate(ctx.project, modelPath(path), options), path });
  });
  const project: XEcs = {};
  const services: Record<string, XEcs> = {};
  const p = ctx.project;

  for (const site of sites(p.extensions, 'project', [])) apply(v, site, project);
  for (const [name, svc] of Object.entries(p.services)) {
    const out: XEcs = {};
    const base = ['services', name];
    for (const site of sites(svc.extensions, 'service', base)) apply(v, site, out);
    for (const site of sites(svc.deploy?.extensions, 'deploy', [...base, 'deploy'])) apply(v, site, out);
    for (const site of sites(svc.deploy?.update_config?.extensions, 'update_config', [...base, 'deploy', 'update_config'])) apply(v, site, out);
    for (const site of sites(svc.deploy?.rollback_config?.extensions, 'update_config', [...base, 'deploy', 'rollback_config'])) misplaced(v, site, 'deploy.rollback_config');
    if (out.task_role_arn !== undefined && out.task_role !== undefined) {
      v.say('ECS_MIGRATION', 'warning', `${v.show([...base, 'x-aws-iam'])} names an existing task role, so the role that x-aws-role / x-aws-policies describe is not created (as the ECS integration documented)`, [...base, 'x-aws-iam'], { key: true });
    }
    if (Object.keys(out).length) setOwn(services, name, out);
  }
  const groups = [['networks', 'network'], ['secrets', 'secret'], ['volumes', 'volume'], ['configs', 'config']] as const;
  for (const [group, level] of groups) {
    for (const [name, item] of Object.entries(p[group])) for (const site of sites(item.extensions, level, [group, name])) apply(v, site, project);
  }
  readProtocols(v, ctx, services);
  return { project, services };
}

function* sites(extensions: Record<string, unknown> | undefined, level: Level, at: Path): Generator<Site> {
  for (const [key, value] of Object.entries(extensions ?? {})) {
    if (key.startsWith('x-aws-')) yield { key, value, level, at: [...at, key] };
  }
}

function apply(v: Values, site: Site, out: XEcs): void {
  const handler = Object.hasOwn(HANDLERS, site.key) ? HANDLERS[site.key] : undefined;
  if (!handler) {
    v.say('ECS_UNSUPPORTED_FIELD', 'warning', `${v.show(site.at)} is not a setting of Docker's ECS integration that compose2ecs knows; it has no meaning in the output`, site.at, { key: true });
    return;
  }
  const home = handler.levels.includes(site.level);
  if (!home && !handler.also?.includes(site.level)) return misplaced(v, site, handler.home);
  if (site.level === 'port') return; // read by readProtocols
  const setting = handler.apply(v, site, out);
  if (setting === undefined) return;
  if (home) v.say('ECS_MIGRATION', 'info', `${v.show(site.at)} is read as ${setting}`, site.at, { key: true });
  else v.say('ECS_MIGRATION', 'warning', `${v.show(site.at)}: the ECS integration read ${site.key} only ${handler.home}, so it ignored this one; compose2ecs reads it as ${setting}`, site.at, { key: true });
}

function misplaced(v: Values, site: Site, home: string): void {
  v.say('ECS_UNSUPPORTED_FIELD', 'warning', `${v.show(site.at)} has no meaning here: the ECS integration read ${site.key} only ${home}`, site.at, { key: true });
}

/**
 * `x-aws-protocol: http|https` marked a port as HTTP, served through the integration's
 * application load balancer with HTTP listeners (it never made HTTPS ones: there was no
 * certificate). Each service's first marked port becomes its x-ecs.routing (protocol HTTP).
 */
function readProtocols(v: Values, ctx: PassContext, services: Record<string, XEcs>): void {
  for (const [name, svc] of Object.entries(ctx.project.services)) {
    let routed: Path | undefined;
    (svc.ports ?? []).forEach((port, i) => {
      if (port['x-aws-protocol'] === undefined) return;
      const at: Path = ['services', name, 'ports', i, 'x-aws-protocol'];
      const value = v.string(port['x-aws-protocol'], at);
      if (value === undefined) return;
      if (value !== 'http' && value !== 'https') {
        v.say('ECS_UNSUPPORTED_FIELD', 'warning', `${v.show(at)}: only http and https had a meaning to the ECS integration; ${JSON.stringify(value)} is ignored (the port is routed by its protocol, ${port.protocol})`, at);
        return;
      }
      if (routed) {
        v.say('ECS_MIGRATION', 'warning', `${v.show(at)} is not migrated: x-ecs.routing routes one port per service, and ${v.show(routed)} already does`, at);
        return;
      }
      routed = at;
      const out = (Object.hasOwn(services, name) ? services[name] : undefined) ?? {};
      merge(out, { routing: { protocol: 'HTTP', port: port.target } });
      setOwn(services, name, out);
      v.say('ECS_MIGRATION', 'info', `${v.show(at)} is read as x-ecs.routing: { protocol: HTTP, port: ${port.target} } (an application load balancer rule, with an HTTP listener as the integration made)`, at);
    });
  }
}

/** Applies `value` when defined and names the setting it became. */
function set<T>(value: T | undefined, assign: (value: T) => void, setting: string): string | undefined {
  if (value === undefined) return undefined;
  assign(value);
  return setting;
}

function merge(out: XEcs, over: XEcs): void {
  Object.assign(out, layer(out, over));
}

/**
 * The model keeps `x-*` keys under `extensions`, except in ports, where they stay inline.
 * (context.ts's modelPath maps only top-level and service-level keys; the integration also
 * read keys in deploy, update_config, networks and secrets, hence this wider mapping.)
 */
function modelPath(path: Path): Path {
  const i = path.findIndex((seg) => typeof seg === 'string' && seg.startsWith('x-'));
  if (i < 0 || path[i - 2] === 'ports') return path;
  return [...path.slice(0, i), 'extensions', ...path.slice(i)];
}
