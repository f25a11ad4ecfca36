/** Container fields about networking: ports, host names, DNS, links. */
import type { ServicePort } from '../../../model/project.js';
import type { ContainerContext } from '../container-context.js';
import { onEveryInterface, portRuns, targetText } from '../../port-runs.js';
import { compareText } from '../../../core/text-order.js';
import { advertisedPorts, serviceConnectOn } from '../service-connect.js';

export function hostname(c: ContainerContext): void {
  c.put('hostname', c.service.hostname, ['hostname']);
}

export function dns(c: ContainerContext): void {
  if (c.service.dns?.length) c.put('dnsServers', c.service.dns, ['dns']);
}

export function dnsSearch(c: ContainerContext): void {
  if (c.service.dns_search?.length) c.put('dnsSearchDomains', c.service.dns_search, ['dns_search']);
}

export function extraHosts(c: ContainerContext): void {
  const h = c.service.extra_hosts ?? {};
  const out: { hostname: string; ipAddress: string }[] = [];
  // extra_hosts is a mapping, whose key order means nothing: hosts in code-unit order (the
  // output must not depend on how the file was written); one host's addresses keep their order.
  for (const hostname of Object.keys(h).sort(compareText)) for (const ipAddress of h[hostname] ?? []) out.push({ hostname, ipAddress });
  if (out.length) c.put('extraHosts', out, ['extra_hosts']);
}

const APP_PROTOCOLS: Record<string, string> = { http: 'http', http2: 'http2', grpc: 'grpc' };

/** ECS takes at most this many containerPortRange mappings in one container. */
export const MAX_PORT_RANGES = 100;

/**
 * ports → portMappings. Bridge mode keeps published ≠ target and makes an unpublished port
 * dynamic (host port 0); awsvpc and host modes need the host port equal to the container port.
 * The protocol is written only when it is not the default tcp. ECS cannot map one container
 * port for two protocols. Runs of consecutive container ports whose host ports ECS picks
 * (awsvpc, or unpublished in bridge mode) become one containerPortRange.
 *
 * The loader gives a range one entry per port; each range (portRuns) is checked and reported
 * once, as a whole, and the work is linear in the ports: a service may have 65,536 of them.
 */
export function ports(c: ContainerContext): void {
  const out: Mapping[] = [];
  const bridge = c.task.networkMode === 'bridge';
  const protocolOf = new Map<number, string>();
  const mapped = new Set<string>();
  // Service Connect names each advertised port (one mapping per name: ECS wants them unique in a task).
  const names = new Map((serviceConnectFor(c) ? advertisedPorts(c.ir, c.name) : []).map((a) => [a.target, a]));
  for (const run of portRuns(c.service.ports ?? [])) {
    const p = run.ports[0] as ServicePort;
    const at = ['ports', run.index];
    const ports = targetText(run);
    if (p.protocol !== 'tcp' && p.protocol !== 'udp') {
      c.unsupported(at, `ECS port mappings are tcp or udp, not ${p.protocol}`);
      continue;
    }
    if (!onEveryInterface(p)) {
      // Publishing on every interface would expose what the file keeps to one address; the
      // container port, which compose's other services reach by name, is advertised as an
      // exposed port is (its mapping is added below, from `names`).
      const reached = run.ports.some((q) => names.has(q.target));
      c.unsupported([...at, 'host_ip'], `ECS publishes ports on every interface of the host, not only on ${p.host_ip}, so the port is not published${reached ? `; other services still reach container port ${targetText(run)} by name through Service Connect, as under compose` : ''} (remove host_ip to publish it)`);
      continue;
    }
    // ECS maps a container port for one protocol: the ports of the run already mapped for another are left out.
    const kept: ServicePort[] = [];
    const clashes: number[] = [];
    let seen = '';
    for (const q of run.ports) {
      const other = protocolOf.get(q.target);
      if (other !== undefined && other !== q.protocol) {
        clashes.push(q.target);
        seen = other;
      } else {
        protocolOf.set(q.target, q.protocol);
        kept.push(q);
      }
    }
    if (clashes.length) {
      const which = clashes.length === 1 ? `container port ${clashes[0]} is` : `container ports ${clashes[0]}…${clashes[clashes.length - 1]} (${clashes.length}) are`;
      c.unsupported(at, `${which} already mapped for ${seen}; ECS cannot expose one container port for two protocols`);
    }
    if (!kept.length) continue;
    const published = p.published;
    if (published !== undefined && published.includes('-') && bridge) {
      c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(at)}: ECS cannot pick a host port from the range ${published}; a dynamic host port is used`, at);
    } else if (published !== undefined && !published.includes('-') && !bridge && Number(published) !== p.target) {
      const last = run.ports[run.ports.length - 1] as ServicePort;
      const one = run.ports.length === 1;
      const host = one ? published : `${published}-${last.published ?? ''}`;
      c.report('ECS_LAUNCH_TYPE_RULE', 'warning', `${c.where(at)} publishes ${host} for ${one ? 'container port' : 'container ports'} ${ports}; in ${c.task.networkMode} network mode the host port must equal the container port, so ${ports} ${one ? 'is' : 'are'} used`, at);
    }
    for (const q of kept) {
      const m = mapping(c, q, bridge, at, names);
      const key = `${m.containerPort}/${m.hostPort}/${m.protocol ?? 'tcp'}`;
      if (mapped.has(key)) continue;
      mapped.add(key);
      out.push(m);
    }
  }
  // Ports only exposed are reached through Service Connect only: they need a mapping to be advertised.
  for (const a of names.values()) out.push({ containerPort: a.target, hostPort: bridge ? 0 : a.target, name: a.portName });
  if (!out.length) return;
  const collapsed = collapseRanges(out, c.task.networkMode, targetedPorts(c));
  const ranges = collapsed.filter((m) => m.containerPortRange !== undefined).length;
  if (ranges > MAX_PORT_RANGES) {
    c.report('ECS_LIMIT', 'error', `${c.where(['ports'])} make ${ranges} port ranges (containerPortRange); ECS allows at most ${MAX_PORT_RANGES} in a container: join neighbouring ranges or publish fewer`, ['ports']);
  }
  c.put('portMappings', collapsed, ['ports']);
}

/** One port's mapping: host port by network mode, protocol when not tcp, name and app protocol. */
function mapping(c: ContainerContext, p: ServicePort, bridge: boolean, at: (string | number)[], names: Map<number, { portName: string }>): Mapping {
  const m: Mapping = { containerPort: p.target };
  const published = p.published;
  if (published !== undefined && published.includes('-')) m.hostPort = bridge ? 0 : p.target;
  else if (published !== undefined) m.hostPort = bridge ? Number(published) : p.target;
  else m.hostPort = bridge ? 0 : p.target;
  if (p.protocol === 'udp') m.protocol = 'udp';
  const named = p.protocol === 'tcp' ? names.get(p.target) : undefined;
  if (named) {
    m.name = named.portName;
    names.delete(p.target);
  } else if (p.name !== undefined && c.ir.ecs.portNames.has(p.name)) m.name = p.name;
  if (p.app_protocol) {
    const ap = APP_PROTOCOLS[p.app_protocol.toLowerCase()];
    if (ap && m.name) m.appProtocol = ap;
    else c.unsupported([...at, 'app_protocol'], ap ? 'ECS needs the port to have a name for appProtocol' : `ECS app protocols are http, http2 and grpc, not ${p.app_protocol}`);
  }
  return m;
}

/** Container ports a load balancer or service registry of the task (or of the surrounding stack) names: they stay single mappings. */
function targetedPorts(c: ContainerContext): Set<number> {
  const svc = c.task.settings.service;
  const refs = [...(svc?.load_balancers ?? []), ...(svc?.service_registries ?? [])];
  const mine = refs.filter((r) => (r.container_name ?? c.name) === c.name);
  // A load balancer without container_port takes the first published port (service.ts).
  const first = c.service.ports?.[0]?.target;
  const out = new Set(mine.map((r) => r.container_port ?? first).filter((p): p is number => p !== undefined));
  for (const p of c.taskParts.routedPorts?.get(c.name) ?? []) out.add(p);
  return out;
}

/**
 * expose: across tasks, each single tcp port becomes a named port mapping that Service Connect
 * advertises (ports()); otherwise containers of one task reach each other without it.
 */
export function expose(c: ContainerContext): void {
  const list = c.service.expose ?? [];
  if (!list.length) return;
  // Without ports, the mapping of ports() is not run by the table: it adds the exposed ports' mappings.
  if (serviceConnectFor(c) && !c.service.ports?.length) ports(c);
  if (serviceConnectFor(c) && list.every((e) => /^\d+(\/tcp)?$/.test(e))) return;
  c.unsupported(['expose'], serviceConnectFor(c) ? 'Service Connect advertises single tcp ports, not ranges or udp; publish them with ports for a load balancer' : 'containers of one task reach each other without it (localhost or links); publish with ports for a load balancer');
}

/** Whether this container's ports are advertised through Service Connect (its task in awsvpc or bridge mode). */
export function serviceConnectFor(c: ContainerContext): boolean {
  return (c.task.networkMode === 'awsvpc' || c.task.networkMode === 'bridge') && c.task.withService && serviceConnectOn(c.ir);
}

interface Mapping {
  containerPort?: number;
  containerPortRange?: string;
  hostPort?: number;
  protocol?: string;
  name?: string;
  appProtocol?: string;
}

/**
 * Consecutive unnamed container ports of one protocol whose host ports ECS chooses itself —
 * equal to the container port under awsvpc, dynamic (0) under bridge — as containerPortRange
 * (ECS picks the host ports of a range the same way). A long compose range stays one entry.
 * ECS lets a port be in one mapping only, so a port mapped twice (`"80"` and `"8080:80"` in
 * bridge mode) stays out of ranges.
 */
function collapseRanges(list: Mapping[], mode: string, keep: ReadonlySet<number>): Mapping[] {
  const count = new Map<number, number>();
  for (const m of list) count.set(m.containerPort as number, (count.get(m.containerPort as number) ?? 0) + 1);
  const free = (m: Mapping): boolean =>
    !m.name && !m.appProtocol && !keep.has(m.containerPort as number) && count.get(m.containerPort as number) === 1 && (mode === 'awsvpc' ? m.hostPort === m.containerPort : mode === 'bridge' && m.hostPort === 0);
  const out: Mapping[] = [];
  for (let i = 0; i < list.length; ) {
    const m = list[i] as Mapping;
    let j = i;
    while (free(m) && j + 1 < list.length) {
      const next = list[j + 1] as Mapping;
      if (!free(next) || next.protocol !== m.protocol || next.containerPort !== (list[j] as Mapping).containerPort! + 1) break;
      j++;
    }
    if (j > i) out.push({ containerPortRange: `${m.containerPort}-${(list[j] as Mapping).containerPort}`, ...(m.protocol ? { protocol: m.protocol } : {}) });
    else out.push(m);
    i = j + 1;
  }
  return out;
}

/**
 * network_mode: the task's mode comes from the layout pass. `service:X` is kept when the
 * container is in X's task (the layout puts it there) and the task is awsvpc, whose containers
 * share one network stack; other modes have no ECS meaning.
 */
export function networkMode(c: ContainerContext): void {
  const m = c.service.network_mode;
  if (!m || ['bridge', 'host', 'none'].includes(m)) return;
  const shared = m.startsWith('service:') ? m.slice('service:'.length) : undefined;
  const sharedTask = shared === undefined ? undefined : c.ir.services[shared]?.task;
  if (sharedTask !== undefined && sharedTask === c.task.name) {
    if (c.task.networkMode === 'awsvpc') return;
    c.unsupported(['network_mode'], `${c.name} is in the task of ${shared}, but each container of a ${c.task.networkMode}-mode task has a network stack of its own, so it does not use ${shared}'s as under compose: give the task the awsvpc network mode (x-ecs.network_mode: awsvpc, or launch type FARGATE), whose containers share one`);
    return;
  }
  if (sharedTask !== undefined) {
    c.unsupported(['network_mode'], `${c.name} runs in task "${c.task.name}", not in the task of ${shared} ("${sharedTask}"), so it does not use ${shared}'s network stack as under compose: let it join that task (remove its x-ecs.task, or set x-ecs.task: ${sharedTask}) with the awsvpc network mode, whose containers share one`);
    return;
  }
  c.unsupported(['network_mode'], `ECS network modes are bridge, host, awsvpc and none; "${m}" cannot be expressed (containers of one task share localhost under awsvpc)`);
}

/** networks: ECS has no user-defined networks; only the implicit default network carries over. */
export function networks(c: ContainerContext): void {
  const n = c.service.networks ?? {};
  const names = Object.keys(n);
  if (names.length === 1 && names[0] === 'default' && n.default === null) return;
  // Across tasks the aliases are Service Connect client aliases (service-connect.ts): only networks of their own are lost.
  if (serviceConnectFor(c) && names.every((x) => x === 'default')) return;
  if (serviceConnectFor(c)) {
    c.unsupported(['networks'], `ECS has no user-defined networks (${names.join(', ')}): the service's name and aliases are advertised to every service of the namespace through Service Connect, but the networks do not isolate; give the services security groups that stand for the networks`);
    return;
  }
  c.unsupported(['networks'], `ECS has no user-defined networks (${names.join(', ')}): containers of one task share the task's network, other tasks are reached through load balancers or service discovery`);
}
