/**
 * Issue 17's property, DESIGN.md "Runs like compose" (services reach each other by name and
 * alias on a shared network): for generated projects in the service layout, every name a
 * service can use under compose — another service's name, or its alias on a network both join
 * (05-services networks.aliases: "Other containers on the same network can use either the
 * service name or this alias"), on a port that service exposes or publishes — is, on the ECS
 * and CloudFormation targets, either a Service Connect client alias on that port, advertised
 * by the ECS service whose task runs the target on a named port mapping of that port, with
 * the client's ECS service in the same namespace; or the subject of a warning that names it
 * (client aliases lowercased: DNS names match without regard to case) (the name in an ECS_NAME_UNRESOLVED message, or any warning at the port's own entry, or
 * at the target's network_mode).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { toYaml, type ComposeDoc } from '../support/arbitraries.js';
import { expectNoInternalError } from './ecs-checks.js';
import { params, timeoutFor, turn } from './runs.js';
import { namesProject } from './name-resolution-arbitrary.js';

type Json = Record<string, any>;
const DIR = '/p';
const hostOf = (doc: ComposeDoc) => memoryHost({ [`${DIR}/compose.yaml`]: toYaml(doc) }, DIR);

/** One name a client may use under compose: `name:port` reaching `target`, with where the port was written. */
interface Use {
  client: string;
  target: string;
  name: string;
  port: number;
  portPath: string;
}

/** Networks a service joins under compose (none in host mode; `default` without `networks`). */
function networksOf(svc: Json): Map<string, string[]> {
  if (svc.network_mode !== undefined) return new Map();
  const nets = (svc.networks ?? { default: null }) as Record<string, Json | null>;
  return new Map(Object.entries(nets).map(([n, a]) => [n, (a?.aliases ?? []) as string[]]));
}

/** The container ports a service listens on, read independently of the backends: `8080:80` → 80, `7000-7001` → both. */
function portsOf(name: string, svc: Json): { port: number; path: string }[] {
  const out: { port: number; path: string }[] = [];
  // The normalized model (where findings point) holds one entry per port of a range.
  let k = 0;
  for (const text of (svc.ports ?? []) as string[]) {
    const spec = (text.split('/')[0] as string).split(':').pop() as string;
    const [a, b = a] = spec.split('-').map(Number) as [number, number?];
    for (let p = a; p <= (b as number); p++) out.push({ port: p, path: `/services/${name}/ports/${k++}` });
  }
  ((svc.expose ?? []) as string[]).forEach((text, i) => out.push({ port: Number(text.split('/')[0]), path: `/services/${name}/expose/${i}` }));
  return out;
}

/** Every name:port each service can use under compose. */
function composeUses(doc: ComposeDoc): Use[] {
  const uses: Use[] = [];
  for (const [client, c] of Object.entries(doc.services)) {
    const mine = networksOf(c);
    for (const [target, t] of Object.entries(doc.services)) {
      if (target === client) continue;
      const names = new Set<string>();
      for (const [net, aliases] of networksOf(t)) {
        if (!mine.has(net)) continue;
        names.add(target);
        for (const a of aliases) names.add(a);
      }
      for (const name of names) for (const { port, path } of portsOf(target, t)) uses.push({ client, target, name, port, portPath: path });
    }
  }
  return uses;
}

/** A warning or error naming the use: the name in an ECS_NAME_UNRESOLVED message, or at the port's entry or the target's network_mode. */
function warned(diagnostics: readonly Diagnostic[], u: Use): boolean {
  return diagnostics.some(
    (d) =>
      d.severity !== 'info' &&
      ((d.code === 'ECS_NAME_UNRESOLVED' && (d.path === '/x-ecs/service_connect' || new RegExp(`(^|[^a-z0-9_.-])${u.name.replace(/[.]/g, '\\.')}($|[^a-z0-9_.-])`).test(d.message))) ||
        d.path === u.portPath ||
        d.path?.startsWith(`${u.portPath}/`) ||
        d.path === `/services/${u.target}/network_mode`),
  );
}

/** One ECS service as the property reads it, from either target. */
interface Deployed {
  /** Compose services whose containers the task runs. */
  containers: string[];
  /** Container port of each named port mapping. */
  portNames: Map<string, number>;
  /** The namespace (as JSON text: a name, or a CloudFormation reference), when Service Connect is on. */
  namespace?: string;
  aliases: { portName: string; dnsName: string; port: number }[];
}

function fromEcs(outputs: readonly { path: string; value: unknown }[]): Deployed[] {
  const byPath = new Map(outputs.map((o) => [o.path, o.value as Json]));
  return outputs
    .filter((o) => o.path.endsWith('.service.json'))
    .map((o) => {
      const td = byPath.get(o.path.replace(/\.service\.json$/, '.task-definition.json')) ?? {};
      const sc = (o.value as Json).serviceConnectConfiguration as Json | undefined;
      const defs = (td.containerDefinitions ?? []) as Json[];
      return {
        containers: defs.map((c) => c.name as string),
        portNames: new Map(defs.flatMap((c) => ((c.portMappings ?? []) as Json[]).filter((m) => m.name).map((m) => [m.name as string, m.containerPort as number]))),
        ...(sc?.enabled ? { namespace: JSON.stringify(sc.namespace) } : {}),
        aliases: ((sc?.services ?? []) as Json[]).flatMap((s) => ((s.clientAliases ?? []) as Json[]).map((a) => ({ portName: s.portName, dnsName: a.dnsName, port: a.port }))),
      };
    });
}

function fromCfn(outputs: readonly { value: unknown }[]): Deployed[] {
  return outputs.flatMap((o) => {
    const resources = ((o.value as Json).Resources ?? {}) as Record<string, Json>;
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::ECS::Service')
      .map((r) => {
        const defs = (resources[r.Properties?.TaskDefinition?.Ref ?? '']?.Properties?.ContainerDefinitions ?? []) as Json[];
        const sc = r.Properties?.ServiceConnectConfiguration as Json | undefined;
        return {
          containers: defs.map((c) => c.Name as string),
          portNames: new Map(defs.flatMap((c) => ((c.PortMappings ?? []) as Json[]).filter((m) => m.Name).map((m) => [m.Name as string, m.ContainerPort as number]))),
          ...(sc?.Enabled ? { namespace: JSON.stringify(sc.Namespace) } : {}),
          aliases: ((sc?.Services ?? []) as Json[]).flatMap((s) => ((s.ClientAliases ?? []) as Json[]).map((a) => ({ portName: s.PortName, dnsName: a.DnsName, port: a.Port }))),
        };
      });
  });
}

/** The uses neither reachable through Service Connect nor named by a warning. */
export function unresolved(doc: ComposeDoc, deployed: readonly Deployed[], diagnostics: readonly Diagnostic[]): string[] {
  const bad: string[] = [];
  for (const u of composeUses(doc)) {
    if (warned(diagnostics, u)) continue;
    const clients = deployed.filter((d) => d.containers.includes(u.client));
    const servers = deployed.filter((d) => d.containers.includes(u.target));
    const reachable = clients.length > 0 && clients.every((c) =>
      c.namespace !== undefined && servers.some((s) => s.namespace === c.namespace && s.aliases.some((a) => a.dnsName === u.name.toLowerCase() && a.port === u.port && s.portNames.get(a.portName) === u.port)),
    );
    if (!reachable) bad.push(`${u.client} → ${u.name}:${u.port} (${u.target})`);
  }
  return bad;
}

describe('Runs like compose: services reach each other by name and alias on a shared network (issue 17)', () => {
  for (const target of ['ecs', 'cloudformation'] as const) {
    it(
      `${target}, service layout: every name:port a service can use under compose is a Service Connect client alias it reaches, or named by a warning`,
      async () => {
        await fc.assert(
          fc.asyncProperty(namesProject(), async (doc) => {
            await turn();
            const { outputs, diagnostics } = await convert({ host: hostOf(doc), env: {}, target, layout: 'service' });
            expectNoInternalError(diagnostics, `convert ${target}`);
            const deployed = target === 'ecs' ? fromEcs(outputs) : fromCfn(outputs);
            expect(unresolved(doc, deployed, diagnostics), toYaml(doc)).toEqual([]);
          }),
          params(40, 150),
        );
      },
      timeoutFor(40, 150),
    );
  }
});
