/**
 * ECS Service Connect (issue 17, DESIGN "Runs like compose": services reach each other by name
 * and alias on a shared network; across tasks through Service Connect aliases in one namespace).
 * ECS rules cited: PortMapping.name — "the name that's used for the port mapping … referenced in
 * the serviceConnectConfiguration of a service"; appProtocol "is only used in Service Connect"
 * and needs the name; ServiceConnectService.portName is "the portName must match the name of
 * one of the portMappings"; ServiceConnectClientAlias dnsName/port are what client apps use.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { portMappingName } from '../../../src/backends/ecs/service-connect.js';
import { validateCreateService, validateRegisterTaskDefinition } from '../../validators/ecs.js';

const APP = `name: shop
services:
  web:
    image: nginx:1.27
    environment: { DATABASE_URL: "postgres://db:5432/shop" }
    ports:
      - { target: 80, published: "8080", app_protocol: http }
  db:
    image: postgres:16
    expose: ["5432"]
    networks:
      default:
        aliases: [database]
`;

type Doc = Record<string, any>;

async function ecs(compose: string, options: Partial<ConvertOptions> = {}) {
  const { outputs, diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {}, target: 'ecs', layout: 'service', ...options });
  for (const o of outputs) {
    if (o.path.endsWith('.task-definition.json')) expect(validateRegisterTaskDefinition(o.value), o.path).toEqual([]);
    if (o.path.endsWith('.service.json')) expect(validateCreateService(o.value), o.path).toEqual([]);
  }
  const doc = (p: string): Doc => outputs.find((o) => o.path === p)?.value as Doc;
  return { doc, diagnostics };
}

describe('Service Connect: a service reaches another by its compose name across tasks', () => {
  it('each published or exposed tcp port is a named port mapping; app_protocol becomes appProtocol', async () => {
    const { doc } = await ecs(APP);
    expect(doc('web.task-definition.json').containerDefinitions[0].portMappings).toEqual([{ containerPort: 80, hostPort: 8080, name: 'web-80-tcp', appProtocol: 'http' }]);
    // expose alone: a mapping of its own, so Service Connect can advertise it.
    expect(doc('db.task-definition.json').containerDefinitions[0].portMappings).toEqual([{ containerPort: 5432, hostPort: 0, name: 'db-5432-tcp' }]);
  });

  // ServiceConnectService.clientAliases: "The maximum number of client aliases that you can have in this list is 1."
  it('the ECS service advertises each port under the service name and each network alias, one client alias per Service Connect service', async () => {
    const { doc } = await ecs(APP);
    expect(doc('db.service.json').serviceConnectConfiguration).toEqual({
      enabled: true,
      namespace: 'shop',
      services: [
        { portName: 'db-5432-tcp', clientAliases: [{ port: 5432, dnsName: 'db' }] },
        { portName: 'db-5432-tcp', discoveryName: 'db-5432-tcp-database', clientAliases: [{ port: 5432, dnsName: 'database' }] },
      ],
    });
  });

  it('every service is a client of the namespace, even one that advertises nothing', async () => {
    const { doc } = await ecs(`${APP}  worker:\n    image: busybox\n`);
    expect(doc('worker.service.json').serviceConnectConfiguration).toEqual({ enabled: true, namespace: 'shop' });
  });

  it('the namespace: x-ecs.service_connect.namespace, or cloudMapNamespace (--cloud-map-namespace) over it', async () => {
    const given = `${APP}x-ecs:\n  service_connect: { namespace: prod-shop }\n`;
    expect((await ecs(given)).doc('web.service.json').serviceConnectConfiguration.namespace).toBe('prod-shop');
    expect((await ecs(given, { cloudMapNamespace: 'other' })).doc('web.service.json').serviceConnectConfiguration.namespace).toBe('other');
  });

  it('x-ecs.service_connect: false turns it off: no names, no configuration', async () => {
    const { doc } = await ecs(`${APP}x-ecs:\n  service_connect: false\n`);
    expect(doc('web.service.json').serviceConnectConfiguration).toBeUndefined();
    expect(doc('web.task-definition.json').containerDefinitions[0].portMappings[0].name).toBeUndefined();
  });

  it('the project layout (one task) has no Service Connect: containers meet on localhost', async () => {
    const { doc } = await ecs(APP, { layout: 'project' });
    expect(doc('shop.service.json')?.serviceConnectConfiguration).toBeUndefined();
  });

  it('Fargate: a chosen task size leaves the proxy 256 CPU units and 64 MiB (the ECS guide\'s recommendation)', async () => {
    const { doc } = await ecs(`${APP.replace('image: nginx:1.27', 'image: nginx:1.27\n    cpus: 1\n    mem_limit: 2g')}x-ecs:\n  launch_type: FARGATE\n`);
    const td = doc('web.task-definition.json');
    expect([td.cpu, td.memory]).toEqual(['2048', '4096']);
  });

  it('port names are what ECS takes: lowercase letters, digits, _ and -, at most 64 characters', () => {
    expect(portMappingName('Web.API', 80, 'tcp')).toBe('web-api-80-tcp');
    expect(portMappingName('x'.repeat(80), 65535, 'tcp')).toHaveLength(64);
  });
});

describe('ECS_NAME_UNRESOLVED: where a compose name cannot resolve across tasks, one warning at the key, naming the name and the fix', () => {
  const codes = (d: { code: string; severity: string; path?: string }[]) => d.filter((x) => x.code === 'ECS_NAME_UNRESOLVED').map((x) => `${x.severity} ${x.path ?? ''}`);

  it('Service Connect turned off: at x-ecs.service_connect, naming the services', async () => {
    const { diagnostics } = await ecs(`${APP}x-ecs:\n  service_connect: false\n`);
    expect(codes(diagnostics)).toEqual(['warning /x-ecs/service_connect']);
    expect(diagnostics.find((d) => d.code === 'ECS_NAME_UNRESOLVED')?.message).toContain('reach db, web by name');
  });

  it('network_mode host: Service Connect does not support it (ECS: awsvpc or bridge only)', async () => {
    const { diagnostics, doc } = await ecs(`${APP}  agent:\n    image: datadog/agent:7\n    network_mode: host\n`);
    expect(codes(diagnostics)).toEqual(['warning /services/agent/network_mode']);
    expect(doc('agent.service.json').serviceConnectConfiguration).toBeUndefined();
  });

  it('depends_on a service in another task that neither exposes nor publishes a port: at depends_on.<name>, the fix is expose', async () => {
    const { diagnostics } = await ecs(`${APP}  api:\n    image: busybox\n    depends_on: [search]\n  search:\n    image: opensearch:2\n`);
    expect(codes(diagnostics)).toEqual(['warning /services/api/depends_on/search']);
    expect(diagnostics.find((d) => d.code === 'ECS_NAME_UNRESOLVED')?.message).toContain('add expose: ["PORT"] to services.search');
  });

  it('a job waited on to complete (a migration) is not reached by name: no warning', async () => {
    const { diagnostics } = await ecs(`${APP}  api:\n    image: busybox\n    depends_on:\n      migrate: { condition: service_completed_successfully }\n  migrate:\n    image: busybox\n    restart: "no"\n`);
    expect(codes(diagnostics)).toEqual([]);
  });

  it('the CloudFormation target gives the same warning, with the same severity', async () => {
    const { diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': `${APP}x-ecs:\n  service_connect: false\n` }, '/p'), env: {}, target: 'cloudformation' });
    expect(codes(diagnostics)).toEqual(['warning /x-ecs/service_connect']);
  });
});

describe('05-services ports: consecutive tcp ports are ports like any other to compose (each reachable by name)', () => {
  // redpanda in awesome-compose wasmedge-kafka-mysql: "8081:8081", "8082:8082"; the model holds a
  // written range 8000-8002 the same way, so the rule is one of numbers: runs up to MAX_ADVERTISED_RUN.
  const app = (ports: string) => `name: shop
services:
  web:
    image: nginx:1.27
    environment: { BROKER: "http://broker:8082" }
  broker:
    image: redpanda:24
    ports: ${ports}
`;
  const entries = (doc: (p: string) => Doc) => doc('broker.service.json').serviceConnectConfiguration.services.map((s: Doc) => `${s.portName} ${s.clientAliases[0].dnsName}:${s.clientAliases[0].port}`);

  it('two single ports that follow each other: each is a named mapping and advertised, and nothing is reported', async () => {
    const { doc, diagnostics } = await ecs(app('["8081:8081", "8082:8082"]'));
    expect(entries(doc)).toEqual(['broker-8081-tcp broker:8081', 'broker-8082-tcp broker:8082']);
    expect(diagnostics.filter((d) => d.code === 'ECS_NAME_UNRESOLVED')).toEqual([]);
  });

  it('a written range of 3 ports: the same as three single ports', async () => {
    const { doc } = await ecs(app('["8080-8082:8080-8082"]'));
    expect(entries(doc)).toEqual(['broker-8080-tcp broker:8080', 'broker-8081-tcp broker:8081', 'broker-8082-tcp broker:8082']);
  });

  it('a run of more than 5 ports is left to a load balancer: one warning at the entry, saying so', async () => {
    const { doc, diagnostics } = await ecs(app('["8080-8085:8080-8085"]'));
    expect(doc('broker.service.json').serviceConnectConfiguration.services ?? []).toEqual([]);
    const found = diagnostics.filter((d) => d.code === 'ECS_NAME_UNRESOLVED' && d.path === '/services/broker/ports/0');
    expect(found.map((d) => d.message)).toEqual([
      'the ports 8080-8085/tcp of broker are not advertised through Service Connect, which gives each port a Service Connect service of its own, so a run of more than 5 consecutive ports is left to a load balancer: other tasks cannot reach "broker" on them by name as under compose; reach them through a load balancer (x-ecs), or publish at most 5 consecutive ports',
    ]);
  });
});
