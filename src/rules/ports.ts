/** Two services (or two entries of one) publishing the same host port. */
import { ruleCode, type Rule, type RuleContext } from './rule.js';
import type { ServicePort } from '../model/project.js';
import { byName } from '../passes/by-name.js';

interface Published {
  service: string;
  index: number;
  from: number;
  to: number;
  protocol: string;
  hostIp: string | undefined;
}

/**
 * '8080' → [8080, 8080]. A range left for one container port ('8000-8010' for 80) lets docker
 * pick any free port of it, so it clashes with nothing for sure; unpublished ports neither.
 */
function hostRange(published: string | undefined): [number, number] | undefined {
  if (published === undefined || !/^\d+$/.test(published.trim())) return undefined;
  const port = Number(published);
  return port === 0 ? undefined : [port, port];
}

/** Addresses that share a port: the same one, or either bound to every interface. */
function sameAddress(a: string | undefined, b: string | undefined): boolean {
  const any = (ip: string | undefined) => ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::';
  return any(a) || any(b) || a === b;
}

function describe(p: Published): string {
  return `services.${p.service}.ports[${p.index}]`;
}

/**
 * Why the two services do not share a host port on the run's target, if they do not: each
 * Kubernetes Service has its own address, and so does each ECS task in awsvpc mode. Without a
 * target (docker compose's view), in one task, or on EC2 hosts in bridge or host mode, they do.
 */
function apartOnTarget(ctx: RuleContext, a: string, b: string): string | undefined {
  if (ctx.target === 'kubernetes') return 'on Kubernetes each service gets its own address, so this only matters for docker compose';
  const ecs = ctx.ir()?.ecs;
  if (!ecs || ctx.target === undefined) return undefined;
  const ta = ecs.tasks.find((t) => t.name === ecs.services[a]?.task);
  const tb = ecs.tasks.find((t) => t.name === ecs.services[b]?.task);
  if (!ta || !tb || ta === tb || ta.networkMode !== 'awsvpc' || tb.networkMode !== 'awsvpc') return undefined;
  // The stack gives each published host port one listener: two services on it without a path or host of their own clash there.
  const plain = (s: string) => {
    const r = ecs.services[s]?.settings.routing;
    return r?.enabled !== false && r?.path === undefined && r?.host === undefined && !ecs.services[s]?.settings.service?.load_balancers?.length;
  };
  if (ctx.target === 'cloudformation' && plain(a) && plain(b)) return undefined;
  return 'on ECS their tasks each have an address of their own (awsvpc), so this only matters for docker compose';
}

export const portConflict: Rule = {
  ...ruleCode('PORT_CONFLICT'),
  check(project, ctx) {
    // By protocol and port: each entry is compared with the few that publish the same port, not
    // with every earlier one (a range of 65,535 ports was quadratic). Services by name, so the
    // clash is reported at the same entry whatever the order of the file.
    const seen = new Map<string, Published[]>();
    for (const service of Object.keys(project.services).sort(byName)) {
      (project.services[service]?.ports ?? []).forEach((port: ServicePort, index) => {
        const range = hostRange(port.published);
        if (!range) return;
        const p: Published = { service, index, from: range[0], to: range[1], protocol: port.protocol, hostIp: port.host_ip };
        const key = `${p.protocol}/${p.from}`;
        const same = seen.get(key) ?? [];
        const clash = same.find((q) => sameAddress(q.hostIp, p.hostIp));
        if (clash) {
          const what = p.from === p.to ? `host port ${p.from}` : `host ports ${p.from}-${p.to}`;
          const apart = apartOnTarget(ctx, clash.service, service);
          ctx.report(
            `${describe(p)} publishes ${what}/${p.protocol}, already published by ${describe(clash)}${apart ? `: docker compose cannot start both; ${apart}` : ''}`,
            ['services', service, 'ports', index],
            apart ? { severity: 'warning' } : {},
          );
        }
        same.push(p);
        seen.set(key, same);
      });
    }
  },
};
