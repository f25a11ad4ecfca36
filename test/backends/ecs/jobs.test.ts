/**
 * Issue 18 on the ECS target: jobs run to completion (inside their dependents' tasks, or as a
 * task definition with a run-task input), pre_start steps run in order before their service,
 * daemons are DAEMON services on EC2 only. Each case converts a small compose file.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { validateCreateService, validateRegisterTaskDefinition, validateRunTask } from '../../validators/ecs.js';

type Container = Record<string, unknown> & { name: string; essential?: boolean; dependsOn?: { containerName: string; condition: string }[] };

async function ecs(compose: string, options: Partial<ConvertOptions> = {}) {
  const { outputs, diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {}, target: 'ecs', layout: 'service', ...options });
  for (const o of outputs) {
    const check = o.path.endsWith('.service.json') ? validateCreateService : o.path.endsWith('.run-task.json') ? validateRunTask : validateRegisterTaskDefinition;
    expect(check(o.value), o.path).toEqual([]);
  }
  const doc = (path: string) => outputs.find((o) => o.path === path)?.value as Record<string, unknown> | undefined;
  const containers = (task: string) => (doc(`${task}.task-definition.json`)?.containerDefinitions as Container[] | undefined) ?? [];
  const container = (task: string, name: string) => containers(task).find((c) => c.name === name);
  const codes = diagnostics.map((d) => `${d.severity} ${d.code} ${d.path ?? ''}`);
  return { paths: outputs.map((o) => o.path), diagnostics, doc, containers, container, codes };
}

describe('05-services depends_on service_completed_successfully: a job runs inside each dependent\'s task', () => {
  const app = `
services:
  web:
    image: shop:1
    mem_limit: 256m
    depends_on:
      migrate: { condition: service_completed_successfully }
  worker:
    image: shop:1
    mem_limit: 256m
    depends_on:
      migrate: { condition: service_completed_successfully }
  migrate:
    image: shop:1
    command: ["./manage.py", "migrate"]
    restart: "no"
    mem_limit: 128m
`;

  it('a non-essential container in web\'s and worker\'s tasks, waited for with SUCCESS; no task or service of its own', async () => {
    const r = await ecs(app);
    expect(r.paths).toEqual(['web.task-definition.json', 'web.service.json', 'worker.task-definition.json', 'worker.service.json']);
    for (const task of ['web', 'worker']) {
      expect(r.container(task, 'migrate')).toMatchObject({ essential: false, image: 'shop:1', command: ['./manage.py', 'migrate'], memory: 128 });
      expect(r.container(task, task)?.dependsOn).toEqual([{ containerName: 'migrate', condition: 'SUCCESS' }]);
      expect(r.container(task, task)?.essential).toBe(true);
    }
  });

  it('a finding at the job says it runs once per task, not once per project, and how to keep it single: a warning when that is several copies at once (two waiting tasks here: a migration run twice at the same time), an info for one task of one copy', async () => {
    const r = await ecs(app);
    const info = r.diagnostics.find((d) => d.code === 'WORKLOAD_KIND' && d.path === '/services/migrate');
    expect(info?.severity).toBe('warning');
    expect(info?.message).toContain('several times per deployment and at the same time');
    const one = await ecs('services:\n  web:\n    image: nginx:1\n    depends_on: { migrate: { condition: service_completed_successfully } }\n  migrate:\n    image: app:1\n    restart: "no"\n');
    const single = one.diagnostics.find((d) => d.code === 'WORKLOAD_KIND' && d.path === '/services/migrate');
    expect(single?.severity).toBe('info');
    expect(single?.message).not.toContain('several times');
    expect(info?.message).toContain('once per task');
    expect(info?.message).toContain('x-ecs.job: standalone');
    expect(r.codes.filter((c) => c.includes('ECS_CROSS_TASK_DEPENDENCY'))).toEqual([]);
  });

  it('a job another job waits for follows it into the task: wait-db → migrate → web, in order', async () => {
    const r = await ecs(`
services:
  web:
    image: shop:1
    depends_on:
      migrate: { condition: service_completed_successfully }
  migrate:
    image: shop:1
    restart: "no"
    depends_on:
      wait-db: { condition: service_completed_successfully }
  wait-db:
    image: busybox:1.36
    restart: "no"
`);
    expect(r.paths).toEqual(['web.task-definition.json', 'web.service.json']);
    expect(r.containers('web').map((c) => [c.name, c.essential])).toEqual([['migrate', false], ['wait-db', false], ['web', true]]);
    expect(r.container('web', 'migrate')?.dependsOn).toEqual([{ containerName: 'wait-db', condition: 'SUCCESS' }]);
  });

  it('x-ecs.job: standalone keeps the job single: its own task and run-task input, and web is warned it cannot wait across tasks', async () => {
    const r = await ecs(`
services:
  web:
    image: shop:1
    depends_on:
      migrate: { condition: service_completed_successfully }
  migrate:
    image: shop:1
    restart: "no"
    x-ecs: { job: standalone }
`);
    expect(r.paths).toEqual(['migrate.task-definition.json', 'migrate.run-task.json', 'web.task-definition.json', 'web.service.json']);
    expect(r.container('migrate', 'migrate')?.essential).toBe(true);
    expect(r.container('web', 'web')?.dependsOn).toBeUndefined();
    expect(r.codes).toContain('warning ECS_CROSS_TASK_DEPENDENCY /services/web/depends_on/migrate');
  });

  it('ECS allows 10 containers in a task: jobs that would take a task past it are an error', async () => {
    const jobs = Array.from({ length: 10 }, (_, i) => `  job${i}:\n    image: j:1\n    restart: "no"\n`).join('');
    const waits = Array.from({ length: 10 }, (_, i) => `      job${i}: { condition: service_completed_successfully }\n`).join('');
    const r = await ecs(`services:\n  web:\n    image: shop:1\n    depends_on:\n${waits}${jobs}`);
    expect(r.codes.filter((c) => c.includes('ECS_LIMIT'))).toEqual(['error ECS_LIMIT /services/job0']);
  });
});

describe('a job nobody waits on: a task definition and <task>.run-task.json (RunTaskRequest), no ECS service', () => {
  it('deploy.mode replicated-job with 3 replicas → count 3, with the launch type, cluster and awsvpc network of a service', async () => {
    const r = await ecs(`
x-ecs:
  service:
    cluster: prod
    network_configuration: { subnets: [subnet-1], assign_public_ip: true }
services:
  batch:
    image: b:1
    deploy: { mode: replicated-job, replicas: 3 }
`, { launchType: 'FARGATE' });
    expect(r.paths).toEqual(['batch.task-definition.json', 'batch.run-task.json']);
    expect(r.doc('batch.run-task.json')).toEqual({
      taskDefinition: 'batch',
      count: 3,
      cluster: 'prod',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'ENABLED' } },
      startedBy: 'compose2ecs',
    });
  });

  it('run-task starts at most 10 tasks per call: 12 replicas → count 10 and a warning at deploy.replicas', async () => {
    const r = await ecs(`
services:
  batch:
    image: b:1
    mem_limit: 64m
    deploy: { mode: replicated-job, replicas: 12 }
`);
    expect(r.doc('batch.run-task.json')?.count).toBe(10);
    expect(r.codes).toContain('warning ECS_LIMIT /services/batch/deploy/replicas');
  });

  it('awsvpc without subnets: the run-task input is written and a warning asks for them', async () => {
    const r = await ecs(`
services:
  report:
    image: r:1
    deploy:
      restart_policy: { condition: none }
`, { launchType: 'FARGATE' });
    expect(r.doc('report.run-task.json')?.networkConfiguration).toBeUndefined();
    expect(r.diagnostics.some((d) => d.code === 'ECS_INVALID' && d.message.includes('run-task'))).toBe(true);
  });

  it('deploy.mode global-job has no ECS equivalent: reported at deploy.mode', async () => {
    const r = await ecs(`
services:
  sweep:
    image: s:1
    mem_limit: 64m
    deploy: { mode: global-job }
`);
    expect(r.codes).toContain('warning ECS_UNSUPPORTED_FIELD /services/sweep/deploy/mode');
  });

  it('project layout: a job nobody waits on gets a task of its own (ECS_TASK_SPLIT), run with run-task, never an essential container of the project task', async () => {
    const r = await ecs(`
name: p
services:
  web:
    image: shop:1
    mem_limit: 64m
  cleanup:
    image: c:1
    mem_limit: 64m
    x-ecs: { job: true }
`, { layout: 'project' });
    expect(r.container('p', 'web')?.essential).toBe(true);
    expect(r.container('p', 'cleanup')).toBeUndefined();
    expect(r.container('p-cleanup', 'cleanup')).toBeDefined();
    expect(r.paths).toContain('p-cleanup.run-task.json');
    expect(r.paths).not.toContain('p-cleanup.service.json');
    expect(r.codes).toContain('info ECS_TASK_SPLIT /services/cleanup');
  });
});

describe('05-services pre_start: "Each step runs to completion, in declared order, and the service container only starts once every step has exited 0"', () => {
  const steps = `
services:
  app:
    image: myapp:2
    user: "1000"
    working_dir: /srv
    environment: { MODE: app, DB: postgres://db }
    depends_on:
      db: { condition: service_healthy }
    pre_start:
      - command: ["./manage.py", "migrate"]
        environment: { MODE: migrate }
      - image: busybox:1.36
        command: chown -R 1000:1000 /data
        user: root
    volumes: [data:/data]
  db:
    image: postgres:16
    healthcheck: { test: pg_isready }
volumes:
  data:
`;

  it('init containers app-pre-start-1 and -2 before app, each waiting for the one before with SUCCESS; step 1 for what app waits for', async () => {
    const r = await ecs(steps, { layout: 'project' });
    const task = r.paths[0]?.replace('.task-definition.json', '') ?? '';
    const names = r.containers(task).map((c) => c.name);
    expect(names.indexOf('app-pre-start-1')).toBeLessThan(names.indexOf('app-pre-start-2'));
    expect(r.container(task, 'app-pre-start-1')?.dependsOn).toEqual([{ containerName: 'db', condition: 'HEALTHY' }]);
    expect(r.container(task, 'app-pre-start-2')?.dependsOn).toEqual([{ containerName: 'app-pre-start-1', condition: 'SUCCESS' }]);
    expect(r.container(task, 'app')?.dependsOn).toEqual([
      { containerName: 'db', condition: 'HEALTHY' },
      { containerName: 'app-pre-start-2', condition: 'SUCCESS' },
    ]);
    for (const n of ['app-pre-start-1', 'app-pre-start-2']) expect(r.container(task, n)?.essential).toBe(false);
  });

  it('a step without image runs the service\'s image, user and working directory; its environment goes over the service\'s; both share the mounts', async () => {
    const r = await ecs(steps, { layout: 'project' });
    const task = r.paths[0]?.replace('.task-definition.json', '') ?? '';
    const first = r.container(task, 'app-pre-start-1');
    const second = r.container(task, 'app-pre-start-2');
    expect(first).toMatchObject({ image: 'myapp:2', user: '1000', workingDirectory: '/srv', command: ['./manage.py', 'migrate'] });
    expect(first?.environment).toEqual([{ name: 'DB', value: 'postgres://db' }, { name: 'MODE', value: 'migrate' }]);
    expect(second).toMatchObject({ image: 'busybox:1.36', user: 'root', command: ['chown', '-R', '1000:1000', '/data'] });
    expect(second?.mountPoints).toEqual(r.container(task, 'app')?.mountPoints);
  });

  it('steps do not copy the service\'s memory: a 64 MiB soft reservation without a task size (EC2), nothing on Fargate', async () => {
    const compose = `
services:
  app:
    image: myapp:2
    mem_limit: 1g
    pre_start:
      - command: ["./warm"]
`;
    const ec2 = await ecs(compose);
    expect(ec2.container('app', 'app-pre-start-1')).toMatchObject({ memoryReservation: 64 });
    expect(ec2.container('app', 'app-pre-start-1')?.memory).toBeUndefined();
    const fargate = await ecs(compose, { launchType: 'FARGATE' });
    expect(fargate.container('app', 'app-pre-start-1')?.memoryReservation).toBeUndefined();
    expect(fargate.container('app', 'app-pre-start-1')?.memory).toBeUndefined();
  });

  // ECS quotas: at most 10 containers in a task definition; steps merge through extends (sequences append).
  it('steps that take a task past 10 containers are ECS_LIMIT at a pre_start, with no task definition written', async () => {
    const r = await ecs(`
services:
  base:
    image: myapp:2
    pre_start: [{ command: ["./a"] }, { command: ["./b"] }, { command: ["./c"] }]
  app:
    extends: base
    pre_start: [{ command: ["./d"] }, { command: ["./e"] }]
  worker:
    image: myapp:2
`, { layout: 'project' });
    expect(r.codes.filter((c) => c.startsWith('error'))).toEqual(['error ECS_LIMIT /services/app/pre_start']);
    expect(r.diagnostics.find((d) => d.code === 'ECS_LIMIT')?.message).toMatch(/would hold 11 containers/);
    expect(r.paths).toEqual([]);
  });

  it('privileged on Fargate is left out of the step with ECS_LAUNCH_TYPE_RULE at the step\'s key', async () => {
    const r = await ecs(`
services:
  app:
    image: myapp:2
    pre_start:
      - command: ["./fix"]
        privileged: true
`, { launchType: 'FARGATE' });
    expect(r.container('app', 'app-pre-start-1')?.privileged).toBeUndefined();
    expect(r.codes).toContain('warning ECS_LAUNCH_TYPE_RULE /services/app/pre_start/0/privileged');
  });

  it('per_replica false (the default) with 2 replicas is reported: every task runs the step; per_replica true is not', async () => {
    const r = await ecs(`
services:
  app:
    image: myapp:2
    mem_limit: 64m
    deploy: { replicas: 2 }
    pre_start:
      - command: ["./migrate"]
      - command: ["./warm"]
        per_replica: true
`);
    expect(r.codes.filter((c) => c.includes('/pre_start/'))).toEqual(['warning ECS_UNSUPPORTED_FIELD /services/app/pre_start/0']);
  });

  it('steps count against the 10 containers of a task', async () => {
    const many = Array.from({ length: 10 }, (_, i) => `      - command: ["./step", "${i}"]\n`).join('');
    const r = await ecs(`services:\n  app:\n    image: myapp:2\n    mem_limit: 64m\n    pre_start:\n${many}`);
    expect(r.codes).toContain('error ECS_LIMIT /services/app/pre_start');
  });
});

describe('deploy.md mode global: one task per host', () => {
  const daemon = `
services:
  agent:
    image: agent:1
    mem_limit: 64m
    deploy: { mode: global }
`;
  it('EC2: schedulingStrategy DAEMON, no desiredCount', async () => {
    const r = await ecs(daemon);
    expect(r.doc('agent.service.json')).toMatchObject({ schedulingStrategy: 'DAEMON' });
    expect(r.doc('agent.service.json')?.desiredCount).toBeUndefined();
  });

  it('Fargate has no DAEMON: an error at deploy.mode that names the fixes', async () => {
    const r = await ecs(daemon, { launchType: 'FARGATE' });
    const error = r.diagnostics.find((d) => d.severity === 'error');
    expect(error?.path).toBe('/services/agent/deploy/mode');
    expect(error?.message).toContain('EC2');
    expect(error?.message).toContain('replicated');
  });
});

describe('the RunTaskRequest validator can fail', () => {
  it('a run-task input without taskDefinition, or with a count that is not a number, is rejected', () => {
    expect(validateRunTask({ count: 1 }).length).toBeGreaterThan(0);
    expect(validateRunTask({ taskDefinition: 'x', count: 'one' }).length).toBeGreaterThan(0);
    expect(validateRunTask({ taskDefinition: 'x', launchType: 'MOON' }).length).toBeGreaterThan(0);
  });
});

describe('the ECS service of a task that runs a job is the service\'s own', () => {
  it('a replicated job in web\'s task does not set web\'s desiredCount', async () => {
    const r = await ecs(`
services:
  web:
    image: shop:1
    mem_limit: 64m
    depends_on:
      warm: { condition: service_completed_successfully }
  warm:
    image: shop:1
    mem_limit: 64m
    deploy: { mode: replicated-job, replicas: 3 }
`);
    expect(r.doc('web.service.json')?.desiredCount).toBe(1);
    expect(r.codes.filter((c) => c.includes('/deploy/replicas'))).toEqual([]);
  });
});

describe('bugs the never-throws property found', () => {
  it('two jobs waiting for each other (a cycle, reported) keep a task each instead of vanishing (was INTERNAL_ERROR)', async () => {
    const r = await ecs(`
services:
  a:
    image: nginx
    depends_on: {b: {condition: service_completed_successfully}}
  b:
    image: nginx
    depends_on: {a: {condition: service_completed_successfully}}
`);
    expect(r.codes.filter((c) => c.includes('INTERNAL_ERROR'))).toEqual([]);
    expect(r.codes.some((c) => c.startsWith('error DEPENDENCY_CYCLE'))).toBe(true);
  });
});

describe('05-services depends_on service_completed_successfully: a job copied into several tasks is reported once', () => {
  // apache/superset: superset-init (container_name, a project directory bind) runs in the tasks of superset, superset-worker and superset-worker-beat.
  const compose = `
services:
  web:
    image: shop:1
    mem_limit: 256m
    depends_on:
      init: { condition: service_completed_successfully }
  worker:
    image: shop:1
    mem_limit: 256m
    depends_on:
      init: { condition: service_completed_successfully }
  init:
    image: shop:1
    container_name: shop_init
    restart: "no"
    mem_limit: 256m
    volumes: ["./docker:/app/docker"]
`;
  for (const target of ['ecs', 'cloudformation'] as const) {
    it(`${target}: each finding about the job once, though its container is in two task definitions`, async () => {
      const { diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': compose, '/p/docker/run.sh': '#!/bin/sh\n' }, '/p'), env: {}, target, layout: 'service' });
      const about = diagnostics.filter((d) => d.path?.startsWith('/services/init/')).map((d) => `${d.severity} ${d.code} ${d.path}`);
      expect(about).toContain('warning ECS_UNSUPPORTED_FIELD /services/init/container_name');
      expect(about.length).toBeGreaterThan(1);
      expect(new Set(about).size).toBe(about.length);
    });
  }
});
