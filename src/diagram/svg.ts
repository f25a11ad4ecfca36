/**
 * The diagram as a self-contained SVG for the playground: our own column layout, left to
 * right — load balancers and their listeners, target groups (each rule written on its edge),
 * tasks or workloads with their containers, then the names that reach them and the networks
 * and security groups they are in. Text is escaped; a label too long for its box is cut with
 * `…` and given whole in a `<title>`. Same model, same bytes.
 */
import type { DeploymentDiagram } from './model.js';
import { containerLabel, groupLabel, isOwnGroup, listenerLabel, namespaceLabel, ruleLabel, targetGroupLabel, titleOf, unitLabel } from './labels.js';
import { unique } from './documents.js';

const COLUMN = 260;
const GAP = 90;
const BOX = 26;
const PAD = 8;
const CHAR = 6.6;
const TOP = 48;

/** Escapes text for an XML text node or attribute value. */
export function xmlText(s: string): string {
  // Characters XML 1.0 does not allow at all are dropped rather than escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

class Canvas {
  readonly parts: string[] = [];
  height = 0;

  box(b: Box, label: string, kind: string): void {
    this.parts.push(`<g class="${kind}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="4"/>${this.text(b.x + PAD, b.y + 17, label, b.w - 2 * PAD)}</g>`);
    this.height = Math.max(this.height, b.y + b.h);
  }

  text(x: number, y: number, label: string, width: number, kind = ''): string {
    const room = Math.max(4, Math.floor(width / CHAR));
    const shown = label.length > room ? `${label.slice(0, room - 1)}…` : label;
    const title = shown === label ? '' : `<title>${xmlText(label)}</title>`;
    return `<text x="${x}" y="${y}"${kind ? ` class="${kind}"` : ''}>${title}${xmlText(shown)}</text>`;
  }

  edge(from: Box, to: Box, label: string | undefined, kind: string): void {
    const x1 = from.x + from.w;
    const y1 = from.y + Math.min(from.h, BOX) / 2;
    const x2 = to.x;
    const y2 = to.y + Math.min(to.h, BOX) / 2;
    const mid = (x1 + x2) / 2;
    const text = label === undefined ? '' : this.text(x1 + 6, y1 - 4, label, GAP + COLUMN / 2, 'edge-label');
    this.parts.push(`<g class="${kind}"><path d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" marker-end="url(#arrow)"/>${text}</g>`);
  }
}

const STYLE = [
  'text{font:12px sans-serif;fill:#1f2328}',
  '.title{font-weight:bold;font-size:14px}',
  'rect{stroke:#57606a;fill:#fff}',
  '.frame rect{fill:#f6f8fa}',
  '.lb rect{fill:#ddf4ff}',
  '.job rect,.init rect{stroke-dasharray:4 3}',
  '.name rect{fill:#fff8c5}',
  '.net rect{fill:#dafbe1}',
  'path{fill:none;stroke:#57606a}',
  '.link path{stroke-dasharray:3 3}',
  '.edge-label{font-size:10px;fill:#57606a}',
].join('');

/**
 * A standalone SVG document of the diagram (no scripts, no external references).
 *
 * @example
 * element.innerHTML = toSvg(deploymentDiagram(result));
 */
export function toSvg(d: DeploymentDiagram): string {
  const c = new Canvas();
  const x = (col: number) => 20 + col * (COLUMN + GAP);
  const listeners = new Map<string, Box>();
  let y = TOP;
  for (const lb of unique(d.listeners.map((l) => l.loadBalancer))) {
    const mine = d.listeners.filter((l) => l.loadBalancer === lb);
    const frame = { x: x(0), y, w: COLUMN, h: 28 + mine.length * (BOX + 6) };
    c.box(frame, lb === 'existing' ? 'existing load balancer' : `load balancer ${lb}`, 'frame lb');
    mine.forEach((l, i) => {
      const b = { x: x(0) + PAD, y: y + 26 + i * (BOX + 6), w: COLUMN - 2 * PAD, h: BOX };
      c.box(b, listenerLabel(l), 'listener');
      listeners.set(l.id, b);
    });
    y += frame.h + 16;
  }
  const groups = new Map<string, Box>();
  d.targetGroups.forEach((g, i) => {
    const b = { x: x(1), y: TOP + i * (BOX + 24), w: COLUMN, h: BOX };
    c.box(b, targetGroupLabel(g), 'target-group');
    groups.set(g.id, b);
  });
  const units = new Map<string, Box>();
  const containers = new Map<string, Box>();
  const own = d.securityGroups.filter((g) => isOwnGroup(g, d));
  y = TOP;
  for (const u of d.units) {
    const frame = { x: x(2), y, w: COLUMN, h: 28 + u.containers.length * (BOX + 6) };
    c.box(frame, unitLabel(u, own.find((g) => g.members[0] === u.id)), 'frame unit');
    u.containers.forEach((ct, i) => {
      const b = { x: x(2) + PAD, y: y + 26 + i * (BOX + 6), w: COLUMN - 2 * PAD, h: BOX };
      c.box(b, containerLabel(ct), ct.role);
      containers.set(`${u.id}\n${ct.name}`, b);
    });
    units.set(u.id, frame);
    y += frame.h + 16;
  }
  y = TOP;
  const right: { box: Box; members: string[]; label: string; kind: string }[] = [];
  const nameBoxes = d.names.map((n) => ({ box: { x: x(3), y: 0, w: COLUMN, h: BOX }, members: [n.unit], label: `${n.name}:${n.port}`, kind: 'name' }));
  if (nameBoxes.length) {
    c.parts.push(c.text(x(3), y + 12, namespaceLabel(d), COLUMN, 'title'));
    y += 20;
  }
  for (const n of nameBoxes) right.push({ ...n, box: { ...n.box, y: (y += BOX + 6) - BOX - 6 } });
  y += 10;
  for (const n of d.networks) right.push({ box: { x: x(3), y: (y += BOX + 6) - BOX - 6, w: COLUMN, h: BOX }, members: n.members, label: `network ${n.name}${n.internal ? ' (internal)' : ''}${n.securityGroup !== undefined ? ` · SG ${n.securityGroup}` : ''}`, kind: 'net' });
  for (const g of d.securityGroups) {
    if (own.includes(g) || d.networks.some((n) => n.securityGroup === g.id)) continue;
    right.push({ box: { x: x(3), y: (y += BOX + 6) - BOX - 6, w: COLUMN, h: BOX }, members: g.members, label: groupLabel(g), kind: 'net' });
  }
  for (const r of right) c.box(r.box, r.label, r.kind);

  for (const l of d.listeners) {
    for (const r of l.rules) {
      const from = listeners.get(l.id);
      const to = groups.get(r.targetGroup);
      if (from && to) c.edge(from, to, ruleLabel(r), 'route');
    }
  }
  for (const g of d.targetGroups) {
    for (const t of g.targets) {
      const from = groups.get(g.id);
      const to = containers.get(`${t.unit}\n${t.container}`) ?? units.get(t.unit);
      if (from && to) c.edge(from, to, `:${t.port}`, 'route');
    }
  }
  for (const r of right) {
    for (const m of r.members) {
      const unit = units.get(m);
      if (unit) c.edge(r.box, unit, undefined, 'link');
    }
  }
  const width = x(4) - GAP + 20;
  const height = Math.max(c.height, y) + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${xmlText(titleOf(d))}</title>`,
    `<style>${STYLE}</style>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#57606a"/></marker></defs>',
    `<text x="20" y="24" class="title">${xmlText(titleOf(d))}</text>`,
    ...c.parts,
    '</svg>',
    '',
  ].join('\n');
}
