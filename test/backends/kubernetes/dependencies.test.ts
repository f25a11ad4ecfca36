import { describe, expect, it } from 'vitest';
import { at, find, k8s } from './support.js';

const compose = `services:
  web:
    image: x
    depends_on:
      api: {condition: service_healthy}
      migrate: {condition: service_completed_successfully}
      cache: {condition: service_started}
  api:
    image: x
    expose: ["3000"]
    healthcheck: {test: [CMD, "true"]}
  migrate:
    image: x
    restart: "no"
  cache:
    image: x
`;

describe('depends_on without waitForDependencies', () => {
  it('is reported once per service (info); only the job waited on runs first, as an init container', async () => {
    const { objects, k8s: d } = await k8s(compose);
    expect(find(objects, 'Deployment', 'web').spec.template.spec.initContainers).toEqual([{ name: 'migrate', image: 'x' }]);
    expect(at(d, 'info')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/migrate', 'K8S_UNSUPPORTED_FIELD@/services/web/depends_on']);
  });
});

describe('05-services depends_on restart: "Compose restarts this service after it updates the dependency service"', () => {
  const restart = 'services:\n  web:\n    image: x\n    depends_on:\n      db: {condition: service_started, restart: true}\n  db:\n    image: x\n';
  it('is reported at the key with or without waitForDependencies (it was dropped silently without)', async () => {
    for (const options of [{}, { waitForDependencies: 'true' }]) {
      const { k8s: d } = await k8s(restart, options);
      expect(at(d, 'warning'), JSON.stringify(options)).toContain('K8S_UNSUPPORTED_FIELD@/services/web/depends_on/db/restart');
    }
  });
});

describe('depends_on with waitForDependencies → init containers', () => {
  it('service_healthy waits for the Service port; the job waited on runs as an init container after the waits', async () => {
    const { objects, k8s: d } = await k8s(compose, { waitForDependencies: 'true' });
    expect(find(objects, 'Deployment', 'web').spec.template.spec.initContainers).toEqual([
      { name: 'wait-for-api', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z -w 2 api 3000; do echo waiting for api; sleep 2; done'] },
      { name: 'migrate', image: 'x' },
    ]);
    expect(at(d, 'info')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/migrate', 'K8S_UNSUPPORTED_FIELD@/services/web/depends_on/cache']);
  });

  it('a job that is a Job of its own (x-kubernetes.controller: job) is waited for with kubectl wait, which needs RBAC (info)', async () => {
    const own = compose.replace('    restart: "no"\n', '    restart: "no"\n    x-kubernetes: {controller: job}\n');
    const { objects, k8s: d } = await k8s(own, { waitForDependencies: 'true', waitImage: 'alpine:3', kubectlImage: 'k:1' });
    expect(find(objects, 'Job', 'migrate').spec.template.spec.restartPolicy).toBe('Never');
    expect(find(objects, 'Deployment', 'web').spec.template.spec.initContainers).toEqual([
      { name: 'wait-for-api', image: 'alpine:3', command: ['sh', '-c', 'until nc -z -w 2 api 3000; do echo waiting for api; sleep 2; done'] },
      { name: 'wait-for-migrate', image: 'k:1', command: ['kubectl', 'wait', '--for=condition=complete', '--timeout=-1s', 'job/migrate'] },
    ]);
    expect(at(d, 'info')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/web/depends_on/migrate', 'K8S_UNSUPPORTED_FIELD@/services/web/depends_on/cache']);
  });

  it('cannot wait on a dependency without a Service, or on one that is not a Job: reported', async () => {
    const { objects, k8s: d } = await k8s('services:\n  web:\n    image: x\n    depends_on:\n      db: {condition: service_healthy}\n      once: {condition: service_completed_successfully}\n  db:\n    image: x\n    healthcheck: {test: [CMD, "true"]}\n  once:\n    image: x\n    x-ecs: {job: false}\n', { waitForDependencies: 'true' });
    expect(find(objects, 'Deployment', 'web').spec.template.spec.initContainers).toBeUndefined();
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/web/depends_on/db', 'K8S_UNSUPPORTED_FIELD@/services/web/depends_on/once']);
  });

  it('a wait for a service started again whenever it exits (restart: always) is the rule DEPENDENCY_NEVER_COMPLETES, said once, not also by the backend', async () => {
    const { objects, diagnostics, k8s: d } = await k8s('services:\n  web:\n    image: x\n    depends_on:\n      once: {condition: service_completed_successfully}\n  once:\n    image: x\n    restart: always\n', { waitForDependencies: 'true' });
    expect(find(objects, 'Deployment', 'web').spec.template.spec.initContainers).toBeUndefined();
    expect(at(d, 'warning')).toEqual([]);
    expect(at(diagnostics, 'warning').filter((x) => x.startsWith('DEPENDENCY'))).toEqual(['DEPENDENCY_NEVER_COMPLETES@/services/web/depends_on/once/condition']);
  });
});
