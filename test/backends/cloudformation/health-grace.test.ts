/**
 * Issue 17 (DESIGN "Runs like compose": healthchecks gate traffic): compose's healthcheck
 * start_period — "initialization time for containers that need time to bootstrap" — becomes
 * the ECS service's HealthCheckGracePeriodSeconds when the stack routes it through a load
 * balancer, so the target group's checks do not fail the task while it starts.
 */
import { describe, expect, it } from 'vitest';
import { convert } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

async function service(healthcheck: string): Promise<Record<string, unknown>> {
  const compose = `name: hello\nx-ecs:\n  launch_type: FARGATE\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n${healthcheck}`;
  const { outputs } = await convert({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {}, target: 'cloudformation' });
  const t = outputs[0]?.value as { Resources: Record<string, { Properties: Record<string, unknown> }> };
  return t.Resources.WebService?.Properties ?? {};
}

describe('healthcheck.start_period → HealthCheckGracePeriodSeconds of a routed service', () => {
  it('start_period: 90s gives a grace period of 90 seconds', async () => {
    const p = await service('    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n      start_period: 90s\n');
    expect(p.HealthCheckGracePeriodSeconds).toBe(90);
  });

  it('no start_period: no grace period', async () => {
    expect((await service('')).HealthCheckGracePeriodSeconds).toBeUndefined();
  });

  it('a disabled healthcheck gives none', async () => {
    expect((await service('    healthcheck:\n      disable: true\n      start_period: 90s\n')).HealthCheckGracePeriodSeconds).toBeUndefined();
  });
});
