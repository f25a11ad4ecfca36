import { describe, expect, it } from 'vitest';
import { at, container, find, k8s, type Json } from './support.js';

const kinds = (objects: Json[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

describe('workload kind: Deployment by default', () => {
  it('makes a Deployment with the selector labels on its pods', async () => {
    const { objects, k8s: diags } = await k8s('name: shop\nservices:\n  web:\n    image: nginx\n    mem_limit: 64m\n');
    expect(kinds(objects)).toEqual(['Service/web', 'Deployment/web']); // a headless Service without ports: the name resolves
    const d = find(objects, 'Deployment', 'web');
    const selector = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' };
    expect(d.spec.selector.matchLabels).toEqual(selector);
    expect(d.spec.template.metadata.labels).toEqual(selector);
    expect(d.metadata.labels['app.kubernetes.io/managed-by']).toBe('compose2ecs');
    expect(container(d)).toMatchObject({ name: 'web', image: 'nginx' });
    expect(diags).toEqual([]);
  });

  it('takes replicas from deploy.replicas, else scale', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    deploy: {replicas: 3}\n  b:\n    image: x\n    scale: 2\n');
    expect(find(objects, 'Deployment', 'a').spec.replicas).toBe(3);
    expect(find(objects, 'Deployment', 'b').spec.replicas).toBe(2);
  });

  it('renames a service whose name is not a DNS label, and reports it', async () => {
    const { objects, k8s: diags } = await k8s('services:\n  My_Web:\n    image: x\n');
    expect(kinds(objects)).toEqual(['Service/my-web', 'Deployment/my-web']);
    expect(at(diags)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/My_Web']);
  });

  it('reports two services that become one name as an error, at the later by name, with no output', async () => {
    const { outputs, k8s: diags } = await k8s('services:\n  my_web:\n    image: x\n  my-web:\n    image: x\n');
    expect(outputs).toEqual([]);
    expect(at(diags, 'error')).toEqual(['K8S_INVALID@/services/my_web']);
  });
});

describe('workload kind: StatefulSet', () => {
  it('for every service with controller=statefulset, with a governing headless Service', async () => {
    const { objects } = await k8s('services:\n  db:\n    image: postgres\n', { controller: 'statefulset' });
    // Without ports its own Service is headless and governs it; with ports a ClusterIP Service and a -headless one.
    expect(kinds(objects)).toEqual(['Service/db', 'StatefulSet/db']);
    expect(find(objects, 'StatefulSet', 'db').spec.serviceName).toBe('db');
    expect(find(objects, 'Service', 'db').spec.clusterIP).toBe('None');
    const ported = await k8s('services:\n  db:\n    image: postgres\n    expose: ["5432"]\n', { controller: 'statefulset' });
    expect(kinds(ported.objects)).toEqual(['Service/db', 'Service/db-headless', 'StatefulSet/db']);
    expect(find(ported.objects, 'StatefulSet', 'db').spec.serviceName).toBe('db-headless');
  });

  it('per service through kompose.controller.type or x-kubernetes.controller', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    labels: {kompose.controller.type: statefulset}\n  b:\n    image: x\n    x-kubernetes: {controller: StatefulSet}\n');
    expect(kinds(objects).filter((k) => k.startsWith('StatefulSet'))).toEqual(['StatefulSet/a', 'StatefulSet/b']);
  });

  it('governed by its own Service when that Service is headless', async () => {
    const { objects } = await k8s('services:\n  db:\n    image: x\n    expose: ["5432"]\n    labels: {kompose.service.type: headless}\n', { controller: 'statefulset' });
    expect(kinds(objects)).toEqual(['Service/db', 'StatefulSet/db']);
    expect(find(objects, 'StatefulSet', 'db').spec.serviceName).toBe('db');
  });

  it('with statefulVolumes, for a single-replica service whose named volumes are its own', async () => {
    const compose = 'services:\n  own:\n    image: x\n    volumes: ["vol-a:/a"]\n  many:\n    image: x\n    deploy: {replicas: 2}\n    volumes: ["vol-b:/b"]\n  shares1:\n    image: x\n    volumes: ["vol-c:/c"]\n  shares2:\n    image: x\n    volumes: ["vol-c:/c"]\nvolumes: {vol-a: {}, vol-b: {}, vol-c: {}}\n';
    const { objects } = await k8s(compose, { statefulVolumes: 'true' });
    const sets = kinds(objects).filter((k) => k.startsWith('StatefulSet'));
    expect(sets).toEqual(['StatefulSet/own']);
    const own = find(objects, 'StatefulSet', 'own');
    expect(own.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['vol-a']);
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === 'vol-a')).toBe(false);
  });
});

describe('workload kind: DaemonSet for deploy.mode global', () => {
  it('makes a DaemonSet and reports replicas', async () => {
    const { objects, k8s: diags } = await k8s('services:\n  agent:\n    image: x\n    deploy: {mode: global, replicas: 2}\n');
    expect(kinds(objects)).toEqual(['Service/agent', 'DaemonSet/agent']);
    expect(find(objects, 'DaemonSet', 'agent').spec.replicas).toBeUndefined();
    expect(at(diags)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/agent/deploy/replicas']);
  });

  it('lets the service\'s own controller win, with a warning', async () => {
    const { objects, k8s: diags } = await k8s('services:\n  agent:\n    image: x\n    deploy: {mode: global}\n    x-kubernetes: {controller: deployment}\n');
    expect(kinds(objects)).toEqual(['Service/agent', 'Deployment/agent']);
    expect(at(diags)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/agent/deploy/mode']);
  });
});

describe('workload kind: Job for a service that runs once (the core\'s kind)', () => {
  const compose = 'services:\n  none:\n    image: x\n    deploy: {restart_policy: {condition: none}}\n  batch:\n    image: x\n    deploy: {mode: replicated-job}\n  waited:\n    image: x\n    restart: "no"\n  app:\n    image: x\n    restart: always\n    depends_on: {waited: {condition: service_completed_successfully}}\n';

  it('restart_policy none and replicated-job are Jobs; a job others wait on has no object of its own', async () => {
    const { objects } = await k8s(compose);
    expect(kinds(objects)).toEqual(['Service/app', 'Deployment/app', 'Job/batch', 'Job/none']); // by service name; no Service for a Job
    const none = find(objects, 'Job', 'none');
    expect(none.spec).toMatchObject({ backoffLimit: 0 });
    expect(none.spec.template.spec.restartPolicy).toBe('Never');
    expect(none.spec.selector).toBeUndefined();
    expect(find(objects, 'Job', 'batch').spec.template.spec.restartPolicy).toBe('Never');
  });

  it('the jobs option no longer changes anything', async () => {
    const on = await k8s(compose, { jobs: 'true' });
    const off = await k8s(compose, { jobs: 'false' });
    expect(kinds(on.objects)).toEqual(kinds(off.objects));
  });

  it('a job is never a Deployment, whatever the controller option or its own setting asks (warning at the setting)', async () => {
    const { objects, k8s: diags } = await k8s('services:\n  once:\n    image: x\n    deploy: {mode: replicated-job}\n    x-kubernetes: {controller: deployment}\n', { controller: 'statefulset' });
    expect(kinds(objects)).toEqual(['Job/once']);
    expect(at(diags, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/once/x-kubernetes/controller']);
  });

  it('on-failure:n → OnFailure with backoffLimit n; replicas → completions and parallelism', async () => {
    const { objects } = await k8s('services:\n  j:\n    image: x\n    restart: on-failure:4\n    deploy: {replicas: 3}\n    x-kubernetes: {controller: job}\n');
    const j = find(objects, 'Job', 'j');
    expect(j.spec).toMatchObject({ backoffLimit: 4, completions: 3, parallelism: 3 });
    expect(j.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  it('restart_policy on-failure with max_attempts → OnFailure with backoffLimit', async () => {
    const { objects } = await k8s('services:\n  j:\n    image: x\n    deploy: {mode: replicated-job, restart_policy: {condition: on-failure, max_attempts: 2}}\n');
    const j = find(objects, 'Job', 'j');
    expect(j.spec.backoffLimit).toBe(2);
    expect(j.spec.template.spec.restartPolicy).toBe('OnFailure');
  });
});

describe('update_config → rolling update', () => {
  it('stop-first: maxUnavailable = parallelism, maxSurge 0; delay → minReadySeconds', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    deploy: {update_config: {parallelism: 2, delay: 5s}}\n');
    const spec = find(objects, 'Deployment', 'a').spec;
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 2 } });
    expect(spec.minReadySeconds).toBe(5);
  });

  it('start-first: maxSurge = parallelism, maxUnavailable 0; parallelism 0 is 100%', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    deploy: {update_config: {parallelism: 0, order: start-first}}\n');
    expect(find(objects, 'Deployment', 'a').spec.strategy.rollingUpdate).toEqual({ maxSurge: '100%', maxUnavailable: 0 });
  });

  it('a single-replica Deployment with a claim is recreated, not rolled', async () => {
    const { objects } = await k8s('services:\n  db:\n    image: x\n    volumes: ["data:/d"]\nvolumes: {data: {}}\n');
    expect(find(objects, 'Deployment', 'db').spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('labels and annotations', () => {
  it('labels go to the workload and pods; invalid values become annotations; kompose.* are not copied', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    labels: {tier: web, note: "two words", kompose.service.type: nodeport}\n    annotations: {prometheus.io/scrape: "true"}\n    deploy: {labels: {owner: team-a}}\n');
    const d = find(objects, 'Deployment', 'a');
    expect(d.metadata.labels).toMatchObject({ tier: 'web', owner: 'team-a' });
    expect(d.metadata.labels['kompose.service.type']).toBeUndefined();
    expect(d.metadata.annotations).toEqual({ note: 'two words' });
    expect(d.spec.template.metadata.labels.tier).toBe('web');
    expect(d.spec.template.metadata.labels.owner).toBeUndefined();
    expect(d.spec.template.metadata.annotations).toEqual({ note: 'two words', 'prometheus.io/scrape': 'true' });
  });

  it('puts every object in the namespace option', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    ports: ["80:80"]\n    volumes: ["dd:/d"]\nvolumes: {dd: {}}\n', { namespace: 'prod' });
    expect(objects.map((o) => o.metadata.namespace)).toEqual(['prod', 'prod', 'prod']);
  });
});
