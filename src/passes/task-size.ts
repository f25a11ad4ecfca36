/**
 * Task-level CPU and memory. Fargate needs a size from AWS's table: the smallest valid size
 * that fits the sum of the containers (8 and 16 vCPU included); nothing fits → an error.
 * x-ecs.cpu / x-ecs.memory set it by hand ('1 vCPU', '2 GB' or units/MiB), and are checked;
 * on Fargate a value set by hand is kept and only the other one is chosen.
 */
import type { ServiceFacts, Task } from '../ir/ir.js';
import type { PassContext } from './context.js';
import { settingPath } from './ecs-settings.js';
import { fargateSize, FARGATE_SIZES, isFargateSize, LARGEST_FARGATE_SIZE } from './fargate-size.js';

/** RegisterTaskDefinition `cpu` on EC2 and EXTERNAL: "between 128 CPU units (0.125 vCPUs) and 196608 CPU units (192 vCPUs)". */
export const EC2_TASK_CPU = { min: 128, max: 196_608 } as const;

/** '0.5 vCPU' → 512, '1024' → 1024, 256 → 256; a fraction of a unit is no CPU value. */
export function parseTaskCpu(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return Math.round(n * 1024);
  return Number.isInteger(n) ? n : undefined;
}

/** '2 GB' → 2048, '512' / '512 MiB' → 512; a fraction of a MiB is no memory value. */
export function parseTaskMemory(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] && m[2].toLowerCase().startsWith('g')) return Math.round(n * 1024);
  return Number.isInteger(n) ? n : undefined;
}

/** What the containers of a task ask for: CPU units and MiB (the larger of limit and reservation). */
export function containerTotals(task: Task, facts: Record<string, ServiceFacts>): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const s of task.services) {
    const r = facts[s]?.resources;
    cpu += r?.cpu ?? 0;
    memory += Math.max(r?.memory ?? 0, r?.memoryReservation ?? 0);
  }
  return { cpu, memory };
}

/**
 * What a chosen Fargate size sets aside for the Service Connect proxy (the Envoy sidecar ECS
 * adds to each task): the ECS guide recommends "adding 256 CPU units and at least 64 MiB of
 * memory" for it, so the app keeps what compose gave it.
 */
export const SERVICE_CONNECT_PROXY = { cpu: 256, memory: 64 } as const;

/** `proxied`: the task's service joins Service Connect; a size chosen here leaves the proxy its share (one set by hand is kept). */
export function sizeTask(ctx: PassContext, task: Task, facts: Record<string, ServiceFacts>, proxied = false): void {
  const cpuAt = settingPath(ctx, task.services, 'cpu');
  const memoryAt = settingPath(ctx, task.services, 'memory');
  const cpuSetting = task.settings.cpu;
  const memSetting = task.settings.memory;
  const cpu = parseTaskCpu(cpuSetting);
  const memory = parseTaskMemory(memSetting);
  if (cpuSetting !== undefined && cpu === undefined) ctx.report('ECS_INVALID', 'error', `x-ecs.cpu "${cpuSetting}" is not a whole number of CPU units or a number of vCPUs ("0.5 vCPU")`, cpuAt);
  if (memSetting !== undefined && memory === undefined) ctx.report('ECS_INVALID', 'error', `x-ecs.memory "${memSetting}" is not a whole number of MiB or a number of GB ("2 GB")`, memoryAt);

  const sum = containerTotals(task, facts);
  if (cpu !== undefined && sum.cpu > cpu) ctx.report('ECS_INVALID', 'error', `the containers of task "${task.name}" ask for ${sum.cpu} CPU units in all, more than the task's ${cpu}`, cpuAt);
  if (memory !== undefined && sum.memory > memory) ctx.report('ECS_INVALID', 'error', `the containers of task "${task.name}" ask for ${sum.memory} MiB in all, more than the task's ${memory} MiB`, memoryAt);

  if (task.launchType !== 'FARGATE') {
    if (cpu !== undefined && (cpu < EC2_TASK_CPU.min || cpu > EC2_TASK_CPU.max)) {
      ctx.report('ECS_INVALID', 'error', `task "${task.name}": ECS accepts a task cpu from ${EC2_TASK_CPU.min} to ${EC2_TASK_CPU.max} CPU units on ${task.launchType}, not ${cpu}`, cpuAt);
    }
    if (cpu !== undefined) task.cpu = cpu;
    if (memory !== undefined) task.memory = memory;
    return;
  }
  const asked = proxied && task.networkMode === 'awsvpc' ? { cpu: sum.cpu + SERVICE_CONNECT_PROXY.cpu, memory: sum.memory + SERVICE_CONNECT_PROXY.memory } : sum;
  sizeFargateTask(ctx, task, { cpu, memory, cpuAt, memoryAt }, asked);
}

/** Fargate: a size from the table; one set by hand is checked, one half set by hand is kept. */
function sizeFargateTask(
  ctx: PassContext,
  task: Task,
  set: { cpu: number | undefined; memory: number | undefined; cpuAt: (string | number)[]; memoryAt: (string | number)[] },
  sum: { cpu: number; memory: number },
): void {
  const { cpu, memory, cpuAt, memoryAt } = set;
  if (cpu !== undefined && memory !== undefined) {
    if (!isFargateSize(cpu, memory)) {
      ctx.report('ECS_INVALID', 'error', `task "${task.name}": ${cpu} CPU units with ${memory} MiB is not a Fargate size (see the Fargate task size table)`, cpuAt);
    }
    task.cpu = cpu;
    task.memory = memory;
    return;
  }
  if (cpu !== undefined && !FARGATE_SIZES.some((s) => s.cpu === cpu)) {
    ctx.report('ECS_INVALID', 'error', `task "${task.name}": ${cpu} CPU units is not a Fargate CPU value (256, 512, 1024, 2048, 4096, 8192 or 16384)`, cpuAt);
    return;
  }
  if (memory !== undefined && !FARGATE_SIZES.some((s) => s.memory === memory)) {
    ctx.report('ECS_INVALID', 'error', `task "${task.name}": ${memory} MiB is not a Fargate memory value (see the Fargate task size table)`, memoryAt);
    return;
  }
  // A value set by hand is what the task gets (a sum above it was reported already).
  const exact = { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) };
  const size = fargateSize(cpu ?? sum.cpu, memory ?? sum.memory, exact);
  if (size) {
    task.cpu = size.cpu;
    task.memory = size.memory;
  } else if (cpu !== undefined) {
    ctx.report('ECS_LIMIT', 'error', `task "${task.name}" needs ${sum.memory} MiB, more than Fargate allows with ${cpu} CPU units`, cpuAt);
  } else if (memory !== undefined) {
    ctx.report('ECS_LIMIT', 'error', `task "${task.name}" needs ${sum.cpu} CPU units, more than Fargate allows with ${memory} MiB`, memoryAt);
  } else {
    const largest = `${LARGEST_FARGATE_SIZE.cpu / 1024} vCPU, ${LARGEST_FARGATE_SIZE.memory} MiB`;
    ctx.report('ECS_LIMIT', 'error', `task "${task.name}" needs ${sum.cpu} CPU units and ${sum.memory} MiB, beyond the largest Fargate size (${largest})`, ['services', task.services[0] ?? '']);
  }
}
