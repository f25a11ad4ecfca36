/**
 * Units (ECS tasks, Kubernetes workloads) as the documents declare them, named and typed from
 * the IR: a container that is a compose service keeps its name and its role (an app, or a job
 * run to completion); any other container is a step the backend added before them (pre_start,
 * secrets written to files).
 */
import type { IR } from '../ir/ir.js';
import type { ContainerRole, DiagramContainer, DiagramUnit } from './model.js';
import { compareText } from '../core/text-order.js';

/** A container as a document lists it. */
export interface FoundContainer {
  name: string;
  essential: boolean;
  ports: number[];
  /** Kubernetes: an init container. */
  init?: boolean;
  waitsFor?: { container: string; condition: string }[];
  links?: string[];
}

/** Collects the units of a run, one per key. */
export class UnitBuilder {
  private readonly units = new Map<string, DiagramUnit>();
  constructor(private readonly ir: IR | undefined) {}

  /** The unit of a document's containers: named after the ECS task holding them, else `key`. */
  fromContainers(key: string, containers: FoundContainer[], extra: Omit<Partial<DiagramUnit>, 'id' | 'containers'> = {}): DiagramUnit {
    // By its family or name first: one job can be in two tasks (a run-task of its own and a
    // waiter's task), and two units must not take one id. Else by an essential container: a job
    // waited on runs as a non-essential container in the task of each waiter, so it alone does
    // not tell whose task this is.
    const tasks = this.ir?.ecs?.tasks ?? [];
    const task =
      tasks.find((t) => t.family === key || t.name === key) ??
      tasks.find((t) => containers.some((c) => c.essential && t.services.includes(c.name))) ??
      tasks.find((t) => containers.some((c) => t.services.includes(c.name)));
    const id = task?.name ?? key;
    const unit: DiagramUnit = { id, name: task?.family ?? extra.name ?? key, controller: 'workload', ...extra, containers: containers.map((c) => this.container(c)) };
    if (task?.family !== undefined) unit.name = task.family;
    this.units.set(id, unit);
    return unit;
  }

  update(id: string, patch: Omit<Partial<DiagramUnit>, 'id' | 'containers'>): void {
    const unit = this.units.get(id);
    if (unit) Object.assign(unit, patch);
  }

  has(id: string): boolean {
    return this.units.has(id);
  }

  /** The units running a compose service, by id. */
  holding(service: string): DiagramUnit[] {
    return this.list().filter((u) => u.containers.some((c) => c.service === service));
  }

  /** When no document named any unit: the IR's own tasks, else one unit per compose service. */
  fromIR(): void {
    if (!this.ir || this.units.size > 0) return;
    const ecs = this.ir.ecs;
    if (ecs) {
      for (const task of ecs.tasks) {
        const containers = task.services.map((name) => ({
          name,
          essential: ecs.services[name]?.essential ?? true,
          ports: portsOf(this.ir, name),
          waitsFor: (ecs.services[name]?.dependsOn ?? []).map((d) => ({ container: d.containerName, condition: d.condition })),
          links: ecs.services[name]?.links ?? [],
        }));
        this.fromContainers(task.name, containers, { name: task.family, controller: task.withService ? 'ecs-service' : 'run-task', launchType: task.launchType });
      }
      return;
    }
    for (const w of Object.values(this.ir.workloads)) this.fromContainers(w.name, [{ name: w.name, essential: true, ports: portsOf(this.ir, w.name) }], { replicas: w.replicas });
  }

  list(): DiagramUnit[] {
    return [...this.units.values()].sort((a, b) => compareText(a.id, b.id));
  }

  private container(c: FoundContainer): DiagramContainer {
    const service = this.serviceOf(c.name);
    const workload = service === undefined ? undefined : this.ir?.workloads[service];
    // Kubernetes says which containers are init containers; an ECS task's containers that are no compose service are steps the backend added.
    const role: ContainerRole = workload ? (workload.kind === 'job' ? 'job' : 'app') : (c.init ?? this.ir !== undefined) ? 'init' : 'app';
    const ports = c.ports.length || service === undefined ? c.ports : portsOf(this.ir, service);
    const container: DiagramContainer = { name: c.name, essential: c.init ? false : c.essential, role, ports: [...new Set(ports)].sort((a, b) => a - b), waitsFor: c.waitsFor ?? [], links: c.links ?? [] };
    if (service !== undefined) container.service = service;
    return container;
  }

  /** The compose service a container runs: the one of its name, else the one whose Kubernetes object name it is. */
  private serviceOf(container: string): string | undefined {
    const workloads = this.ir?.workloads ?? {};
    if (Object.hasOwn(workloads, container)) return container;
    const found = Object.keys(workloads).filter((name) => dnsLabel(name) === container);
    return found.length === 1 ? found[0] : undefined;
  }
}

/**
 * A name as Kubernetes must write it (a DNS-1035 label: lowercase letters, digits and `-`,
 * starting with a letter, at most 63), as the Kubernetes backend names objects and containers
 * (a clash there is an error, so the name leads back to one service). The diagram may not
 * import a backend; test/diagram/properties.test.ts fails if the two ever disagree.
 */
function dnsLabel(raw: string): string {
  let s = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(s)) s = `x-${s}`;
  return s.slice(0, 63).replace(/-+$/, '') || 'x';
}

function portsOf(ir: IR | undefined, service: string): number[] {
  return [...new Set((ir?.workloads[service]?.ports ?? []).map((p) => p.target))].sort((a, b) => a - b);
}
