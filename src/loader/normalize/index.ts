/**
 * The loader's last stage: the merged, interpolated compose tree → the normalized Project
 * that every pass and backend reads (every key in long form, positions kept).
 */
import type { Project } from '../../model/project.js';
import { ensureSource, sourceOf } from '../../core/source.js';
import { getOwn, isMapping } from '../../core/own.js';
import { child, fillSource, noteEarlierErrors, put, unknownKey, type At, type NormalizeContext } from './at.js';
import { extensionsOf } from './object.js';
import { checkReferences } from './references.js';
import { mapOf } from './scalars.js';
import { serviceNormalizer } from './service.js';
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
 */
export function normalizeProject(raw: Record<string, unknown>, ctx: NormalizeContext): Project {
  noteEarlierErrors(ctx);
  const root: At = { n: ctx, path: [], range: sourceOf(raw)?.range, keyRange: undefined };
  const project: Record<string, unknown> = {};
  ensureSource(project, root.range);
  const nameAt = child(root, raw, 'name');
  put(project, 'name', ctx.projectName, Object.hasOwn(raw, 'name') ? nameAt : root);

  const rawServices = getOwn(raw, 'services');
  const names = new Set(isMapping(rawServices) ? Object.keys(rawServices) : []);
  const service = serviceNormalizer((s) => names.has(s));
  const normalizers = { services: mapOf(service), networks, volumes, secrets, configs, models };
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
  checkReferences(result, raw, ctx);
  fillSource(result, root.range);
  return result;
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

