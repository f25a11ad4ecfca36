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
