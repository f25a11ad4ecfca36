/** Ports, DNS, hosts, host namespaces and networks. */
import type { Json, ServiceContext } from '../context.js';
import { sharesPodWith } from '../context.js';
import { portRuns } from '../../port-runs.js';
import { MAX_RANGE } from '../service-ports.js';
import { exposeRange } from '../../../core/expose.js';
import { hasService } from '../network-objects.js';

/**
 * ports and expose → containerPorts; `mode: host` also binds the published port on the node
 * (hostPort). A range longer than MAX_RANGE is left out (the Service plan reports it). `expose`
 * declares the ports the container listens on (05-services expose: "the ports that Compose
 * exposes from the container"), which is what containerPort says: a Service's targetPort then
 * names a declared port, as tools that read the pod's ports (port-forward by name, meshes,
 * NetworkPolicies) expect. One function reads both keys (`ports` first), applied once.
 */
function containerPorts(c: ServiceContext): void {
  const out: Json[] = [];
  const seen = new Set<string>();
  const hostNetwork = c.service.network_mode === 'host';
  const add = (entry: Json): void => {
    const key = JSON.stringify(entry);
    if (!seen.has(key)) out.push(entry);
    seen.add(key);
  };
  for (const run of portRuns(c.service.ports ?? [])) {
    if (run.ports.length > MAX_RANGE) continue;
    for (const p of run.ports) {
      const entry: Json = { containerPort: p.target, protocol: p.protocol.toUpperCase() };
      if (p.mode === 'host' && p.published !== undefined && /^\d+$/.test(p.published)) entry.hostPort = Number(p.published);
      // On the node's network the container listens on the node's port itself: the API takes no other hostPort (planPorts reports it).
      if (hostNetwork && entry.hostPort !== undefined && entry.hostPort !== p.target) delete entry.hostPort;
      add(entry);
    }
  }
  for (const text of c.service.expose ?? []) {
    const r = exposeRange(text);
    if (!r || r.to - r.from >= MAX_RANGE) continue; // reported by the loader or the Service plan
    const { from: start, to: end, protocol: proto } = r;
    const protocol = proto.toUpperCase() === 'UDP' ? 'UDP' : proto.toUpperCase() === 'SCTP' ? 'SCTP' : 'TCP';
    for (let port = start; port <= end; port++) {
      // A port `ports` already declares (with or without a host port) is declared once.
      if (!out.some((e) => e.containerPort === port && e.protocol === protocol)) add({ containerPort: port, protocol });
    }
  }
  if (out.length) c.container.ports = out;
}

/** ports → containerPorts (with those of expose). */
export const ports = (c: ServiceContext): void => containerPorts(c);

/** expose → containerPorts; with `ports` too, its mapping declares both. */
export function expose(c: ServiceContext): void {
  if (c.service.ports === undefined) containerPorts(c);
}

function dnsConfig(c: ServiceContext): Json {
  const d = (c.pod.dnsConfig ?? {}) as Json;
  c.pod.dnsConfig = d;
  return d;
}

/** dns → dnsConfig.nameservers, added to the cluster's resolver (dnsPolicy stays ClusterFirst). */
export function dns(c: ServiceContext): void {
  if (c.service.dns?.length) dnsConfig(c).nameservers = c.service.dns;
}

export function dnsSearch(c: ServiceContext): void {
  if (c.service.dns_search?.length) dnsConfig(c).searches = c.service.dns_search;
}

/** dns_opt `ndots:2` → dnsConfig.options `{ name: ndots, value: "2" }`. */
export function dnsOpt(c: ServiceContext): void {
  const opts = (c.service.dns_opt ?? []).map((o) => {
    const i = o.indexOf(':');
    return i < 0 ? { name: o } : { name: o.slice(0, i), value: o.slice(i + 1) };
  });
  if (opts.length) dnsConfig(c).options = opts;
}

/** extra_hosts → hostAliases, one per address with its host names. */
export function extraHosts(c: ServiceContext): void {
  const byIp = new Map<string, string[]>();
  for (const [host, ips] of Object.entries(c.service.extra_hosts ?? {})) {
    for (const ip of ips) {
      if (ip === 'host-gateway') {
        c.unsupported(['extra_hosts', host], 'Kubernetes has no host-gateway address; give the node address');
        continue;
      }
      byIp.set(ip, [...(byIp.get(ip) ?? []), host]);
    }
  }
  if (byIp.size) c.pod.hostAliases = [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
}

export function hostname(c: ServiceContext): void {
  const h = c.service.hostname ?? '';
  if (/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(h)) c.pod.hostname = h;
  else c.unsupported(['hostname'], `a pod hostname is a DNS label (lowercase letters, digits, -), not "${h}"`);
}

/** network_mode host → hostNetwork; other modes have no pod equivalent. */
export function networkMode(c: ServiceContext): void {
  const m = c.service.network_mode ?? '';
  if (m === 'host') {
    c.pod.hostNetwork = true;
    c.pod.dnsPolicy = 'ClusterFirstWithHostNet';
  } else if (m === 'bridge' || m === 'default') return;
  // One pod: the member's info says so (workload.ts).
  else if (sharesPodWith(c.plan, c.name, m)) return;
  else if (m.startsWith('service:') || m.startsWith('container:')) c.unsupported(['network_mode'], 'containers that share a network namespace must be one pod; each compose service becomes its own pod');
  else c.unsupported(['network_mode'], `Kubernetes has no network mode "${m}"`);
}

/** networks: Kubernetes has one flat pod network; attachment settings have no meaning. */
export function networks(c: ServiceContext): void {
  const nets = c.service.networks ?? {};
  const named = Object.keys(nets).filter((n) => n !== 'default');
  if (named.length) {
    c.report('info', `${c.where(['networks'])}: Kubernetes has one flat network where every pod reaches every Service; ${named.join(', ')} ${named.length === 1 ? 'is' : 'are'} not separate (isolate with NetworkPolicies)`, ['networks']);
  }
  // 06-networks internal: "create an externally isolated network": a pod reaches outside the
  // cluster unless a NetworkPolicy denies its egress, which is no part of these manifests.
  const internal = named.filter((n) => c.plan.ir.project.networks[n]?.internal === true);
  if (internal.length) {
    c.report('warning', `${c.where(['networks'])}: ${internal.join(', ')} ${internal.length === 1 ? 'is' : 'are'} internal (no outside access under compose), but the pods of ${c.name} reach outside the cluster: add a NetworkPolicy that denies their egress beyond the cluster (the cluster's network plugin must enforce NetworkPolicies)`, ['networks']);
  }
  for (const [net, attach] of Object.entries(nets)) {
    for (const key of Object.keys(attach ?? {})) {
      // Aliases become Services of their own (plan.ts, aliasServices).
      if (key !== 'aliases') c.unsupported(['networks', net, key], 'a pod gets its address from the cluster network');
    }
  }
}

/** links: Service names resolve in the cluster, and an alias is a Service of its own (plan.ts); a target without a Service does not resolve. */
export function links(c: ServiceContext): void {
  (c.service.links ?? []).forEach((link, i) => {
    const [target = link, alias] = link.split(':');
    const at = ['links', i];
    if (!Object.hasOwn(c.plan.ir.project.services, target)) return;
    const dns = c.plan.names.get(target) ?? target;
    if (!hasService(c.plan, target)) c.report('warning', `${c.where(at)}: ${target} has no Service (it declares no ports or expose), so its name does not resolve in the cluster`, at);
    else if ((alias === undefined || alias === target) && dns !== target) c.report('warning', `${c.where(at)}: ${target} is reached as ${dns} in the cluster (Kubernetes names are DNS labels)`, at);
  });
}

export function pid(c: ServiceContext): void {
  const p = c.service.pid ?? '';
  if (p === 'host') c.pod.hostPID = true;
  else if (sharesPodWith(c.plan, c.name, p)) c.pod.shareProcessNamespace = true;
  else if (p !== 'private') c.unsupported(['pid'], p.startsWith('service:') || p.startsWith('container:') ? 'only containers of one pod share a process namespace (shareProcessNamespace)' : `Kubernetes has no pid mode "${p}"`);
}

export function ipc(c: ServiceContext): void {
  const p = c.service.ipc ?? '';
  if (p === 'host') c.pod.hostIPC = true;
  // The containers of a pod share its IPC namespace.
  else if (sharesPodWith(c.plan, c.name, p)) return;
  else if (p !== 'private' && p !== 'shareable') c.unsupported(['ipc'], p.startsWith('service:') || p.startsWith('container:') ? 'only containers of one pod share an IPC namespace' : `Kubernetes has no ipc mode "${p}"`);
}
