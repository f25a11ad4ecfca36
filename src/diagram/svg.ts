/**
 * The diagram as a self-contained SVG for the playground: our own column layout, left to
 * right — load balancers and their listeners, the listeners' rules, target groups, tasks or
 * workloads with their containers, then the names that reach them and the networks and
 * security groups they are in. Labels wrap at ` · ` (and, when a part is still too long, are
 * cut with `…` and given whole in a `<title>`); text is escaped. Same model, same bytes.
 */
import type { DeploymentDiagram } from './model.js';
import { containerLabel, groupLabel, isOwnGroup, listenerLabel, namespaceLabel, networkLabel, ruleLabel, targetGroupLabel, titleOf, unitLabel } from './labels.js';
import { unique } from './documents.js';

const COLUMN = 230;
const GAP = 60;
const PAD = 8;
const LINE = 15;
const CHAR = 6.6;
const TOP = 48;
const SPACE = 10;

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

/** The lines a label takes in `width`: its ` · ` parts, joined while they fit. */
function wrap(label: string, width: number): string[] {
  const room = Math.max(4, Math.floor(width / CHAR));
  const lines: string[] = [];
  for (const part of label.replace(/\s+/g, ' ').split(' · ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 3 + part.length <= room) lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  return lines;
}

/** The height of a box holding `label` (and `inner` more below it). */
function heightOf(label: string, width: number, inner = 0): number {
  return wrap(label, width - 2 * PAD).length * LINE + 11 + inner;
}

class Canvas {
  readonly parts: string[] = [];
  bottom = 0;

  box(b: Box, label: string, kind: string): void {
    this.parts.push(`<g class="${kind}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="4"/>${this.text(b.x + PAD, b.y + LINE + 2, label, b.w - 2 * PAD)}</g>`);
    this.bottom = Math.max(this.bottom, b.y + b.h);
  }

  text(x: number, y: number, label: string, width: number, kind = ''): string {
    const room = Math.max(4, Math.floor(width / CHAR));
    const lines = wrap(label, width);
    const cut = lines.some((l) => l.length > room);
    const title = cut ? `<title>${xmlText(label)}</title>` : '';
    const spans = lines.map((l, i) => `<tspan x="${x}" y="${y + i * LINE}">${xmlText(l.length > room ? `${l.slice(0, room - 1)}…` : l)}</tspan>`).join('');
    return `<text${kind ? ` class="${kind}"` : ''}>${title}${spans}</text>`;
  }

  /** A curve from the side of `from` that faces `to`, at the height of their first lines. */
  edge(from: Box, to: Box, label: string | undefined, kind: string): void {
    const forward = to.x >= from.x + from.w;
    const x1 = forward ? from.x + from.w : from.x;
    const x2 = forward ? to.x : to.x + to.w;
    const y1 = from.y + Math.min(from.h, 2 * LINE) / 2 + 2;
    const y2 = to.y + Math.min(to.h, 2 * LINE) / 2 + 2;
    const mid = (x1 + x2) / 2;
    const text = label === undefined ? '' : this.text(x2 - 4 - label.length * CHAR, y2 - 5, label, label.length * CHAR + CHAR, 'edge-label');
    this.parts.push(`<g class="${kind}"><path d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" marker-end="url(#arrow)"/>${text}</g>`);
  }
}

const STYLE = [
  'text{font:12px sans-serif;fill:#1f2328}',
  '.title{font-weight:bold;font-size:14px}',
  'rect{stroke:#57606a;fill:#fff}',
  '.frame rect{fill:#f6f8fa}',
  '.lb rect{fill:#ddf4ff}',
  '.rule rect{fill:#fbefff}',
  '.job rect,.init rect{stroke-dasharray:4 3}',
  '.name rect{fill:#fff8c5}',
  '.net rect{fill:#dafbe1}',
  'path{fill:none;stroke:#57606a}',
  '.link path{stroke-dasharray:3 3}',
  '.edge-label{font-size:10px;fill:#57606a}',
].join('');

/** A column of boxes, stacked from the top. */
class Column {
  y = TOP;
  constructor(readonly x: number) {}
  take(h: number): Box {
    const b = { x: this.x, y: this.y, w: COLUMN, h };
    this.y += h + SPACE;
    return b;
  }
}

/**
 * A standalone SVG document of the diagram (no scripts, no external references).
 *
 * @example
 * element.innerHTML = toSvg(deploymentDiagram(result));
 */
export function toSvg(d: DeploymentDiagram): string {
  const c = new Canvas();
  const [lbs, rules, groups, units, right] = [0, 1, 2, 3, 4].map((i) => new Column(20 + i * (COLUMN + GAP))) as [Column, Column, Column, Column, Column];
  const inner = (b: Box, y: number, label: string): Box => ({ x: b.x + PAD, y, w: COLUMN - 2 * PAD, h: heightOf(label, COLUMN - 2 * PAD) });

  const listenerBox = new Map<string, Box>();
  for (const lb of unique(d.listeners.map((l) => l.loadBalancer))) {
    const title = lb === 'existing' ? 'existing load balancer' : `load balancer ${lb}`;
    const mine = d.listeners.filter((l) => l.loadBalancer === lb);
    const heights = mine.map((l) => heightOf(listenerLabel(l), COLUMN - 2 * PAD));
    const frame = lbs.take(heightOf(title, COLUMN) + heights.reduce((a, h) => a + h + 6, 0));
    c.box(frame, title, 'frame lb');
    let y = frame.y + heightOf(title, COLUMN) - 4;
    for (const l of mine) {
      const b = inner(frame, y, listenerLabel(l));
      c.box(b, listenerLabel(l), 'listener');
      listenerBox.set(l.id, b);
      y += b.h + 6;
    }
  }
  const groupBox = new Map(d.targetGroups.map((g) => [g.id, groups.take(heightOf(targetGroupLabel(g), COLUMN))]));
  for (const g of d.targetGroups) c.box(groupBox.get(g.id) as Box, targetGroupLabel(g), 'target-group');
  for (const l of d.listeners) {
    for (const r of l.rules) {
      const b = rules.take(heightOf(ruleLabel(r), COLUMN));
      c.box(b, ruleLabel(r), 'rule');
      const from = listenerBox.get(l.id);
      const to = groupBox.get(r.targetGroup);
      if (from) c.edge(from, b, undefined, 'route');
      if (to) c.edge(b, to, undefined, 'route');
    }
  }

  const unitBox = new Map<string, Box>();
  const containerBox = new Map<string, Box>();
  const own = d.securityGroups.filter((g) => isOwnGroup(g, d));
  for (const u of d.units) {
    const title = unitLabel(u, own.find((g) => g.members[0] === u.id));
    const heights = u.containers.map((ct) => heightOf(containerLabel(ct), COLUMN - 2 * PAD));
    const frame = units.take(heightOf(title, COLUMN) + heights.reduce((a, h) => a + h + 6, 0));
    c.box(frame, title, 'frame unit');
    let y = frame.y + heightOf(title, COLUMN) - 4;
    for (const ct of u.containers) {
      const b = inner(frame, y, containerLabel(ct));
      c.box(b, containerLabel(ct), ct.role);
      containerBox.set(`${u.id}\n${ct.name}`, b);
      y += b.h + 6;
    }
    unitBox.set(u.id, frame);
  }
  for (const g of d.targetGroups) {
    for (const t of g.targets) {
      const to = containerBox.get(`${t.unit}\n${t.container}`) ?? unitBox.get(t.unit);
      if (to) c.edge(groupBox.get(g.id) as Box, to, `:${t.port}`, 'route');
    }
  }

  const links: { box: Box; members: string[] }[] = [];
  const add = (label: string, kind: string, members: string[]) => {
    const box = right.take(heightOf(label, COLUMN));
    c.box(box, label, kind);
    links.push({ box, members });
  };
  if (d.names.length) {
    const title = namespaceLabel(d);
    c.parts.push(c.text(right.x, right.y + 12, title, COLUMN, 'title'));
    right.y += wrap(title, COLUMN).length * LINE + 6;
  }
  for (const n of d.names) add(`${n.name}:${n.port}`, 'name', [n.unit]);
  right.y += SPACE;
  for (const n of d.networks) add(networkLabel(n, d), 'net', n.members);
  for (const g of d.securityGroups) {
    if (!own.includes(g) && !d.networks.some((n) => n.securityGroup === g.id)) add(groupLabel(g), 'net', g.members);
  }
  for (const l of links) {
    for (const m of l.members) {
      const unit = unitBox.get(m);
      if (unit) c.edge(l.box, unit, undefined, 'link');
    }
  }

  const width = right.x + COLUMN + 20;
  const height = Math.max(c.bottom, right.y) + 20;
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
