/**
 * Compose projects about how services find each other (issue 17): 2 to 5 long-running
 * services with published, exposed, ranged, udp and host-bound ports, networks with aliases
 * (drawn from a small pool, so that aliases meet each other and service names), links with
 * aliases, environment URLs, a service in host network mode now and then, and Service Connect
 * turned off now and then.
 *
 * @example
 * fc.assert(fc.asyncProperty(namesProject(), async (doc) => { … }));
 */
import fc from 'fast-check';
import type { ComposeDoc } from '../support/arbitraries.js';

export const NAMES = ['api', 'db', 'web', 'cache', 'queue'] as const;
const NETWORKS = ['default', 'front', 'back'] as const;
const ALIASES = ['db', 'store', 'cache', 'primary', 'web', 'search', 'Replica'] as const;
const PORTS = ['80', '8080:80', '5432', '127.0.0.1:9000:9000', '53:53/udp', '7000-7001:7000-7001', '6379'] as const;
const EXPOSE = ['5432', '6379', '9090/udp', '3000'] as const;

const service = fc.record(
  {
    ports: fc.uniqueArray(fc.constantFrom(...PORTS), { maxLength: 2 }),
    expose: fc.uniqueArray(fc.constantFrom(...EXPOSE), { maxLength: 2 }),
    networks: fc.uniqueArray(fc.constantFrom(...NETWORKS), { minLength: 1, maxLength: 2 }),
    aliases: fc.array(fc.uniqueArray(fc.constantFrom(...ALIASES), { maxLength: 2 }), { minLength: 2, maxLength: 2 }),
    host: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    link: fc.option(fc.record({ to: fc.integer({ min: 0, max: 4 }), alias: fc.option(fc.constantFrom(...ALIASES), { nil: undefined }) }), { nil: undefined }),
    url: fc.option(fc.record({ to: fc.integer({ min: 0, max: 4 }), port: fc.constantFrom(80, 5432, 6379, 3000) }), { nil: undefined }),
  },
  { requiredKeys: ['ports', 'expose', 'networks', 'aliases', 'host'] },
);

/** A project of 2 to 5 services named api, db, web, cache, queue (the first n). */
export function namesProject(): fc.Arbitrary<ComposeDoc> {
  return fc.tuple(fc.integer({ min: 2, max: NAMES.length }), fc.integer({ min: 0, max: 7 })).chain(([n, off]) =>
    fc.array(service, { minLength: n, maxLength: n }).map((list) => {
      const services: ComposeDoc['services'] = {};
      const used = new Set<string>();
      list.forEach((s, i) => {
        const name = NAMES[i] as string;
        const out: Record<string, unknown> = { image: 'example/app:1', mem_limit: '64m', restart: 'always' };
        // Host ports of their own per service: two services publishing one host port is an error under compose.
        if (s.ports.length) out.ports = s.ports.map((p) => p.replace(/^(\d+:|127\.0\.0\.1:\d+:|\d+-\d+:)/, (h) => h.replace(/\d+/g, (d) => String(Number(d) + 10 * i))));
        if (s.expose.length) out.expose = [...s.expose];
        if (s.host) out.network_mode = 'host';
        else {
          const nets: Record<string, unknown> = {};
          s.networks.forEach((net, j) => {
            const aliases = s.aliases[j] ?? [];
            nets[net] = aliases.length ? { aliases } : null;
            if (net !== 'default') used.add(net);
          });
          out.networks = nets;
        }
        // Only to a later service (links imply depends_on: no cycles), never to one in host mode.
        const link = s.link && s.link.to < n && s.link.to > i && !list[s.link.to]?.host ? s.link : undefined;
        if (link && !s.host) out.links = [link.alias ? `${NAMES[link.to]}:${link.alias}` : (NAMES[link.to] as string)];
        const url = s.url && s.url.to < n && s.url.to !== i ? s.url : undefined;
        if (url) out.environment = { TARGET_URL: `tcp://${NAMES[url.to]}:${url.port}` };
        services[name] = out;
      });
      const doc: ComposeDoc = { name: 'shop', services };
      if (used.size) doc.networks = Object.fromEntries([...used].sort().map((k) => [k, {}]));
      if (off === 0) doc['x-ecs'] = { service_connect: false };
      return doc;
    }),
  );
}
