/**
 * The diagram as a Mermaid flowchart, which GitHub renders in a README or pull request. Node
 * ids are made from positions (`u0`, `u0c1`, `tg2`), never from compose names, so any name is
 * safe; every label is quoted with Mermaid's entity codes for the characters it would read.
 */
import type { DeploymentDiagram } from './model.js';
import { containerLabel, groupLabel, isOwnGroup, listenerLabel, namespaceLabel, networkLabel, ruleLabel, targetGroupLabel, titleOf, unitLabel } from './labels.js';
import { unique } from './documents.js';

/** A label inside `"…"`: quotes, angle brackets, `#`, `|`, backticks and line breaks made harmless. */
export function mermaidText(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/&/g, '#38;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/[\\{}[\]]/g, (c) => `#${c.charCodeAt(0)};`)
    .replace(/[\r\n\t]+/g, ' ');
}

const q = (s: string) => `"${mermaidText(s)}"`;

/**
 * Mermaid `flowchart LR` text: load balancers and their listeners, rules as labelled edges to
 * target groups, target groups to containers, a subgraph per task or workload, the namespace's
 * names pointing at the task they reach, networks and security groups joined by dotted lines.
 *
 * @example
 * const text = toMermaid(deploymentDiagram(await compile({ files: ['compose.yaml'], target: 'ecs' })));
 * // "flowchart LR\n  subgraph u0[\"task web · ECS service web · ×1 · FARGATE\"] …"
 */
export function toMermaid(d: DeploymentDiagram): string {
  const lines = ['flowchart LR', `  %% ${mermaidText(titleOf(d))}`];
  const unitId = new Map(d.units.map((u, i) => [u.id, `u${i}`]));
  const containerId = (unit: string, name: string): string | undefined => {
    const i = d.units.findIndex((u) => u.id === unit);
    const c = d.units[i]?.containers.findIndex((x) => x.name === name) ?? -1;
    return i >= 0 && c >= 0 ? `u${i}c${c}` : unitId.get(unit);
  };
  const own = d.securityGroups.filter((g) => isOwnGroup(g, d));
  d.units.forEach((u, i) => {
    lines.push(`  subgraph u${i}[${q(unitLabel(u, own.find((g) => g.members[0] === u.id)))}]`);
    u.containers.forEach((c, j) => lines.push(`    u${i}c${j}[${q(containerLabel(c))}]`));
    lines.push('  end');
  });
  d.units.forEach((u, i) => {
    u.containers.forEach((c, j) => {
      for (const w of c.waitsFor) {
        const k = u.containers.findIndex((x) => x.name === w.container);
        if (k >= 0) lines.push(`  u${i}c${j} -.->|${q(`waits: ${w.condition.toLowerCase()}`)}| u${i}c${k}`);
      }
      for (const link of c.links) {
        const k = u.containers.findIndex((x) => x.name === link.split(':')[0]);
        if (k >= 0) lines.push(`  u${i}c${j} -.->|${q(`link ${link}`)}| u${i}c${k}`);
      }
    });
  });
  // A job the documents give no dependsOn for (a Kubernetes init container) still runs first.
  for (const job of d.jobs) {
    for (const unit of job.runsIn) {
      const i = d.units.findIndex((u) => u.id === unit);
      const containers = d.units[i]?.containers ?? [];
      const k = containers.findIndex((c) => c.service === job.name);
      containers.forEach((c, j) => {
        if (k >= 0 && c.service !== undefined && job.waitedOnBy.includes(c.service) && !c.waitsFor.some((w) => w.container === containers[k]?.name)) lines.push(`  u${i}c${j} -.->|${q('waits: job completes')}| u${i}c${k}`);
      });
    }
  }
  const lbs = unique(d.listeners.map((l) => l.loadBalancer));
  lbs.forEach((lb, i) => {
    lines.push(`  subgraph lb${i}[${q(lb === 'existing' ? 'existing load balancer' : `load balancer ${lb}`)}]`);
    d.listeners.forEach((l, j) => {
      if (l.loadBalancer === lb) lines.push(`    l${j}[${q(listenerLabel(l))}]`);
    });
    lines.push('  end');
  });
  const groupId = new Map(d.targetGroups.map((g, i) => [g.id, `tg${i}`]));
  d.targetGroups.forEach((g, i) => lines.push(`  tg${i}[${q(targetGroupLabel(g))}]`));
  d.listeners.forEach((l, j) => {
    for (const r of l.rules) {
      const to = groupId.get(r.targetGroup);
      if (to) lines.push(`  l${j} -->|${q(ruleLabel(r))}| ${to}`);
    }
  });
  d.targetGroups.forEach((g, i) => {
    for (const t of g.targets) {
      const to = containerId(t.unit, t.container);
      if (to) lines.push(`  tg${i} -->|${q(`:${t.port}`)}| ${to}`);
    }
  });
  if (d.names.length) {
    lines.push(`  subgraph ns[${q(namespaceLabel(d))}]`);
    d.names.forEach((n, i) => lines.push(`    nm${i}([${q(`${n.name}:${n.port}`)}])`));
    lines.push('  end');
    d.names.forEach((n, i) => {
      const to = unitId.get(n.unit);
      if (to) lines.push(`  nm${i} -.-> ${to}`);
    });
  }
  d.networks.forEach((n, i) => {
    lines.push(`  net${i}{{${q(networkLabel(n, d))}}}`);
    for (const m of n.members) if (unitId.has(m)) lines.push(`  ${unitId.get(m)} -.- net${i}`);
  });
  d.securityGroups.forEach((g, i) => {
    if (own.includes(g) || d.networks.some((n) => n.securityGroup === g.id)) return;
    lines.push(`  sg${i}[/${q(groupLabel(g))}/]`);
    for (const m of g.members) if (unitId.has(m)) lines.push(`  ${unitId.get(m)} -.- sg${i}`);
    if (g.loadBalancer) lbs.forEach((_, k) => lines.push(`  lb${k} -.- sg${i}`));
  });
  return lines.join('\n') + '\n';
}
