/**
 * CPU and memory of each container in ECS units: compose byte sizes → MiB (rounded up),
 * CPUs → units (1 vCPU = 1024). Where several keys say the same thing, the first set wins:
 * x-ecs container_* > deploy.resources.limits > cpus / mem_limit > cpu_shares >
 * cpu_quota / cpu_period > deploy.resources.reservations.cpus > x-ecs.defaults.cpu.
 * Compose sets no memory limit unless asked, so missing memory gets a soft reservation, not a
 * hard limit: 256 MiB on EC2 and EXTERNAL (where the instance's memory is shared and the
 * reservation only places the task), 512 MiB on Fargate (what the task size counts per
 * container, as ecs-cli's 512 MiB limit did). x-ecs.defaults.memory_reservation changes it;
 * x-ecs.defaults.memory asks for a hard limit instead. Each is announced by an info diagnostic.
 */
import type { ContainerResources, EcsSettings, LaunchType, Sourced, Workload, WorkloadResources, WrittenPath } from '../ir/ir.js';
import { quotaToCpus } from './workloads.js';
import { bytesToMiB } from '../core/units.js';
import type { PassContext } from './context.js';

/** The soft reservation of a container without memory on EC2 and EXTERNAL, MiB. */
export const DEFAULT_MEMORY_RESERVATION_MIB = 256;
/** What a container without memory counts for in a Fargate task's size, MiB (ecs-cli's default limit). */
export const DEFAULT_FARGATE_MEMORY_MIB = 512;
/** The largest value of an ECS Integer field. */
export const MAX_ECS_INTEGER = 2 ** 31 - 1;
/** ECS rejects a container memory below 6 MiB. */
export const MIN_CONTAINER_MEMORY_MIB = 6;

export { bytesToMiB } from '../core/units.js';

/** CPUs (fractional) → CPU units. */
export function cpusToUnits(cpus: number): number {
  return Math.round(cpus * 1024);
}

/** cpu_quota / cpu_period (µs) → CPU units; a quota of 0 or -1 is no limit. */
export function quotaToUnits(quota: number | undefined, period: number | undefined): number | undefined {
  const cpus = quotaToCpus(quota, period);
  return cpus === undefined ? undefined : cpusToUnits(cpus);
}

function pick<T>(...candidates: [T | undefined, WrittenPath][]): [T, WrittenPath] | undefined {
  for (const c of candidates) if (c[0] !== undefined) return c as [T, WrittenPath];
  return undefined;
}

/** The GPUs a service asks for; a request without a number is taken as 1, and said so. */
export function gpuCount(ctx: PassContext, gpus: WorkloadResources['gpus']): number | undefined {
  if (!gpus.length) return undefined;
  let total = 0;
  for (const { count, path } of gpus) {
    if (count !== undefined) total += count;
    else {
      ctx.report('ECS_INVALID', 'warning', `${path.join('.')}: ECS needs a number of GPUs; "all" is taken as 1`, path);
      total += 1;
    }
  }
  return total;
}

/** Resources of one service's container. `taskMemory`: the task sets its own memory, so no default is needed. */
export function containerResources(ctx: PassContext, workload: Workload, settings: EcsSettings, taskMemory: boolean, launchType: LaunchType = 'EC2'): ContainerResources {
  const name = workload.name;
  const base = ['services', name];
  const out: ContainerResources = {};
  const core = workload.resources;
  const units = (c: Sourced<number> | undefined): [number, WrittenPath] | undefined => (c ? [cpusToUnits(c.value), c.path] : undefined);
  const mib = (c: Sourced<number> | undefined): [number, WrittenPath] | undefined => (c ? [bytesToMiB(c.value), c.path] : undefined);

  // x-ecs first, then what compose says (the core's choice), then x-ecs.defaults.
  const cpu = pick<number>(
    [settings.container_cpu, [...base, 'x-ecs', 'container_cpu']],
    units(core.cpus) ?? [undefined, []],
    [settings.defaults?.cpu, ['x-ecs', 'defaults', 'cpu']],
  );
  if (cpu && (!Number.isSafeInteger(cpu[0]) || cpu[0] > MAX_ECS_INTEGER)) {
    // ECS takes a 32-bit Integer: a larger value would be rejected (or silently wrapped).
    ctx.report('ECS_LIMIT', 'error', `${cpu[1].join('.')}: ${cpu[0]} CPU units is beyond what ECS accepts (at most ${MAX_ECS_INTEGER})`, cpu[1]);
  } else if (cpu) out.cpu = cpu[0];

  // The same order as for CPU: x-ecs, then deploy.resources, then the service-level keys.
  const memory = pick<number>([settings.container_memory, [...base, 'x-ecs', 'container_memory']], mib(core.memory) ?? [undefined, []]);
  const reservation = pick<number>([settings.container_memory_reservation, [...base, 'x-ecs', 'container_memory_reservation']], mib(core.memoryReservation) ?? [undefined, []]);
  if (memory) out.memory = memory[0];
  if (reservation) out.memoryReservation = reservation[0];
  for (const m of [memory, reservation]) {
    if (!m) continue;
    const [v, path] = m;
    if (v < MIN_CONTAINER_MEMORY_MIB) {
      ctx.report('ECS_INVALID', 'error', `${path.join('.')}: ${v} MiB is below the ${MIN_CONTAINER_MEMORY_MIB} MiB ECS allows for a container`, path);
    } else if (v > MAX_ECS_INTEGER) {
      ctx.report('ECS_LIMIT', 'error', `${path.join('.')}: ${v} MiB is beyond what ECS accepts (at most ${MAX_ECS_INTEGER})`, path);
    }
  }
  if (memory && reservation && reservation[0] > memory[0]) {
    ctx.report('ECS_INVALID', 'error', `${reservation[1].join('.')} (${reservation[0]} MiB) is above the memory limit ${memory[1].join('.')} (${memory[0]} MiB): a reservation cannot exceed the limit`, reservation[1]);
  }
  if (!memory && !reservation && !taskMemory && ctx.options.platform !== 'other') {
    const hard = settings.defaults?.memory;
    const why = `services.${name} sets no memory (mem_limit, mem_reservation or deploy.resources)`;
    if (hard !== undefined) {
      out.memory = hard;
      ctx.report('ECS_DEFAULT_APPLIED', 'info', `${why}; its container gets the hard limit x-ecs.defaults.memory, ${hard} MiB`, base);
    } else {
      const fargate = launchType === 'FARGATE';
      const mib = settings.defaults?.memory_reservation ?? (fargate ? DEFAULT_FARGATE_MEMORY_MIB : DEFAULT_MEMORY_RESERVATION_MIB);
      out.memoryReservation = mib;
      const where = fargate ? 'the task size counts it' : 'the container may use more, as under compose';
      ctx.report('ECS_DEFAULT_APPLIED', 'info', `${why}; its container reserves ${mib} MiB and has no hard limit (${where}; set x-ecs.defaults.memory_reservation to change it)`, base);
    }
  }
  const gpus = gpuCount(ctx, core.gpus);
  if (gpus !== undefined) out.gpus = gpus;
  return out;
}
