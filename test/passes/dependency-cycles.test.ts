import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { build, context, found, withCode } from './build-ir.js';
import { checkDependencyCycles } from '../../src/passes/dependency-cycles.js';
import { createPassContext } from '../../src/passes/context.js';
import { Reporter } from '../../src/diagnostics/report.js';
import type { Project, Service } from '../../src/model/project.js';

const svc = (name: string, deps?: string): string => `  ${name}:\n    image: nginx\n    mem_limit: 64m\n${deps ? `    depends_on: [${deps}]\n` : ''}`;

async function cycles(text: string) {
  const { ctx, reporter } = await context(text);
  return { cycles: checkDependencyCycles(ctx), diagnostics: reporter.diagnostics };
}

describe('05-services depends_on: Compose refuses a dependency cycle', () => {
  it('a → b → a: one DEPENDENCY_CYCLE naming the chain, at the entry that closes it (services.b.depends_on.a)', async () => {
    const { cycles: c, diagnostics } = await cycles(`services:\n${svc('a', 'b')}${svc('b', 'a')}`);
    expect(c).toEqual([['a', 'b', 'a']]);
    expect(found(diagnostics)).toEqual([{ code: 'DEPENDENCY_CYCLE', severity: 'error', line: 9, column: 18, path: '/services/b/depends_on/a' }]);
    expect(diagnostics[0]?.message).toContain('a → b → a');
  });

  it('a service that depends on itself', async () => {
    const { cycles: c } = await cycles(`services:\n${svc('a', 'a')}`);
    expect(c).toEqual([['a', 'a']]);
  });

  it('a longer cycle reached from outside it names only the cycle: x → a → b → c → a', async () => {
    const { cycles: c } = await cycles(`services:\n${svc('x', 'a')}${svc('a', 'b')}${svc('b', 'c')}${svc('c', 'a')}`);
    expect(c).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('a diamond (web → api, web → worker, both → db) is no cycle', async () => {
    const { cycles: c, diagnostics } = await cycles(`services:\n${svc('web', 'api, worker')}${svc('api', 'db')}${svc('worker', 'db')}${svc('db')}`);
    expect(c).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('two separate cycles are each reported once', async () => {
    const { cycles: c } = await cycles(`services:\n${svc('a', 'b')}${svc('b', 'a')}${svc('c', 'd')}${svc('d', 'c')}`);
    expect(c).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'c'],
    ]);
  });

  it('the dependencies compose implies count: links and volumes_from close a cycle too', async () => {
    const text = `services:\n${svc('a', 'b')}  b:\n    image: nginx\n    links: [a]\n`;
    const { cycles: c, diagnostics } = await cycles(text);
    expect(c).toEqual([['a', 'b', 'a']]);
    expect(found(diagnostics)).toEqual([{ code: 'DEPENDENCY_CYCLE', severity: 'error', line: 8, column: 13, path: '/services/b/depends_on/a' }]);
  });

  it('a chain of 20,000 services does not overflow the stack (a model built by hand: loading it would take seconds)', () => {
    const n = 20_000;
    const services: Record<string, Service> = {};
    for (let i = 0; i < n; i++) services[`s${i}`] = { name: `s${i}`, image: 'x', depends_on: { [`s${(i + 1) % n}`]: { condition: 'service_started', required: true } }, extensions: {} } as Service;
    const project = { name: 'p', services, networks: {}, volumes: {}, secrets: {}, configs: {}, extensions: {} } as Project;
    const c = checkDependencyCycles(createPassContext(project, new Reporter(), {}));
    expect(c).toHaveLength(1);
    expect(c[0]).toHaveLength(n + 1);
  });

  it('buildIR runs the check', async () => {
    const { diagnostics } = await build(`services:\n${svc('a', 'b')}${svc('b', 'a')}`);
    expect(withCode(diagnostics, 'DEPENDENCY_CYCLE')).toHaveLength(1);
  });
});

describe('02-model: services (and a long depends_on) have no order, so neither do the cycle findings', () => {
  // Overlapping cycles: a ⇄ b, b → c → a, c ⇄ b, and d → a leading into them.
  const graph: Record<string, string[]> = { a: ['b'], b: ['a', 'c'], c: ['a', 'b'], d: ['a'] };

  /** The graph written with its services, and each service's depends_on list, in the orders given. */
  const written = (order: readonly string[], flip: readonly boolean[]): string =>
    `services:\n${order.map((n, i) => svc(n, (flip[i] ? [...(graph[n] ?? [])].reverse() : (graph[n] ?? [])).join(', '))).join('')}`;

  /** What a user sees of a finding: code, message, path, and the text it points at. */
  async function findings(text: string) {
    const { diagnostics } = await cycles(text);
    const lines = text.split('\n');
    return diagnostics.map((d) => ({ code: d.code, message: d.message, path: d.path, at: lines[(d.line ?? 0) - 1]?.slice((d.column ?? 1) - 1).match(/^\w+/)?.[0] }));
  }

  it('every order of the services and of their depends_on lists gives the same cycles, messages and positions', async () => {
    const expected = await findings(written(['a', 'b', 'c', 'd'], [false, false, false, false]));
    expect(expected.length).toBeGreaterThan(0);
    for (const f of expected) {
      expect(f.code).toBe('DEPENDENCY_CYCLE');
      // At the depends_on entry that closes the chain, which starts at its smallest name.
      const chain = (f.message.match(/cycle: (.*);/)?.[1] ?? '').split(' → ');
      expect(chain[0]).toBe([...chain].sort()[0]);
      expect(f.path).toBe(`/services/${chain[chain.length - 2]}/depends_on/${chain[0]}`);
      expect(f.at).toBe(chain[0]);
    }
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(['a', 'b', 'c', 'd'], { minLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), async (order, flip) => {
        expect(await findings(written(order, flip))).toEqual(expected);
      }),
      { numRuns: 48 },
    );
  });

  it('each cycle once: a ⇄ b written both ways round is one finding', async () => {
    const one = await findings(`services:\n${svc('b', 'a')}${svc('a', 'b')}`);
    expect(one).toEqual([{ code: 'DEPENDENCY_CYCLE', message: expect.stringContaining('a → b → a'), path: '/services/b/depends_on/a', at: 'a' }]);
  });
});

