/**
 * Issue 19, "runs like compose": logs are kept (awslogs by default), restarts as compose
 * counts them where ECS can, and the create-service input completed by the network flags.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

const DIR = '/p';

async function ecs(compose: string, options: Partial<ConvertOptions> = {}) {
  const host = memoryHost({ [`${DIR}/compose.yaml`]: compose }, DIR);
  const r = await convert({ host, files: [`${DIR}/compose.yaml`], env: {}, target: 'ecs', ...options });
  const doc = (path: string) => JSON.parse(r.outputs.find((o) => o.path === path)?.contents ?? 'null') as Record<string, unknown> & { containerDefinitions: Record<string, unknown>[] };
  return { ...r, doc };
}

const WEB = `
name: shop
services:
  web:
    image: nginx:1.27
`;

const logOptions = (td: { containerDefinitions: Record<string, unknown>[] }) => (td.containerDefinitions[0]?.logConfiguration as { options?: Record<string, string> } | undefined)?.options;

describe('logs are kept: awslogs by default for a container without compose logging', () => {
  it('group /ecs/<project>, stream prefix the service, Region from --region', async () => {
    const r = await ecs(WEB, { region: 'eu-west-1' });
    expect(r.doc('web.task-definition.json').containerDefinitions[0]?.logConfiguration).toEqual({ logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' } });
    const group = r.diagnostics.filter((d) => d.code === 'ECS_LOG_GROUP');
    expect(group).toHaveLength(1);
    expect(group[0]?.message).toContain('aws logs create-log-group --log-group-name /ecs/shop --region eu-west-1');
  });

  it('the Region: --region, then x-ecs.region, then AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    const region = async (compose: string, options: Partial<ConvertOptions>) => logOptions((await ecs(compose, options)).doc('web.task-definition.json'))?.['awslogs-region'];
    const withFile = `${WEB}x-ecs:\n  region: eu-north-1\n`;
    const env = { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-east-1' };
    expect(await region(withFile, { region: 'eu-west-1', env })).toBe('eu-west-1');
    expect(await region(withFile, { env })).toBe('eu-north-1');
    expect(await region(WEB, { env })).toBe('us-west-2');
    expect(await region(WEB, { env: { AWS_DEFAULT_REGION: 'us-east-1' } })).toBe('us-east-1');
  });

  it('no Region: awslogs-region is left out, the output stays valid, and one warning names the four sources', async () => {
    const r = await ecs(`${WEB}  api:\n    image: example/api:1.0\n`);
    expect(logOptions(r.doc('web.task-definition.json'))?.['awslogs-region']).toBeUndefined();
    const missing = r.diagnostics.filter((d) => d.code === 'ECS_LOG_REGION_MISSING');
    expect(missing).toHaveLength(1);
    for (const source of ['--region', 'x-ecs.region', 'AWS_REGION', 'AWS_DEFAULT_REGION']) expect(missing[0]?.message).toContain(source);
  });

  it('a compose logging section wins; driver none keeps the container without logs', async () => {
    const r = await ecs(`${WEB}    logging:\n      driver: syslog\n  quiet:\n    image: example/cron:1.0\n    logging:\n      driver: none\n`, { region: 'eu-west-1' });
    expect((r.doc('web.task-definition.json').containerDefinitions[0]?.logConfiguration as { logDriver: string }).logDriver).toBe('syslog');
    expect(r.doc('quiet.task-definition.json').containerDefinitions[0]?.logConfiguration).toBeUndefined();
  });

  it('x-ecs.logging.create_group asks ECS to create the group instead of the ECS_LOG_GROUP command', async () => {
    const r = await ecs(`${WEB}x-ecs:\n  logging:\n    create_group: true\n`, { region: 'eu-west-1' });
    expect(logOptions(r.doc('web.task-definition.json'))?.['awslogs-create-group']).toBe('true');
    expect(r.diagnostics.filter((d) => d.code === 'ECS_LOG_GROUP')).toEqual([]);
  });
});

describe('05-services restart and deploy.md restart_policy: what ECS keeps and what it cannot', () => {
  const at = (ds: readonly { code: string; path?: string; severity: string }[], code: string) => ds.filter((d) => d.code === code).map((d) => `${d.severity} ${d.path}`);

  it('restart: on-failure:3 enables the policy ignoring exit 0; the count is a warning at restart that says what ECS does instead', async () => {
    const r = await ecs(`${WEB}    restart: on-failure:3\n`, { region: 'eu-west-1' });
    expect(r.doc('web.task-definition.json').containerDefinitions[0]?.restartPolicy).toEqual({ enabled: true, ignoredExitCodes: [0] });
    expect(at(r.diagnostics, 'ECS_UNSUPPORTED_FIELD')).toEqual(['warning /services/web/restart']);
    const message = r.diagnostics.find((d) => d.code === 'ECS_UNSUPPORTED_FIELD')?.message ?? '';
    expect(message).toContain('gives up after 3 restarts');
    expect(message).toContain('restartAttemptPeriod');
  });

  it('on-failure:0 and max_attempts 0 are no limit: nothing is lost', async () => {
    const zero = await ecs(`${WEB}    restart: on-failure:0\n`, { region: 'eu-west-1' });
    expect(at(zero.diagnostics, 'ECS_UNSUPPORTED_FIELD')).toEqual([]);
    const policy = await ecs(`${WEB}    deploy:\n      restart_policy:\n        condition: any\n        max_attempts: 0\n`, { region: 'eu-west-1' });
    expect(at(policy.diagnostics, 'ECS_UNSUPPORTED_FIELD')).toEqual([]);
    expect(policy.doc('web.task-definition.json').containerDefinitions[0]?.restartPolicy).toEqual({ enabled: true });
  });

  it('max_attempts 5 is reported at max_attempts, with the window as the attempt period', async () => {
    const r = await ecs(`${WEB}    deploy:\n      restart_policy:\n        max_attempts: 5\n        window: 90s\n`, { region: 'eu-west-1' });
    expect(r.doc('web.task-definition.json').containerDefinitions[0]?.restartPolicy).toEqual({ enabled: true, restartAttemptPeriod: 90 });
    expect(at(r.diagnostics, 'ECS_UNSUPPORTED_FIELD')).toEqual(['warning /services/web/deploy/restart_policy/max_attempts']);
    expect(r.diagnostics.find((d) => d.code === 'ECS_UNSUPPORTED_FIELD')?.message).toContain('90 s');
  });

  it('restart "no" never becomes a container restart policy; alone it stays a long-running service (issue 18: a job is restart "no" waited on to complete), said in a WORKLOAD_KIND note', async () => {
    const r = await ecs(`${WEB}    restart: "no"\n`, { region: 'eu-west-1' });
    expect(r.doc('web.task-definition.json').containerDefinitions[0]?.restartPolicy).toBeUndefined();
    expect(at(r.diagnostics, 'WORKLOAD_KIND')).toEqual(['info /services/web/restart']);
  });

  // Written out (not compose's default), restart "no" is a one-shot (a seed, a setup script) as
  // often as a server, and the ECS service starts it again after every exit: said at the key.
  it('restart "no" written on the essential container of an ECS service: a warning that ECS starts it again, with x-ecs.job: true for a one-shot', async () => {
    const r = await ecs(`${WEB}    restart: "no"\n`, { region: 'eu-west-1' });
    expect(at(r.diagnostics, 'ECS_UNSUPPORTED_FIELD')).toEqual(['warning /services/web/restart']);
    expect(r.diagnostics.find((d) => d.code === 'ECS_UNSUPPORTED_FIELD')?.message).toMatch(/started again after every exit .*set x-ecs\.job: true so that it runs once/);
    // compose's default (no restart key) says nothing: most servers leave it out.
    expect(at((await ecs(WEB, { region: 'eu-west-1' })).diagnostics, 'ECS_UNSUPPORTED_FIELD')).toEqual([]);
  });

  it('a job others wait on to complete is non-essential: no such warning', async () => {
    const r = await ecs(`${WEB}    depends_on:\n      migrate:\n        condition: service_completed_successfully\n  migrate:\n    image: example/migrate:1.0\n    restart: "no"\n`, { region: 'eu-west-1', layout: 'project' });
    expect(at(r.diagnostics, 'ECS_UNSUPPORTED_FIELD')).toEqual([]);
  });
});

describe('the create-service input: --subnets, --security-groups, --assign-public-ip', () => {
  it('complete awsvpcConfiguration; each flag wins over x-ecs.service.network_configuration', async () => {
    const compose = `${WEB}x-ecs:\n  launch_type: FARGATE\n  service:\n    network_configuration:\n      subnets: [subnet-file]\n      security_groups: [sg-file]\n`;
    const r = await ecs(compose, { region: 'eu-west-1', subnets: ['subnet-a', 'subnet-b'], assignPublicIp: true });
    expect(r.doc('web.service.json').networkConfiguration).toEqual({ awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-file'], assignPublicIp: 'ENABLED' } });
  });

  it('under awsvpc without subnets the output stays valid (no networkConfiguration) and the warning names the flags', async () => {
    const r = await ecs(WEB, { region: 'eu-west-1', launchType: 'FARGATE' });
    expect(r.doc('web.service.json').networkConfiguration).toBeUndefined();
    const warning = r.diagnostics.find((d) => d.code === 'ECS_INVALID' && d.message.includes('subnets'));
    for (const flag of ['--subnets', '--security-groups', '--assign-public-ip']) expect(warning?.message).toContain(flag);
  });
});

describe('06-networks internal: "create an externally isolated network"', () => {
  const compose = `name: shop
services:
  web:
    image: nginx:1.27
    networks: [front, back]
  db:
    image: postgres:16
    networks: [back]
networks:
  front: {}
  back:
    internal: true
`;
  for (const target of ['ecs', 'cloudformation'] as const) {
    it(`${target}: one warning at the network's internal key, naming its services and what keeps them from the internet`, async () => {
      const r = await ecs(compose, { region: 'eu-west-1', target });
      const found = r.diagnostics.filter((d) => d.path === '/networks/back/internal');
      expect(found.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning ECS_UNSUPPORTED_FIELD']);
      expect(found[0]?.message).toMatch(/^networks\.back\.internal: compose gives db, web no outside access on back; .*private subnets without a NAT gateway, with VPC endpoints/);
    });
  }
  it('a network without internal, or internal that no service uses, says nothing', async () => {
    const r = await ecs(compose.replace('    internal: true\n', '    internal: false\n'), { region: 'eu-west-1' });
    expect(r.diagnostics.filter((d) => d.path?.endsWith('/internal'))).toEqual([]);
    const unused = await ecs(`${WEB}networks:\n  back:\n    internal: true\n`, { region: 'eu-west-1' });
    expect(unused.diagnostics.filter((d) => d.path?.endsWith('/internal'))).toEqual([]);
  });
});
