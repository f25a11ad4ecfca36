/**
 * Compose projects about how services run (DESIGN.md "Runs like compose"): 2 to 5 services
 * with any mix of `restart`, `deploy.mode`, `deploy.replicas`, `deploy.restart_policy`,
 * `pre_start` steps and `depends_on` conditions (no cycles: a service depends only on those
 * after it), so that long-running services, daemons, jobs nobody waits on and jobs that others
 * wait on with service_completed_successfully all come up, alone and together.
 *
 * @example
 * fc.assert(fc.asyncProperty(schedulingProject(), async (doc) => { … }));
 */
import fc from 'fast-check';
import type { ComposeDoc } from '../support/arbitraries.js';

const NAMES = ['api', 'db', 'migrate', 'seed', 'web'] as const;
const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'] as const;

const deploy = fc.record(
  {
    mode: fc.constantFrom('replicated', 'global', 'replicated-job', 'global-job'),
    replicas: fc.integer({ min: 0, max: 3 }),
    restart_policy: fc.record({ condition: fc.constantFrom('none', 'on-failure', 'any'), max_attempts: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: ['condition'] }),
  },
  { requiredKeys: [] },
).map((d) => {
  // compose refuses replicas with mode global (05-services deploy: "replicas … with mode replicated").
  if (d.mode === 'global' || d.mode === 'global-job') delete (d as { replicas?: number }).replicas;
  return d;
});

const step = fc.record({ command: fc.constant(['true']), image: fc.constantFrom('busybox:1.36') }, { requiredKeys: ['command'] });

const service = fc.record(
  {
    restart: fc.constantFrom('no', 'always', 'on-failure', 'on-failure:2', 'unless-stopped'),
    deploy,
    pre_start: fc.array(step, { minLength: 1, maxLength: 2 }),
    conditions: fc.array(fc.constantFrom(...CONDITIONS), { minLength: 5, maxLength: 5 }),
    waits: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  },
  { requiredKeys: ['conditions', 'waits'] },
);

/** A project of 2 to 5 services named api, db, migrate, seed, web (the first n). */
export function schedulingProject(): fc.Arbitrary<ComposeDoc> {
  return fc.integer({ min: 2, max: NAMES.length }).chain((n) =>
    fc.array(service, { minLength: n, maxLength: n }).map((list) => {
      const services: ComposeDoc['services'] = {};
      list.forEach((s, i) => {
        const out: Record<string, unknown> = { image: 'example/app:1', mem_limit: '64m', healthcheck: { test: ['CMD', 'true'] } };
        if (s.restart !== undefined) out.restart = s.restart;
        if (s.deploy !== undefined && Object.keys(s.deploy).length) out.deploy = s.deploy;
        if (s.pre_start !== undefined) out.pre_start = s.pre_start;
        const deps: Record<string, { condition: string }> = {};
        for (let j = i + 1; j < list.length; j++) if (s.waits[j]) deps[NAMES[j] as string] = { condition: s.conditions[j] as string };
        if (Object.keys(deps).length) out.depends_on = deps;
        services[NAMES[i] as string] = out;
      });
      return { name: 'shop', services };
    }),
  );
}
