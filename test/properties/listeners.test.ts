/**
 * Issue 17, the listener property: for generated projects in the service layout (cfn-arbitrary.ts),
 * (1) no two listener rules of one listener have the same conditions (two such rules are a
 * CFN_ROUTE_CONFLICT or PORT_CONFLICT error instead, and then there is no template), and
 * (2) every published port of a service that is not a job and not only on internal networks
 * has a listener forwarding to its container port, or a finding at that port.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert } from '../../src/convert.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { loadProject } from '../../src/loader/load-project.js';
import { cfnComposeFile } from './cfn-arbitrary.js';
import { DIR, forLaunchType, withFiles } from './ecs-arbitrary.js';
import { expectNoInternalError } from './ecs-checks.js';
import { params, timeoutFor, turn } from './runs.js';

type Json = Record<string, any>;

const ofType = (template: Json, type: string): [string, Json][] => Object.entries((template.Resources ?? {}) as Record<string, Json>).filter(([, r]) => r.Type === type);

/** A listener's logical ID from a rule's ListenerArn (`Ref`, or `Fn::If` with the stack's own listener first). */
const listenerOf = (arn: Json): string => (arn['Fn::If']?.[1] ?? arn).Ref as string;

/** Rules with the same conditions on one listener, as `listener: rule, rule`. */
export function duplicateRules(template: Json): string[] {
  const seen = new Map<string, string[]>();
  for (const [id, rule] of ofType(template, 'AWS::ElasticLoadBalancingV2::ListenerRule')) {
    const conditions = (rule.Properties.Conditions as Json[]).map((c) => JSON.stringify([c.Field, [...(c.HostHeaderConfig?.Values ?? c.PathPatternConfig?.Values ?? [])].sort()])).sort();
    const key = `${listenerOf(rule.Properties.ListenerArn)} ${conditions.join(' ')}`;
    seen.set(key, [...(seen.get(key) ?? []), id]);
  }
  return [...seen].filter(([, ids]) => ids.length > 1).map(([key, ids]) => `${key.split(' ')[0]}: ${ids.join(', ')}`);
}

/** `service:containerPort` of every target group some listener forwards to (rules and listener default actions). */
export function forwarded(template: Json): Set<string> {
  const tgs = new Set<string>();
  for (const [, r] of ofType(template, 'AWS::ElasticLoadBalancingV2::ListenerRule')) tgs.add(r.Properties.Actions[0].TargetGroupArn.Ref);
  for (const [, l] of ofType(template, 'AWS::ElasticLoadBalancingV2::Listener')) for (const a of l.Properties.DefaultActions as Json[]) if (a.Type === 'forward') tgs.add(a.TargetGroupArn.Ref);
  const out = new Set<string>();
  for (const [, s] of ofType(template, 'AWS::ECS::Service')) for (const lb of (s.Properties.LoadBalancers ?? []) as Json[]) if (tgs.has(lb.TargetGroupArn.Ref)) out.add(`${lb.ContainerName}:${lb.ContainerPort}`);
  return out;
}

describe('issue 17: every published port reachable, no two listener rules alike (service layout)', () => {
  it(
    'rules of one listener differ, and each published port of a lasting, outside-connected service is forwarded to or has a finding',
    async () => {
      await fc.assert(
        fc.asyncProperty(cfnComposeFile(), fc.constantFrom('FARGATE' as const, 'EC2' as const), async (written, lt) => {
          const doc = forLaunchType(written, lt);
          await turn();
          const host = memoryHost(withFiles(doc), DIR);
          const { outputs, diagnostics } = await convert({ host, env: {}, target: 'cloudformation', layout: 'service', launchType: lt });
          expectNoInternalError(diagnostics, 'convert');
          const output = outputs[0];
          if (!output) {
            // No template: only because of errors, each at a place in the file.
            expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
            return;
          }
          const template = JSON.parse(output.contents) as Json;
          expect(duplicateRules(template)).toEqual([]);
          const { project } = await loadProject({ host: memoryHost(withFiles(doc), DIR), env: {} });
          const reached = forwarded(template);
          const at = new Set(diagnostics.map((d: Diagnostic) => d.path));
          const missing: string[] = [];
          for (const [name, svc] of Object.entries(project?.services ?? {})) {
            (svc.ports ?? []).forEach((p, i) => {
              if (p.published === undefined) return;
              if (reached.has(`${name}:${p.target}`)) return;
              // A finding at the port or one of its keys (host_ip: ECS publishes on every interface, so the port is left out), or at the service (a job, network_mode, routing off, an existing target group).
              const path = `/services/${name}/ports/${i}`;
              // Past ECS's five target groups per service: one ECS_LIMIT at the first port left out.
              const limit = diagnostics.some((d) => d.code === 'ECS_LIMIT' && d.path?.startsWith(`/services/${name}/ports/`));
              if (limit || at.has(path) || [...at].some((x) => x !== undefined && (x === `/services/${name}/ports` || x.startsWith(`${path}/`) || x.startsWith(`/services/${name}/x-ecs`) || x === `/services/${name}/network_mode` || x === `/services/${name}/deploy` || x === `/services/${name}` || x.startsWith(`/services/${name}/restart`)))) return;
              missing.push(`${path} (${p.published}:${p.target}/${p.protocol})`);
            });
          }
          expect(missing, 'published ports neither forwarded to nor reported').toEqual([]);
        }),
        params(40, 80),
      );
    },
    timeoutFor(40, 80),
  );
});
