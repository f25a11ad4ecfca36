import { describe, expect, it } from 'vitest';
import { build, found, withCode } from './build-ir.js';

const project = { layout: 'project' } as const;
const fargateProject = { layout: 'project', launchType: 'FARGATE' } as const;
const db = '  db:\n    image: postgres\n    mem_limit: 64m\n';
const healthyDb = '  db:\n    image: postgres\n    mem_limit: 64m\n    healthcheck: { test: pg_isready }\n';

/** dependsOn, links and essential of each service. */
async function deps(text: string, options: Parameters<typeof build>[1] = project) {
  const { ir, diagnostics } = await build(text, options);
  const facts = Object.fromEntries(Object.values(ir.services).map((s) => [s.name, { dependsOn: s.dependsOn, links: s.links, essential: s.essential }]));
  return { facts, diagnostics };
}

describe('bridge network mode: depends_on and links become container links (one task)', () => {
  it('depends_on: [db] → links [db] and dependsOn START', async () => {
    const { facts, diagnostics } = await deps(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on: [db]\n${db}`);
    expect(facts.web).toEqual({ dependsOn: [{ containerName: 'db', condition: 'START' }], links: ['db'], essential: true });
    expect(facts.db).toEqual({ dependsOn: [], links: [], essential: true });
    expect(diagnostics).toEqual([]);
  });

  it('links: [db:database] keeps the alias; the dependency compose implies for the link is not linked twice', async () => {
    const { facts } = await deps(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    links: ['db:database']\n${db}`);
    expect(facts.web).toEqual({ dependsOn: [{ containerName: 'db', condition: 'START' }], links: ['db:database'], essential: true });
  });
});

describe('awsvpc (and host) network mode: no links; containers of a task share localhost', () => {
  it('no links, dependsOn kept, and one info per task however many dependencies, at the first service by name that has one', async () => {
    const text = `services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on: [db, cache]\n    links: [db]\n${db}  cache:\n    image: redis\n    mem_limit: 64m\n    depends_on: [db]\n`;
    const { facts, diagnostics } = await deps(text, fargateProject);
    expect(facts.web?.links).toEqual([]);
    expect(facts.web?.dependsOn).toEqual([
      { containerName: 'db', condition: 'START' },
      { containerName: 'cache', condition: 'START' },
    ]);
    expect(found(withCode(diagnostics, 'ECS_UNSUPPORTED_FIELD'))).toEqual([{ code: 'ECS_UNSUPPORTED_FIELD', severity: 'info', line: 13, column: 18, path: '/services/cache/depends_on/db' }]);
  });

  it('network mode none: the info says the containers cannot reach each other', async () => {
    const { diagnostics } = await deps(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    network_mode: none\n    depends_on: [db]\n${db}    network_mode: none\n`);
    expect(withCode(diagnostics, 'ECS_UNSUPPORTED_FIELD')[0]?.message).toContain('cannot reach each other');
  });
});

describe('depends_on conditions → ContainerDependency conditions', () => {
  const web = (cond: string): string => `services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on:\n      db: { condition: ${cond} }\n`;

  it('service_started → START', async () => {
    expect((await deps(web('service_started') + db)).facts.web?.dependsOn).toEqual([{ containerName: 'db', condition: 'START' }]);
  });

  it('service_healthy → HEALTHY when db has a healthcheck', async () => {
    const { facts, diagnostics } = await deps(web('service_healthy') + healthyDb);
    expect(facts.web?.dependsOn).toEqual([{ containerName: 'db', condition: 'HEALTHY' }]);
    expect(diagnostics).toEqual([]);
  });

  it('service_completed_successfully → SUCCESS, and db is not essential (ECS: SUCCESS "can\'t be set on an essential container")', async () => {
    const { facts, diagnostics } = await deps(web('service_completed_successfully') + db);
    expect(facts.web?.dependsOn).toEqual([{ containerName: 'db', condition: 'SUCCESS' }]);
    expect(facts.web?.links, 'no link to a container that has exited (Docker links need it running)').toEqual([]);
    expect(facts.db?.essential).toBe(false);
    expect(facts.web?.essential).toBe(true);
    // db is now a job (issue 18): the WORKLOAD_KIND info says so; nothing else is reported.
    expect(diagnostics.filter((d) => d.code !== 'WORKLOAD_KIND')).toEqual([]);
  });
});

describe('HEALTHY needs a health check on the container waited for (ECS "requires that the dependent container has health checks configured")', () => {
  const web = 'services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on:\n      db: { condition: service_healthy }\n';

  it('service_healthy on a service without healthcheck → ECS_INVALID at the condition', async () => {
    expect(found((await deps(web + db)).diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 6, column: 24, path: '/services/web/depends_on/db/condition' }]);
  });

  it('a disabled healthcheck, or test: [NONE], is none', async () => {
    expect(withCode((await deps(web + db + '    healthcheck: { disable: true }\n')).diagnostics, 'ECS_INVALID')).toHaveLength(1);
    expect(withCode((await deps(web + db + '    healthcheck: { test: [NONE] }\n')).diagnostics, 'ECS_INVALID')).toHaveLength(1);
  });

  it('x-ecs.healthcheck.command on the target counts (it is the container health check)', async () => {
    expect((await deps(web + db + '    x-ecs: { healthcheck: { command: [CMD, pg_isready] } }\n')).diagnostics).toEqual([]);
  });
});

describe('dependencies between tasks (service layout)', () => {
  it('depends_on on another task → ECS_CROSS_TASK_DEPENDENCY info at the entry; no dependsOn, no links', async () => {
    const { facts, diagnostics } = await deps(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on: [db]\n${db}`, {});
    expect(facts.web).toEqual({ dependsOn: [], links: [], essential: true });
    expect(found(diagnostics)).toEqual([{ code: 'ECS_CROSS_TASK_DEPENDENCY', severity: 'info', line: 5, column: 18, path: '/services/web/depends_on/db' }]);
  });

  it('links to another task, Service Connect off → one warning at the link (not also an info for the depends_on compose implies)', async () => {
    const { facts, diagnostics } = await deps(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    links: [db]\n${db}x-ecs:\n  service_connect: false\n`, {});
    expect(facts.web?.links).toEqual([]);
    expect(found(diagnostics)).toEqual([{ code: 'ECS_CROSS_TASK_DEPENDENCY', severity: 'warning', line: 5, column: 13, path: '/services/web/links/0' }]);
  });

  describe('05-services depends_on: "service_completed_successfully specifies that a dependency is expected to run to successful completion before starting a dependent service"; a job kept in a task of its own cannot be waited for', () => {
    const waiter = '  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on:\n      seed: { condition: service_completed_successfully }\n';
    const warning = async (text: string) => {
      const { diagnostics } = await deps(text, {});
      const d = diagnostics.filter((x) => x.code === 'ECS_CROSS_TASK_DEPENDENCY' && x.severity === 'warning');
      expect(found(d)).toEqual([{ code: 'ECS_CROSS_TASK_DEPENDENCY', severity: 'warning', line: 6, column: 13, path: '/services/web/depends_on/seed' }]);
      return d[0]?.message ?? '';
    };
    it('x-ecs.job: standalone as written: the remedy is to drop it', async () => {
      const m = await warning(`services:\n${waiter}  seed:\n    image: busybox\n    mem_limit: 64m\n    x-ecs: { job: standalone }\n`);
      expect(m).toContain('(x-ecs.job: standalone, started with aws ecs run-task)');
      expect(m).toMatch(/or drop x-ecs\.job: standalone to run it inside web's task$/);
    });
    // (pid and ipc service:app put the job into app's task, task-layout.ts, which has an ECS service.)
    it.each([['volumes_from: [app]', 'volumes_from app']])('a job that shares volumes with another service (%s) is kept apart for that reason, which the warning gives instead of an x-ecs.job the file does not have', async (key, said) => {
      const m = await warning(`services:\n${waiter}  seed:\n    image: busybox\n    mem_limit: 64m\n    ${key}\n  app:\n    image: nginx\n    mem_limit: 64m\n`);
      expect(m).toContain(`(its ${said} keeps it apart from web's task, started with aws ecs run-task)`);
      expect(m).not.toContain('x-ecs.job');
      expect(m).toMatch(/run it to completion before deploying web$/);
    });
  });

  // With Service Connect the name resolves across tasks; where it cannot, the ECS backend says so (test/backends/ecs/name-uses.test.ts).
  it('links to another task, Service Connect on → nothing from the pass', async () => {
    const { facts, diagnostics } = await deps(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    links: [db]\n${db}`, {});
    expect(facts.web?.links).toEqual([]);
    expect(found(diagnostics)).toEqual([]);
  });
});

describe('x-ecs.depends_on replaces the dependencies derived from depends_on', () => {
  it('dependsOn as written (COMPLETE makes the target non-essential), links still from depends_on', async () => {
    const text = `services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on: [db]\n    x-ecs:\n      depends_on: [{ container_name: db, condition: COMPLETE }]\n${db}`;
    const { facts, diagnostics } = await deps(text);
    expect(facts.web).toEqual({ dependsOn: [{ containerName: 'db', condition: 'COMPLETE' }], links: ['db'], essential: true });
    expect(facts.db?.essential).toBe(false);
    expect(diagnostics).toEqual([]);
  });

  it('entries are kept as written: checking them against the emitted task (a container of the task, HEALTHY needs a health check) is the backend’s job', async () => {
    const text = `services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    x-ecs:\n      depends_on: [{ container_name: db, condition: HEALTHY }]\n${db}`;
    const { facts, diagnostics } = await deps(text, {});
    expect(facts.web?.dependsOn).toEqual([{ containerName: 'db', condition: 'HEALTHY' }]);
    expect(diagnostics.filter((d) => d.code !== 'ECS_CROSS_TASK_DEPENDENCY')).toEqual([]);
  });
});

describe('05-services depends_on service_completed_successfully on a service started again whenever it exits (DEPENDENCY_NEVER_COMPLETES)', () => {
  it('the container waits for it to start (START), and it stays essential: SUCCESS would never come and would leave it non-essential', async () => {
    const text = `services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on:\n      db: { condition: service_completed_successfully }\n  db:\n    image: postgres\n    mem_limit: 64m\n    restart: always\n`;
    const { facts, diagnostics } = await deps(text, fargateProject);
    expect(facts.web?.dependsOn).toEqual([{ containerName: 'db', condition: 'START' }]);
    expect(facts.db?.essential).toBe(true);
    expect(withCode(diagnostics, 'ECS_INVALID')).toEqual([]);
  });

  it('the fuzz finding (project layout): a job that waits for a long-running service to complete, in one task with it, no longer leaves the task without an essential container', async () => {
    const text = `services:\n  app:\n    image: nginx\n    mem_limit: 64m\n    restart: unless-stopped\n  copy:\n    image: busybox\n    mem_limit: 64m\n    volumes_from: [app]\n    depends_on:\n      app: { condition: service_completed_successfully }\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on:\n      copy: { condition: service_completed_successfully }\n`;
    const { facts, diagnostics } = await deps(text, fargateProject);
    expect(withCode(diagnostics, 'ECS_INVALID')).toEqual([]);
    expect(facts.app?.essential).toBe(true);
    expect(facts.copy?.dependsOn).toEqual([{ containerName: 'app', condition: 'START' }]);
  });

  it('a target the core keeps running (a daemon) in the waiter\'s task: START with a warning at the condition, and the task keeps an essential container (property finding, seed -1879570417)', async () => {
    const text = `services:\n  agent:\n    image: nginx\n    mem_limit: 64m\n    deploy: { mode: global }\n  probe:\n    image: busybox\n    mem_limit: 64m\n    pid: "service:agent"\n    deploy: { restart_policy: { condition: none } }\n    depends_on:\n      agent: { condition: service_completed_successfully }\n`;
    const { facts, diagnostics } = await deps(text, {});
    expect(withCode(diagnostics, 'ECS_INVALID')).toEqual([]);
    expect(facts.probe?.dependsOn).toEqual([{ containerName: 'agent', condition: 'START' }]);
    expect(facts.agent?.essential).toBe(true);
    expect(found(withCode(diagnostics, 'ECS_UNSUPPORTED_FIELD')).map((d) => `${d.severity}@${d.path}`)).toContain('warning@/services/probe/depends_on/agent/condition');
  });

  it('a job waited for to complete keeps SUCCESS (and is not essential)', async () => {
    const text = `services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on:\n      migrate: { condition: service_completed_successfully }\n  migrate:\n    image: app\n    mem_limit: 64m\n    restart: on-failure\n`;
    const { facts } = await deps(text, fargateProject);
    expect(facts.web?.dependsOn).toEqual([{ containerName: 'migrate', condition: 'SUCCESS' }]);
    expect(facts.migrate?.essential).toBe(false);
  });
});

describe('essential containers', () => {
  it('a task without an essential container → ECS_INVALID at its first service', async () => {
    const { diagnostics } = await deps('services:\n  job:\n    image: busybox\n    mem_limit: 64m\n    x-ecs: { essential: false }\n', {});
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 3, column: 5, path: '/services/job' }]);
  });

  it('x-ecs.essential wins over the derived flag (the ECS backend reports essential: true on a SUCCESS target)', async () => {
    const text = `services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    depends_on:\n      db: { condition: service_completed_successfully }\n${db}    x-ecs: { essential: true }\n`;
    const { facts, diagnostics } = await deps(text);
    expect(facts.db?.essential).toBe(true);
    expect(diagnostics.filter((d) => d.code !== 'WORKLOAD_KIND')).toEqual([]);
  });

  it('x-ecs.essential: false is kept on an ordinary container', async () => {
    const { facts } = await deps(`services:\n  web:\n    image: nginx\n    mem_limit: 64m\n  side:\n    image: busybox\n    mem_limit: 64m\n    x-ecs: { essential: false }\n`);
    expect([facts.web?.essential, facts.side?.essential]).toEqual([true, false]);
  });
});
