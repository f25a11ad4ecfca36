/**
 * Properties of the deployment diagram on generated projects (the compose files the output
 * properties use, test/properties/*-arbitrary.ts), for each target: drawing never throws, every
 * edge of the model leads somewhere (a rule to a target group, a target to a container, a name
 * or network member to a unit), every ECS service of the documents is a unit, and the Mermaid
 * and SVG pass the syntax checks. Few runs here; `npm run test:fuzz` is not involved.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile } from '../../src/compile.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { deploymentDiagram, toMermaid, toSvg } from '../../src/diagram/index.js';
import type { DeploymentDiagram } from '../../src/diagram/model.js';
import { cfnComposeFile } from '../properties/cfn-arbitrary.js';
import { DIR, ecsComposeFile, forLaunchType, withFiles } from '../properties/ecs-arbitrary.js';
import { kubernetesComposeFile } from '../properties/kubernetes-arbitrary.js';
import { params, timeoutFor, turn } from '../properties/runs.js';
import { mermaidProblems, xmlProblems } from './syntax.js';

/** What points nowhere in the model (empty: nothing). */
function danglingEdges(d: DeploymentDiagram): string[] {
  const units = new Map(d.units.map((u) => [u.id, u]));
  const groups = new Set(d.targetGroups.map((g) => g.id));
  const out: string[] = [];
  for (const l of d.listeners) for (const r of l.rules) if (!groups.has(r.targetGroup)) out.push(`rule ${r.id} → ${r.targetGroup}`);
  for (const g of d.targetGroups) for (const t of g.targets) if (!units.get(t.unit)?.containers.some((c) => c.name === t.container)) out.push(`target group ${g.id} → ${t.unit}/${t.container}`);
  for (const n of d.names) if (!units.has(n.unit)) out.push(`name ${n.name} → ${n.unit}`);
  for (const n of d.networks) for (const m of n.members) if (!units.has(m)) out.push(`network ${n.name} → ${m}`);
  for (const j of d.jobs) for (const u of j.runsIn) if (!units.has(u)) out.push(`job ${j.name} → ${u}`);
  return out;
}

async function checkDrawn(files: Record<string, string>, options: Record<string, unknown>): Promise<void> {
  await turn();
  const result = await compile({ host: memoryHost(files, DIR), env: {}, ...options });
  const d = deploymentDiagram(result);
  expect(danglingEdges(d)).toEqual([]);
  expect(mermaidProblems(toMermaid(d))).toEqual([]);
  expect(xmlProblems(toSvg(d))).toEqual([]);
  if (result.ir && result.outputs.length) {
    // Every compose service is in some unit.
    for (const name of Object.keys(result.ir.workloads)) expect(d.units.some((u) => u.containers.some((c) => c.service === name)), `service ${name} drawn`).toBe(true);
  }
  for (const o of result.outputs) {
    const resources = (o.value as { Resources?: Record<string, { Type?: string }> }).Resources ?? {};
    const services = Object.values(resources).filter((r) => r.Type === 'AWS::ECS::Service').length;
    if (services) expect(d.units.filter((u) => u.controller === 'ecs-service')).toHaveLength(services);
  }
  expect(JSON.stringify(deploymentDiagram(result))).toBe(JSON.stringify(d));
}

const layout = fc.constantFrom('service' as const, 'project' as const);
const launchType = fc.constantFrom('FARGATE' as const, 'EC2' as const);

describe('the deployment diagram of generated projects', () => {
  it(
    'cloudformation: every rule, target, name and member leads to something drawn; Mermaid and SVG well-formed',
    async () => {
      await fc.assert(
        fc.asyncProperty(cfnComposeFile(), layout, launchType, async (doc, l, lt) => checkDrawn(withFiles(forLaunchType(doc, lt)), { target: 'cloudformation', layout: l, launchType: lt })),
        params(15, 300),
      );
    },
    timeoutFor(15, 300),
  );

  it(
    'ecs: the same',
    async () => {
      await fc.assert(
        fc.asyncProperty(ecsComposeFile(), layout, launchType, async (doc, l, lt) => checkDrawn(withFiles(forLaunchType(doc, lt)), { target: 'ecs', layout: l, launchType: lt })),
        params(15, 300),
      );
    },
    timeoutFor(15, 300),
  );

  it(
    'kubernetes: the same',
    async () => {
      await fc.assert(
        fc.asyncProperty(kubernetesComposeFile(), async (doc) => checkDrawn(withFiles(doc), { target: 'kubernetes' })),
        params(15, 300),
      );
    },
    timeoutFor(15, 300),
  );
});
