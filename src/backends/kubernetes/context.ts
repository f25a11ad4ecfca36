/**
 * What the mapping of one compose service sees and writes: the project plan (names, workload
 * kinds, Services, volume users), the service's settings, and the parts of its pod and
 * workload being built.
 */
import { K8S_CODES } from './codes.js';
import type { Diagnostic, DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { IR, Workload } from '../../ir/ir.js';
import type { Service } from '../../model/project.js';
import type { Controller, KubernetesOptions } from './options.js';
import type { ServiceSettings } from './settings.js';
import type { ServicePlan } from './service-ports.js';

export type Json = Record<string, unknown>;
export type Path = (string | number)[];

/** Decisions about the whole project, made before any service is mapped. */
export interface ProjectPlan {
  ir: IR;
  options: KubernetesOptions;
  /** Compose service → Kubernetes object name. */
  names: Map<string, string>;
  kinds: Map<string, Controller>;
  /**
   * Jobs that others wait on with service_completed_successfully: each runs as init containers
   * of its waiters' pods (no object of its own), with the services that wait on it.
   */
  initJobs: Map<string, string[]>;
  /** Each init job mapped once (its findings reported once), by compose name. */
  jobContexts: Map<string, ServiceContext>;
  /**
   * Services that run as further containers of another service's pod, because compose gives
   * them its network (or IPC, or process) namespace (`network_mode: service:X`): member →
   * the service whose pod it is, with the key that decided it.
   */
  podHosts: Map<string, { host: string; at: Path }>;
  /** The pod's owner → its members, by name. */
  podMembers: Map<string, string[]>;
  /** Each pod member mapped once (its findings reported once), by compose name. */
  memberContexts: Map<string, ServiceContext>;
  settings: Map<string, ServiceSettings>;
  /** Compose service → its Service ports (absent: no Service). */
  ports: Map<string, ServicePlan>;
  /** Compose service → the extra Services its network aliases get (Kubernetes names), one per alias. */
  aliases: Map<string, string[]>;
  /** Named volume → the services that mount it, by name. */
  volumeUsers: Map<string, string[]>;
  /** Named volume (not external) → its claim spec. */
  claims: Map<string, Json>;
  /** `app.kubernetes.io/part-of`. */
  partOf: string;
  diagnostics: Diagnostic[];
}

/** The service whose pod `name`'s container runs in: its pod host (plan.ts, planSharedPods), or itself. */
export function podOf(plan: ProjectPlan, name: string): string {
  return plan.podHosts.get(name)?.host ?? name;
}

/** `services.x.<key>` is `service:Y` for a Y whose container runs in the same pod as x's. */
export function sharesPodWith(plan: ProjectPlan, name: string, value: string | undefined): boolean {
  if (!value?.startsWith('service:')) return false;
  const other = value.slice(8);
  return Object.hasOwn(plan.ir.project.services, other) && podOf(plan, other) === podOf(plan, name);
}

/** The recommended labels every object carries; the first two select a service's pods. */
export function selectorLabels(plan: ProjectPlan, name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': plan.partOf };
}

export function commonLabels(plan: ProjectPlan): Record<string, string> {
  return { 'app.kubernetes.io/part-of': plan.partOf, 'app.kubernetes.io/managed-by': 'compose2ecs' };
}

/** `metadata` with the namespace option applied; empty maps left out. */
export function metadata(plan: ProjectPlan, name: string, labels: Record<string, string>, annotations: Record<string, string> = {}): Json {
  const m: Json = { name };
  if (plan.options.namespace) m.namespace = plan.options.namespace;
  if (Object.keys(labels).length) m.labels = labels;
  if (Object.keys(annotations).length) m.annotations = annotations;
  return m;
}

/** The order of a container's fields in the output. */
export const CONTAINER_ORDER = ['name', 'image', 'imagePullPolicy', 'command', 'args', 'workingDir', 'env', 'ports', 'resources', 'volumeMounts', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'securityContext', 'stdin', 'tty'];

/** The keys of `obj` in the order given, then any others in insertion order; empty values left out. */
export function ordered(obj: Json, order: readonly string[]): Json {
  const out: Json = {};
  const keys = [...order.filter((k) => k in obj), ...Object.keys(obj).filter((k) => !order.includes(k))];
  for (const k of keys) {
    const v = obj[k];
    const empty = v === undefined || (Array.isArray(v) && !v.length) || (typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length);
    if (!empty) out[k] = v;
  }
  return out;
}

export class ServiceContext {
  readonly container: Json = {};
  /** Pod spec fields other than containers, volumes and securityContext. */
  readonly pod: Json = {};
  readonly podSecurity: Json = {};
  readonly security: Json = {};
  readonly env: Json[] = [];
  readonly volumes: Json[] = [];
  readonly mounts: Json[] = [];
  readonly initContainers: Json[] = [];
  /** volumes_from services of the same pod (pod-members.ts mounts their volumes here too). */
  readonly mountsFrom: { service: string; readOnly: boolean }[] = [];
  /** The pre_start steps, in order: init containers after those of the dependencies. */
  readonly preStart: Json[] = [];
  /** Init jobs this service waits on (depends_on service_completed_successfully), in the order written. */
  readonly waitedJobs: string[] = [];
  readonly claimTemplates: Json[] = [];
  readonly podLabels: Record<string, string> = {};
  readonly podAnnotations: Record<string, string> = {};
  readonly labels: Record<string, string> = {};
  readonly annotations: Record<string, string> = {};
  /** Workload spec fields (replicas, strategy, backoffLimit, …). */
  readonly spec: Json = {};

  constructor(
    readonly plan: ProjectPlan,
    readonly facts: Workload,
  ) {}

  get name(): string {
    return this.facts.name;
  }
  get k8sName(): string {
    return this.plan.names.get(this.name) ?? this.name;
  }
  get service(): Service {
    return this.facts.service;
  }
  /** The Kubernetes name of the service whose pods this one's container runs in: its own, or its pod host's. */
  get podOwner(): string {
    const host = this.plan.podHosts.get(this.name)?.host;
    return host === undefined ? this.k8sName : (this.plan.names.get(host) ?? host);
  }
  get kind(): Controller {
    return this.plan.kinds.get(this.name) ?? 'deployment';
  }
  get settings(): ServiceSettings {
    return this.plan.settings.get(this.name) ?? {};
  }
  get options(): KubernetesOptions {
    return this.plan.options;
  }

  /** Reports at a path below this service (`['ports', 0]`). */
  report(severity: Severity, message: string, at: Path = [], code: DiagnosticCode = K8S_CODES.unsupported): void {
    this.plan.diagnostics.push(this.plan.ir.diagnostic(code, severity, message, ['services', this.name, ...at]));
  }

  /** Reports a compose key that has no Kubernetes meaning (a warning). */
  unsupported(at: Path, why: string): void {
    this.report('warning', `${this.where(at)} is not carried over: ${why}`, at);
  }

  /** `services.web.ports[0]`, for messages. */
  where(at: Path): string {
    let s = `services.${this.name}`;
    for (const p of at) s += typeof p === 'number' ? `[${p}]` : `.${p}`;
    return s;
  }

  /**
   * Adds a pod volume (once per name) and its mount in the container. A volume of the same
   * name but other settings (one secret mounted twice with two modes) gets a name of its own
   * (`secret-token-2`), so that neither mount loses its settings.
   */
  mount(volume: Json, mount: Json): void {
    const base = String(volume.name);
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base.slice(0, 63 - String(n).length - 1)}-${n}`;
      const candidate = { ...volume, name };
      const found = this.volumes.find((v) => v.name === name);
      if (found && JSON.stringify(found) !== JSON.stringify(candidate)) continue;
      if (!found) this.volumes.push(candidate);
      this.mounts.push({ ...mount, name });
      return;
    }
  }
}
