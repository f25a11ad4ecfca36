/** `compose2ecs config SERVICE...`: the project cut down to the named services, as docker compose does. */
import type { Project } from '../model/project.js';
import type { Service } from '../model/service.js';
import { UsageError } from './args.js';
import { closestMatch } from '../core/edit-distance.js';

/** The services a service needs to start: depends_on, links, volumes_from and network_mode service:. */
function needs(service: Service): string[] {
  const out = Object.keys(service.depends_on ?? {});
  for (const link of service.links ?? []) out.push(link.split(':')[0] as string);
  for (const from of service.volumes_from ?? []) if (!from.startsWith('container:')) out.push(from.split(':')[0] as string);
  if (service.network_mode?.startsWith('service:')) out.push(service.network_mode.slice('service:'.length));
  return out;
}

/**
 * The project with only the named services and those they need, in file order. A name the
 * project does not define is bad usage, with the nearest name when one is close.
 *
 * @example selectServices(project, ['web']) // web and, through depends_on, db
 */
export function selectServices(project: Project, names: readonly string[]): Project {
  const defined = Object.keys(project.services);
  for (const name of names) {
    if (Object.hasOwn(project.services, name)) continue;
    const near = closestMatch(name, defined);
    throw new UsageError(`no such service: ${name}${near ? ` (did you mean ${near}?)` : ''}; the project defines ${defined.length ? defined.join(', ') : 'none'}`);
  }
  const keep = new Set<string>();
  const visit = (name: string) => {
    const service = Object.hasOwn(project.services, name) ? project.services[name] : undefined;
    if (!service || keep.has(name)) return;
    keep.add(name);
    needs(service).forEach(visit);
  };
  names.forEach(visit);
  return { ...project, services: Object.fromEntries(Object.entries(project.services).filter(([name]) => keep.has(name))) };
}
