/**
 * The names a compose service reaches in its environment and command: URLs and host:port, with
 * the port when known. Both backends read them: ECS to find names Service Connect does not
 * give (ecs/name-uses.ts), Kubernetes to find ports a Service does not forward
 * (kubernetes/name-uses.ts).
 */
import type { Service } from '../model/project.js';
import { compareText } from '../core/text-order.js';

/** A text of a service that may name others: an environment value (by variable name) or the command, with its place. */
export interface ServiceText {
  text: string;
  path: (string | number)[];
  where: string;
}

/**
 * The texts of service `name` in which it may reach others: each environment value, by
 * variable name, then the command as one line.
 *
 * @example
 * serviceTexts('web', svc) // [{ text: 'postgres://db/x', path: ['services', 'web', 'environment', 'DB_URL'], where: 'services.web.environment.DB_URL' }]
 */
export function serviceTexts(name: string, svc: Service): ServiceText[] {
  const texts: ServiceText[] = [];
  for (const key of Object.keys(svc.environment ?? {}).sort(compareText)) {
    const v = svc.environment?.[key];
    if (typeof v === 'string') texts.push({ text: v, path: ['services', name, 'environment', key], where: `services.${name}.environment.${key}` });
  }
  if (svc.command?.length) texts.push({ text: svc.command.join(' '), path: ['services', name, 'command'], where: `services.${name}.command` });
  return texts;
}

/** The port a URL scheme means when the URL gives none. */
const DEFAULT_PORTS: Record<string, number> = {
  http: 80, https: 443, ws: 80, wss: 443, grpc: 443, postgres: 5432, postgresql: 5432, mysql: 3306, mariadb: 3306,
  redis: 6379, rediss: 6379, mongodb: 27017, amqp: 5672, amqps: 5671, nats: 4222, memcached: 11211, kafka: 9092,
};

/** A name reached in a text: `db` of `postgres://u:p@db:5432/x` or of `db:5432`, with the port when known. */
export interface HostUse {
  host: string;
  port?: number;
}

/**
 * The hosts an environment value or command argument reaches: URLs (`scheme://[user@]host[:port]`, also behind `jdbc:` or `r2dbc:`,
 * the scheme's usual port when none is written) and `host:port`. Bare words are left alone:
 * `REDIS_HOST=redis` says nothing of the port.
 *
 * @example
 * hostUses('postgres://app:secret@db/shop') // [{ host: 'db', port: 5432 }]
 */
export function hostUses(text: string): HostUse[] {
  const out: HostUse[] = [];
  for (const token of text.split(/[\s,;'"=]+/)) {
    // `jdbc:postgresql://db/x`, `r2dbc:mysql://db`: the outer scheme names the driver API, the inner one the server.
    const url = /^(?:(?:jdbc|r2dbc):)?([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#\s]*@)?([A-Za-z0-9_.-]+)(?::(\d{1,5}))?(?:[/?#]|$)/i.exec(token);
    if (url) {
      const scheme = (url[1] as string).toLowerCase().split('+')[0] as string;
      const port = url[3] !== undefined ? Number(url[3]) : Object.hasOwn(DEFAULT_PORTS, scheme) ? DEFAULT_PORTS[scheme] : undefined;
      out.push(port !== undefined ? { host: url[2] as string, port } : { host: url[2] as string });
      continue;
    }
    const hp = /^([A-Za-z0-9_.-]+):(\d{1,5})$/.exec(token);
    if (hp && /[A-Za-z]/.test(hp[1] as string)) out.push({ host: hp[1] as string, port: Number(hp[2]) });
  }
  return out;
}

