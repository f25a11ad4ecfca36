/**
 * depends_on must not go round in a circle: Compose refuses such a project ("dependency cycle
 * detected"), and ECS could start none of the containers on the circle. The graph includes the
 * dependencies the loader adds for links, volumes_from and `service:` namespaces, as Compose's
 * does.
 *
 * Neither `services` nor a long-form `depends_on` has an order (02-model), so the search must
 * not follow the order they are written in: it visits services, and the dependencies of each,
 * by name. Each cycle is reported once, named from its smallest service name round, at the
 * depends_on entry that leads back to that name — the same finding, at the same entry,
 * however the file is ordered.
 */
import type { PassContext } from './context.js';
import { byName } from './by-name.js';

/** A service on the search path, with the dependencies still to visit from `i` on. */
interface Frame {
  name: string;
  next: string[];
  i: number;
}

/**
 * Reports every depends_on cycle the search meets as DEPENDENCY_CYCLE, naming the chain.
 * Returns the cycles found, each as its chain of service names starting (and ending) at its
 * smallest name.
 *
 * @example
 * // services: { b: { depends_on: [a] }, a: { depends_on: [b] } }
 * checkDependencyCycles(ctx) // [['a', 'b', 'a']], reported at services.b.depends_on.a
 */
export function checkDependencyCycles(ctx: PassContext): string[][] {
  const services = ctx.project.services;
  const targets = (name: string): string[] => Object.keys(services[name]?.depends_on ?? {}).filter((t) => Object.hasOwn(services, t)).sort(byName);
  const state = new Map<string, 'open' | 'done'>();
  /** Where each open service is on the stack. */
  const depth = new Map<string, number>();
  const cycles: string[][] = [];
  const reported = new Set<string>();
  // Iterative depth-first search (a long chain of services must not overflow the call stack).
  for (const root of Object.keys(services).sort(byName)) {
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
        const chain = canonical(stack.slice(depth.get(target)).map((f) => f.name));
        const key = chain.join('\0');
        if (reported.has(key)) continue;
        reported.add(key);
        cycles.push(chain);
        const [first, last] = [chain[0] as string, chain[chain.length - 2] as string];
        ctx.report('DEPENDENCY_CYCLE', 'error', `depends_on cycle: ${chain.join(' → ')}; no service on it could ever start`, ['services', last, 'depends_on', first]);
      } else if (seen === undefined) {
        state.set(target, 'open');
        depth.set(target, stack.length);
        stack.push({ name: target, next: targets(target), i: 0 });
      }
    }
  }
  return cycles;
}

/** The services of a cycle (each once, in dependency order) rotated to start at the smallest name, closed: [b, c, a] → [a, b, c, a]. */
function canonical(ring: readonly string[]): string[] {
  let start = 0;
  ring.forEach((name, i) => {
    if (byName(name, ring[start] as string) < 0) start = i;
  });
  const rotated = [...ring.slice(start), ...ring.slice(0, start)];
  return [...rotated, rotated[0] as string];
}
