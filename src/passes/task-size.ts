/**
 * Task-level CPU and memory. Fargate needs a size from AWS's table: the smallest valid size
 * that fits the sum of the containers (8 and 16 vCPU included); nothing fits → an error.
 * x-ecs.cpu / x-ecs.memory set it by hand ('1 vCPU', '2 GB' or units/MiB), and are checked.
 */
import type { ServiceFacts, Task } from '../ir/ir.js';
import type { PassContext } from './context.js';
import { fargateSize, isFargateSize, LARGEST_FARGATE_SIZE } from './fargate-size.js';

/** '0.5 vCPU' → 512, '1024' → 1024, 256 → 256. */
export function parseTaskCpu(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? Math.round(n * 1024) : n;
}

/** '2 GB' → 2048, '512' / '512 MiB' → 512. */
export function parseTaskMemory(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] && m[2].toLowerCase().startsWith('g') ? Math.round(n * 1024) : n;
}

export function sizeTask(ctx: PassContext, task: Task, facts: Record<string, ServiceFacts>): void {
  const cpuSetting = task.settings.cpu;
  const memSetting = task.settings.memory;
  const cpu = parseTaskCpu(cpuSetting);
  const memory = parseTaskMemory(memSetting);
  if (cpuSetting !== undefined && cpu === undefined) ctx.report('ECS_INVALID', 'error', `x-ecs.cpu "${cpuSetting}" is not a number of CPU units or vCPUs ("0.5 vCPU")`, ['x-ecs', 'cpu']);
  if (memSetting !== undefined && memory === undefined) ctx.report('ECS_INVALID', 'error', `x-ecs.memory "${memSetting}" is not a number of MiB or GB ("2 GB")`, ['x-ecs', 'memory']);

  let sumCpu = 0;
  let sumMemory = 0;
  for (const s of task.services) {
    const r = facts[s]?.resources;
    sumCpu += r?.cpu ?? 0;
    sumMemory += Math.max(r?.memory ?? 0, r?.memoryReservation ?? 0);
  }
  const where = ['services', task.services[0] ?? ''];
  if (cpu !== undefined && sumCpu > cpu) ctx.report('ECS_INVALID', 'error', `the containers of task "${task.name}" ask for ${sumCpu} CPU units in all, more than the task's ${cpu}`, ['x-ecs', 'cpu']);
  if (memory !== undefined && sumMemory > memory) ctx.report('ECS_INVALID', 'error', `the containers of task "${task.name}" ask for ${sumMemory} MiB in all, more than the task's ${memory} MiB`, ['x-ecs', 'memory']);

  if (task.launchType !== 'FARGATE') {
    if (cpu !== undefined) task.cpu = cpu;
    if (memory !== undefined) task.memory = memory;
    return;
  }
  if (cpu !== undefined && memory !== undefined) {
    if (!isFargateSize(cpu, memory)) {
      ctx.report('ECS_INVALID', 'error', `task "${task.name}": ${cpu} CPU units with ${memory} MiB is not a Fargate size (see the Fargate task size table)`, ['x-ecs', 'cpu']);
    }
    task.cpu = cpu;
    task.memory = memory;
    return;
  }
  const size = fargateSize(Math.max(cpu ?? 0, sumCpu), Math.max(memory ?? 0, sumMemory));
  if (!size) {
    ctx.report(
      'ECS_LIMIT',
      'error',
      `task "${task.name}" needs ${sumCpu} CPU units and ${sumMemory} MiB, beyond the largest Fargate size (${LARGEST_FARGATE_SIZE.cpu / 1024} vCPU, ${LARGEST_FARGATE_SIZE.memory} MiB)`,
      where,
    );
    return;
  }
  task.cpu = size.cpu;
  task.memory = size.memory;
}
