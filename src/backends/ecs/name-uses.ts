/**
 * The names a service uses under compose that Service Connect does not give it as written:
 * links and extra_hosts that name a service of another task, URLs and host:port in its
 * environment and command that reach a port the target does not advertise, two services
 * claiming one name, and network aliases that the flat namespace shows to services outside
 * the network. The same findings on the ECS and CloudFormation targets (name-resolution.ts
 * calls this once Service Connect is on across tasks).
 *
 * Why a port read from a URL is not advertised by itself: compose needs no port to reach a
 * name (the image listens on whatever it listens on), Service Connect does; a URL in an
 * environment value is a guess at that port (the variable may be unused, overridden at run
 * time, or meant for another process), and the task definition should follow what the file
 * declares. The warning gives the one line (`expose: ["5432"]`) that makes it declared.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import { compareText } from '../../core/text-order.js';
import type { ServicePort } from '../../model/project.js';
import { onEveryInterface, portRuns, targetText } from '../port-runs.js';
import { advertisedPorts, MAX_ADVERTISED_RUN, nameClaims, namesOn } from './service-connect.js';
import { exposedTcpPort } from '../../core/expose.js';
import { hostUses, serviceTexts } from '../host-uses.js';

export { hostUses, type HostUse } from '../host-uses.js';

/** Which service answers to each name (lowercase) across tasks: service names, then aliases. */
function answerers(ir: EcsIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of Object.keys(ir.services).sort(compareText)) out.set(s.toLowerCase(), s);
  for (const { claim } of nameClaims(ir).refused) if (!out.has(claim.name.toLowerCase())) out.set(claim.name.toLowerCase(), claim.service);
  for (const [s, byPort] of nameClaims(ir).kept) for (const names of byPort.values()) for (const n of names) if (!out.has(n.toLowerCase())) out.set(n.toLowerCase(), s);
  // Aliases of services with no port: reached under compose all the same.
  for (const s of Object.keys(ir.services).sort(compareText)) {
    for (const n of Object.values(ir.project.services[s]?.networks ?? {})) for (const a of n?.aliases ?? []) if (!out.has(a.toLowerCase())) out.set(a.toLowerCase(), s);
  }
  return out;
}

export function reportNameUses(ir: EcsIR, diagnostics: Diagnostic[]): void {
  const warn = (message: string, path: readonly (string | number)[]): void => {
    diagnostics.push(ir.diagnostic('ECS_NAME_UNRESOLVED', 'warning', message, path));
  };
  // Lookups built once: a project may have thousands of services, each asked about many times.
  const byName = new Map<string, Task>();
  const memberOf = new Map<string, string[]>();
  for (const t of ir.tasks) {
    if (!byName.has(t.name)) byName.set(t.name, t);
    for (const s of t.services) memberOf.set(s, [...(memberOf.get(s) ?? []), t.name]);
  }
  const taskOf = (s: string): Task | undefined => byName.get(ir.services[s]?.task ?? '');
  const reachable = (s: string): boolean => {
    const t = taskOf(s);
    return t !== undefined && t.withService && t.networkMode !== 'host' && t.networkMode !== 'none';
  };
  const together = (a: string, b: string): boolean => (memberOf.get(a) ?? []).some((t) => (memberOf.get(b) ?? []).includes(t));

  for (const { claim, holder } of nameClaims(ir).refused) {
    warn(`"${claim.name}" on port ${claim.port} is already the name of services.${holder} in the Service Connect namespace (ECS: each name and port must be unique in a namespace), so "${claim.name}:${claim.port}" reaches ${holder}, not ${claim.service}, from every task: give the ${claim.kind} another name`, claim.path);
  }

  for (const claim of nameClaims(ir).invalid) {
    warn(`"${claim.name}" cannot be a Service Connect client alias (a DNS name: up to 127 letters, digits, _, - and ., not starting with -), so other tasks cannot reach ${claim.service} by it: give the ${claim.kind} a DNS name`, claim.path);
  }

  const who = answerers(ir);
  const services = Object.keys(ir.services).sort(compareText);
  for (const s of services) {
    const svc = ir.project.services[s];
    if (!svc || !taskOf(s)?.withService) continue;
    // links: the name resolves through Service Connect when the target advertises a port.
    const across = ir.services[s]?.crossTask ?? [];
    (svc.links ?? []).forEach((link, i) => {
      const [target = link, alias] = link.split(':');
      if (!across.includes(target) || !reachable(target) || !advertisedPorts(ir, target).length) return;
      if (alias !== undefined && alias !== target && advertisedPorts(ir, target).some((p) => namesOn(ir, target, p.target).includes(alias.toLowerCase()))) {
        diagnostics.push(ir.diagnostic('ECS_CROSS_TASK_DEPENDENCY', 'info', `services.${s}.links: ${target} runs in another task and is reached through Service Connect; the link alias "${alias}" is one of its client aliases, which every task of the namespace sees (under compose only ${s} does)`, ['services', s, 'links', i]));
      }
    });

    // extra_hosts: a fixed address for a compose name (or a compose name given as the address).
    for (const host of Object.keys(svc.extra_hosts ?? {}).sort(compareText)) {
      const named = [host, ...(svc.extra_hosts?.[host] ?? [])].map((n) => who.get(n.toLowerCase())).find((t) => t !== undefined && t !== s && !together(s, t));
      if (named === undefined) continue;
      const how = who.get(host.toLowerCase()) === named ? `pins "${host}", a name of services.${named}, to ${(svc.extra_hosts?.[host] ?? []).join(', ')}` : `gives "${host}" the address of services.${named} by its name, which /etc/hosts cannot hold`;
      warn(`services.${s}.extra_hosts ${how}; ${named} runs in another task, whose address is not known in advance (and under awsvpc ECS takes no extraHosts at all): remove the entry and reach ${named} by its name through Service Connect${advertisedPorts(ir, named).length ? '' : ` (add expose: ["PORT"] to services.${named})`}`, ['services', s, 'extra_hosts', host]);
    }

    // URLs and host:port in the environment and the command.
    for (const { text, path, where } of serviceTexts(s, svc)) {
      const said = new Set<string>();
      for (const use of hostUses(text)) {
        const target = who.get(use.host.toLowerCase());
        if (target === undefined || target === s || together(s, target) || !reachable(target)) continue;
        const ports = advertisedPorts(ir, target).map((p) => p.target);
        const key = `${use.host.toLowerCase()}:${use.port ?? ''}`;
        if (said.has(key)) continue;
        if (use.port !== undefined && !ports.includes(use.port)) {
          said.add(key);
          const has = ports.length ? `advertises only ${ports.join(', ')}` : 'neither exposes nor publishes a port';
          warn(`${where} reaches ${use.host}:${use.port}, but services.${target} ${has}, so Service Connect gives ${s} no "${use.host}" on port ${use.port} (under compose the network reaches any port): add expose: ["${use.port}"] to services.${target}`, path);
        } else if (use.port === undefined && !ports.length) {
          said.add(key);
          warn(`${where} reaches ${use.host}, but services.${target} neither exposes nor publishes a port, so Service Connect gives ${s} no "${use.host}": add expose: ["PORT"] to services.${target} with the port it listens on`, path);
        }
      }
    }
  }

  // Ports compose reaches by name that Service Connect does not advertise: it proxies single
  // TCP ports (a range, udp or sctp stays reachable only through a load balancer). A port kept
  // to one host address has a finding of its own at host_ip (fields/network.ts).
  for (const s of services) {
    const svc = ir.project.services[s];
    if (!svc || !reachable(s)) continue;
    const kept = new Set(advertisedPorts(ir, s).map((p) => p.target));
    const aliases = Object.values(svc.networks ?? {}).flatMap((n) => n?.aliases ?? []);
    const names = [s, ...aliases.filter((a, i) => a !== s && aliases.indexOf(a) === i)].map((n) => `"${n}"`).join(' or ');
    for (const run of portRuns(svc.ports ?? [])) {
      const p = run.ports[0] as ServicePort;
      if (!onEveryInterface(p)) continue;
      if (run.ports.every((q) => q.protocol === 'tcp' && kept.has(q.target))) continue;
      const what = run.ports.length > 1 ? `the ports ${targetText(run)}/${p.protocol}` : `the ${p.protocol} port ${p.target}`;
      const why = p.protocol !== 'tcp' ? 'which proxies tcp ports only' : `which gives each port a Service Connect service of its own, so a run of more than ${MAX_ADVERTISED_RUN} consecutive ports is left to a load balancer`;
      warn(`${what} of ${s} ${run.ports.length > 1 ? 'are' : 'is'} not advertised through Service Connect, ${why}: other tasks cannot reach ${names} on ${run.ports.length > 1 ? 'them' : 'it'} by name as under compose; reach ${run.ports.length > 1 ? 'them' : 'it'} through a load balancer (x-ecs)${p.protocol === 'tcp' ? `, or publish at most ${MAX_ADVERTISED_RUN} consecutive ports` : ''}`, ['services', s, 'ports', run.index]);
    }
    (svc.expose ?? []).forEach((text, i) => {
      if (exposedTcpPort(text) !== undefined) return;
      warn(`the exposed ${text} of ${s} is not advertised through Service Connect, which proxies single tcp ports: other tasks cannot reach ${names} on it by name as under compose`, ['services', s, 'expose', i]);
    });
  }

  // Network aliases: Service Connect names are one flat namespace, compose's are per network.
  const clients = services.filter(reachable);
  const outsiders = new Map<string, { list: string[]; set: Set<string> }>();
  const outside = (net: string): { list: string[]; set: Set<string> } => {
    let out = outsiders.get(net);
    if (!out) {
      const list = clients.filter((c) => !Object.hasOwn(ir.project.services[c]?.networks ?? {}, net));
      outsiders.set(net, (out = { list, set: new Set(list) }));
    }
    return out;
  };
  for (const s of services) {
    if (!reachable(s) || !advertisedPorts(ir, s).length) continue;
    for (const [net, n] of Object.entries(ir.project.services[s]?.networks ?? {}).sort(([a], [b]) => compareText(a, b))) {
      (n?.aliases ?? []).forEach((alias, i) => {
        if (!advertisedPorts(ir, s).some((p) => namesOn(ir, s, p.target).includes(alias.toLowerCase()))) return;
        // The services sharing a task with s are few: count them out instead of testing every outsider.
        const all = outside(net);
        const mates = new Set((memberOf.get(s) ?? []).flatMap((t) => byName.get(t)?.services ?? []));
        const count = all.list.length - [...mates].filter((c) => all.set.has(c)).length;
        if (count <= 0) return;
        const shown: string[] = [];
        for (const c of all.list) {
          if (shown.length === 5) break;
          if (!mates.has(c)) shown.push(c);
        }
        const list = count > 5 ? `${shown.join(', ')} and ${count - 5} more` : shown.join(', ');
        diagnostics.push(ir.diagnostic('ECS_UNSUPPORTED_FIELD', 'info', `the alias "${alias}" of ${s} on network ${net} is a Service Connect client alias, and Service Connect names are one flat namespace: ${list}, which do not join ${net}, resolve "${alias}" too (under compose they do not); whether they can connect is up to the security groups (the CloudFormation target's group for ${net} admits only its members)`, ['services', s, 'networks', net, 'aliases', i]));
      });
    }
  }
}
