/** Container fields about networking: ports, host names, DNS, links. */
import type { ContainerContext } from '../container-context.js';

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
  for (const hostname of Object.keys(h)) for (const ipAddress of h[hostname] ?? []) out.push({ hostname, ipAddress });
  if (out.length) c.put('extraHosts', out, ['extra_hosts']);
}

const APP_PROTOCOLS: Record<string, string> = { http: 'http', http2: 'http2', grpc: 'grpc' };

/**
 * ports → portMappings. Bridge mode keeps published ≠ target and makes an unpublished port
 * dynamic (host port 0); awsvpc and host modes need the host port equal to the container port.
 * The protocol is written only when it is not the default tcp. ECS cannot map one container
 * port for two protocols. Runs of consecutive container ports whose host ports ECS picks
 * (awsvpc, or unpublished in bridge mode) become one containerPortRange.
 */
export function ports(c: ContainerContext): void {
  const out: Mapping[] = [];
  const bridge = c.task.networkMode === 'bridge';
  const protocolOf = new Map<number, string>();
  (c.service.ports ?? []).forEach((p, i) => {
    const at = ['ports', i];
    if (p.protocol !== 'tcp' && p.protocol !== 'udp') {
      c.unsupported(at, `ECS port mappings are tcp or udp, not ${p.protocol}`);
      return;
    }
    if (p.host_ip && p.host_ip !== '0.0.0.0' && p.host_ip !== '::') {
      // Publishing on every interface would expose what the file keeps to one address.
      c.unsupported([...at, 'host_ip'], `ECS publishes ports on every interface of the host, not only on ${p.host_ip}, so the port is left out (remove host_ip to publish it)`);
      return;
    }
    const seen = protocolOf.get(p.target);
    if (seen !== undefined && seen !== p.protocol) {
      c.unsupported(at, `container port ${p.target} is already mapped for ${seen}; ECS cannot expose one container port for two protocols`);
      return;
    }
    protocolOf.set(p.target, p.protocol);
    const m: Mapping = { containerPort: p.target };
    const published = p.published;
    if (published !== undefined && published.includes('-')) {
      if (bridge) {
        c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(at)}: ECS cannot pick a host port from the range ${published}; a dynamic host port is used`, at);
        m.hostPort = 0;
      } else m.hostPort = p.target;
    } else if (published !== undefined) {
      const host = Number(published);
      if (bridge) m.hostPort = host;
      else {
        if (host !== p.target) {
          c.report('ECS_LAUNCH_TYPE_RULE', 'warning', `${c.where(at)} publishes ${host} for container port ${p.target}; in ${c.task.networkMode} network mode the host port must equal the container port, so ${p.target} is used`, at);
        }
        m.hostPort = p.target;
      }
    } else m.hostPort = bridge ? 0 : p.target;
    if (p.protocol === 'udp') m.protocol = 'udp';
    if (p.name) m.name = p.name;
    if (p.app_protocol) {
      const ap = APP_PROTOCOLS[p.app_protocol.toLowerCase()];
      if (ap && p.name) m.appProtocol = ap;
      else c.unsupported([...at, 'app_protocol'], ap ? 'ECS needs the port to have a name for appProtocol' : `ECS app protocols are http, http2 and grpc, not ${p.app_protocol}`);
    }
    if (!out.some((o) => o.containerPort === m.containerPort && o.hostPort === m.hostPort && o.protocol === m.protocol)) out.push(m);
  });
  if (out.length) c.put('portMappings', collapseRanges(out, c.task.networkMode, targetedPorts(c)), ['ports']);
}

/** Container ports a load balancer or service registry of the task names: they stay single mappings. */
function targetedPorts(c: ContainerContext): Set<number> {
  const svc = c.task.settings.service;
  const refs = [...(svc?.load_balancers ?? []), ...(svc?.service_registries ?? [])];
  const mine = refs.filter((r) => (r.container_name ?? c.name) === c.name);
  // A load balancer without container_port takes the first published port (service.ts).
  const first = c.service.ports?.[0]?.target;
  return new Set(mine.map((r) => r.container_port ?? first).filter((p): p is number => p !== undefined));
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
 */
function collapseRanges(list: Mapping[], mode: string, keep: ReadonlySet<number>): Mapping[] {
  const free = (m: Mapping): boolean => !m.name && !m.appProtocol && !keep.has(m.containerPort as number) && (mode === 'awsvpc' ? m.hostPort === m.containerPort : mode === 'bridge' && m.hostPort === 0);
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

/** network_mode: the task's mode comes from the layout pass; these modes have no ECS meaning. */
export function networkMode(c: ContainerContext): void {
  const m = c.service.network_mode;
  if (m && !['bridge', 'host', 'none'].includes(m)) c.unsupported(['network_mode'], `ECS network modes are bridge, host, awsvpc and none; "${m}" cannot be expressed (containers of one task share localhost under awsvpc)`);
}

/** networks: ECS has no user-defined networks; only the implicit default network carries over. */
export function networks(c: ContainerContext): void {
  const n = c.service.networks ?? {};
  const names = Object.keys(n);
  if (names.length === 1 && names[0] === 'default' && n.default === null) return;
  c.unsupported(['networks'], `ECS has no user-defined networks (${names.join(', ')}): containers of one task share the task's network, other tasks are reached through load balancers or service discovery`);
}
