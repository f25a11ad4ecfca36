/**
 * The renderers: Mermaid that GitHub can render (balanced subgraphs, ids that are ids, labels
 * that any compose name cannot break) and a well-formed, self-contained SVG; both the same
 * bytes for the same project.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMermaid, toSvg, deploymentDiagram } from '../../src/diagram/index.js';
import type { DeploymentDiagram } from '../../src/diagram/model.js';
import { compiled, diagramOf, ROOT, SEED_QA } from './diagram-of.js';
import { mermaidProblems, xmlProblems } from './syntax.js';

const PROJECTS: [string, string[], Parameters<typeof diagramOf>[1]][] = [
  ['seed QA, ecs', SEED_QA, { target: 'ecs' }],
  ['seed QA, kubernetes', SEED_QA, { target: 'kubernetes' }],
  ['web+db+migrate, cloudformation', ['test/diagram/projects/web-db-migrate.yaml'], { target: 'cloudformation', layout: 'service' }],
  ['path-routed shop, cloudformation', ['fixtures/cfn-fargate-shop/compose.yaml'], { target: 'cloudformation' }],
  ['networks, cloudformation', ['fixtures/cfn-networks/compose.yaml'], { target: 'cloudformation' }],
  ['odd names and routes, cloudformation', ['test/diagram/projects/odd-names.yaml'], { target: 'cloudformation' }],
  ['ingress, kubernetes', ['fixtures/k8s-ingress-option/compose.yaml'], { target: 'kubernetes', backendOptions: { ingress: 'true' } }],
];

/** Every character a label could break Mermaid or XML with. */
const HOSTILE = 'a"b]c[d|e<f>g&h#i`j{k}l\\m\nn';

function hostileModel(): DeploymentDiagram {
  const unit = HOSTILE;
  return {
    project: HOSTILE,
    target: 'cloudformation',
    namespace: { kind: 'cloud-map', name: HOSTILE },
    units: [{ id: unit, name: HOSTILE, controller: 'ecs-service', service: HOSTILE, containers: [{ name: HOSTILE, service: HOSTILE, essential: true, role: 'app', ports: [80], waitsFor: [], links: [] }] }],
    listeners: [{ id: HOSTILE, loadBalancer: HOSTILE, port: 80, protocol: 'HTTP', rules: [{ id: HOSTILE, priority: 1, conditions: [`path ${HOSTILE}`], targetGroup: HOSTILE }] }],
    targetGroups: [{ id: HOSTILE, port: 80, protocol: 'HTTP', targets: [{ unit, container: HOSTILE, port: 80 }] }],
    networks: [{ name: HOSTILE, internal: false, members: [unit] }],
    securityGroups: [{ id: HOSTILE, description: HOSTILE, members: [unit, 'other'], loadBalancer: true, ingress: [{ from: HOSTILE, ports: 'tcp 80' }] }],
    names: [{ name: HOSTILE, port: 80, unit }],
    jobs: [],
  };
}

describe('toMermaid: a flowchart GitHub renders', () => {
  it.each(PROJECTS)('%s: balanced subgraphs, safe ids, every edge between defined nodes', async (_name, files, options) => {
    const text = toMermaid(await diagramOf(files, options));
    expect(mermaidProblems(text)).toEqual([]);
  });

  it('labels with quotes, brackets, pipes, angle brackets and line breaks stay inside their quotes', () => {
    const text = toMermaid(hostileModel());
    expect(mermaidProblems(text)).toEqual([]);
    expect(text).toContain('a#quot;b#93;c#91;d#124;e#lt;f#gt;g#38;h#35;i#96;j#123;k#125;l#92;m n');
  });

  it('the checker catches a raw quote, an unbalanced subgraph and an undefined node', () => {
    expect(mermaidProblems('flowchart LR\n  a["x"y"]\n')).not.toEqual([]);
    expect(mermaidProblems('flowchart LR\n  subgraph s["x"]\n    a["y"]\n')).toEqual(['1 subgraph(s) without end']);
    expect(mermaidProblems('flowchart LR\n  a["x"]\n  a --> b\n')).toEqual(['edge to undefined b']);
  });

  it('every listener, target group, task and name of the path-routed shop appears', async () => {
    const text = toMermaid(await diagramOf(['fixtures/cfn-fargate-shop/compose.yaml'], { target: 'cloudformation' }));
    for (const part of ['listener HTTP :80', 'path /api/* · priority 1', 'target group ApiTargetGroup · HTTP :8000', 'task api', 'api:8000', 'network default · SG NetworkDefaultSecurityGroup', 'Cloud Map namespace shop']) expect(text).toContain(part);
  });
});

describe('networks on Kubernetes (one flat pod network): drawn, and said not to isolate', () => {
  it('web+db+migrate, kubernetes', async () => {
    const text = toMermaid(await diagramOf(['test/diagram/projects/web-db-migrate.yaml'], { target: 'kubernetes' }));
    expect(text).toContain('network back (internal) · not isolated on Kubernetes');
    const ecs = toMermaid(await diagramOf(['test/diagram/projects/web-db-migrate.yaml'], { target: 'ecs', layout: 'service' }));
    expect(ecs).not.toContain('not isolated');
  });
});

describe('the golden Mermaid of the seed QA project (test/diagram/golden/seed-qa.mmd)', () => {
  it('compose2ecs diagram -f docs/guide/compose.yaml -f docs/guide/compose.qa.yaml --target cloudformation', async () => {
    const text = toMermaid(await diagramOf(SEED_QA, { target: 'cloudformation' }));
    const file = join(ROOT, 'test/diagram/golden/seed-qa.mmd');
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

describe('docs/cli.md: the Mermaid block of the path-routed shop is what the command prints', () => {
  it('compose2ecs diagram -f fixtures/cfn-fargate-shop/compose.yaml --target cloudformation', async () => {
    const doc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
    const block = /\(`fixtures\/cfn-fargate-shop`\)[^`]*```mermaid\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block, 'docs/cli.md shows the shop as a mermaid block').toBeDefined();
    // When the stack changes, paste the command's output into the block.
    expect(block).toBe(toMermaid(await diagramOf(['fixtures/cfn-fargate-shop/compose.yaml'], { target: 'cloudformation' })));
  });
});

describe('toSvg: a standalone picture for the playground', () => {
  it.each(PROJECTS)('%s: well-formed XML, one <svg> root, no script or outside reference', async (_name, files, options) => {
    const svg = toSvg(await diagramOf(files, options));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<script|href=|url\((?!#)/);
  });

  it('escapes every label', () => {
    const svg = toSvg(hostileModel());
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('a&quot;b]c[d|e&lt;f&gt;g&amp;h#i`j{k}l\\m');
  });

  it('the checker catches a bare < and an unclosed element', () => {
    expect(xmlProblems('<svg><text>a < b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
  });

  it('draws the rules, target groups and containers of the path-routed shop', async () => {
    const svg = toSvg(await diagramOf(['fixtures/cfn-fargate-shop/compose.yaml'], { target: 'cloudformation' }));
    for (const part of ['listener HTTP :80', 'path /api/* · priority 1', 'api :8000', 'web :8080', 'redis:6379']) expect(svg).toContain(part);
  });
});

describe('determinism: same input, same bytes', () => {
  it.each(PROJECTS)('%s', async (_name, files, options) => {
    const [a, b] = [await compiled(files, options), await compiled(files, options)];
    expect(toMermaid(deploymentDiagram(b))).toBe(toMermaid(deploymentDiagram(a)));
    expect(toSvg(deploymentDiagram(b))).toBe(toSvg(deploymentDiagram(a)));
  });
});
