import { describe, expect, it } from 'vitest';
import { build, found, withCode } from './build-ir.js';

const svc = (name: string, extra = ''): string => `  ${name}:\n    image: nginx\n    mem_limit: 64m\n${extra}`;
const file = (...services: string[]): string => `name: shop\nservices:\n${services.join('')}`;

/** Tasks as [name, family, services, launchType, networkMode]. */
async function layout(text: string, options: Parameters<typeof build>[1] = {}) {
  const { ir, diagnostics } = await build(text, options);
  return { tasks: ir.tasks.map((t) => [t.name, t.family, t.services, t.launchType, t.networkMode]), layout: ir.layout, diagnostics, ir };
}

describe('layout: service (the default) vs project', () => {
  it('service layout: one task per compose service, named after it, each with an ECS service (tasks by name)', async () => {
    const { tasks, layout: l, ir } = await layout(file(svc('web'), svc('db')));
    expect(l).toBe('service');
    expect(tasks).toEqual([
      ['db', 'db', ['db'], 'EC2', 'bridge'],
      ['web', 'web', ['web'], 'EC2', 'bridge'],
    ]);
    expect(ir.tasks.every((t) => t.withService)).toBe(true);
  });

  it('project layout: the whole project in one task named after the project (x-ecs.layout or --layout), its services by name', async () => {
    expect((await layout(file(svc('web'), svc('db')) + 'x-ecs:\n  layout: project\n')).tasks).toEqual([['shop', 'shop', ['db', 'web'], 'EC2', 'bridge']]);
    expect((await layout(file(svc('web'), svc('db')), { layout: 'project' })).tasks).toEqual([['shop', 'shop', ['db', 'web'], 'EC2', 'bridge']]);
  });

  it('02-model: services have no order, so the written order changes no task (project and service layout)', async () => {
    for (const l of ['project', 'service'] as const) {
      const a = await layout(file(svc('web', '    x-ecs: { task: t }\n'), svc('db'), svc('api', '    x-ecs: { task: t }\n')), { layout: l });
      const b = await layout(file(svc('api', '    x-ecs: { task: t }\n'), svc('web', '    x-ecs: { task: t }\n'), svc('db')), { layout: l });
      expect(b.tasks).toEqual(a.tasks);
    }
  });

  it('project layout: the top-level x-ecs.family names the task', async () => {
    expect((await layout(file(svc('web')) + 'x-ecs:\n  layout: project\n  family: qa\n')).tasks).toEqual([['qa', 'qa', ['web'], 'EC2', 'bridge']]);
  });

  it('the --layout flag wins over x-ecs.layout', async () => {
    expect((await layout(file(svc('web'), svc('db')) + 'x-ecs:\n  layout: project\n', { layout: 'service' })).tasks).toHaveLength(2);
  });
});

describe('x-ecs.task: services naming one task share a task definition (service layout)', () => {
  it('groups services by name; the others keep their own task', async () => {
    const { tasks } = await layout(file(svc('web', '    x-ecs: { task: front }\n'), svc('db'), svc('proxy', '    x-ecs: { task: front }\n')));
    expect(tasks).toEqual([
      ['db', 'db', ['db'], 'EC2', 'bridge'],
      ['front', 'front', ['proxy', 'web'], 'EC2', 'bridge'],
    ]);
  });

  it('in project layout x-ecs.task (and a service’s family) is ignored, with a warning at it', async () => {
    const { tasks, diagnostics } = await layout(file(svc('web', '    x-ecs: { task: front, family: f }\n')) + 'x-ecs:\n  layout: project\n');
    expect(tasks).toEqual([['shop', 'shop', ['web'], 'EC2', 'bridge']]);
    expect(found(diagnostics)).toEqual([
      { code: 'ECS_INVALID', severity: 'warning', line: 6, column: 20, path: '/services/web/x-ecs/task' },
      { code: 'ECS_INVALID', severity: 'warning', line: 6, column: 35, path: '/services/web/x-ecs/family' },
    ]);
  });
});

describe('x-ecs.family', () => {
  it('a service’s family names its task definition', async () => {
    expect((await layout(file(svc('web', '    x-ecs: { family: shop-web }\n')))).tasks).toEqual([['web', 'shop-web', ['web'], 'EC2', 'bridge']]);
  });

  it('the top-level family names the only task of a one-service project', async () => {
    expect((await layout(file(svc('web')) + 'x-ecs:\n  family: site\n')).tasks).toEqual([['web', 'site', ['web'], 'EC2', 'bridge']]);
  });

  it('with several tasks the top-level family is not given to each (that would be one family for all): a warning', async () => {
    const { tasks, diagnostics } = await layout(file(svc('web'), svc('db')) + 'x-ecs:\n  family: site\n');
    expect(tasks.map((t) => t[1])).toEqual(['db', 'web']);
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'warning', line: 10, column: 11, path: '/x-ecs/family' }]);
  });

  it('two tasks with one family → ECS_INVALID at the family that repeats', async () => {
    const { diagnostics } = await layout(file(svc('web'), svc('db', '    x-ecs: { family: web }\n')));
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 9, column: 22, path: '/services/db/x-ecs/family' }]);
  });
});

describe('task settings: one value per task', () => {
  it('two services of a task setting a task-level key differently → a warning at the later by name, which wins', async () => {
    const { ir, diagnostics } = await layout(file(svc('a', '    x-ecs: { task: t, task_role_arn: "arn:aws:iam::1:role/a" }\n'), svc('b', '    x-ecs: { task: t, task_role_arn: "arn:aws:iam::1:role/b" }\n')));
    expect(ir.tasks[0]?.settings.task_role_arn).toBe('arn:aws:iam::1:role/b');
    expect(found(diagnostics).map((d) => [d.code, d.severity, d.path])).toEqual([['ECS_INVALID', 'warning', '/services/b/x-ecs/task_role_arn']]);
  });

  it('in project layout a service’s family is only warned about as ignored, not also as a conflict', async () => {
    const { diagnostics } = await layout(file(svc('a', '    x-ecs: { family: fa }\n'), svc('b', '    x-ecs: { family: fb }\n')), { layout: 'project' });
    expect(found(diagnostics).map((d) => d.path)).toEqual(['/services/a/x-ecs/family', '/services/b/x-ecs/family']);
  });

  it('container-level keys (container_memory, essential, …) are not task settings', async () => {
    const { ir } = await layout(file(svc('a', '    x-ecs: { container_memory: 128, essential: true }\n')));
    expect(ir.tasks[0]?.settings).toEqual({});
    expect(ir.services.a?.settings).toEqual({ container_memory: 128, essential: true });
  });
});

describe('ECS quota: at most 10 containers in a task definition', () => {
  const many = (n: number): string[] => Array.from({ length: n }, (_, i) => svc(`s${i}`));

  it('10 containers are fine', async () => {
    expect(withCode((await layout(file(...many(10)), { layout: 'project' })).diagnostics, 'ECS_LIMIT')).toEqual([]);
  });

  it('11 → ECS_LIMIT error at the 11th service by name (its first line): s0, s1, s10, s2, …, s9', async () => {
    const { diagnostics } = await layout(file(...many(11)), { layout: 'project' });
    expect(found(withCode(diagnostics, 'ECS_LIMIT'))).toEqual([{ code: 'ECS_LIMIT', severity: 'error', line: 31, column: 5, path: '/services/s9' }]);
  });
});

describe('network mode: x-ecs.network_mode, else compose network_mode, else awsvpc on Fargate and bridge elsewhere', () => {
  it('EC2 defaults to bridge, Fargate to awsvpc', async () => {
    expect((await layout(file(svc('web')))).tasks[0]?.[4]).toBe('bridge');
    expect((await layout(file(svc('web')), { launchType: 'FARGATE' })).tasks[0]?.[4]).toBe('awsvpc');
  });

  it('compose network_mode host / none is the task’s', async () => {
    expect((await layout(file(svc('web', '    network_mode: host\n')))).tasks[0]?.[4]).toBe('host');
    expect((await layout(file(svc('web', '    network_mode: none\n')))).tasks[0]?.[4]).toBe('none');
  });

  it('x-ecs.network_mode wins over compose network_mode', async () => {
    expect((await layout(file(svc('web', '    network_mode: host\n    x-ecs: { network_mode: awsvpc }\n')))).tasks[0]?.[4]).toBe('awsvpc');
  });

  it('two services of one task asking for different modes → ECS_INVALID', async () => {
    const { diagnostics } = await layout(file(svc('a', '    network_mode: host\n'), svc('b', '    network_mode: none\n')), { layout: 'project' });
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 10, column: 19, path: '/services/b/network_mode' }]);
  });

  it('Fargate accepts only awsvpc: bridge from x-ecs → ECS_LAUNCH_TYPE_RULE at the setting', async () => {
    const { tasks, diagnostics } = await layout(file(svc('web', '    x-ecs: { launch_type: FARGATE, network_mode: bridge }\n')));
    expect(tasks[0]?.[4]).toBe('awsvpc');
    expect(found(diagnostics)).toEqual([{ code: 'ECS_LAUNCH_TYPE_RULE', severity: 'error', line: 6, column: 50, path: '/services/web/x-ecs/network_mode' }]);
  });

  it('Fargate with compose network_mode host → ECS_LAUNCH_TYPE_RULE at network_mode', async () => {
    const { diagnostics } = await layout(file(svc('web', '    network_mode: host\n')), { launchType: 'FARGATE' });
    expect(found(diagnostics)).toEqual([{ code: 'ECS_LAUNCH_TYPE_RULE', severity: 'error', line: 6, column: 19, path: '/services/web/network_mode' }]);
  });
});

describe('CLI flags win over x-ecs: --launch-type and --cluster', () => {
  const text = file(svc('web', '    x-ecs: { launch_type: EC2, service: { cluster: from-service, desired_count: 2 } }\n')) + 'x-ecs:\n  launch_type: EXTERNAL\n  service: { cluster: from-top }\n';

  it('without flags: the service’s x-ecs over the top level', async () => {
    const { ir } = await layout(text);
    expect(ir.tasks[0]?.launchType).toBe('EC2');
    expect(ir.tasks[0]?.settings.service).toEqual({ cluster: 'from-service', desired_count: 2 });
  });

  it('with flags: launch type and cluster from the flags, in task and service settings alike; other keys kept', async () => {
    const { ir } = await layout(text, { launchType: 'FARGATE', cluster: 'cli' });
    expect(ir.tasks[0]?.launchType).toBe('FARGATE');
    expect(ir.tasks[0]?.settings.service).toEqual({ cluster: 'cli', desired_count: 2 });
    expect(ir.services.web?.settings.launch_type).toBe('FARGATE');
    expect(ir.services.web?.settings.service).toEqual({ cluster: 'cli', desired_count: 2 });
    expect(ir.settings.service).toEqual({ cluster: 'cli' });
  });
});

describe('project layout never merges differing scheduling silently (05-services deploy.mode, deploy.replicas; the core\'s kind)', () => {
  const split = (text: string) => layout(text, { layout: 'project' });
  const at = (diagnostics: Parameters<typeof withCode>[0]) => found(withCode(diagnostics, 'ECS_TASK_SPLIT')).map((f) => `${f.severity}@${f.path}`);

  it('a daemon and a 3-replica service each go to a task of their own, with an info at what differs; the largest group keeps the project task', async () => {
    const { tasks, diagnostics } = await split(file(svc('web'), svc('db'), svc('agent', '    deploy: {mode: global}\n'), svc('api', '    deploy: {replicas: 3}\n')));
    expect(tasks.map((t) => [t[0], t[2]])).toEqual([
      ['shop-agent', ['agent']],
      ['shop-api', ['api']],
      ['shop', ['db', 'web']], // tasks in the order of their first service's name
    ]);
    expect(at(diagnostics)).toEqual(['info@/services/agent/deploy/mode', 'info@/services/api/deploy/replicas']);
  });

  it('services of one scheduling stay together, in one task, without a finding', async () => {
    const { tasks, diagnostics } = await split(file(svc('a', '    scale: 2\n'), svc('b', '    deploy: {replicas: 2}\n')));
    expect(tasks.map((t) => [t[0], t[2]])).toEqual([['shop', ['a', 'b']]]);
    expect(at(diagnostics)).toEqual([]);
  });

  it('a job nobody waits on (deploy.mode replicated-job) is a scheduling of its own; on a tie the long-running services keep the project task', async () => {
    const { tasks, diagnostics } = await split(file(svc('web'), svc('report', '    deploy: {mode: replicated-job}\n')));
    expect(tasks.map((t) => [t[0], t[2]])).toEqual([['shop-report', ['report']], ['shop', ['web']]]);
    expect(at(diagnostics)).toEqual(['info@/services/report/deploy/mode']);
  });

  it('a job others wait on with service_completed_successfully is not: it runs in the task of each waiter (job placement after the split)', async () => {
    const waits = '    depends_on: {migrate: {condition: service_completed_successfully}}\n';
    const { tasks, diagnostics } = await split(file(svc('web', `    deploy: {replicas: 2}\n${waits}`), svc('api', '    deploy: {replicas: 2}\n'), svc('worker', waits), svc('migrate', '    restart: "no"\n')));
    expect(tasks.map((t) => [t[0], t[2]])).toEqual([['shop', ['api', 'migrate', 'web']], ['shop-worker', ['migrate', 'worker']]]);
    expect(at(diagnostics)).toEqual(['info@/services/worker']);
  });

  it('a service that shares another\'s volumes or namespace (volumes_from, pid: service:) stays in its task, with a warning that its scheduling is lost', async () => {
    const { tasks, diagnostics } = await split(file(svc('web'), svc('agent', '    deploy: {mode: global}\n    volumes_from: [web]\n'), svc('top', '    deploy: {replicas: 2}\n    pid: "service:web"\n')));
    expect(tasks.map((t) => [t[0], t[2]])).toEqual([['shop', ['agent', 'top', 'web']]]);
    expect(found(withCode(diagnostics, 'ECS_TASK_SPLIT')).map((f) => `${f.severity}@${f.path}`)).toEqual(['warning@/services/agent/volumes_from/0', 'warning@/services/top/pid']);
  });

  it('a job that shares a namespace (ipc: service:) is not copied into a waiter\'s task without its partner: it stays with it, and the waiter waits across tasks', async () => {
    const job = '    deploy: {restart_policy: {condition: none}}\n';
    const { tasks, diagnostics } = await split(file(svc('web'), svc('probe', `${job}    ipc: "service:web"\n`), svc('report', `${job}    depends_on: {probe: {condition: service_started}}\n`)));
    expect(tasks.map((t) => [t[0], t[2]])).toEqual([['shop', ['probe', 'web']], ['shop-report', ['report']]]);
    expect(found(withCode(diagnostics, 'ECS_CROSS_TASK_DEPENDENCY')).map((f) => `${f.severity}@${f.path}`)).toEqual(['info@/services/report/depends_on/probe']);
  });

  it('02-model: the written order changes no task', async () => {
    const a = await split(file(svc('web'), svc('agent', '    deploy: {mode: global}\n'), svc('db')));
    const b = await split(file(svc('db'), svc('agent', '    deploy: {mode: global}\n'), svc('web')));
    expect(a.tasks).toEqual(b.tasks);
  });
});

describe('05-services network_mode "service:{name}": "gives the container access to the specified service\'s network stack", which on ECS only the containers of one task share', () => {
  // The gluetun VPN pattern: qbittorrent runs in gluetun's network stack, its web UI published by gluetun.
  it('service layout: the service joins the task of the service whose network it uses (transitively), unless its x-ecs.task says otherwise', async () => {
    const shared = '    network_mode: "service:vpn"\n';
    const { tasks } = await layout(file(svc('vpn'), svc('torrent', shared), svc('ui', '    network_mode: "service:torrent"\n'), svc('web')), { launchType: 'FARGATE' });
    expect(tasks).toEqual([
      ['vpn', 'vpn', ['torrent', 'ui', 'vpn'], 'FARGATE', 'awsvpc'],
      ['web', 'web', ['web'], 'FARGATE', 'awsvpc'],
    ]);
    const own = await layout(file(svc('vpn'), svc('torrent', shared + '    x-ecs: { task: alone }\n')), { launchType: 'FARGATE' });
    expect(own.tasks.map((t) => t[2])).toEqual([['torrent'], ['vpn']]);
  });

  it('05-services pid and ipc "service:{name}" join that service\'s task too: only the containers of one task share a process or IPC namespace (pidMode, ipcMode task)', async () => {
    const { tasks } = await layout(file(svc('app'), svc('debug', '    pid: "service:app"\n'), svc('shm', '    ipc: "service:app"\n'), svc('web')));
    expect(tasks.map((t) => [t[0], t[2]])).toEqual([
      ['app', ['app', 'debug', 'shm']],
      ['web', ['web']],
    ]);
    // A network mode of its own keeps it apart (a task has one network mode); its pid warning stays.
    const host = await layout(file(svc('app'), svc('top', '    network_mode: host\n    pid: "service:app"\n')));
    expect(host.tasks.map((t) => t[2])).toEqual([['app'], ['top']]);
  });
});
