/**
 * Issue 17, names a service uses under compose that Service Connect must give it across tasks.
 * Compose: 05-services.md links — "Containers for the linked service are reachable at a hostname
 * identical to the alias, or the service name if no alias is specified"; extra_hosts — "adds
 * hostname mappings to the container network interface configuration (/etc/hosts for Linux)";
 * networks.aliases — "declares alternative hostnames for the service on the network. Other
 * containers on the same network can use either the service name or this alias". ECS:
 * ServiceConnectClientAlias — "Each name and port mapping must be unique within the namespace".
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { hostUses } from '../../../src/backends/ecs/name-uses.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';

type Doc = Record<string, any>;

async function run(compose: string, target: 'ecs' | 'cloudformation' = 'ecs', options: Partial<ConvertOptions> = {}) {
  const { outputs, diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {}, target, layout: 'service', ...options });
  const doc = (p: string): Doc => outputs.find((o) => o.path === p)?.value as Doc;
  return { doc, diagnostics };
}
const found = (d: readonly Diagnostic[], code = 'ECS_NAME_UNRESOLVED') => d.filter((x) => x.code === code).map((x) => `${x.severity} ${x.path ?? ''}`);
const message = (d: readonly Diagnostic[], path: string) => d.find((x) => x.path === path)?.message ?? '';

const PG = `name: shop
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    environment:
      DATABASE_URL: postgres://app:secret@db:5432/shop
      CACHE: redis:6379
  db:
    image: postgres:16
  redis:
    image: redis:7
    expose: ["6379"]
`;

describe('05-services environment: a URL or host:port naming a service of another task, on a port it does not advertise', () => {
  it('a database with neither expose nor ports (the common postgres case): a warning at the environment key, naming the port and the fix', async () => {
    for (const target of ['ecs', 'cloudformation'] as const) {
      const { diagnostics } = await run(PG, target);
      expect(found(diagnostics), target).toEqual(['warning /services/web/environment/DATABASE_URL']);
      expect(message(diagnostics, '/services/web/environment/DATABASE_URL')).toContain('add expose: ["5432"] to services.db');
    }
  });

  it('a port the target does not advertise, though it advertises another', async () => {
    const { diagnostics } = await run(PG.replace('CACHE: redis:6379', 'CACHE: redis:6380').replace('image: postgres:16', 'image: postgres:16\n    expose: ["5432"]'));
    expect(found(diagnostics)).toEqual(['warning /services/web/environment/CACHE']);
    expect(message(diagnostics, '/services/web/environment/CACHE')).toContain('advertises only 6379');
  });

  it('the port exposed: nothing to say; the scheme\'s own port counts when the URL has none', async () => {
    const { diagnostics } = await run(PG.replace('@db:5432/', '@db/').replace('image: postgres:16', 'image: postgres:16\n    expose: ["5432"]'));
    expect(found(diagnostics)).toEqual([]);
  });

  it('the command is read too', async () => {
    const { diagnostics } = await run(`${PG}  worker:\n    image: busybox\n    command: ["wait-for", "db:5432", "--", "run"]\n`);
    expect(found(diagnostics)).toContain('warning /services/worker/command');
  });

  it('hostUses: URLs (with user info, without port) and host:port; bare words and numbers are not hosts', () => {
    expect(hostUses('postgres://u:p@db/x')).toEqual([{ host: 'db', port: 5432 }]);
    expect(hostUses('http://api:3000/v1 amqp://mq')).toEqual([{ host: 'api', port: 3000 }, { host: 'mq', port: 5672 }]);
    expect(hostUses('cache:6379')).toEqual([{ host: 'cache', port: 6379 }]);
    expect(hostUses('redis')).toEqual([]);
    expect(hostUses('12:30')).toEqual([]);
    expect(hostUses('custom://svc/x')).toEqual([{ host: 'svc' }]);
  });

  it('hostUses: a JDBC or R2DBC URL names its host after the inner scheme (keycloak KC_DB_URL: jdbc:postgresql://postgres:5432/keycloak)', () => {
    expect(hostUses('jdbc:postgresql://postgres:5432/keycloak')).toEqual([{ host: 'postgres', port: 5432 }]);
    expect(hostUses('jdbc:mysql://db/shop?useSSL=false')).toEqual([{ host: 'db', port: 3306 }]);
    expect(hostUses('r2dbc:postgresql://u:p@pg/app')).toEqual([{ host: 'pg', port: 5432 }]);
    expect(hostUses('jdbc:sqlserver://mssql:1433;databaseName=x')).toEqual([{ host: 'mssql', port: 1433 }]);
  });

  it('a JDBC URL in the environment is a name use (keycloak): the warning is at KC_DB_URL, with the port', async () => {
    const { diagnostics } = await run(`${PG}  kc:\n    image: quay.io/keycloak/keycloak:26.0\n    environment:\n      KC_DB_URL: jdbc:postgresql://db:5432/keycloak\n`);
    expect(found(diagnostics)).toContain('warning /services/kc/environment/KC_DB_URL');
  });
});

describe('05-services links: across tasks a link resolves through Service Connect, its alias becomes a client alias', () => {
  const LINKED = `name: shop
services:
  api:
    image: busybox
    links: ["db:database"]
  db:
    image: postgres:16
    expose: ["5432"]
`;

  it('the alias is advertised as a client alias of the target (a Service Connect service of its own), with an info; no cross-task warning', async () => {
    const { doc, diagnostics } = await run(LINKED);
    expect(doc('db.service.json').serviceConnectConfiguration.services.map((s: Doc) => s.clientAliases[0].dnsName)).toEqual(['db', 'database']);
    expect(found(diagnostics, 'ECS_CROSS_TASK_DEPENDENCY')).toEqual(['info /services/api/links/0']);
    expect(found(diagnostics)).toEqual([]);
  });

  it('a link to a service that advertises no port: a warning at the link entry, the fix is expose', async () => {
    const { diagnostics } = await run(LINKED.replace('    expose: ["5432"]\n', ''));
    expect(found(diagnostics)).toEqual(['warning /services/api/links/0']);
    expect(message(diagnostics, '/services/api/links/0')).toContain('add expose: ["PORT"] to services.db');
  });

  it('Service Connect off: the cross-task link warning of the dependencies pass stays', async () => {
    const { diagnostics } = await run(`${LINKED}x-ecs:\n  service_connect: false\n`);
    expect(found(diagnostics, 'ECS_CROSS_TASK_DEPENDENCY')).toEqual(['warning /services/api/links/0']);
  });
});

describe('05-services extra_hosts: a fixed address for the name of a service in another task', () => {
  it('a warning at the entry, naming the name and the fix (remove it, reach the service through Service Connect)', async () => {
    for (const target of ['ecs', 'cloudformation'] as const) {
      const { diagnostics } = await run(`name: shop\nservices:\n  api:\n    image: busybox\n    extra_hosts: ["db=10.0.0.5", "metadata=169.254.169.254"]\n  db:\n    image: postgres:16\n    expose: ["5432"]\n`, target);
      expect(found(diagnostics), target).toEqual(['warning /services/api/extra_hosts/db']);
      expect(message(diagnostics, '/services/api/extra_hosts/db')).toMatch(/pins "db".*remove the entry/);
    }
  });
});

describe('05-services networks.aliases: two services claiming one name on one port (ECS: unique in the namespace)', () => {
  const CLAIMS = `name: shop
services:
  db:
    image: postgres:16
    expose: ["5432"]
  replica:
    image: postgres:16
    expose: ["5432"]
    networks:
      default:
        aliases: [db, reader]
`;
  it('a warning at the second claim; the name stays the first service\'s, the refused alias is not advertised', async () => {
    for (const target of ['ecs', 'cloudformation'] as const) {
      const { diagnostics } = await run(CLAIMS, target);
      expect(found(diagnostics), target).toEqual(['warning /services/replica/networks/default/aliases/0']);
      expect(message(diagnostics, '/services/replica/networks/default/aliases/0')).toContain('give the network alias another name');
    }
    const { doc } = await run(CLAIMS);
    expect(doc('replica.service.json').serviceConnectConfiguration.services.map((s: Doc) => s.clientAliases[0].dnsName)).toEqual(['replica', 'reader']);
  });

  it('the same name on different ports is two endpoints: no finding', async () => {
    const { diagnostics } = await run(CLAIMS.replace('expose: ["5432"]\n    networks', 'expose: ["5433"]\n    networks'));
    expect(found(diagnostics)).toEqual([]);
  });
});

describe('05-services networks.aliases: Service Connect names are flat, compose aliases belong to one network', () => {
  it('an alias on a network some clients do not join: an info at the alias naming them', async () => {
    const { diagnostics } = await run(`name: shop
services:
  api:
    image: busybox
    networks: [back]
  web:
    image: nginx:1.27
    networks: [front]
  db:
    image: postgres:16
    expose: ["5432"]
    networks:
      back:
        aliases: [database]
networks:
  front: {}
  back: {}
`);
    const at = '/services/db/networks/back/aliases/0';
    expect(diagnostics.filter((d) => d.path === at).map((d) => `${d.code} ${d.severity}`)).toEqual(['ECS_UNSUPPORTED_FIELD info']);
    expect(message(diagnostics, at)).toContain('web, which do not join back');
  });
});

describe('ServiceConnectClientAlias.dnsName: lowercase letters, digits, _, - and ., up to 127, not starting with -', () => {
  it('a name with capitals is advertised lowercased (DNS names match without regard to case); an alias that is no DNS name is warned at and left out', async () => {
    const { doc, diagnostics } = await run(`name: shop
services:
  api:
    image: busybox
  Db:
    image: postgres:16
    expose: ["5432"]
    networks:
      default:
        aliases: [Primary, "-bad"]
`);
    expect(doc('Db.service.json').serviceConnectConfiguration.services.map((s: Doc) => s.clientAliases[0].dnsName)).toEqual(['db', 'primary']);
    expect(found(diagnostics)).toEqual(['warning /services/Db/networks/default/aliases/1']);
  });
});
