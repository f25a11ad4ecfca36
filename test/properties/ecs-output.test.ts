/**
 * The ECS backend on compose files ECS can take (ecs-arbitrary.ts), in both layouts and both
 * launch types: it converts them without error; every task definition and service passes the
 * ECS API shape validator; a container's memory is never below its reservation; every Fargate
 * task is a valid Fargate size (FARGATE_SIZES) large enough for its containers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { FARGATE_SIZES } from '../../src/passes/fargate-size.js';
import type { Output } from '../../src/backends/backend.js';
import type { ComposeDoc } from '../support/arbitraries.js';
import { DIR, ecsComposeFile, forLaunchType, requestedMemory, withFiles } from './ecs-arbitrary.js';
import { expectValidEcsOutputs, expectWorkingEcsOutputs } from './ecs-checks.js';
import { params, timeoutFor, turn } from './runs.js';

interface Container {
  name: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
}
interface TaskDefinition {
  cpu?: string;
  memory?: string;
  requiresCompatibilities?: string[];
  containerDefinitions: Container[];
}

const layout = fc.constantFrom('service' as const, 'project' as const);
const launchType = fc.constantFrom('FARGATE' as const, 'EC2' as const);

const sizes = new Set(FARGATE_SIZES.map((s) => `${s.cpu}/${s.memory}`));

/**
 * Memory is never below the reservation, a written limit or reservation is kept exactly (MiB),
 * a task is at least what its containers need, and a Fargate task is a valid Fargate size.
 */
function expectMemoryAndSizes(doc: ComposeDoc, outputs: readonly Output[], lt: 'FARGATE' | 'EC2'): void {
  const tasks = outputs.filter((o) => o.path.endsWith('.task-definition.json')).map((o) => o.value as TaskDefinition);
  expect(tasks.length).toBeGreaterThan(0);
  for (const task of tasks) {
    let reserved = 0;
    let cpus = 0;
    for (const c of task.containerDefinitions) {
      const asked = requestedMemory(doc.services[c.name] ?? {});
      const what = `${c.name}: ${JSON.stringify(asked)} → memory ${c.memory}, reservation ${c.memoryReservation}`;
      if (c.memory !== undefined && c.memoryReservation !== undefined) expect(c.memory, what).toBeGreaterThanOrEqual(c.memoryReservation);
      if (asked.limit !== undefined) expect(c.memory, what).toBe(Math.ceil(asked.limit));
      if (asked.reservation !== undefined) expect(c.memoryReservation, what).toBe(Math.ceil(asked.reservation));
      // A container must say how much memory it needs when its task does not.
      if (task.memory === undefined) expect(c.memory ?? c.memoryReservation, what).toBeGreaterThanOrEqual(6);
      reserved += c.memoryReservation ?? c.memory ?? 0;
      cpus += c.cpu ?? 0;
    }
    if (task.memory !== undefined) {
      expect(Number(task.memory), `task memory ${task.memory} ≥ what its containers reserve (${reserved})`).toBeGreaterThanOrEqual(reserved);
      for (const c of task.containerDefinitions) if (c.memory !== undefined) expect(Number(task.memory)).toBeGreaterThanOrEqual(c.memory);
    }
    if (task.cpu !== undefined) expect(Number(task.cpu), `task cpu ${task.cpu} ≥ its containers' (${cpus})`).toBeGreaterThanOrEqual(cpus);
    if (lt === 'FARGATE') {
      expect(task.requiresCompatibilities).toContain('FARGATE');
      expect(sizes.has(`${task.cpu}/${task.memory}`), `Fargate size ${task.cpu} CPU / ${task.memory} MiB`).toBe(true);
    }
  }
}

describe('ECS output of compose files ECS can take', () => {
  // One property, one conversion per run: both checks read the same outputs.
  it(
    'converts without error; every output passes the ECS API shape validator; memory never below the reservation, written values kept (MiB), Fargate sizes valid and fitting',
    async () => {
      await fc.assert(
        fc.asyncProperty(ecsComposeFile(), layout, launchType, async (written, l, lt) => {
          const doc = forLaunchType(written, lt);
          await turn();
          const { outputs, diagnostics } = await convert({ host: memoryHost(withFiles(doc), DIR), env: {}, target: 'ecs', layout: l, launchType: lt });
          expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
          expect(outputs.length).toBeGreaterThan(0);
          expectValidEcsOutputs(outputs);
          expectWorkingEcsOutputs(outputs, diagnostics);
          expectMemoryAndSizes(doc, outputs, lt);
        }),
        params(100, 30),
      );
    },
    timeoutFor(100, 30),
  );
});
