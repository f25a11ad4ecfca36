/**
 * Compose `ports[].name` ("a human-readable name for the port, used to document its usage
 * within the service", 05-services.md ports, long syntax) on ECS: a port mapping name is
 * lowercase letters, digits, `_` and `-` (PortMapping.name), the name a service's Service
 * Connect entry points at (ServiceConnectService.portName "must match the name of one of the
 * portMappings"), and, unless a discoveryName is given, the Cloud Map service of that entry,
 * which "must be unique within the namespace". So a compose name is carried only when ECS takes
 * it and it names one port of the project; otherwise the info says what the mapping is called.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { checkEcsDocuments } from '../validators/ecs-semantics.js';

type Doc = Record<string, any>;

async function ecs(compose: string, options: Partial<ConvertOptions> = {}) {
  const { outputs, diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {}, target: 'ecs', layout: 'service', ...options });
  expect(checkEcsDocuments(outputs, diagnostics)).toEqual([]);
  const doc = (p: string): Doc => outputs.find((o) => o.path === p)?.value as Doc;
  const infos = diagnostics.filter((d) => d.code === 'ECS_INVALID' && d.message.includes('does not name the ECS port mapping'));
  return { doc, infos };
}

const names = (td: Doc) => td.containerDefinitions.flatMap((c: Doc) => (c.portMappings ?? []).map((m: Doc) => m.name));

describe('05-services ports[].name: carried to the ECS port mapping only where ECS can take it', () => {
  it('a valid name used by one port of the project names its mapping and its Service Connect entry', async () => {
    const { doc, infos } = await ecs('name: shop\nservices:\n  web:\n    image: nginx\n    ports: [{ target: 80, published: "8080", name: http }]\n  db:\n    image: postgres\n');
    expect(names(doc('web.task-definition.json'))).toEqual(['http']);
    expect(doc('web.service.json').serviceConnectConfiguration.services[0].portName).toBe('http');
    expect(infos).toEqual([]);
  });

  it('two services with a port of one name (extends copies it): neither keeps it, so the Cloud Map names cannot clash', async () => {
    const compose = 'name: shop\nservices:\n  a:\n    image: nginx\n    ports: [{ target: 80, name: admin }]\n  b:\n    extends: { service: a }\n';
    const { doc, infos } = await ecs(compose);
    expect(names(doc('a.task-definition.json'))).toEqual(['a-80-tcp']);
    expect(names(doc('b.task-definition.json'))).toEqual(['b-80-tcp']);
    expect(infos.map((d) => d.message)).toEqual([
      'services.a.ports[0].name "admin" does not name the ECS port mapping: another port of the project has that name too, and ECS needs a port mapping name unique in its task definition and, through Service Connect, in the namespace; where Service Connect advertises the port, its mapping is named a-80-tcp; otherwise it has no name',
      'services.b.ports[0].name "admin" does not name the ECS port mapping: another port of the project has that name too, and ECS needs a port mapping name unique in its task definition and, through Service Connect, in the namespace; where Service Connect advertises the port, its mapping is named b-80-tcp; otherwise it has no name',
    ]);
  });

  it('one task (project layout) with two ports of one name: no two mappings share it', async () => {
    const compose = 'name: shop\nservices:\n  a:\n    image: nginx\n    ports: [{ target: 80, name: web }, { target: 81, name: web, protocol: udp }]\n  b:\n    image: nginx\n';
    const { doc, infos } = await ecs(compose, { layout: 'project' });
    const all = names(doc('shop.task-definition.json')).filter((n: unknown) => n !== undefined);
    expect(new Set(all).size).toBe(all.length);
    expect(infos.map((d) => d.path)).toEqual(['/services/a/ports/0/name', '/services/a/ports/1/name']);
  });

  it('a name ECS would refuse (capitals, a space) is not carried; the info says why', async () => {
    const { doc, infos } = await ecs('name: shop\nservices:\n  web:\n    image: nginx\n    ports: [{ target: 80, name: "Admin UI" }]\n  db:\n    image: postgres\n');
    expect(names(doc('web.task-definition.json'))).toEqual(['web-80-tcp']);
    expect(infos[0]?.message).toContain('ECS takes lowercase letters, digits, _ and - (at most 64, not starting with -)');
  });

  it('a name that is another port\'s generated name (db-5432-tcp) is not taken from it', async () => {
    const compose = 'name: shop\nservices:\n  db:\n    image: postgres\n    expose: ["5432"]\n  web:\n    image: nginx\n    ports: [{ target: 80, name: db-5432-tcp }]\n';
    const { doc } = await ecs(compose);
    expect(names(doc('web.task-definition.json'))).toEqual(['web-80-tcp']);
    expect(names(doc('db.task-definition.json'))).toEqual(['db-5432-tcp']);
  });

  it('without Service Connect (one task), a name ECS would refuse leaves the mapping unnamed, and says so', async () => {
    const { doc, infos } = await ecs('name: shop\nservices:\n  web:\n    image: nginx\n    ports: [{ target: 80, name: "Admin UI" }]\n');
    expect(names(doc('web.task-definition.json'))).toEqual([undefined]);
    expect(infos[0]?.message).toMatch(/the mapping has no name$/);
  });
});
