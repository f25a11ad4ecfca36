/**
 * Project-wide checks compose makes once every service is normalized: every service, network,
 * volume, secret, config and model a service names must be defined, and a few keys exclude
 * each other.
 */
import type { Project } from '../../model/project.js';
import type { Service } from '../../model/service.js';
import { locate, type SourceRange } from '../../core/source.js';
import { getOwn, isMapping } from '../../core/own.js';
import { serviceReferences } from '../profiles.js';
import { invalid, unknownReference, type At, type NormalizeContext } from './at.js';

/**
 * What the project-wide checks need of one raw service: the services it names (with the
 * range of each naming entry) and whether it sets `networks`. Taken while the raw service is
 * still there, so the loader may let the raw tree go service by service (normalizeProject's
 * `consume`).
 */
export interface RawServiceFacts {
  readonly refs: readonly { target: string; path: (string | number)[]; range: SourceRange | undefined }[];
  readonly setsNetworks: boolean;
}

const NO_FACTS: RawServiceFacts = { refs: [], setsNetworks: false };

/** The RawServiceFacts of the raw service `name` of `raw` (the merged compose tree). */
export function rawServiceFacts(raw: Record<string, unknown>, name: string): RawServiceFacts {
  const rawSvc = getOwn(getOwn(raw, 'services'), name);
  if (!isMapping(rawSvc)) return NO_FACTS;
  const refs = serviceReferences(rawSvc);
  const uts = rawSvc.uts;
  if (typeof uts === 'string' && uts.startsWith('service:')) refs.push({ target: uts.slice(8), path: ['uts'], optional: false });
  return {
    refs: refs.map((ref) => {
      const path = ['services', name, ...ref.path];
      return { target: ref.target, path, range: locate(raw, path) };
    }),
    setsNetworks: rawSvc.networks !== undefined && rawSvc.networks !== null,
  };
}

/**
 * Reports every reference of `project` to something it does not define. `facts` gives each
 * service's RawServiceFacts (rawServiceFacts of the merged tree).
 */
export function checkReferences(project: Project, facts: (name: string) => RawServiceFacts | undefined, n: NormalizeContext): void {
  const atOut = (path: (string | number)[]): At => ({ n, path, range: locate(project, path, { key: true }), keyRange: undefined });
  for (const [name, svc] of Object.entries(project.services)) {
    const raw = facts(name) ?? NO_FACTS;
    for (const ref of raw.refs) {
      if (!Object.hasOwn(project.services, ref.target)) unknownReference({ n, path: ref.path, range: ref.range, keyRange: undefined }, `service "${ref.target}" is not defined`);
    }
    const base = ['services', name];
    if (svc.extends && svc.extends.file === undefined && !Object.hasOwn(project.services, svc.extends.service)) {
      unknownReference(atOut([...base, 'extends', 'service']), `service "${svc.extends.service}" to extend is not defined`);
    }
    const check = (kind: string, defined: object | undefined, id: string, path: (string | number)[]): void => {
      if (!defined || !Object.hasOwn(defined, id)) unknownReference(atOut([...base, ...path]), `${kind} "${id}" is not defined in the top-level ${kind}s`);
    };
    for (const net of Object.keys(svc.networks ?? {})) check('network', project.networks, net, ['networks', net]);
    svc.volumes?.forEach((v, i) => {
      if (v.type === 'volume' && v.source) check('volume', project.volumes, v.source, ['volumes', i, 'source']);
    });
    svc.secrets?.forEach((s, i) => check('secret', project.secrets, s.source, ['secrets', i, 'source']));
    svc.configs?.forEach((c, i) => check('config', project.configs, c.source, ['configs', i, 'source']));
    svc.build?.secrets?.forEach((s, i) => check('secret', project.secrets, s.source, ['build', 'secrets', i, 'source']));
    for (const m of Object.keys(svc.models ?? {})) check('model', project.models, m, ['models', m]);
    if (svc.credential_spec?.config !== undefined) check('config', project.configs, svc.credential_spec.config, ['credential_spec', 'config']);
    checkService(svc, raw.setsNetworks, atOut(base), atOut);
  }
}

/** Keys of one service that exclude or require each other. */
function checkService(svc: Service, setsNetworks: boolean, at: At, atOut: (path: (string | number)[]) => At): void {
  const base = at.path as (string | number)[];
  if (svc.network_mode !== undefined && setsNetworks) {
    invalid(atOut([...base, 'network_mode']), '"network_mode" and "networks" cannot both be set');
  }
  if (svc.image === undefined && svc.build === undefined && svc.provider === undefined) {
    invalid(at, 'the service has neither an image nor a build context');
  }
  const replicas = svc.deploy?.replicas;
  if (svc.scale !== undefined && replicas !== undefined && svc.scale !== replicas) {
    invalid(atOut([...base, 'scale']), `"scale" (${svc.scale}) and "deploy.replicas" (${replicas}) disagree`);
  }
  const count = svc.scale ?? replicas ?? 1;
  if (svc.container_name !== undefined && count > 1) {
    invalid(atOut([...base, 'container_name']), `a service with "container_name" cannot run ${count} containers`);
  }
}
