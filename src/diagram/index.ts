/**
 * The deployment diagram of a converted project: `deploymentDiagram` reads the IR (tasks and
 * containers, jobs, networks) and the emitted documents (listeners, rules, target groups,
 * security groups, Service Connect names; Kubernetes workloads, Services and Ingresses), so
 * the picture shows what the backend actually emitted. No Node built-ins: it runs in browsers.
 */
import type { IR } from '../ir/ir.js';
import { compareText } from '../core/text-order.js';
import { isTemplate, readTemplate } from './cloudformation.js';
import { isData, type Data, type DiagramDocument } from './documents.js';
import { isEcsService, isTaskDefinition, readEcs } from './ecs.js';
import { kubernetesObjects, readKubernetes } from './kubernetes.js';
import type { DeploymentDiagram, DiagramNetwork, DiagramTarget } from './model.js';
import { UnitBuilder } from './units.js';

export type { DiagramDocument } from './documents.js';
export { toMermaid } from './mermaid.js';
export { toSvg } from './svg.js';

/** What the diagram reads: a `compile` result has both (`{ ir, outputs }`). */
export interface DiagramInput {
  /** The IR of the run; without it, only the documents are drawn. */
  ir?: IR | undefined;
  /** The emitted documents (`outputs` of `compile` or `convert`). */
  outputs: readonly DiagramDocument[];
}

/**
 * The deployment diagram of a compile: tasks or workloads and their containers, ECS services,
 * jobs, listeners → rules → target groups → container ports, networks and security groups,
 * Service Connect names and the namespace. Deterministic: the same input gives the same model.
 *
 * @example
 * const result = await compile({ files: ['compose.yaml'], target: 'cloudformation' });
 * const svg = toSvg(deploymentDiagram(result));
 */
export function deploymentDiagram(input: DiagramInput): DeploymentDiagram {
  const { ir } = input;
  const out: DeploymentDiagram = { project: ir?.project.name ?? '', target: 'none', units: [], listeners: [], targetGroups: [], networks: [], securityGroups: [], names: [], jobs: [] };
  const units = new UnitBuilder(ir);
  const values = input.outputs.map((o) => o.value);
  const templates = values.filter(isTemplate);
  const ecs = values.filter((v): v is Data => isTaskDefinition(v) || isEcsService(v));
  const k8s = values.flatMap(kubernetesObjects);
  for (const t of templates) readTemplate(t, units, out);
  if (ecs.length) readEcs(ecs, units, out);
  if (k8s.length) readKubernetes(k8s, units, out);
  out.target = templates.length ? 'cloudformation' : ecs.length ? 'ecs' : k8s.length ? 'kubernetes' : 'none';
  if (!out.project) out.project = projectOf(templates[0]);
  units.fromIR();
  out.units = units.list();
  if (ir) {
    out.networks = networksOf(ir, units);
    out.jobs = Object.values(ir.workloads)
      .filter((w) => w.kind === 'job')
      .map((w) => ({ name: w.name, runsIn: units.holding(w.name).map((u) => u.id), waitedOnBy: w.waitedOnBy.map((d) => d.service) }))
      .sort((a, b) => compareText(a.name, b.name));
  }
  for (const n of out.networks) {
    const key = n.members.join('\n');
    const group = out.securityGroups.find((g) => g.ingress.some((i) => i.from === 'self') && [...g.members].sort(compareText).join('\n') === key);
    if (group && n.members.length) n.securityGroup = group.id;
  }
  return sorted(out);
}

function networksOf(ir: IR, units: UnitBuilder): DiagramNetwork[] {
  const members = new Map<string, Set<string>>();
  for (const w of Object.values(ir.workloads)) {
    for (const n of w.networks) for (const u of units.holding(w.name)) members.set(n.name, new Set([...(members.get(n.name) ?? []), u.id]));
  }
  return [...members].map(([name, ids]) => ({ name, internal: ir.project.networks[name]?.internal === true, members: [...ids].sort(compareText) }));
}

function projectOf(template: Data | undefined): string {
  const d = template && isData(template.Parameters) ? (template.Parameters as Data).EnvironmentName : undefined;
  return isData(d) && typeof d.Default === 'string' ? d.Default : '';
}

const byTarget = (a: DiagramTarget, b: DiagramTarget) => compareText(a.unit, b.unit) || compareText(a.container, b.container) || a.port - b.port;

/** Every list in its one order. */
function sorted(d: DeploymentDiagram): DeploymentDiagram {
  d.listeners.sort((a, b) => a.port - b.port || compareText(a.id, b.id));
  d.targetGroups.sort((a, b) => compareText(a.id, b.id));
  for (const g of d.targetGroups) g.targets.sort(byTarget);
  d.networks.sort((a, b) => compareText(a.name, b.name));
  d.securityGroups.sort((a, b) => compareText(a.id, b.id));
  d.names = d.names.filter((n, i, all) => all.findIndex((m) => m.name === n.name && m.port === n.port && m.unit === n.unit) === i);
  d.names.sort((a, b) => compareText(a.name, b.name) || a.port - b.port || compareText(a.unit, b.unit));
  return d;
}
