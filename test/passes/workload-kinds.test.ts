/**
 * The kind of each workload (issue 18): job, daemon or long-running service, with the reason
 * and the key that decided it, said in a WORKLOAD_KIND info there.
 */
import { describe, expect, it } from 'vitest';
import { build, found, withCode } from './build-ir.js';

async function kinds(text: string) {
  const { ir, diagnostics } = await build(text, { layout: 'service' });
  const kind = Object.fromEntries(Object.values(ir.workloads).map((w) => [w.name, w.kind]));
  // The kind infos, not the ECS layer's about where a job runs.
  const said = withCode(diagnostics, 'WORKLOAD_KIND').filter((d) => /^services\.\S+ is (a job|a daemon|a long-running service):/.test(d.message));
  return { ir, kind, infos: found(said).map((d) => d.path) };
}

describe('05-services depends_on: service_completed_successfully "is expected to run to successful completion"', () => {
  it('restart "no" with a waiter is a job, said at its restart key (at the waiter\'s condition when restart is not written)', async () => {
    const { kind, infos } = await kinds(`
services:
  web:
    image: shop:1
    depends_on:
      migrate: { condition: service_completed_successfully }
  migrate:
    image: shop:1
    restart: "no"
`);
    expect(kind).toEqual({ web: 'service', migrate: 'job' });
    expect(infos).toContain('/services/migrate/restart');
  });

  it('no restart (compose\'s default is "no") and on-failure:3 with a waiter are jobs too', async () => {
    const { kind, infos } = await kinds(`
services:
  web:
    image: shop:1
    depends_on:
      migrate: { condition: service_completed_successfully }
      seed: { condition: service_completed_successfully }
  migrate:
    image: shop:1
  seed:
    image: shop:1
    restart: on-failure:3
`);
    expect(kind).toEqual({ web: 'service', migrate: 'job', seed: 'job' });
    expect(infos).toEqual(['/services/web/depends_on/migrate/condition', '/services/seed/restart']);
  });

  it('restart "no" alone stays a long-running service, and the info says why', async () => {
    const { ir, kind, infos } = await kinds(`
services:
  api:
    image: shop:1
    restart: "no"
`);
    expect(kind).toEqual({ api: 'service' });
    expect(infos).toEqual(['/services/api/restart']);
    expect(ir.workloads.api?.kindReason).toContain('service_completed_successfully');
  });

  it('restart always with a waiter stays a service (compose restarts it)', async () => {
    const { kind, infos } = await kinds(`
services:
  web:
    image: shop:1
    depends_on:
      cache: { condition: service_completed_successfully }
  cache:
    image: redis:7
    restart: always
`);
    expect(kind.cache).toBe('service');
    expect(infos).toEqual([]);
  });

  it('service_started alone does not make a job', async () => {
    const { kind } = await kinds(`
services:
  web:
    image: shop:1
    depends_on: [migrate]
  migrate:
    image: shop:1
    restart: "no"
`);
    expect(kind.migrate).toBe('service');
  });
});

describe('deploy.md restart_policy.condition and mode', () => {
  it('condition none with one replica is a job; on-failure only when waited on to complete (Swarm files keep servers up with it), with 3 replicas too; any a service', async () => {
    const { kind, infos } = await kinds(`
services:
  report:
    image: r:1
    deploy:
      restart_policy: { condition: none }
  retry:
    image: r:1
    deploy:
      restart_policy: { condition: on-failure }
  server:
    image: r:1
    deploy:
      restart_policy: { condition: on-failure }
  app:
    image: r:1
    depends_on: { retry: { condition: service_completed_successfully } }
  pool:
    image: r:1
    deploy:
      replicas: 3
      restart_policy: { condition: on-failure }
  always:
    image: r:1
    restart: "no"
    deploy:
      restart_policy: { condition: any }
`);
    expect(kind).toEqual({ report: 'job', retry: 'job', server: 'service', app: 'service', pool: 'service', always: 'service' });
    expect(infos).toEqual(['/services/report/deploy/restart_policy/condition', '/services/retry/deploy/restart_policy/condition']);
  });

  it('05-services deploy restart_policy: with several replicas each copy runs to completion (compose starts none of them again): condition none, or on-failure waited on to complete, is a job of that many copies', async () => {
    const { kind, infos } = await kinds(`
services:
  batch:
    image: r:1
    deploy:
      replicas: 3
      restart_policy: { condition: none }
  workers:
    image: r:1
    deploy:
      replicas: 2
      restart_policy: { condition: on-failure }
  app:
    image: r:1
    depends_on: { workers: { condition: service_completed_successfully } }
`);
    expect(kind).toEqual({ batch: 'job', workers: 'job', app: 'service' });
    expect(infos).toEqual(['/services/batch/deploy/restart_policy/condition', '/services/workers/deploy/restart_policy/condition']);
  });

  it('mode global is a daemon; replicated-job and global-job are jobs', async () => {
    const { kind, infos } = await kinds(`
services:
  agent:
    image: a:1
    deploy: { mode: global }
  batch:
    image: b:1
    deploy: { mode: replicated-job, replicas: 3 }
  sweep:
    image: b:1
    deploy: { mode: global-job }
`);
    expect(kind).toEqual({ agent: 'daemon', batch: 'job', sweep: 'job' });
    expect(infos).toEqual(['/services/agent/deploy/mode', '/services/batch/deploy/mode', '/services/sweep/deploy/mode']);
  });
});

describe('x-ecs.job decides when written', () => {
  it('true and "standalone" make a job; false keeps a waited-on restart "no" service running', async () => {
    const { kind, infos } = await kinds(`
services:
  web:
    image: shop:1
    depends_on:
      warm: { condition: service_completed_successfully }
  warm:
    image: shop:1
    restart: "no"
    x-ecs: { job: false }
  tick:
    image: t:1
    x-ecs: { job: true }
  seed:
    image: t:1
    x-ecs: { job: standalone }
`);
    expect(kind).toEqual({ web: 'service', warm: 'service', tick: 'job', seed: 'job' });
    expect(infos).toEqual(expect.arrayContaining(['/services/warm/x-ecs/job', '/services/tick/x-ecs/job', '/services/seed/x-ecs/job']));
  });

  it('x-ecs.job at the top level is only read in a service: ignored with a warning', async () => {
    const { diagnostics, ir } = await build(`
x-ecs: { job: true }
services:
  api:
    image: shop:1
`);
    expect(ir.workloads.api?.kind).toBe('service');
    expect(found(withCode(diagnostics, 'ECS_INVALID')).map((d) => d.path)).toEqual(['/x-ecs/job']);
  });
});
