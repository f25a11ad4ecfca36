/**
 * CPU and memory of each container in ECS units: compose byte sizes → MiB (rounded up),
 * CPUs → units (1 vCPU = 1024). Where several keys say the same thing, the first set wins:
 * x-ecs container_* > deploy.resources.limits > cpus / mem_limit > cpu_shares >
 * cpu_quota / cpu_period > deploy.resources.reservations.cpus > x-ecs.defaults.cpu.
 * Missing memory gets the configured default (512 MiB, as ecs-cli did), announced by an info
 * diagnostic, never silently.
 */
import type { Service } from '../model/project.js';
import type { ContainerResources, EcsSettings } from '../ir/ir.js';
import type { PassContext } from './context.js';

export const DEFAULT_MEMORY_MIB = 512;
/** The largest value of an ECS Integer field. */
export const MAX_ECS_INTEGER = 2 ** 31 - 1;
/** ECS rejects a container memory below 6 MiB. */
export const MIN_CONTAINER_MEMORY_MIB = 6;

/** Bytes → MiB, rounded up (a limit must never shrink). */
export function bytesToMiB(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}

/** CPUs (fractional) → CPU units. */
export function cpusToUnits(cpus: number): number {
  return Math.round(cpus * 1024);
}

/** Docker's CFS period when cpu_period is not set: 100 ms. */
export const DEFAULT_CPU_PERIOD_US = 100_000;

/** cpu_quota / cpu_period (µs) → CPU units; a quota of 0 or -1 is no limit. */
export function quotaToUnits(quota: number | undefined, period: number | undefined): number | undefined {
  if (quota === undefined || quota <= 0) return undefined;
  return Math.round((quota / (period || DEFAULT_CPU_PERIOD_US)) * 1024);
}

function pick<T>(...candidates: [T | undefined, (string | number)[]][]): [T, (string | number)[]] | undefined {
  for (const c of candidates) if (c[0] !== undefined) return c as [T, (string | number)[]];
  return undefined;
}

/** The GPUs a service asks for through `gpus` or deploy.resources.reservations.devices. */
export function gpuCount(ctx: PassContext, name: string, svc: Service): number | undefined {
  let total = 0;
  let any = false;
  const requests = [
    ...(svc.gpus ?? []).map((r, i) => ({ r, path: ['services', name, 'gpus', i] as (string | number)[] })),
    ...(svc.deploy?.resources?.reservations?.devices ?? [])
      .map((r, i) => ({ r, path: ['services', name, 'deploy', 'resources', 'reservations', 'devices', i] as (string | number)[] }))
      .filter(({ r }) => (r.capabilities ?? []).includes('gpu')),
  ];
  for (const { r, path } of requests) {
    any = true;
    if (typeof r.count === 'number') total += r.count;
    else if (r.device_ids?.length) total += r.device_ids.length;
    else {
      ctx.report('ECS_INVALID', 'warning', `${path.join('.')}: ECS needs a number of GPUs; "${r.count ?? 'all'}" is taken as 1`, path);
      total += 1;
    }
  }
  return any ? total : undefined;
}

/** Resources of one service's container. `taskMemory`: the task sets its own memory, so no default is needed. */
export function containerResources(ctx: PassContext, name: string, svc: Service, settings: EcsSettings, taskMemory: boolean): ContainerResources {
  const base = ['services', name];
  const out: ContainerResources = {};
  const limits = svc.deploy?.resources?.limits;
  const reservations = svc.deploy?.resources?.reservations;

  // 05-services cpus: "0.000 means no limit", so a zero gives way to the next source.
  const cpu = pick<number>(
    [settings.container_cpu, [...base, 'x-ecs', 'container_cpu']],
    [limits?.cpus ? cpusToUnits(limits.cpus) : undefined, [...base, 'deploy', 'resources', 'limits', 'cpus']],
    [svc.cpus ? cpusToUnits(svc.cpus) : undefined, [...base, 'cpus']],
    [svc.cpu_shares, [...base, 'cpu_shares']],
    [quotaToUnits(svc.cpu_quota, svc.cpu_period), [...base, 'cpu_quota']],
    [reservations?.cpus ? cpusToUnits(reservations.cpus) : undefined, [...base, 'deploy', 'resources', 'reservations', 'cpus']],
    [settings.defaults?.cpu, ['x-ecs', 'defaults', 'cpu']],
  );
  if (cpu && (!Number.isSafeInteger(cpu[0]) || cpu[0] > MAX_ECS_INTEGER)) {
    // ECS takes a 32-bit Integer: a larger value would be rejected (or silently wrapped).
    ctx.report('ECS_LIMIT', 'error', `${cpu[1].join('.')}: ${cpu[0]} CPU units is beyond what ECS accepts (at most ${MAX_ECS_INTEGER})`, cpu[1]);
  } else if (cpu) out.cpu = cpu[0];

  // The same order as for CPU: x-ecs, then deploy.resources, then the service-level keys.
  const memory = pick<number>(
    [settings.container_memory, [...base, 'x-ecs', 'container_memory']],
    [limits?.memory ? bytesToMiB(limits.memory) : undefined, [...base, 'deploy', 'resources', 'limits', 'memory']],
    [svc.mem_limit ? bytesToMiB(svc.mem_limit) : undefined, [...base, 'mem_limit']],
  );
  const reservation = pick<number>(
    [settings.container_memory_reservation, [...base, 'x-ecs', 'container_memory_reservation']],
    [reservations?.memory ? bytesToMiB(reservations.memory) : undefined, [...base, 'deploy', 'resources', 'reservations', 'memory']],
    [svc.mem_reservation ? bytesToMiB(svc.mem_reservation) : undefined, [...base, 'mem_reservation']],
  );
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
    const mib = settings.defaults?.memory ?? DEFAULT_MEMORY_MIB;
    out.memory = mib;
    ctx.report(
      'ECS_DEFAULT_APPLIED',
      'info',
      `services.${name} sets no memory (mem_limit, mem_reservation or deploy.resources); its container gets ${mib} MiB (set x-ecs.defaults.memory to change the default)`,
      base,
    );
  }
  const gpus = gpuCount(ctx, name, svc);
  if (gpus !== undefined) out.gpus = gpus;
  return out;
}
