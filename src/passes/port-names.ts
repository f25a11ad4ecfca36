/**
 * Which compose port names (`ports[].name`) can name an ECS port mapping as they are. Compose
 * takes any text there, to document the port; ECS takes a name only as lowercase letters,
 * digits, `_` and `-` (at most 64, not starting with `-`), unique among the task definition's
 * port mappings, and Service Connect makes it the Cloud Map service of the port unless told
 * otherwise, which must be unique in the namespace. So a name is kept only when ECS takes it
 * and no other port of the project is called the same (by its own name or by the name
 * `<service>-<port>-tcp` the ECS target gives an unnamed port); any other port mapping is
 * named `<service>-<port>-tcp`, which is unique because service names are.
 */
import type { Project } from '../model/project.js';
import type { PassContext } from './context.js';
import { exposedTcpPort } from '../core/expose.js';

const ECS_PORT_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;

/**
 * A port mapping name: `<service>-<port>-<protocol>`, as ECS takes names (lowercase letters,
 * digits, `_` and `-`, not starting with `-`, at most 64 characters).
 *
 * @example
 * portMappingName('Web.api', 80, 'tcp') // 'web-api-80-tcp'
 */
export function portMappingName(service: string, target: number, protocol: string): string {
  const suffix = `-${target}-${protocol}`;
  const base = service.toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^-+/, '');
  return `${(base || 'port').slice(0, 64 - suffix.length)}${suffix}`;
}

/**
 * The compose port names kept as ECS port mapping names. Each name not kept is reported at the
 * name (an info: the port works, under the name said, or none); `advertised`: Service Connect
 * is on, so a tcp port may be advertised under `<service>-<port>-tcp`.
 *
 * @example
 * usablePortNames(ctx, project, true) // Set { 'admin' } when one port of the project is named admin
 */
export function usablePortNames(ctx: PassContext, project: Project, advertised: boolean): ReadonlySet<string> {
  const uses = new Map<string, number>();
  const count = (name: string) => uses.set(name, (uses.get(name) ?? 0) + 1);
  for (const [service, svc] of Object.entries(project.services)) {
    for (const p of svc.ports ?? []) {
      if (p.name !== undefined) count(p.name);
      // The name an unnamed port would get is taken too (a port named db-5432-tcp in another service).
      else if (p.protocol === 'tcp') count(portMappingName(service, p.target, 'tcp'));
    }
    for (const text of svc.expose ?? []) {
      const port = exposedTcpPort(text);
      if (port !== undefined) count(portMappingName(service, port, 'tcp'));
    }
  }
  const usable = new Set<string>();
  for (const [service, svc] of Object.entries(project.services)) {
    (svc.ports ?? []).forEach((p, i) => {
      if (p.name === undefined) return;
      const valid = ECS_PORT_NAME.test(p.name);
      const unique = uses.get(p.name) === 1;
      if (valid && unique) {
        usable.add(p.name);
        return;
      }
      const why = valid
        ? 'another port of the project has that name too, and ECS needs a port mapping name unique in its task definition and, through Service Connect, in the namespace'
        : 'ECS takes lowercase letters, digits, _ and - (at most 64, not starting with -) in a port mapping name';
      const instead = advertised && p.protocol === 'tcp' ? `where Service Connect advertises the port, its mapping is named ${portMappingName(service, p.target, 'tcp')}; otherwise it has no name` : 'the mapping has no name';
      ctx.report('ECS_INVALID', 'info', `services.${service}.ports[${i}].name ${JSON.stringify(p.name)} does not name the ECS port mapping: ${why}; ${instead}`, ['services', service, 'ports', i, 'name']);
    });
  }
  return usable;
}
