/**
 * depends_on must not go round in a circle: Compose refuses such a project ("dependency cycle
 * detected"), and ECS could start none of the containers on the circle. The graph includes the
 * dependencies the loader adds for links, volumes_from and `service:` namespaces, as Compose's
 * does. Each cycle is reported once, at the depends_on entry that closes it.
 */
import type { PassContext } from './context.js';

/** A service on the search path, with the dependencies still to visit from `i` on. */
interface Frame {
  name: string;
  next: string[];
  i: number;
}

/**
 * Reports every depends_on cycle as DEPENDENCY_CYCLE, naming the chain. Returns the cycles
 * found, each as its chain of service names (first = last).
 *
 * @example
 * // services: { a: { depends_on: [b] }, b: { depends_on: [a] } }
 * checkDependencyCycles(ctx) // [['a', 'b', 'a']], reported at services.b.depends_on.a
 */
export function checkDependencyCycles(ctx: PassContext): string[][] {
  const services = ctx.project.services;
  const targets = (name: string): string[] => Object.keys(services[name]?.depends_on ?? {}).filter((t) => Object.hasOwn(services, t));
  const state = new Map<string, 'open' | 'done'>();
  /** Where each open service is on the stack. */
  const depth = new Map<string, number>();
  const cycles: string[][] = [];
  // Iterative depth-first search (a long chain of services must not overflow the call stack).
  for (const root of Object.keys(services)) {
    if (state.has(root)) continue;
    const stack: Frame[] = [{ name: root, next: targets(root), i: 0 }];
    state.set(root, 'open');
    depth.set(root, 0);
    while (stack.length) {
      const top = stack[stack.length - 1] as Frame;
      const target = top.next[top.i++];
      if (target === undefined) {
        state.set(top.name, 'done');
        depth.delete(top.name);
        stack.pop();
        continue;
      }
      const seen = state.get(target);
      if (seen === 'open') {
        const chain = [...stack.slice(depth.get(target)).map((f) => f.name), target];
        cycles.push(chain);
        ctx.report('DEPENDENCY_CYCLE', 'error', `depends_on cycle: ${chain.join(' → ')}; no service on it could ever start`, ['services', top.name, 'depends_on', target]);
      } else if (seen === undefined) {
        state.set(target, 'open');
        depth.set(target, stack.length);
        stack.push({ name: target, next: targets(target), i: 0 });
      }
    }
  }
  return cycles;
}
