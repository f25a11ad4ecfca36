/**
 * 05-services depends_on, and the dependencies compose adds for `links`, `volumes_from` and
 * `service:` namespaces (network_mode, ipc, pid, uts).
 */
import type { Dependency } from '../../model/service-parts.js';
import { ensureSource, sourceOf, type SourceRange } from '../../core/source.js';
import { child, put, type At, type Normalizer } from './at.js';
import { object } from './object.js';
import { bool, mapOf, oneOf, str } from './scalars.js';

const started = (): Dependency => ({ condition: 'service_started', required: true });

const longSyntax = object<Dependency>(
  { condition: oneOf('service_started', 'service_healthy', 'service_completed_successfully'), required: bool, restart: bool },
  (out, at) => {
    if (out.condition === undefined) put(out, 'condition', 'service_started', at);
    if (out.required === undefined) put(out, 'required', true, at);
    return out as unknown as Dependency;
  },
);

/** `[db, redis]` → `{ db: { condition: 'service_started', required: true }, … }`; long syntax gets the same defaults. */
export const dependsOn: Normalizer<Record<string, Dependency>> = (v, at) => {
  if (!Array.isArray(v)) return mapOf(longSyntax)(v, at);
  const out: Record<string, Dependency> = {};
  ensureSource(out, at.range);
  v.forEach((e, i) => {
    const c = child(at, v, i);
    const name = str(e, c);
    if (name === undefined) return;
    const dep = started();
    ensureSource(dep, c.range);
    put(out, name, dep, { range: c.range, keyRange: c.range });
  });
  return out;
};

/** A dependency implied by another key, with where it was written. */
export interface ImpliedDependency {
  service: string;
  restart: boolean;
  range: SourceRange | undefined;
}

/** Services named by links, `service:` namespaces and volumes_from of a normalized service, in that order. */
export function impliedDependencies(svc: Record<string, unknown>, at: At): ImpliedDependency[] {
  const out: ImpliedDependency[] = [];
  const rangeOf = (key: string, i?: number): SourceRange | undefined => {
    const v = svc[key];
    const s = typeof v === 'object' && v !== null && i !== undefined ? sourceOf(v)?.values.get(i) : undefined;
    return s ?? sourceOf(svc)?.values.get(key) ?? at.range;
  };
  const links = svc.links;
  if (Array.isArray(links)) {
    links.forEach((l: string, i) => out.push({ service: l.split(':')[0] ?? l, restart: true, range: rangeOf('links', i) }));
  }
  for (const key of ['network_mode', 'ipc', 'pid', 'uts']) {
    const v = svc[key];
    if (typeof v === 'string' && v.startsWith('service:')) out.push({ service: v.slice(8), restart: true, range: rangeOf(key) });
  }
  const from = svc.volumes_from;
  if (Array.isArray(from)) {
    from.forEach((f: string, i) => {
      if (f.startsWith('container:')) return;
      const name = (f.startsWith('service:') ? f.slice(8) : f).split(':')[0] ?? f;
      out.push({ service: name, restart: false, range: rangeOf('volumes_from', i) });
    });
  }
  return out;
}

/**
 * Adds the implied dependencies that depends_on does not already name (`required: true`,
 * `restart` as compose sets it), skipping services that do not exist (reported elsewhere).
 */
export function addImpliedDependencies(svc: Record<string, unknown>, at: At, exists: (name: string) => boolean): void {
  const implied = impliedDependencies(svc, at).filter((d) => exists(d.service));
  if (implied.length === 0) return;
  const deps = (svc.depends_on as Record<string, Dependency> | undefined) ?? {};
  if (svc.depends_on === undefined) {
    ensureSource(deps, implied[0]?.range);
    put(svc, 'depends_on', deps, { range: implied[0]?.range, keyRange: undefined });
  }
  for (const d of implied) {
    if (Object.hasOwn(deps, d.service)) continue;
    const dep: Dependency = d.restart ? { ...started(), restart: true } : started();
    ensureSource(dep, d.range);
    put(deps, d.service, dep, { range: d.range, keyRange: d.range });
  }
}
