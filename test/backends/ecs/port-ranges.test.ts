/**
 * Port ranges (05-services § ports: "Ports can be either a single value or a range") on the ECS
 * target. The loader gives a range one entry per port, as docker compose config does; the ECS
 * target says a range whose host ports ECS picks as one `containerPortRange` (PortMapping:
 * bridge or awsvpc, no hostPort, at most 100 ranges in a container), keeps the others as
 * single mappings (a container instance reserves at most 100 static host ports), and reports
 * a range once, as a whole. Every task definition passes validateRegisterTaskDefinition.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { validateRegisterTaskDefinition } from '../../validators/ecs.js';

type Mapping = { containerPort?: number; containerPortRange?: string; hostPort?: number; protocol?: string };

async function ecs(ports: string[], options: Partial<ConvertOptions> = {}, extra = '') {
  // Logs as issue 19 gives them, with nothing left to note: a Region, a group ECS creates, an execution role.
  const compose = `x-ecs:\n  region: eu-west-1\n  execution_role_arn: arn:aws:iam::123456789012:role/exec\n  logging: { create_group: true }\nservices:\n  web:\n    image: nginx:1.27\n    mem_limit: 64m\n    ports: [${ports.map((p) => JSON.stringify(p)).join(', ')}]\n${extra}`;
  const { outputs, diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {}, target: 'ecs', layout: 'service', ...options });
  for (const o of outputs) if (o.path.endsWith('.task-definition.json')) expect(validateRegisterTaskDefinition(o.value), o.path).toEqual([]);
  const td = outputs.find((o) => o.path === 'web.task-definition.json')?.value as { containerDefinitions: { portMappings?: Mapping[] }[] } | undefined;
  return { mappings: td?.containerDefinitions[0]?.portMappings, diagnostics, codes: diagnostics.map((d) => `${d.severity} ${d.code} ${d.path ?? ''}`) };
}

const FARGATE = { launchType: 'FARGATE', subnets: ['subnet-1'] } as const;
const SUBNETS = '';

describe('05-services ports, ranges under awsvpc (Fargate): host ports equal container ports, so a range is one containerPortRange', () => {
  it('"8000-8100" and "8000-8100:8000-8100" → containerPortRange 8000-8100', async () => {
    for (const p of ['8000-8100', '8000-8100:8000-8100']) {
      const r = await ecs([p], FARGATE, SUBNETS);
      expect(r.mappings).toEqual([{ containerPortRange: '8000-8100' }]);
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('"10000-20000/udp" (a media server) → one udp containerPortRange', async () => {
    expect((await ecs(['10000-20000/udp'], FARGATE, SUBNETS)).mappings).toEqual([{ containerPortRange: '10000-20000', protocol: 'udp' }]);
  });

  it('"9000-9002:8000-8002": published ≠ target is one warning for the range, not one per port', async () => {
    const r = await ecs(['9000-9002:8000-8002'], FARGATE, SUBNETS);
    expect(r.mappings).toEqual([{ containerPortRange: '8000-8002' }]);
    expect(r.codes).toEqual(['warning ECS_LAUNCH_TYPE_RULE /services/web/ports/0']);
    expect(r.diagnostics[0]?.message).toContain('publishes 9000-9002 for container ports 8000-8002');
  });

  it('a single port stays a mapping (a range has a first port below its last)', async () => {
    expect((await ecs(['8000-8000'], FARGATE, SUBNETS)).mappings).toEqual([{ containerPort: 8000, hostPort: 8000 }]);
  });
});

describe('05-services ports, ranges in bridge mode (EC2)', () => {
  it('an unpublished range: ECS picks the host ports → containerPortRange', async () => {
    expect((await ecs(['9000-9099', '80'])).mappings).toEqual([{ containerPortRange: '9000-9099' }, { containerPort: 80, hostPort: 0 }]);
  });

  it('a published range: ECS cannot be told host ports for a range, so one static mapping per port', async () => {
    expect((await ecs(['7000-7002:7000-7002'])).mappings).toEqual([
      { containerPort: 7000, hostPort: 7000 },
      { containerPort: 7001, hostPort: 7001 },
      { containerPort: 7002, hostPort: 7002 },
    ]);
  });

  it('more than 100 static host ports can never be placed on a container instance: ECS_LIMIT at the ports', async () => {
    const r = await ecs(['8000-8100:8000-8100']);
    expect(r.codes).toContain('error ECS_LIMIT /services/web/ports');
    expect((await ecs(['8000-8099:8000-8099'])).codes.filter((c) => c.includes('ECS_LIMIT'))).toEqual([]);
  });

  it('a port both in a range and mapped on its own stays out of the range (ECS: a port in one mapping only)', async () => {
    expect((await ecs(['80-82', '8080:80'])).mappings).toEqual([
      { containerPort: 80, hostPort: 0 },
      { containerPortRange: '81-82' },
      { containerPort: 80, hostPort: 8080 },
    ]);
  });

  it('more than 100 ranges in a container: ECS_LIMIT', async () => {
    const ranges = Array.from({ length: 101 }, (_, i) => `${10000 + 3 * i}-${10001 + 3 * i}`);
    expect((await ecs(ranges)).codes).toContain('error ECS_LIMIT /services/web/ports');
    expect((await ecs(ranges.slice(0, 100))).codes.filter((c) => c.includes('ECS_LIMIT'))).toEqual([]);
  });
});

describe('05-services ports, ranges ECS cannot map: one finding per range, at its entry', () => {
  it('"127.0.0.1:5000-5010:5000-5010": host_ip reported once, the range left out', async () => {
    const r = await ecs(['127.0.0.1:5000-5010:5000-5010']);
    expect(r.mappings).toBeUndefined();
    expect(r.codes).toEqual(['warning ECS_UNSUPPORTED_FIELD /services/web/ports/0/host_ip']);
  });

  it('"5000-5010/sctp": one warning', async () => {
    expect((await ecs(['5000-5010/sctp'])).codes).toEqual(['warning ECS_UNSUPPORTED_FIELD /services/web/ports/0']);
  });

  it('a udp range over tcp ports already mapped: one warning naming the ports, the rest of the range kept', async () => {
    const r = await ecs(['5000-5002', '5001-5005/udp']);
    expect(r.codes).toEqual(['warning ECS_UNSUPPORTED_FIELD /services/web/ports/3']);
    expect(r.diagnostics[0]?.message).toContain('container ports 5001…5002 (2) are already mapped for tcp');
    expect(r.mappings).toEqual([{ containerPortRange: '5000-5002' }, { containerPortRange: '5003-5005', protocol: 'udp' }]);
  });

  it('host network mode: no ranges in ECS, so one mapping per port, and more than 100 is ECS_LIMIT', async () => {
    const small = await ecs(['7000-7001'], {}, '    network_mode: host\n');
    expect(small.mappings).toEqual([
      { containerPort: 7000, hostPort: 7000 },
      { containerPort: 7001, hostPort: 7001 },
    ]);
    expect((await ecs(['7000-7100'], {}, '    network_mode: host\n')).codes).toContain('error ECS_LIMIT /services/web/ports');
  });
});

describe('a full range', () => {
  // A quadratic de-duplication once took seconds here: a hang ends in the test's timeout; speed is measured by npm run bench.
  it('"1-65535" in bridge mode: one containerPortRange', async () => {
    expect((await ecs(['1-65535'])).mappings).toEqual([{ containerPortRange: '1-65535' }]);
  });
});
