/**
 * 05-services healthcheck: the check runs in the container. Compose resolves a service's own
 * name to its container, healthy or not; ECS gives a container no name of its own.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

async function found(compose: string, target: 'ecs' | 'cloudformation' = 'ecs') {
  const host = memoryHost({ '/p/compose.yaml': compose }, '/p');
  const { diagnostics } = await convert({ host, env: {}, target, layout: 'service', region: 'eu-west-1' } as ConvertOptions);
  return diagnostics.filter((d) => d.path?.endsWith('/healthcheck/test'));
}

// supabase's storage and vector check themselves by their service names.
const storage = (test: string) => `services:\n  storage:\n    image: supabase/storage-api:v1.44.2\n    healthcheck:\n      test: ${test}\n  rest:\n    image: postgrest/postgrest:v14.5\n`;

describe('healthcheck.test that calls the service by its own name', () => {
  it('is a warning at the test, which says to call localhost', async () => {
    for (const target of ['ecs', 'cloudformation'] as const) {
      const d = await found(storage('["CMD", "wget", "--no-verbose", "--tries=1", "--spider", "http://storage:5000/status"]'), target);
      expect(d.map((x) => `${x.severity} ${x.code} ${x.path}`), target).toEqual(['warning ECS_NAME_UNRESOLVED /services/storage/healthcheck/test']);
      expect(d[0]?.message).toContain('call localhost instead (localhost:5000)');
    }
  });

  it('a check of localhost, or of another service, is not this finding', async () => {
    expect(await found(storage('["CMD-SHELL", "wget -q --spider http://localhost:5000/status"]'))).toEqual([]);
    expect((await found(storage('["CMD-SHELL", "wget -q --spider http://rest:3000/"]'))).filter((d) => d.message.includes('the service itself'))).toEqual([]);
  });
});
