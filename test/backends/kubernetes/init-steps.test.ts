import { describe, expect, it } from 'vitest';
import { at, find, k8s, type Json } from './support.js';

const inits = (objects: Json[], kind: string, name: string): Json[] => find(objects, kind, name).spec.template.spec.initContainers ?? [];
const names = (list: Json[]): string[] => list.map((c) => c.name);

describe('05-services pre_start: "Each step runs to completion, in declared order, and the service container only starts once every step has exited 0"', () => {
  const compose = `services:
  web:
    image: shop:3
    entrypoint: ["/entry.sh"]
    pull_policy: always
    user: "1000"
    working_dir: /app
    environment: {A: "1", B: "2"}
    volumes: ["static:/static"]
    pre_start:
      - command: ["./manage.py", "migrate"]
        environment: {B: "3", C: "4"}
      - image: busybox:1.36
        command: chown -R 1000:1000 /static
        user: "0:0"
        privileged: true
        working_dir: /
volumes: {static: {}}
`;

  it('each step is an init container, in order, after the main container is mapped', async () => {
    const { objects } = await k8s(compose);
    expect(names(inits(objects, 'Deployment', 'web'))).toEqual(['web-pre-start-1', 'web-pre-start-2']);
  });

  it('"If omitted, the parent service\'s image is used": a step without image runs the service\'s image, pull policy, entrypoint and user', async () => {
    const [first] = inits((await k8s(compose)).objects, 'Deployment', 'web');
    expect(first).toMatchObject({ image: 'shop:3', imagePullPolicy: 'Always', command: ['/entry.sh'], args: ['./manage.py', 'migrate'], workingDir: '/app', securityContext: { runAsUser: 1000 } });
  });

  it('"The command inherits the environment set for the service\'s main command, and this section lets you append or override values"', async () => {
    const [first, second] = inits((await k8s(compose)).objects, 'Deployment', 'web');
    expect(first?.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
    expect(second?.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  });

  it('a step with its own image keeps its own user, privileges and directory, and "shares the service\'s declared volume mounts"', async () => {
    const [, second] = inits((await k8s(compose)).objects, 'Deployment', 'web');
    expect(second).toMatchObject({ image: 'busybox:1.36', args: ['chown', '-R', '1000:1000', '/static'], workingDir: '/', securityContext: { runAsUser: 0, runAsGroup: 0, privileged: true } });
    expect(second?.command).toBeUndefined();
    expect(second?.volumeMounts).toEqual([{ name: 'static', mountPath: '/static' }]);
  });

  it('a user name (not a numeric id) is reported at the step', async () => {
    const { k8s: d } = await k8s('services:\n  web:\n    image: x\n    pre_start:\n      - command: ["true"]\n        user: app\n');
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/web/pre_start/0/user']);
  });

  it('"per_replica: … once for the service as a whole before any replica starts (false, the default)": with replicas, an info says each pod runs it', async () => {
    const once = await k8s('services:\n  web:\n    image: x\n    deploy: {replicas: 3}\n    pre_start:\n      - command: ["true"]\n');
    expect(at(once.k8s, 'info')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/web/pre_start/0']);
    const each = await k8s('services:\n  web:\n    image: x\n    deploy: {replicas: 3}\n    pre_start:\n      - command: ["true"]\n        per_replica: true\n');
    expect(at(each.k8s, 'info')).toEqual([]);
  });
});

describe('05-services depends_on service_completed_successfully: a job the service waits on runs first, as init containers of its pod', () => {
  const compose = `services:
  web:
    image: shop:3
    deploy: {replicas: 2}
    volumes: ["data:/web"]
    secrets: [token]
    depends_on:
      seed: {condition: service_completed_successfully}
    pre_start:
      - command: ["./warm"]
  worker:
    image: shop:3
    depends_on:
      migrate: {condition: service_completed_successfully}
  seed:
    image: shop:3
    command: ["./seed"]
    restart: "no"
    depends_on:
      migrate: {condition: service_completed_successfully}
  migrate:
    image: shop:3
    command: ["./migrate"]
    restart: "no"
    environment: {DB: db}
    healthcheck: {test: [CMD, "true"]}
    volumes: [{type: volume, source: data, target: /data, read_only: true}]
    secrets: [{source: token, mode: 0400}]
    pre_start:
      - command: ["./check"]
volumes: {data: {}}
secrets: {token: {file: ./token.txt}}
`;

  it('the job has no object of its own, and an info at the job says where it runs and how to run it once', async () => {
    const { objects, k8s: d } = await k8s(compose);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['PersistentVolumeClaim/data', 'Service/web', 'Deployment/web', 'Service/worker', 'Deployment/worker']);
    expect(at(d, 'info').filter((x) => x.startsWith('K8S_UNSUPPORTED_FIELD@/services/'))).toEqual([
      'K8S_UNSUPPORTED_FIELD@/services/migrate',
      'K8S_UNSUPPORTED_FIELD@/services/seed',
      'K8S_UNSUPPORTED_FIELD@/services/web/pre_start/0',
      'K8S_UNSUPPORTED_FIELD@/services/worker/depends_on', // the job's claim: the Deployment is recreated
    ]);
    expect(d.find((x) => x.path === '/services/migrate')?.message).toContain('seed, worker');
  });

  it('a chain of jobs runs in order (the job a job waits on first), each job\'s own steps before its container, then the service\'s steps', async () => {
    const { objects } = await k8s(compose);
    expect(names(inits(objects, 'Deployment', 'web'))).toEqual(['migrate-pre-start-1', 'migrate', 'seed', 'web-pre-start-1']);
    expect(names(inits(objects, 'Deployment', 'worker'))).toEqual(['migrate-pre-start-1', 'migrate']);
  });

  it('runs with the job\'s image, command and environment, without the probes an init container may not have', async () => {
    const migrate = inits((await k8s(compose)).objects, 'Deployment', 'worker').find((c) => c.name === 'migrate');
    expect(migrate).toMatchObject({ image: 'shop:3', args: ['./migrate'], env: [{ name: 'DB', value: 'db' }] });
    expect(migrate?.readinessProbe).toBeUndefined();
    expect(migrate?.livenessProbe).toBeUndefined();
  });

  it('the job\'s volumes join the waiter\'s pod; one of the same name but other settings is renamed', async () => {
    const { objects } = await k8s(compose);
    const web = find(objects, 'Deployment', 'web').spec.template.spec;
    const worker = find(objects, 'Deployment', 'worker').spec.template.spec;
    expect(worker.volumes.map((v: Json) => v.name)).toEqual(['secret-token', 'data']);
    expect(worker.initContainers.find((c: Json) => c.name === 'migrate').volumeMounts.map((m: Json) => m.name)).toEqual(['secret-token', 'data']);
    expect(web.volumes.map((v: Json) => v.name)).toEqual(['secret-token', 'data', 'secret-token-2']);
    expect(web.volumes[2].secret.defaultMode).toBe(0o400);
    expect(web.initContainers.find((c: Json) => c.name === 'migrate').volumeMounts.map((m: Json) => m.name)).toEqual(['secret-token-2', 'data']);
  });

  it('pod settings of the job that cannot follow it into another pod are reported once, at the job', async () => {
    const { k8s: d } = await k8s('services:\n  a:\n    image: x\n    depends_on: {j: {condition: service_completed_successfully}}\n  b:\n    image: x\n    depends_on: {j: {condition: service_completed_successfully}}\n  j:\n    image: x\n    restart: "no"\n    network_mode: host\n');
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/j']);
  });

  it('an init container whose name another one already has is renamed, not dropped', async () => {
    const { objects } = await k8s('services:\n  web:\n    image: x\n    depends_on: {web-pre-start-1: {condition: service_completed_successfully}}\n    pre_start:\n      - command: ["true"]\n  web-pre-start-1:\n    image: y\n    restart: "no"\n');
    expect(inits(objects, 'Deployment', 'web').map((c) => [c.name, c.image])).toEqual([['web-pre-start-1', 'y'], ['web-pre-start-1-2', 'x']]);
  });
});
