/**
 * DESIGN.md "Runs like compose", over generated projects (scheduling-arbitrary.ts): a service
 * whose compose semantics is "runs once" (the core's kind `job`) never becomes a workload that
 * restarts it forever; every depends_on service_completed_successfully is honoured (an init
 * container before the waiter, dependsOn SUCCESS in its task) or reported by a finding; and
 * `--layout project` never puts two services scheduled differently in one task without a finding.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert } from '../../src/convert.js';
import { loadProject } from '../../src/loader/load-project.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { Reporter } from '../../src/diagnostics/report.js';
import { buildIR, type PassOptions } from '../../src/passes/index.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { IR, Workload } from '../../src/ir/ir.js';
import { toYaml, type ComposeDoc } from '../support/arbitraries.js';
import { expectNoInternalError } from './ecs-checks.js';
import { params, timeoutFor, turn } from './runs.js';
import { schedulingProject } from './scheduling-arbitrary.js';

type Json = Record<string, any>;
const DIR = '/p';
const hostOf = (doc: ComposeDoc) => memoryHost({ [`${DIR}/compose.yaml`]: toYaml(doc) }, DIR);

/** The core IR of `doc` (the kinds), and what the passes reported. */
async function core(doc: ComposeDoc, options: PassOptions = {}): Promise<{ ir: IR; diagnostics: Diagnostic[] }> {
  const { project } = await loadProject({ host: hostOf(doc), env: {} });
  expect(project, 'the generated project loads').toBeDefined();
  const reporter = new Reporter();
  const ir = buildIR(project!, reporter, options);
  return { ir, diagnostics: reporter.diagnostics };
}

/** Every waiter → job edge with service_completed_successfully. */
function completions(ir: IR): { waiter: string; target: string }[] {
  return Object.values(ir.workloads).flatMap((w) => w.dependsOn.filter((d) => d.condition === 'service_completed_successfully').map((d) => ({ waiter: w.name, target: d.service })));
}

/**
 * A finding at the waiter's depends_on entry for the job, or below it (its condition). Only the
 * entry: a finding about the key as a whole may be about another of its entries (the Kubernetes
 * run sets waitForDependencies, so that each entry it does not honour is reported at the entry).
 */
const reported = (diagnostics: readonly Diagnostic[], waiter: string, target: string): boolean =>
  diagnostics.some((d) => d.path === `/services/${waiter}/depends_on/${target}` || d.path === `/services/${waiter}/depends_on/${target}/condition`);

/** How compose schedules a service, written independently of the pass: kind, mode, copies. */
const scheduling = (w: Workload): string => `${w.kind}/${w.service.deploy?.mode ?? 'replicated'}/${w.kind === 'daemon' ? '-' : w.replicas}`;
const waitedJob = (w: Workload | undefined): boolean => w?.kind === 'job' && w.waitedOnBy.some((d) => d.condition === 'service_completed_successfully');

const RESTARTS_FOREVER = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

describe('Runs like compose: generated projects of services, daemons, jobs and pre_start steps', () => {
  it(
    'Kubernetes: no job is a Deployment, StatefulSet or DaemonSet; each service_completed_successfully dependency is an init container before the waiter, or reported',
    async () => {
      await fc.assert(
        fc.asyncProperty(schedulingProject(), async (doc) => {
          await turn();
          const { ir } = await core(doc, { platform: 'other' });
          const { outputs, diagnostics } = await convert({ host: hostOf(doc), env: {}, target: 'kubernetes', backendOptions: { format: 'json', waitForDependencies: 'true' } });
          expectNoInternalError(diagnostics, 'convert');
          expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
          const objects = outputs.flatMap((o) => ((o.value as Json).items ?? [o.value]) as Json[]);
          for (const w of Object.values(ir.workloads)) {
            if (w.kind !== 'job') continue;
            expect(objects.filter((o) => RESTARTS_FOREVER.has(o.kind) && o.metadata.name === w.name).map((o) => o.kind), `job ${w.name} (${w.kindReason})`).toEqual([]);
          }
          const pods = objects.filter((o) => o.spec?.template?.spec).map((o) => o.spec.template.spec as Json);
          for (const { waiter, target } of completions(ir)) {
            if (reported(diagnostics, waiter, target)) continue;
            const running = pods.filter((p) => [...(p.initContainers ?? []), ...p.containers].some((c: Json) => c.name === waiter));
            expect(running.length, `${waiter} runs in some pod`).toBeGreaterThan(0);
            for (const p of running) {
              const inits: string[] = (p.initContainers ?? []).map((c: Json) => c.name);
              const at = inits.includes(waiter) ? inits.indexOf(waiter) : inits.length;
              const before = inits.slice(0, at);
              expect(before.includes(target) || before.includes(`wait-for-${target}`), `${waiter} waits for ${target} (init containers: ${inits.join(', ')})`).toBe(true);
            }
          }
        }),
        params(40, 80),
      );
    },
    timeoutFor(40, 80),
  );

  it(
    '--layout project: two services scheduled differently (kind, replicas, deploy.mode) share a task only with an ECS_TASK_SPLIT finding; a job waited on runs in its waiters\' task',
    async () => {
      await fc.assert(
        fc.asyncProperty(schedulingProject(), async (doc) => {
          await turn();
          const { ir, diagnostics } = await core(doc, { layout: 'project' });
          for (const task of ir.ecs?.tasks ?? []) {
            const members = task.services.filter((s) => !waitedJob(ir.workloads[s]));
            const kinds = new Set(members.map((s) => scheduling(ir.workloads[s] as Workload)));
            if (kinds.size <= 1) continue;
            const found = diagnostics.some((d) => d.code === 'ECS_TASK_SPLIT' && members.some((m) => d.path?.startsWith(`/services/${m}/`) || d.path === `/services/${m}`));
            expect(found, `task ${task.name}: ${members.map((s) => `${s} ${scheduling(ir.workloads[s] as Workload)}`).join('; ')}`).toBe(true);
          }
        }),
        params(60, 40),
      );
    },
    timeoutFor(60, 40),
  );

  // Passes once branch i18-ecs (jobs in ECS and CloudFormation) is merged: before it, a job is
  // an ECS service like any other.
  it(
    'ECS and CloudFormation: no job is an essential container of a task with an ECS service; each service_completed_successfully dependency is dependsOn SUCCESS, or reported',
    async () => {
      await fc.assert(
        fc.asyncProperty(schedulingProject(), async (doc) => {
          await turn();
          const { ir } = await core(doc);
          const isJob = (name: string): boolean => ir.workloads[name]?.kind === 'job';
          const ecs = await convert({ host: hostOf(doc), env: {}, target: 'ecs' });
          expectNoInternalError(ecs.diagnostics, 'convert ecs');
          const byPath = new Map(ecs.outputs.map((o) => [o.path, o.value as Json]));
          const taskDefs = ecs.outputs.filter((o) => o.path.endsWith('.task-definition.json')).map((o) => o.value as Json);
          for (const o of ecs.outputs.filter((x) => x.path.endsWith('.service.json'))) {
            const td = byPath.get(o.path.replace(/\.service\.json$/, '.task-definition.json'));
            for (const c of (td?.containerDefinitions ?? []) as Json[]) expect(isJob(c.name) && c.essential !== false, `${o.path}: job ${c.name} is an essential container of a service's task`).toBe(false);
          }
          for (const { waiter, target } of completions(ir)) {
            if (reported(ecs.diagnostics, waiter, target)) continue;
            const containers = taskDefs.flatMap((td) => (td.containerDefinitions ?? []) as Json[]).filter((c) => c.name === waiter);
            for (const c of containers) expect(c.dependsOn ?? [], `${waiter} waits for ${target}`).toContainEqual({ containerName: target, condition: 'SUCCESS' });
          }
          const cfn = await convert({ host: hostOf(doc), env: {}, target: 'cloudformation' });
          expectNoInternalError(cfn.diagnostics, 'convert cloudformation');
          for (const o of cfn.outputs) {
            const resources = ((o.value as Json).Resources ?? {}) as Record<string, Json>;
            for (const [id, r] of Object.entries(resources)) {
              if (r.Type !== 'AWS::ECS::Service') continue;
              const td = resources[r.Properties?.TaskDefinition?.Ref ?? ''];
              for (const c of (td?.Properties?.ContainerDefinitions ?? []) as Json[]) expect(isJob(c.Name) && c.Essential !== false, `${id}: job ${c.Name} is an essential container of a service's task`).toBe(false);
            }
          }
        }),
        params(25, 150),
      );
    },
    timeoutFor(25, 150),
  );
});
