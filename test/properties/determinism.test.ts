/**
 * DESIGN.md: "deterministic: same input, byte-identical output". The same files converted
 * twice give the same outputs and the same diagnostics; and the output does not depend on the
 * order of keys where the spec says a mapping's order means nothing: the services, the
 * top-level networks, volumes, secrets and configs, and a service's environment and labels.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert, type ConvertResult } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { mutatedComposeFile, toYaml } from '../support/arbitraries.js';
import { DIR, FILES, MAIN, ecsComposeFile, withFiles } from './ecs-arbitrary.js';
import { params, timeoutFor, turn } from './runs.js';

const layout = fc.constantFrom('service' as const, 'project' as const);
const launchType = fc.constantFrom('FARGATE' as const, 'EC2' as const);

/** The same keys in an order drawn from `seed` (a small LCG: the order is reproducible). */
function permuted<T>(entries: [string, T][], seed: number): [string, T][] {
  let x = seed >>> 0 || 1;
  const keyed = entries.map((e) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return { e, k: x };
  });
  return keyed.sort((a, b) => a.k - b.k).map(({ e }) => e);
}

function reorder(value: unknown, seed: number): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(permuted(Object.entries(value), seed));
}

/** `doc` with the order-free mappings reordered by `seed`. */
function shuffled(doc: Record<string, unknown>, seed: number): Record<string, unknown> {
  const out = reorder(doc, seed) as Record<string, unknown>;
  for (const top of ['services', 'networks', 'volumes', 'secrets', 'configs']) if (out[top] !== undefined) out[top] = reorder(out[top], seed + 1);
  const services = out.services as Record<string, unknown> | undefined;
  if (services && typeof services === 'object') {
    for (const [name, svc] of Object.entries(services)) {
      if (typeof svc !== 'object' || svc === null || Array.isArray(svc)) continue;
      const s = reorder(svc, seed + 2) as Record<string, unknown>;
      for (const k of ['environment', 'labels']) s[k] = reorder(s[k], seed + 3);
      for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
      services[name] = s;
    }
  }
  return out;
}

/**
 * What is compared: every output byte for byte, and which kinds of finding (severity and code)
 * there are. Not where, nor how many of each: depends_on cycles are found by a walk that the
 * order of the services steers, so overlapping cycles may be reported once or twice, at one
 * edge or another (reported as a nit; the outputs do not change).
 */
function observable(r: ConvertResult): { outputs: string[]; diagnostics: string[] } {
  const key = (d: Diagnostic) => `${d.severity} ${d.code}`;
  return {
    outputs: r.outputs.map((o) => `${o.path}\n${o.contents}`).sort(),
    diagnostics: [...new Set(r.diagnostics.map(key))].sort(),
  };
}

async function run(files: Record<string, string>, l: 'service' | 'project', lt: 'FARGATE' | 'EC2'): Promise<ConvertResult> {
  return convert({ host: memoryHost(files, DIR), env: {}, target: 'ecs', layout: l, launchType: lt });
}

describe('determinism', () => {
  it(
    'the same input converted twice: byte-identical outputs, identical diagnostics',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(ecsComposeFile(), mutatedComposeFile()), layout, launchType, async (doc, l, lt) => {
          await turn();
          const files = { [MAIN]: toYaml(doc), ...FILES };
          const a = await run(files, l, lt);
          const b = await run(files, l, lt);
          expect(b.outputs.map((o) => [o.path, o.contents])).toEqual(a.outputs.map((o) => [o.path, o.contents]));
          expect(JSON.stringify(b.diagnostics)).toBe(JSON.stringify(a.diagnostics));
        }),
        params(40),
      );
    },
    timeoutFor(40, 40),
  );

  // Both layouts: the members of a task (so the containerDefinitions of the project layout's one
  // task) and the service a task-level finding is attached to go by service name, not by the
  // order of `services` (task-layout.ts).
  it(
    'reordering services, top-level resources, environment and labels changes no output',
    async () => {
      await fc.assert(
        fc.asyncProperty(ecsComposeFile(), fc.integer({ min: 1, max: 2 ** 31 }), layout, launchType, async (doc, seed, l, lt) => {
          await turn();
          const a = await run(withFiles(doc), l, lt);
          const b = await run(withFiles(shuffled(doc, seed)), l, lt);
          expect(observable(b)).toEqual(observable(a));
        }),
        params(40),
      );
    },
    timeoutFor(40, 40),
  );

  it(
    'the same holds for nearly valid files',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedComposeFile(), fc.integer({ min: 1, max: 2 ** 31 }), fc.constant('service' as const), async (doc, seed, l) => {
          await turn();
          const a = await run(withFiles(doc), l, 'EC2');
          const b = await run(withFiles(shuffled(doc, seed)), l, 'EC2');
          expect(observable(b)).toEqual(observable(a));
        }),
        params(40),
      );
    },
    timeoutFor(40, 40),
  );

  // Regression: with layout 'project', containerDefinitions came in the order the services were
  // written, and the awsvpc-subnets warning was attached to the first written service.
  it('project layout: the order of services changes no output (minimal case)', async () => {
    const services = { 'a-': { image: 'nginx', mem_limit: '6m', cpus: 0.125 }, a_: { image: 'nginx', mem_limit: '6m', cpus: 0.125 }, aa_: { image: 'nginx', mem_limit: '6m' } };
    const doc = { services };
    const a = await run(withFiles(doc), 'project', 'FARGATE');
    const b = await run(withFiles(shuffled(doc, 1)), 'project', 'FARGATE');
    expect(Object.keys(shuffled(doc, 1).services as object)).not.toEqual(Object.keys(services));
    expect(observable(b)).toEqual(observable(a));
  });
});
