import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateManifest } from '../../validators/kubernetes.js';
import { k8s } from './support.js';

/** A service with an arbitrary mix of the keys the backend maps. */
const service = fc.record(
  {
    image: fc.constantFrom('nginx', 'example/app:1'),
    ports: fc.uniqueArray(fc.constantFrom('80:8080', '53:53/udp', '9000', '127.0.0.1:8000-8001:80-81'), { maxLength: 3 }),
    expose: fc.uniqueArray(fc.constantFrom('3000', '7000-7002/tcp'), { maxLength: 2 }),
    restart: fc.constantFrom('no', 'always', 'on-failure:2', 'unless-stopped'),
    user: fc.constantFrom('1000', '1000:1000', 'root', 'nobody'),
    healthcheck: fc.record({ test: fc.constantFrom(['CMD', 'true'], ['CMD-SHELL', 'exit 0'], ['NONE']), interval: fc.constantFrom('500ms', '10s'), start_period: fc.constantFrom('0s', '15s') }),
    environment: fc.dictionary(fc.constantFrom('A', 'B_C', 'yes'), fc.constantFrom('on', '$$(x)', '0755', '')),
    volumes: fc.uniqueArray(fc.constantFrom('data:/data', '/anon', '/srv:/srv:ro', 'logs:/logs'), { maxLength: 2 }),
    tmpfs: fc.uniqueArray(fc.constantFrom('/run', '/t:size=1m'), { maxLength: 1 }),
    deploy: fc.record({ mode: fc.constantFrom('replicated', 'global'), replicas: fc.integer({ min: 0, max: 3 }), update_config: fc.record({ parallelism: fc.integer({ min: 0, max: 2 }), order: fc.constantFrom('start-first', 'stop-first') }) }, { requiredKeys: [] }),
    labels: fc.dictionary(fc.constantFrom('kompose.service.type', 'kompose.controller.type', 'kompose.hpa.replicas.max', 'tier', 'kompose.service.expose'), fc.constantFrom('nodeport', 'statefulset', '3', 'web', 'true', 'headless', 'two words')),
    cap_add: fc.uniqueArray(fc.constantFrom('NET_ADMIN', 'CAP_SYS_TIME'), { maxLength: 2 }),
    secrets: fc.uniqueArray(fc.constantFrom('token'), { maxLength: 1 }),
    configs: fc.uniqueArray(fc.constantFrom('site', 'conf'), { maxLength: 2 }),
  },
  { requiredKeys: ['image'] },
);

const project = fc.record({
  services: fc.dictionary(fc.constantFrom('web', 'api', 'Worker_1', 'db'), service, { minKeys: 1, maxKeys: 3 }),
  options: fc.record({ jobs: fc.boolean(), statefulVolumes: fc.boolean(), waitForDependencies: fc.boolean(), ingress: fc.boolean(), controller: fc.constantFrom('deployment', 'statefulset', 'daemonset') }, { requiredKeys: [] }),
});

function composeText(p: { services: Record<string, object> }): string {
  return stringify({
    services: p.services,
    volumes: { data: {}, logs: { labels: { 'kompose.volume.size': '2Gi' } } },
    secrets: { token: { file: './token' } },
    configs: { site: { content: 'hello' }, conf: { file: './app.conf' } },
  });
}

describe('properties of the Kubernetes target', () => {
  it('never throws, always valid manifests, same input gives the same bytes', async () => {
    await fc.assert(
      fc.asyncProperty(project, async (p) => {
        const text = composeText(p);
        const options = { format: 'yaml', ...Object.fromEntries(Object.entries(p.options).map(([k, v]) => [k, String(v)])) };
        const a = await k8s(text, options);
        expect(a.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
        for (const o of a.objects) expect(await validateManifest(o), `${o.kind}/${o.metadata?.name}`).toEqual([]);
        const b = await k8s(text, options);
        expect(b.outputs.map((o) => o.contents)).toEqual(a.outputs.map((o) => o.contents));
      }),
      { numRuns: 40, seed: 20240601 },
    );
  });
});
