/**
 * The loader's last stage: the merged, interpolated compose tree → the normalized Project
 * that every pass and backend reads (every key in long form, positions kept).
 */
import type { Project } from '../../model/project.js';
import { ensureSource, sourceOf } from '../../core/source.js';
import { getOwn, isMapping } from '../../core/own.js';
import { child, fillSource, noteEarlierErrors, put, unknownKey, type At, type NormalizeContext, type Normalizer } from './at.js';
import { extensionsOf } from './object.js';
import { checkReferences, rawServiceFacts, type RawServiceFacts } from './references.js';
import { mapOf } from './scalars.js';
import { serviceNormalizer } from './service.js';
import type { Service } from '../../model/service.js';
import { configs, models, networks, secrets, volumes } from './top-level.js';

export type { NormalizeContext } from './at.js';
export { serviceKeys } from './service.js';

const TOP_LEVEL = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'] as const;
// Handled before this stage: the project name is chosen by the loader, include is resolved,
// and `version` is obsolete (reported when the file is read).
const HANDLED = new Set(['name', 'version', 'include']);

/**
 * Normalizes one merged, interpolated compose tree (with positions) into the Project.
 * Never throws: problems are reported to `ctx.reporter` and the offending value left out.
 *
 * @example
 * const project = normalizeProject(parseYaml(file, reporter)[0], { workingDir: '/app', resolve, isAbsolute,
 *   reporter, projectName: 'shop', lookup: (k) => process.env[k], envFiles: () => undefined });
 * project.services.web.ports // [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]
 *
 * With `consume`, each raw service is deleted from `raw.services` once it is normalized, so
 * a large project does not hold its raw and its normalized services at once (the loader, which
 * never reads the merged tree again, passes it). Without it `raw` is left alone.
 */
export function normalizeProject(raw: Record<string, unknown>, ctx: NormalizeContext, options: { consume?: boolean } = {}): Project {
  noteEarlierErrors(ctx);
  const root: At = { n: ctx, path: [], range: sourceOf(raw)?.range, keyRange: undefined };
  const project: Record<string, unknown> = {};
  ensureSource(project, root.range);
  const nameAt = child(root, raw, 'name');
  put(project, 'name', ctx.projectName, Object.hasOwn(raw, 'name') ? nameAt : root);

  const rawServices = getOwn(raw, 'services');
  const names = new Set(isMapping(rawServices) ? Object.keys(rawServices) : []);
  const service = serviceNormalizer((s) => names.has(s));
  // What checkReferences needs of each raw service, taken before the raw service may go.
  const facts = new Map<string, RawServiceFacts>();
  const services = isMapping(rawServices) ? serviceMap(raw, rawServices, service, facts, options.consume === true) : mapOf(service);
  const normalizers = { services, networks, volumes, secrets, configs, models };
  for (const key of TOP_LEVEL) {
    const v = getOwn(raw, key);
    const at = child(root, raw, key);
    if (v === undefined || v === null) {
      if (key !== 'models') put(project, key, emptyAt({}, at), at);
      continue;
    }
    const out = normalizers[key](v, at);
    put(project, key, out ?? (key === 'models' ? undefined : emptyAt({}, at)), at);
  }
  addDefaultNetwork(project as unknown as Project, root);
  put(project, 'extensions', extensionsOf(raw) ?? {}, root);

  for (const key of Object.keys(raw)) {
    if ((TOP_LEVEL as readonly string[]).includes(key) || HANDLED.has(key) || key.startsWith('x-')) continue;
    unknownKey(child(root, raw, key), 'unknown top-level key');
  }
  const result = project as unknown as Project;
  checkReferences(result, (name) => facts.get(name), ctx);
  fillSource(result, root.range);
  return result;
}

/**
 * mapOf(service) for the services mapping, noting each service's RawServiceFacts as it goes
 * and, with `consume`, deleting each raw service once normalized (keys are read one at a
 * time, so no list of the raw services outlives its entry).
 */
function serviceMap(
  raw: Record<string, unknown>,
  rawServices: Record<string, unknown>,
  service: Normalizer<Service>,
  facts: Map<string, RawServiceFacts>,
  consume: boolean,
): Normalizer<Record<string, Service>> {
  return (v, at) => {
    const out: Record<string, Service> = {};
    ensureSource(out, at.range);
    for (const k of Object.keys(rawServices)) {
      const c = child(at, rawServices, k);
      put(out, k, service(rawServices[k], c), c);
      facts.set(k, rawServiceFacts(raw, k));
      if (consume) delete rawServices[k];
    }
    return out;
  };
}

function emptyAt<T extends object>(value: T, at: At): T {
  ensureSource(value, at.range);
  return value;
}

/** 06-networks: the implicit `default` network exists when a service uses it and the file does not declare it. */
function addDefaultNetwork(project: Project, root: At): void {
  if (Object.hasOwn(project.networks, 'default')) return;
  const used = Object.values(project.services).some((s) => s.networks && Object.hasOwn(s.networks, 'default'));
  if (!used) return;
  const at = child(root, undefined, 'networks');
  put(project.networks as unknown as Record<string, unknown>, 'default', emptyAt({ name: `${project.name}_default` }, at), at);
}

