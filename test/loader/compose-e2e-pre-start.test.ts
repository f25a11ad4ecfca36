/**
 * 05-services pre_start, on docker compose's own end-to-end files (test/loader/upstream/
 * compose-e2e-pre-start/, copied from docker/compose): each loads without an error, and each
 * target runs the steps before the service, in declared order — "Each step runs to completion,
 * in declared order, and the service container only starts once every step has exited 0".
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '../../src/loader/load-project.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { ConvertOptions } from '../../src/convert.js';

const DIR = join(__dirname, 'upstream', 'compose-e2e-pre-start');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

type Json = Record<string, any>;

function options(file: string): Omit<ConvertOptions, 'target'> {
  const host = memoryHost({ '/e2e/compose.yaml': readFileSync(join(DIR, file), 'utf8') }, '/e2e');
  // Some of them build their image: a registry gives it a name (issue 19).
  return { host, files: ['/e2e/compose.yaml'], env: {}, registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', region: 'eu-west-1' };
}

describe("05-services pre_start: docker compose's own end-to-end files", () => {
  it('there are the ten files of docker/compose that use pre_start', () => {
    expect(FILES).toHaveLength(10);
  });

  for (const file of FILES) {
    it(`${file}: loads, and every target runs the steps in order before the service`, async () => {
      const { project, diagnostics } = await loadProject(options(file));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const withSteps = Object.entries(project?.services ?? {}).filter(([, s]) => s.pre_start?.length);
      expect(withSteps.length).toBeGreaterThan(0);

      const ecs = await convert({ ...options(file), target: 'ecs' });
      expect(ecs.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const containers = ecs.outputs.filter((o) => o.path.endsWith('.task-definition.json')).flatMap((o) => (o.value as Json).containerDefinitions as Json[]);
      for (const [name, svc] of withSteps) {
        const steps = svc.pre_start!.map((_, i) => containers.find((c) => c.name === `${name}-pre-start-${i + 1}`));
        steps.forEach((step, i) => {
          expect(step, `${name} step ${i + 1}`).toBeDefined();
          expect(step?.essential).toBe(false);
          if (i > 0) expect(step?.dependsOn).toContainEqual({ containerName: `${name}-pre-start-${i}`, condition: 'SUCCESS' });
        });
        const main = containers.find((c) => c.name === name);
        expect(main?.dependsOn).toContainEqual({ containerName: `${name}-pre-start-${steps.length}`, condition: 'SUCCESS' });
      }

      const cfn = await convert({ ...options(file), target: 'cloudformation' });
      expect(cfn.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const stack = JSON.stringify(cfn.outputs[0]?.value);
      for (const [name] of withSteps) expect(stack).toContain(`"${name}-pre-start-1"`);

      const k8s = await convert({ ...options(file), target: 'kubernetes', backendOptions: { format: 'json' } });
      expect(k8s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const pods = k8s.outputs.flatMap((o) => [o.value].flat() as Json[]).flatMap((doc) => (doc.kind === 'List' ? doc.items : [doc]) as Json[]);
      for (const [name, svc] of withSteps) {
        const workload = pods.find((o) => o.metadata?.name === name && o.spec?.template);
        const init = ((workload?.spec.template.spec.initContainers ?? []) as Json[]).map((c) => c.name).filter((n: string) => n.startsWith(`${name}-pre-start-`));
        expect(init, name).toEqual(svc.pre_start!.map((_, i) => `${name}-pre-start-${i + 1}`));
      }
    });
  }
});
