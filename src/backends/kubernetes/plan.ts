/**
 * Project-wide decisions made before any service is mapped: Kubernetes names, each service's
 * settings and workload kind (from the core's), which jobs run as init containers of their
 * waiters, which services get a Service, and the claims of named volumes.
 */
import { K8S_CODES } from './codes.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { IR } from '../../ir/ir.js';
import type { Service } from '../../model/project.js';
import type { ProjectPlan } from './context.js';
import { byName } from '../../passes/by-name.js';
import { isLabelValue, objectName } from './names.js';
import type { Controller, KubernetesOptions } from './options.js';
import { planPorts } from './service-ports.js';
import { serviceSettings, type ServiceSettings } from './settings.js';
import { planClaims, volumeUsers } from './storage-objects.js';
import { hasService } from './network-objects.js';
import { ownValue } from '../../core/own.js';

export function buildPlan(ir: IR, options: KubernetesOptions, diagnostics: Diagnostic[]): ProjectPlan {
  const partOf = isLabelValue(ir.project.name) ? ir.project.name : objectName(ir.project.name);
  const plan: ProjectPlan = {
    ir,
    options,
    names: serviceNames(ir, diagnostics),
    kinds: new Map(),
    initJobs: new Map(),
    jobContexts: new Map(),
    podHosts: new Map(),
    podMembers: new Map(),
    memberContexts: new Map(),
    settings: new Map(),
    ports: new Map(),
    aliases: new Map(),
    volumeUsers: new Map(),
    claims: new Map(),
    partOf,
    diagnostics,
  };
  // Service names in one order (02-model: `services` has none), so that a clash or a setting
  // conflict is reported at the same service whatever order the file lists them in.
  const services = Object.keys(ir.project.services).sort(byName);
  for (const name of services) {
    plan.settings.set(name, serviceSettings(ir, name, diagnostics));
    const ports = planPorts(ir, name, diagnostics);
    if (ports) plan.ports.set(name, ports);
  }
  plan.volumeUsers = volumeUsers(plan);
  for (const name of services) {
    const own = ownsItsVolumes(plan, name, ir.project.services[name] as Service);
    plan.kinds.set(name, chooseKind(ir, name, plan.settings.get(name) ?? {}, options, own, diagnostics));
  }
  plan.initJobs = planInitJobs(plan);
  planSharedPods(plan, services);
  // After the kinds: a service without ports has a (headless) Service unless it runs to completion.
  plan.aliases = aliasServices(plan, services);
  plan.claims = planClaims(plan);
  return plan;
}

/** Compose service names → DNS labels; a renamed service is reported, a clash is an error. */
function serviceNames(ir: IR, diagnostics: Diagnostic[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const name of Object.keys(ir.project.services).sort(byName)) {
    const k8s = objectName(name);
    const other = taken.get(k8s);
    if (other !== undefined) {
      diagnostics.push(ir.diagnostic(K8S_CODES.invalid, 'error', `services ${other} and ${name} both become "${k8s}" in Kubernetes (names are lowercase DNS labels); rename one`, ['services', name]));
    } else if (k8s !== name) {
      diagnostics.push(renamed(ir, `service ${name}`, name, k8s, ['services', name]));
    }
    taken.set(k8s, name);
    names.set(name, k8s);
  }
  return names;
}

/**
 * A name that is another as a Service (a DNS-1035 label). Only a change of case resolves the
 * same (DNS names are case-insensitive): `Web` still finds web. Any other change (`web_app` is
 * web-app, `a.b` is a-b) means a container that calls the compose name finds nothing, so that
 * is a warning, with the name to use instead.
 */
function renamed(ir: IR, what: string, name: string, k8s: string, at: (string | number)[]): Diagnostic {
  if (k8s === name.toLowerCase()) return ir.diagnostic(K8S_CODES.unsupported, 'info', `${what} is the Service ${k8s} in Kubernetes (names are lowercase DNS labels); DNS names ignore case, so other services still reach it as ${name}`, at);
  return ir.diagnostic(K8S_CODES.unsupported, 'warning', `${what} is the Service ${k8s} in Kubernetes (names are lowercase DNS labels), so a container that calls it ${name} finds nothing: use ${k8s} in the others' configuration, or rename it in the compose file`, at);
}

/**
 * Network aliases and link aliases → a Service each, selecting the same pods on the same
 * ports: compose lets other services reach a service by any alias on a shared network, and
 * the linking service by its link's alias; a Service name is what resolves in a cluster. The
 * name is the alias as a DNS-1035 label (renamed with an info); an alias whose name is
 * another service's, or an earlier alias's of another service, is left out with a warning, as
 * is a network alias of a service without a Service (no ports or expose: no name of it
 * resolves; the links key says so for a link). Kubernetes has one flat network, so the alias
 * resolves from every pod, not only from the alias's network or the linking service (the
 * networks key's info says so), as a Service Connect alias does on ECS: services' own names
 * first, then network aliases, then link aliases, each in service name order.
 */
function aliasServices(plan: ProjectPlan, services: readonly string[]): Map<string, string[]> {
  const { ir, diagnostics } = plan;
  const taken = new Map<string, string>();
  for (const [name, k8s] of plan.names) taken.set(k8s, name);
  const out = new Map<string, string[]>();
  const claim = (name: string, alias: string, at: (string | number)[], where: string, fix: string): void => {
    const k8s = objectName(alias);
    const holder = taken.get(k8s);
    if (holder === name) return;
    if (holder !== undefined) {
      diagnostics.push(ir.diagnostic(K8S_CODES.invalid, 'warning', `${where}: the alias "${alias}" would be the Service ${k8s}, which is ${plan.names.get(holder) === k8s ? `the Service of ${holder}` : `an alias of ${holder} already`}; it is left out: ${fix}`, at));
      return;
    }
    if (k8s !== alias) diagnostics.push(renamed(ir, `${where}: the alias "${alias}"`, alias, k8s, at));
    taken.set(k8s, name);
    out.set(name, [...(out.get(name) ?? []), k8s]);
  };
  for (const name of services) {
    const nets = Object.entries(ir.project.services[name]?.networks ?? {}).sort(([a], [b]) => byName(a, b));
    for (const [net, attach] of nets) {
      (attach?.aliases ?? []).forEach((alias, i) => {
        const at = ['services', name, 'networks', net, 'aliases', i];
        if (taken.get(objectName(alias)) === name) return;
        if (!hasService(plan, name)) {
          diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `services.${name}.networks.${net}.aliases: ${name} has no Service (it declares no ports or expose), so the alias "${alias}" does not resolve in the cluster: add expose: ["PORT"] to services.${name}`, at));
          return;
        }
        claim(name, alias, at, `services.${name}.networks.${net}.aliases`, `give ${name} another alias`);
      });
    }
  }
  for (const name of services) {
    (ir.project.services[name]?.links ?? []).forEach((link, i) => {
      const [target = link, alias] = link.split(':');
      // A target without a Service: the links key warns that no name of it resolves.
      if (alias === undefined || alias === target || !Object.hasOwn(ir.project.services, target) || !hasService(plan, target)) return;
      claim(target, alias, ['services', name, 'links', i], `services.${name}.links`, `link ${target} under another alias, or by its name`);
    });
  }
  return out;
}

/** The service mounts named volumes, and no other service mounts them. */
function ownsItsVolumes(plan: ProjectPlan, name: string, svc: Service): boolean {
  const named = (svc.volumes ?? []).filter((v) => v.type === 'volume' && v.source && ownValue(plan.ir.project.volumes, v.source) && !ownValue(plan.ir.project.volumes, v.source)?.external);
  return named.length > 0 && named.every((v) => (plan.volumeUsers.get(v.source as string) ?? []).length === 1);
}

/**
 * Jobs others wait on with service_completed_successfully run inside their waiters' pods, as
 * init containers (docs/kubernetes.md "Jobs and init steps" says why), unless the job asks
 * for a controller of its own (x-kubernetes.controller: job keeps it a Job).
 */
function planInitJobs(plan: ProjectPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, w] of Object.entries(plan.ir.workloads).sort(([a], [b]) => byName(a, b))) {
    if (w.kind !== 'job' || plan.settings.get(name)?.controller) continue;
    const waiters = w.waitedOnBy.filter((d) => d.condition === 'service_completed_successfully').map((d) => d.service);
    if (waiters.length) out.set(name, waiters);
  }
  return out;
}

/** The namespace keys that make one service run in another's, in the order they decide the pod. */
const SHARED_NAMESPACES = ['network_mode', 'ipc', 'pid'] as const;

/** The service whose namespace `name` joins (`service:X` in network_mode, else ipc, else pid), with the key. */
function namespaceHost(plan: ProjectPlan, name: string): { host: string; key: (typeof SHARED_NAMESPACES)[number] } | undefined {
  const svc = plan.ir.project.services[name];
  // A network mode of its own (host, none) keeps it in a pod of its own.
  if (svc?.network_mode !== undefined && !svc.network_mode.startsWith('service:')) return undefined;
  for (const key of SHARED_NAMESPACES) {
    const v = svc?.[key];
    if (v?.startsWith('service:') && Object.hasOwn(plan.ir.project.services, v.slice(8))) return { host: v.slice(8), key };
  }
  return undefined;
}

/** A service that runs on (a Deployment, StatefulSet or DaemonSet), not a job or an init job. */
function longRunning(plan: ProjectPlan, name: string): boolean {
  return plan.kinds.get(name) !== 'job' && !plan.initJobs.has(name);
}

/**
 * 05-services network_mode "service:{name}" (and ipc, pid "service:{name}"): the service runs
 * in another service's network namespace, so under compose it reaches that service on
 * localhost, listens on the ports that service publishes, and goes out through its network
 * (the gluetun VPN pattern). On Kubernetes only the containers of one pod share a network
 * namespace (and an IPC one; the process namespace with shareProcessNamespace), so such a
 * service becomes a further container of the other's pod, followed through chains (a → b → c
 * all run in c's pod). Both must be long-running: a job is a pod of its own that ends, so a
 * job, or a service sharing a job's namespace, keeps its own pod (with the key's warning). A
 * member runs with its host's replicas and workload kind; a member that StatefulSet volumes
 * would make a StatefulSet mounts a claim instead (only the host's kind makes a workload).
 */
function planSharedPods(plan: ProjectPlan, services: readonly string[]): void {
  for (const name of services) {
    if (!longRunning(plan, name)) continue;
    const first = namespaceHost(plan, name);
    if (!first) continue;
    // Follow the chain to a service that shares no namespace; a cycle (which compose refuses) joins nothing.
    const seen = new Set([name]);
    let host = first.host;
    for (let next = namespaceHost(plan, host); next && !seen.has(host); next = namespaceHost(plan, host)) {
      seen.add(host);
      host = next.host;
    }
    if (seen.has(host) || !longRunning(plan, host)) continue;
    if ([...seen].some((s) => !longRunning(plan, s))) continue;
    plan.podHosts.set(name, { host, at: ['services', name, first.key] });
  }
  for (const [member, { host }] of plan.podHosts) {
    plan.podMembers.set(host, [...(plan.podMembers.get(host) ?? []), member]);
    const kind = plan.kinds.get(host) ?? 'deployment';
    plan.kinds.set(member, kind === 'statefulset' ? 'deployment' : kind);
  }
}

/**
 * The workload kind comes from the core (\`ir.workloads[name].kind\`): a job is a Job, a daemon a
 * DaemonSet, a long-running service the controller option's kind (or a StatefulSet with
 * statefulVolumes). The service's own setting (x-kubernetes.controller, kompose.controller.type)
 * wins, except that a job never becomes a workload that restarts it forever.
 */
function chooseKind(ir: IR, name: string, settings: ServiceSettings, options: KubernetesOptions, ownsVolumes: boolean, diagnostics: Diagnostic[]): Controller {
  const w = ir.workloads[name];
  const kind = w?.kind ?? 'service';
  const mode = w?.service.deploy?.mode;
  const own = settings.controller;
  if (kind === 'job') {
    if (own && own.value !== 'job') {
      diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `services.${name} runs once (${w?.kindReason ?? 'a job'}), so it is a Job, not the ${own.value} it asks for: a ${own.value} restarts its pods forever`, own.at));
    }
    if (mode === 'global-job') diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `services.${name}.deploy.mode global-job becomes one Job, not one per node`, ['services', name, 'deploy', 'mode']));
    return 'job';
  }
  if (own) {
    if (kind === 'daemon' && own.value !== 'daemonset') {
      diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `services.${name}.deploy.mode global is overridden: the service asks for a ${own.value}`, ['services', name, 'deploy', 'mode']));
    }
    return own.value;
  }
  if (kind === 'daemon') return 'daemonset';
  const replicas = w?.replicas ?? 1;
  if (options.statefulVolumes && ownsVolumes && replicas <= 1) return 'statefulset';
  return options.controller;
}
