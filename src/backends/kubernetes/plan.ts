/**
 * Project-wide decisions made before any service is mapped: Kubernetes names, each service's
 * settings and workload kind, which services get a Service, and the claims of named volumes.
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
import { ownValue } from '../../core/own.js';

export function buildPlan(ir: IR, options: KubernetesOptions, diagnostics: Diagnostic[]): ProjectPlan {
  const partOf = isLabelValue(ir.project.name) ? ir.project.name : objectName(ir.project.name);
  const plan: ProjectPlan = {
    ir,
    options,
    names: serviceNames(ir, diagnostics),
    kinds: new Map(),
    settings: new Map(),
    ports: new Map(),
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
  const completes = completedDependencies(ir);
  for (const name of services) {
    const svc = ir.project.services[name] as Service;
    const own = ownsItsVolumes(plan, name, svc);
    plan.kinds.set(name, chooseKind(ir, name, svc, plan.settings.get(name) ?? {}, options, { completes, own }, diagnostics));
  }
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
      diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'info', `service ${name} is named ${k8s} in Kubernetes (names are lowercase DNS labels); other services reach it as ${k8s}`, ['services', name]));
    }
    taken.set(k8s, name);
    names.set(name, k8s);
  }
  return names;
}

/** Services another service waits on with service_completed_successfully. */
function completedDependencies(ir: IR): Set<string> {
  const out = new Set<string>();
  for (const svc of Object.values(ir.project.services)) {
    for (const [target, dep] of Object.entries(svc.depends_on ?? {})) if (dep.condition === 'service_completed_successfully') out.add(target);
  }
  return out;
}

/** The service mounts named volumes, and no other service mounts them. */
function ownsItsVolumes(plan: ProjectPlan, name: string, svc: Service): boolean {
  const named = (svc.volumes ?? []).filter((v) => v.type === 'volume' && v.source && ownValue(plan.ir.project.volumes, v.source) && !ownValue(plan.ir.project.volumes, v.source)?.external);
  return named.length > 0 && named.every((v) => (plan.volumeUsers.get(v.source as string) ?? []).length === 1);
}

function isOneShot(name: string, svc: Service, completes: Set<string>): boolean {
  if (svc.restart !== undefined) return svc.restart === 'no';
  return svc.deploy?.restart_policy?.condition === 'none' || completes.has(name);
}

/**
 * The workload kind: the service's own choice (x-kubernetes.controller, kompose.controller.type),
 * then deploy.mode, then one-shot services as Jobs (jobs option), then single-replica services
 * with named volumes of their own as StatefulSets (statefulVolumes option), then the controller
 * option.
 */
function chooseKind(ir: IR, name: string, svc: Service, settings: ServiceSettings, options: KubernetesOptions, facts: { completes: Set<string>; own: boolean }, diagnostics: Diagnostic[]): Controller {
  const mode = svc.deploy?.mode;
  const own = settings.controller;
  if (own) {
    if (mode === 'global' && own.value !== 'daemonset') {
      diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `services.${name}.deploy.mode global is overridden: the service asks for a ${own.value}`, ['services', name, 'deploy', 'mode']));
    }
    return own.value;
  }
  if (mode === 'global') return 'daemonset';
  if (mode === 'replicated-job' || mode === 'global-job') {
    if (mode === 'global-job') diagnostics.push(ir.diagnostic(K8S_CODES.unsupported, 'warning', `services.${name}.deploy.mode global-job becomes one Job, not one per node`, ['services', name, 'deploy', 'mode']));
    return 'job';
  }
  if (options.jobs && isOneShot(name, svc, facts.completes)) return 'job';
  const replicas = svc.deploy?.replicas ?? svc.scale ?? 1;
  if (options.statefulVolumes && facts.own && replicas <= 1) return 'statefulset';
  return options.controller;
}
