import type { Reporter } from '../diagnostics/report.js';
import { displayPath, ensureSource, locate, sourceOf } from '../core/source.js';
import { getOwn, isMapping } from '../core/own.js';

/**
 * 15-profiles: a service with `profiles` is kept only when one of them is active
 * (`*` activates all). References from a kept service to a left-out one are errors, except
 * a `depends_on` entry marked `required: false`, which is dropped.
 * Works on the merged raw tree, in place. Returns the profiles of the services left out.
 */
export function applyProfiles(root: Record<string, unknown>, active: readonly string[], reporter: Reporter): string[] {
  const services = getOwn(root, 'services');
  if (!isMapping(services)) return [];
  const all = active.includes('*');
  const disabled = new Set<string>();
  const wouldEnable = new Set<string>();
  for (const [name, svc] of Object.entries(services)) {
    const profiles = getOwn(svc, 'profiles');
    if (!Array.isArray(profiles) || profiles.length === 0) continue;
    if (all || profiles.some((p) => typeof p === 'string' && active.includes(p))) continue;
    disabled.add(name);
    for (const p of profiles) if (typeof p === 'string') wouldEnable.add(p);
  }
  if (disabled.size === 0) return [];
  for (const name of disabled) delete services[name];
  for (const [name, svc] of Object.entries(services)) {
    if (!isMapping(svc)) continue;
    const reported: ServiceReference[] = [];
    for (const ref of serviceReferences(svc)) {
      if (!disabled.has(ref.target)) continue;
      if (ref.optional) {
        const deps = svc.depends_on;
        if (isMapping(deps)) {
          delete deps[ref.target];
          // Nothing left to wait for: no `depends_on: {}` in the model (compose omits it too).
          if (Object.keys(deps).length === 0) delete svc.depends_on;
        }
        continue;
      }
      const path = ['services', name, ...ref.path];
      reporter.error(
        'PROFILE_DISABLED_REFERENCE',
        `${displayPath(path)}: service "${ref.target}" is not enabled by the active profiles (${active.length ? active.join(', ') : 'none'}); enable one of its profiles`,
        locate(root, path),
        path,
      );
      reported.push(ref);
    }
    dropReferences(svc, reported);
  }
  return [...wouldEnable].sort();
}

/**
 * A project with no services converts to nothing: say so, and name the profiles that would
 * enable services when the active ones left them all out.
 */
export function reportNoServices(root: Record<string, unknown>, wouldEnable: readonly string[], active: readonly string[], reporter: Reporter): void {
  const services = getOwn(root, 'services');
  if (isMapping(services) && Object.keys(services).length > 0) return;
  const at = isMapping(services) ? locate(root, ['services'], { key: true }) : locate(root, []);
  const message = wouldEnable.length
    ? `every service is left out by the active profiles (${active.length ? active.join(', ') : 'none'}), so there is nothing to convert; profiles that would enable services: ${wouldEnable.join(', ')} (--profile or COMPOSE_PROFILES)`
    : 'the project defines no services, so there is nothing to convert';
  reporter.warn('NO_SERVICES', message, at, ['services']);
}

/**
 * Takes the reported references out of the service, so later stages do not report the same
 * mistake again as a reference to an unknown service. Lists are rebuilt with their positions.
 */
function dropReferences(svc: Record<string, unknown>, refs: readonly ServiceReference[]): void {
  const byKey = new Map<string, Set<string | number>>();
  for (const r of refs) {
    const [key, sub] = r.path as [string, string | number | undefined];
    if (!byKey.has(key)) byKey.set(key, new Set());
    if (sub !== undefined) byKey.get(key)?.add(sub);
  }
  for (const [key, subs] of byKey) {
    const v = svc[key];
    if (Array.isArray(v)) {
      const kept: unknown[] = [];
      const src = sourceOf(v);
      const out = ensureSource(kept, src?.range);
      v.forEach((item, i) => {
        if (subs.has(i)) return;
        const range = src?.values.get(i);
        if (range) out.values.set(kept.length, range);
        kept.push(item);
      });
      svc[key] = kept;
    } else if (isMapping(v)) {
      for (const sub of subs) delete v[String(sub)];
    } else delete svc[key];
    const after = svc[key];
    if ((Array.isArray(after) && after.length === 0) || (isMapping(after) && Object.keys(after).length === 0)) delete svc[key];
  }
}

export interface ServiceReference {
  target: string;
  path: (string | number)[];
  /** depends_on with `required: false` */
  optional: boolean;
}

/** Every place a raw service names another service: depends_on, links, volumes_from, and service: modes. */
export function serviceReferences(svc: Record<string, unknown>): ServiceReference[] {
  const refs: ServiceReference[] = [];
  const deps = svc.depends_on;
  if (Array.isArray(deps)) deps.forEach((d, i) => typeof d === 'string' && refs.push({ target: d, path: ['depends_on', i], optional: false }));
  else if (isMapping(deps)) {
    for (const [k, v] of Object.entries(deps)) refs.push({ target: k, path: ['depends_on', k], optional: getOwn(v, 'required') === false });
  }
  const links = svc.links;
  if (Array.isArray(links)) links.forEach((l, i) => typeof l === 'string' && refs.push({ target: l.split(':')[0] ?? l, path: ['links', i], optional: false }));
  const vf = svc.volumes_from;
  if (Array.isArray(vf)) {
    vf.forEach((v, i) => {
      if (typeof v !== 'string' || v.startsWith('container:')) return;
      refs.push({ target: (v.startsWith('service:') ? v.slice(8) : v).split(':')[0] ?? v, path: ['volumes_from', i], optional: false });
    });
  }
  for (const key of ['network_mode', 'ipc', 'pid'] as const) {
    const v = svc[key];
    if (typeof v === 'string' && v.startsWith('service:')) refs.push({ target: v.slice(8), path: [key], optional: false });
  }
  return refs;
}
