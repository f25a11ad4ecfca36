/**
 * Field mappings of the ECS target, case by case, where a golden fixture would hide the rule:
 * each test converts a small compose file and looks at one field of the output.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { validateCreateService, validateRegisterTaskDefinition } from '../../validators/ecs.js';

type Container = Record<string, unknown> & { name: string };

async function ecs(compose: string, options: Partial<ConvertOptions> = {}, files: Record<string, string> = {}) {
  const all: Record<string, string> = { '/p/compose.yaml': compose };
  for (const [k, v] of Object.entries(files)) all[`/p/${k}`] = v;
  const { outputs, diagnostics } = await convert({ host: memoryHost(all, '/p'), env: {}, target: 'ecs', layout: 'service', ...options });
  for (const o of outputs) {
    const problems = o.path.endsWith('.service.json') ? validateCreateService(o.value) : validateRegisterTaskDefinition(o.value);
    expect(problems, o.path).toEqual([]);
  }
  const doc = (path: string) => outputs.find((o) => o.path === path)?.value as Record<string, unknown> | undefined;
  const container = (task: string, name: string) => (doc(`${task}.task-definition.json`)?.containerDefinitions as Container[] | undefined)?.find((c) => c.name === name);
  const codes = diagnostics.map((d) => `${d.severity} ${d.code} ${d.path ?? ''}`);
  return { outputs, diagnostics, doc, container, codes };
}

describe('update_config → deploymentConfiguration (Swarm pacing: p of n tasks at a time)', () => {
  const cases: [string, number, string, number, number][] = [
    // order, replicas, parallelism, maximumPercent, minimumHealthyPercent
    ['start-first', 4, '1', 125, 100],
    ['start-first', 3, '1', 134, 100],
    ['start-first', 2, '5', 200, 100],
    ['stop-first', 4, '1', 100, 75],
    ['stop-first', 3, '2', 100, 33],
    ['stop-first', 1, '1', 100, 0],
    ['stop-first', 5, '0', 100, 0],
  ];
  for (const [order, n, p, max, min] of cases) {
    it(`${order}, ${n} replicas, parallelism ${p} → ${max}% / ${min}%`, async () => {
      const r = await ecs(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    deploy:\n      replicas: ${n}\n      update_config:\n        order: ${order}\n        parallelism: ${p}\n`);
      expect(r.doc('web.service.json')?.deploymentConfiguration).toEqual({ maximumPercent: max, minimumHealthyPercent: min });
    });
  }

  it('without order and parallelism: stop-first, one task at a time (Swarm defaults)', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    deploy:\n      replicas: 2\n      update_config:\n        failure_action: rollback\n');
    expect(r.doc('web.service.json')?.deploymentConfiguration).toEqual({ maximumPercent: 100, minimumHealthyPercent: 50, deploymentCircuitBreaker: { enable: true, rollback: true } });
  });

  it('x-ecs.service.deployment wins over update_config', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    deploy:\n      update_config:\n        order: start-first\n    x-ecs:\n      service:\n        deployment:\n          maximum_percent: 150\n');
    expect(r.doc('web.service.json')?.deploymentConfiguration).toEqual({ maximumPercent: 150, minimumHealthyPercent: 100 });
  });
});

describe('ports → portMappings', () => {
  it('an unpublished range in bridge mode is one containerPortRange; a lone port stays a mapping', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    ports: ["9000-9099", "80"]\n');
    expect(r.container('web', 'web')?.portMappings).toEqual([{ containerPortRange: '9000-9099' }, { containerPort: 80, hostPort: 0 }]);
  });

  it('a published port bound to one host address is left out, not published on every interface', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    ports: ["127.0.0.1:8080:80"]\n');
    expect(r.container('web', 'web')?.portMappings).toBeUndefined();
    expect(r.codes).toContain('warning ECS_UNSUPPORTED_FIELD /services/web/ports/0/host_ip');
  });
});

describe('05-services ports host_ip ("127.0.0.1:5432:5432"): the host publication stays local, the container port stays reachable by name', () => {
  // Under compose other services reach db:5432 on the network whatever the host publishes
  // ("service-to-service communication uses the CONTAINER_PORT"); langfuse, mastodon and
  // example-voting-app publish their databases on 127.0.0.1 only.
  const compose = 'services:\n  app:\n    image: example/app:1.0\n    mem_limit: 64m\n    environment:\n      DATABASE_URL: postgresql://u@db:5432/app\n    depends_on: [db]\n  db:\n    image: postgres:16\n    mem_limit: 64m\n    ports: ["127.0.0.1:5432:5432"]\n';

  it('bridge: container port 5432 gets a named mapping on a dynamic host port, advertised through Service Connect; no host port 5432', async () => {
    const r = await ecs(compose);
    expect(r.container('db', 'db')?.portMappings).toEqual([{ containerPort: 5432, hostPort: 0, name: 'db-5432-tcp' }]);
    const sc = r.doc('db.service.json')?.serviceConnectConfiguration as { services?: { portName: string; clientAliases: { dnsName: string; port: number }[] }[] };
    expect(sc.services).toEqual([{ portName: 'db-5432-tcp', clientAliases: [{ dnsName: 'db', port: 5432 }] }]);
    expect(r.codes).toContain('warning ECS_UNSUPPORTED_FIELD /services/db/ports/0/host_ip');
    expect(r.codes.filter((c) => c.includes('ECS_NAME_UNRESOLVED'))).toEqual([]);
  });

  it('awsvpc (Fargate): the mapping is the container port, as for an exposed port', async () => {
    const r = await ecs(compose, { launchType: 'FARGATE', subnets: ['subnet-1'] });
    expect(r.container('db', 'db')?.portMappings).toEqual([{ containerPort: 5432, hostPort: 5432, name: 'db-5432-tcp' }]);
  });

  it('one task (project layout): nothing to advertise, the port stays left out', async () => {
    const r = await ecs(compose, { layout: 'project' });
    expect(r.container(r.outputs.find((o) => o.path.endsWith('.task-definition.json'))!.path.replace('.task-definition.json', ''), 'db')?.portMappings).toBeUndefined();
  });
});

describe('05-services depends_on restart: "Compose restarts this service after it updates the dependency service"', () => {
  it('is reported at the key: ECS does not restart a service\'s tasks when another is redeployed', async () => {
    const compose = 'services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on:\n      db: {condition: service_started, restart: true}\n  db:\n    image: postgres:16\n    mem_limit: 64m\n    expose: ["5432"]\n';
    for (const layout of ['service', 'project'] as const) {
      expect((await ecs(compose, { layout })).codes, layout).toContain('warning ECS_UNSUPPORTED_FIELD /services/web/depends_on/db/restart');
    }
    expect((await ecs(compose.replace(', restart: true', ''))).codes.filter((c) => c.endsWith('/restart'))).toEqual([]);
  });
});

describe('environment, env_file and secrets', () => {
  it('with x-ecs.environment_files, variables from `env_file: .env` go to S3, declared ones stay inline', async () => {
    const compose = 'x-ecs:\n  execution_role_arn: arn:aws:iam::1:role/x\n  environment_files:\n    s3_prefix: arn:aws:s3:::bucket/env/\nservices:\n  web:\n    image: nginx\n    mem_limit: 64m\n    env_file: .env\n    environment:\n      - B=2\n';
    const r = await ecs(compose, {}, { '.env': 'A=1\nB=1\n' });
    expect(r.container('web', 'web')?.environment).toEqual([{ name: 'B', value: '2' }]);
    expect(r.container('web', 'web')?.environmentFiles).toEqual([{ type: 's3', value: 'arn:aws:s3:::bucket/env/.env' }]);
  });

  it('without x-ecs.environment_files, env_file variables are inlined and sorted', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    env_file: .env\n', {}, { '.env': 'Z=1\nA=2\n' });
    expect(r.container('web', 'web')?.environment).toEqual([{ name: 'A', value: '2' }, { name: 'Z', value: '1' }]);
  });

  it('secrets without an execution role are warned about, on EC2 too', async () => {
    const r = await ecs('x-ecs:\n  secrets:\n    s: arn:aws:ssm:eu-west-1:1:parameter/s\nservices:\n  web:\n    image: nginx\n    mem_limit: 64m\n    secrets: [s]\nsecrets:\n  s:\n    external: true\n');
    expect(r.codes.filter((c) => c.includes('ECS_INVALID'))).toEqual(['warning ECS_INVALID /x-ecs']);
  });
});

describe('x-ecs.depends_on (as migrated from ecs-params.yml) is checked against the task', () => {
  const base = (deps: string, extra = '') =>
    `name: tasks\nservices:\n  app:\n    image: a\n    mem_limit: 64m\n    x-ecs:\n      depends_on:\n${deps}\n  init:\n    image: b\n    mem_limit: 64m\n${extra}`;

  it('SUCCESS on a container kept essential with x-ecs.essential: true is an error', async () => {
    const r = await ecs(base('        - {container_name: init, condition: SUCCESS}', '    x-ecs:\n      essential: true\n'), { layout: 'project' });
    expect(r.codes).toContain('error ECS_INVALID /services/app/x-ecs/depends_on/0');
  });

  it('SUCCESS makes the container waited for non-essential', async () => {
    const r = await ecs(base('        - {container_name: init, condition: SUCCESS}'), { layout: 'project' });
    expect(r.container('tasks', 'app')?.dependsOn).toEqual([{ containerName: 'init', condition: 'SUCCESS' }]);
    expect(r.container('tasks', 'init')?.essential).toBe(false);
    expect(r.codes.filter((c) => c.startsWith('error'))).toEqual([]);
  });

  it('HEALTHY on a container without a health check, an unknown container and itself are errors', async () => {
    const r = await ecs(base('        - {container_name: init, condition: HEALTHY}\n        - {container_name: nope, condition: START}\n        - {container_name: app, condition: START}'), { layout: 'project' });
    expect(r.codes.filter((c) => c.startsWith('error'))).toEqual([
      'error ECS_INVALID /services/app/x-ecs/depends_on/0',
      'error ECS_INVALID /services/app/x-ecs/depends_on/1',
      'error ECS_INVALID /services/app/x-ecs/depends_on/2',
    ]);
  });
});

describe('ECS service', () => {
  it('a service role without a load balancer is left out with a warning', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    x-ecs:\n      service:\n        role: ecsServiceRole\n');
    expect(r.doc('web.service.json')?.role).toBeUndefined();
    expect(r.codes).toContain('warning ECS_INVALID /services/web/x-ecs/service/role');
  });

  it('a health check grace period applies to container health checks too', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    healthcheck:\n      test: ["CMD", "true"]\n    x-ecs:\n      service:\n        health_check_grace_period: 30\n');
    expect(r.doc('web.service.json')?.healthCheckGracePeriodSeconds).toBe(30);
  });

  it('a load balancer on a port the container does not map is an error', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    ports: ["80:80"]\n    x-ecs:\n      service:\n        load_balancers:\n          - target_group_arn: arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/t/1\n            container_port: 8080\n');
    expect(r.codes).toContain('error ECS_INVALID /services/web/x-ecs/service/load_balancers/0');
  });

  it('spread and binpack need a field', async () => {
    const r = await ecs('x-ecs:\n  placement_strategy:\n    - type: spread\nservices:\n  web:\n    image: nginx\n    mem_limit: 64m\n');
    expect(r.codes).toContain('error ECS_INVALID /x-ecs/placement_strategy/0');
  });
});

// ECS API Tag: keys of 1–128 and values of up to 256 letters, digits, spaces and + - = . _ : / @; no aws: prefix.
describe('deploy.labels → service tags (ECS API Tag restrictions)', () => {
  it('labels become tags sorted by key; x-ecs.service.tags win over a label of the same key', async () => {
    const r = await ecs('services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    deploy:\n      labels: { team: a, env: dev }\n    x-ecs:\n      service:\n        tags: { env: prod }\n');
    expect(r.doc('web.service.json')?.tags).toEqual([{ key: 'env', value: 'prod' }, { key: 'team', value: 'a' }]);
  });

  it.each([
    ['a value with a #', 'note: "with # hash"', 'note'],
    ['a value with a $', 'cost: "5$$"', 'cost'],
    ['a key with aws:', '"aws:owner": me', 'aws:owner'],
    ['a value over 256 characters', `long: ${'x'.repeat(257)}`, 'long'],
  ])('%s is left out of the tags, with a warning at the label', async (_, label, key) => {
    const r = await ecs(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    deploy:\n      labels:\n        ${label}\n        team: a\n`);
    expect(r.doc('web.service.json')?.tags).toEqual([{ key: 'team', value: 'a' }]);
    expect(r.codes).toContain(`warning ECS_UNSUPPORTED_FIELD /services/web/deploy/labels/${key}`);
  });
});

describe('container names', () => {
  it('a service name ECS cannot use as a container name is an error at the service', async () => {
    const r = await ecs('services:\n  web.api:\n    image: nginx\n    mem_limit: 64m\n');
    expect(r.codes).toContain('error ECS_INVALID /services/web.api');
  });
});

describe('05-services entrypoint: "If the value is [] (empty list) or \'\' (empty string), the default entrypoint declared by the image MUST be ignored"', () => {
  // The pattern of the moby/moby#40377 report and of migration jobs: entrypoint: "" with command: alembic upgrade head.
  it('with a command: the command is the whole process, written as the entry point (the image\'s ENTRYPOINT and CMD do not run), with no finding', async () => {
    for (const cleared of ['[]', '""']) {
      const r = await ecs(`services:\n  migrate:\n    image: example/app:1\n    mem_limit: 64m\n    entrypoint: ${cleared}\n    command: alembic upgrade head\n`);
      const c = r.container('migrate', 'migrate');
      expect(c?.entryPoint).toEqual(['alembic', 'upgrade', 'head']);
      expect(c?.command).toBeUndefined();
      expect(r.codes.filter((x) => x.includes('/services/migrate/entrypoint') || x.includes('/services/migrate/command'))).toEqual([]);
    }
  });

  it('without a command: compose runs the image\'s CMD alone, which ECS cannot (it runs the image\'s ENTRYPOINT too): a warning saying to write the command', async () => {
    const r = await ecs('services:\n  tool:\n    image: example/tool:1\n    mem_limit: 64m\n    entrypoint: []\n');
    expect(r.container('tool', 'tool')?.entryPoint).toBeUndefined();
    expect(r.codes).toContain('warning ECS_UNSUPPORTED_FIELD /services/tool/entrypoint');
    expect(r.diagnostics.find((d) => d.path === '/services/tool/entrypoint')?.message).toContain('command:');
  });

  it('05-services command: [] with an entrypoint: the entry point runs without the image\'s CMD on ECS too (Docker drops CMD when the entry point is set), no finding', async () => {
    const r = await ecs('services:\n  tool:\n    image: example/tool:1\n    mem_limit: 64m\n    entrypoint: ["/bin/serve"]\n    command: []\n');
    expect(r.container('tool', 'tool')?.entryPoint).toEqual(['/bin/serve']);
    expect(r.codes.filter((x) => x.includes('/services/tool/command'))).toEqual([]);
  });
});

describe('05-services network_mode "service:{name}" on ECS: the containers of one awsvpc task share one network stack', () => {
  const compose = (extra = '') => `services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n    mem_limit: 256m\n    ports: ["8080:8080"]\n  torrent:\n    image: lscr.io/linuxserver/qbittorrent:4.6.5\n    mem_limit: 256m\n    network_mode: "service:vpn"\n${extra}`;

  it('awsvpc (Fargate): torrent runs in vpn\'s task and shares its network stack, as under compose: no finding about network_mode', async () => {
    const r = await ecs(compose(), { launchType: 'FARGATE', subnets: ['subnet-1'] });
    expect(r.container('vpn', 'torrent')).toBeDefined();
    expect(r.codes.filter((x) => x.includes('/services/torrent/network_mode'))).toEqual([]);
  });

  it('bridge (EC2): in vpn\'s task, but each container of a bridge task has a network stack of its own: a warning saying to use awsvpc', async () => {
    const r = await ecs(compose());
    expect(r.container('vpn', 'torrent')).toBeDefined();
    expect(r.codes).toContain('warning ECS_UNSUPPORTED_FIELD /services/torrent/network_mode');
    expect(r.diagnostics.find((d) => d.path === '/services/torrent/network_mode')?.message).toContain('awsvpc');
  });

  it('put in another task by x-ecs.task: a warning saying to put it in vpn\'s task', async () => {
    const r = await ecs(compose('    x-ecs: { task: alone }\n'), { launchType: 'FARGATE', subnets: ['subnet-1'] });
    expect(r.codes).toContain('warning ECS_UNSUPPORTED_FIELD /services/torrent/network_mode');
    expect(r.diagnostics.find((d) => d.path === '/services/torrent/network_mode')?.message).toContain('x-ecs.task');
  });
});
