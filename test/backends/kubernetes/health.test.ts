import { describe, expect, it } from 'vitest';
import { at, container, find, k8s } from './support.js';

async function probes(healthcheck: string, options: Record<string, unknown> = {}) {
  const r = await k8s(`services:\n  app:\n    image: x\n    healthcheck: ${healthcheck}\n`, options);
  const c = container(find(r.objects, 'Deployment', 'app'));
  return { liveness: c.livenessProbe, readiness: c.readinessProbe, startup: c.startupProbe, k8s: r.k8s };
}

describe('healthcheck.test → probe command', () => {
  it('CMD runs as exec', async () => {
    const { liveness } = await probes('{test: [CMD, curl, -f, "http://localhost/"]}');
    expect(liveness.exec.command).toEqual(['curl', '-f', 'http://localhost/']);
  });

  it('CMD-SHELL and a string run through sh -c', async () => {
    expect((await probes('{test: [CMD-SHELL, "pg_isready -U app"]}')).liveness.exec.command).toEqual(['sh', '-c', 'pg_isready -U app']);
    expect((await probes('{test: "redis-cli ping | grep PONG"}')).liveness.exec.command).toEqual(['sh', '-c', 'redis-cli ping | grep PONG']);
  });

  it('liveness and readiness run the same check', async () => {
    const { liveness, readiness } = await probes('{test: [CMD, "true"], interval: 10s}');
    expect(readiness).toEqual(liveness);
  });

  it('disable: true and NONE give no probes', async () => {
    for (const h of ['{disable: true, test: [CMD, "true"]}', '{test: [NONE]}']) {
      const { liveness, readiness, startup, k8s } = await probes(h);
      expect([liveness, readiness, startup]).toEqual([undefined, undefined, undefined]);
      expect(k8s).toEqual([]);
    }
  });
});

describe('healthcheck durations and retries', () => {
  it('interval → periodSeconds, timeout → timeoutSeconds, retries → failureThreshold', async () => {
    const { liveness } = await probes('{test: [CMD, "true"], interval: 1m30s, timeout: 10s, retries: 5}');
    expect(liveness).toMatchObject({ periodSeconds: 90, timeoutSeconds: 10, failureThreshold: 5 });
  });

  it('writes compose defaults (30s, 30s, 3) since Kubernetes defaults differ', async () => {
    const { liveness } = await probes('{test: [CMD, "true"]}');
    expect(liveness).toMatchObject({ periodSeconds: 30, timeoutSeconds: 30, failureThreshold: 3 });
  });

  it('rounds sub-second durations up to whole seconds and reports it', async () => {
    const { liveness, k8s } = await probes('{test: [CMD, "true"], interval: 500ms, timeout: 1500ms}');
    expect(liveness).toMatchObject({ periodSeconds: 1, timeoutSeconds: 2 });
    expect(at(k8s, 'info')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/healthcheck/timeout', 'K8S_UNSUPPORTED_FIELD@/services/app/healthcheck/interval']);
  });
});

describe('healthcheck.start_period', () => {
  it('→ a startupProbe checked every start_interval for the whole period', async () => {
    const { startup, liveness } = await probes('{test: [CMD, "true"], start_period: 40s, start_interval: 5s, timeout: 2s}');
    expect(startup).toEqual({ exec: { command: ['true'] }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 8 });
    expect(liveness.initialDelaySeconds).toBeUndefined();
  });

  it('start_interval defaults to 5s', async () => {
    expect((await probes('{test: [CMD, "true"], start_period: 12s}')).startup).toMatchObject({ periodSeconds: 5, failureThreshold: 3 });
  });

  it('→ initialDelaySeconds on both probes with startPeriod=initialDelay', async () => {
    const { startup, liveness, readiness } = await probes('{test: [CMD, "true"], start_period: 1m}', { startPeriod: 'initialDelay' });
    expect(startup).toBeUndefined();
    expect(liveness.initialDelaySeconds).toBe(60);
    expect(readiness.initialDelaySeconds).toBe(60);
  });

  it('start_interval alone has no effect and is reported', async () => {
    const { startup, k8s } = await probes('{test: [CMD, "true"], start_interval: 2s}');
    expect(startup).toBeUndefined();
    expect(at(k8s)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/healthcheck/start_interval']);
  });
});

// 05-services healthcheck: the check runs in the container; compose resolves a service's own name to its container, healthy or not.
describe('healthcheck.test that calls the service by its own name', () => {
  // supabase's storage: wget --spider http://storage:5000/status
  const storage = (extra = '') => `services:\n  storage:\n    image: supabase/storage-api:v1.44.2\n${extra}    healthcheck:\n      test: ["CMD", "wget", "--no-verbose", "--tries=1", "--spider", "http://storage:5000/status"]\n`;

  it('maps the name to the pod itself (hostAliases 127.0.0.1), with an info: its Service would resolve only once the check passes', async () => {
    const { objects, k8s: d } = await k8s(storage());
    expect(find(objects, 'Deployment', 'storage').spec.template.spec.hostAliases).toEqual([{ ip: '127.0.0.1', hostnames: ['storage'] }]);
    expect(at(d, 'info')).toContain('K8S_UNSUPPORTED_FIELD@/services/storage/healthcheck/test');
  });

  it('joins an extra_hosts entry for 127.0.0.1, and leaves a name extra_hosts already maps alone', async () => {
    const joined = await k8s(storage('    extra_hosts: ["local.test:127.0.0.1"]\n'));
    expect(find(joined.objects, 'Deployment', 'storage').spec.template.spec.hostAliases).toEqual([{ ip: '127.0.0.1', hostnames: ['local.test', 'storage'] }]);
    const mapped = await k8s(storage('    extra_hosts: ["storage:10.0.0.5"]\n'));
    expect(find(mapped.objects, 'Deployment', 'storage').spec.template.spec.hostAliases).toEqual([{ ip: '10.0.0.5', hostnames: ['storage'] }]);
  });

  it('a check of localhost or of another service changes nothing', async () => {
    const { objects } = await k8s('services:\n  web:\n    image: x\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/", "http://db:5432"]\n');
    expect(find(objects, 'Deployment', 'web').spec.template.spec.hostAliases).toBeUndefined();
  });
});
