import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { build, context, found, withCode } from './build-ir.js';
import { bytesToMiB, containerResources, cpusToUnits, DEFAULT_FARGATE_MEMORY_MIB, DEFAULT_MEMORY_RESERVATION_MIB, quotaToUnits } from '../../src/passes/resources.js';
import type { Service } from '../../src/model/project.js';
import type { EcsSettings, Workload } from '../../src/ir/ir.js';
import { buildWorkloads } from '../../src/passes/workloads.js';

/** The resources of service `web` in `body` (the lines under `web:`), and what the passes reported. */
async function web(body: string, top = '') {
  const { ir, diagnostics } = await build(`services:\n  web:\n    image: nginx\n${body}${top}`);
  return { resources: ir.services.web?.resources, diagnostics };
}

describe('11-extension byte values → ECS MiB, rounded up', () => {
  it('bytesToMiB never shrinks a limit', () => {
    expect(bytesToMiB(512 * 1024 * 1024)).toBe(512);
    expect(bytesToMiB(300_000_000)).toBe(287);
    expect(bytesToMiB(1)).toBe(1);
  });

  it('mem_limit 512m → 512, 1.5g → 1536, 300000000 (bytes) → 287', async () => {
    expect((await web('    mem_limit: 512m\n')).resources?.memory).toBe(512);
    expect((await web('    mem_limit: 1.5g\n')).resources?.memory).toBe(1536);
    expect((await web('    mem_limit: 300000000\n')).resources?.memory).toBe(287);
  });

  it('mem_reservation becomes memoryReservation', async () => {
    expect((await web('    mem_reservation: 256m\n')).resources).toEqual({ memoryReservation: 256 });
  });
});

describe('05-services cpus → ECS CPU units (1 vCPU = 1024)', () => {
  it('cpusToUnits: 0.5 → 512, 2 → 2048', () => {
    expect(cpusToUnits(0.5)).toBe(512);
    expect(cpusToUnits(2)).toBe(2048);
  });

  it('cpus: 0.5 → cpu 512', async () => {
    expect((await web('    cpus: 0.5\n    mem_limit: 64m\n')).resources).toEqual({ cpu: 512, memory: 64 });
  });

  it('cpu_shares are CPU units as they are (ECS passes cpu to Docker as CpuShares)', async () => {
    expect((await web('    cpu_shares: 300\n    mem_limit: 64m\n')).resources?.cpu).toBe(300);
  });

  it('cpu_quota / cpu_period: 50000 / 100000 µs is half a CPU; without cpu_period Docker’s 100 ms applies', async () => {
    expect((await web('    cpu_quota: 50000\n    cpu_period: 100000\n    mem_limit: 64m\n')).resources?.cpu).toBe(512);
    expect((await web('    cpu_quota: 25000\n    mem_limit: 64m\n')).resources?.cpu).toBe(256);
    expect(quotaToUnits(-1, 100000)).toBeUndefined();
  });

  it('cpus: 0 means no limit (05-services), so the next source decides', async () => {
    expect((await web('    cpus: 0\n    cpu_shares: 128\n    mem_limit: 64m\n')).resources?.cpu).toBe(128);
  });
});

describe('precedence: x-ecs container_* > deploy.resources.limits > cpus / mem_limit > cpu_shares > cpu_quota / cpu_period', () => {
  const all = [
    '    x-ecs: { container_cpu: 100, container_memory: 100, container_memory_reservation: 50 }\n',
    '    deploy: { resources: { limits: { cpus: "0.25", memory: 200m }, reservations: { cpus: "0.125", memory: 150m } } }\n',
    '    cpus: 0.5\n    mem_limit: 300m\n    mem_reservation: 250m\n',
    '    cpu_shares: 700\n',
    '    cpu_quota: 200000\n',
  ];

  it('x-ecs container_cpu, container_memory and container_memory_reservation win over everything', async () => {
    expect((await web(all.join(''))).resources).toEqual({ cpu: 100, memory: 100, memoryReservation: 50 });
  });

  it('then deploy.resources (limits, and reservations for the soft limit)', async () => {
    expect((await web(all.slice(1).join(''))).resources).toEqual({ cpu: 256, memory: 200, memoryReservation: 150 });
  });

  it('then cpus, mem_limit and mem_reservation', async () => {
    expect((await web(all.slice(2).join(''))).resources).toEqual({ cpu: 512, memory: 300, memoryReservation: 250 });
  });

  it('then cpu_shares, then cpu_quota', async () => {
    expect((await web(all.slice(3).join('') + '    mem_limit: 64m\n')).resources?.cpu).toBe(700);
    expect((await web(all.slice(4).join('') + '    mem_limit: 64m\n')).resources?.cpu).toBe(2048);
  });

  it('deploy.resources.reservations.cpus, then x-ecs.defaults.cpu, when nothing else sets CPU', async () => {
    expect((await web('    deploy: { resources: { reservations: { cpus: "0.25" } } }\n    mem_limit: 64m\n')).resources?.cpu).toBe(256);
    expect((await web('    mem_limit: 64m\n', 'x-ecs:\n  defaults: { cpu: 128 }\n')).resources?.cpu).toBe(128);
  });
});

describe('05-services mem_limit: compose sets no memory limit unless asked, so ECS gets a soft reservation, never a hard default', () => {
  it('on EC2 a service without memory reserves 256 MiB, has no hard limit, and an ECS_DEFAULT_APPLIED info at the service says so', async () => {
    const { resources, diagnostics } = await web('');
    expect(resources).toEqual({ memoryReservation: DEFAULT_MEMORY_RESERVATION_MIB });
    expect(DEFAULT_MEMORY_RESERVATION_MIB).toBe(256);
    expect(found(diagnostics)).toEqual([{ code: 'ECS_DEFAULT_APPLIED', severity: 'info', line: 3, column: 5, path: '/services/web' }]);
    expect(withCode(diagnostics, 'ECS_DEFAULT_APPLIED')[0]?.message).toContain('no hard limit');
  });

  it('on Fargate it reserves 512 MiB (what the task size counts per container) and the task keeps its size', async () => {
    const { ir } = await build('services:\n  web:\n    image: nginx\nx-ecs:\n  launch_type: FARGATE\n');
    expect(ir.services.web?.resources).toEqual({ memoryReservation: DEFAULT_FARGATE_MEMORY_MIB });
    expect(ir.tasks[0]?.memory).toBe(512);
  });

  it('x-ecs.defaults.memory_reservation changes the reservation; x-ecs.defaults.memory asks for a hard limit instead', async () => {
    expect((await web('', 'x-ecs:\n  defaults: { memory_reservation: 128 }\n')).resources).toEqual({ memoryReservation: 128 });
    const { resources, diagnostics } = await web('', 'x-ecs:\n  defaults: { memory: 256 }\n');
    expect(resources).toEqual({ memory: 256 });
    expect(withCode(diagnostics, 'ECS_DEFAULT_APPLIED')[0]?.message).toContain('256 MiB');
  });

  it('no default when the task sets its memory (x-ecs.memory), nor when a reservation is set', async () => {
    const task = await web('    x-ecs: { memory: 1024 }\n');
    expect(task.resources).toEqual({});
    expect(withCode(task.diagnostics, 'ECS_DEFAULT_APPLIED')).toEqual([]);
    const top = await web('', 'x-ecs:\n  memory: 2 GB\n');
    expect(top.resources).toEqual({});
    const soft = await web('    mem_reservation: 64m\n');
    expect(soft.resources).toEqual({ memoryReservation: 64 });
    expect(withCode(soft.diagnostics, 'ECS_DEFAULT_APPLIED')).toEqual([]);
  });
});

describe('ECS container memory rules', () => {
  it('a reservation above the limit is an error at the reservation', async () => {
    const { diagnostics } = await web('    mem_limit: 128m\n    mem_reservation: 256m\n');
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 5, column: 22, path: '/services/web/mem_reservation' }]);
  });

  it('below 6 MiB is an error (ECS minimum for a container), at the value', async () => {
    const { diagnostics } = await web('    mem_limit: 4m\n');
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 4, column: 16, path: '/services/web/mem_limit' }]);
    expect(found((await web('    x-ecs: { container_memory_reservation: 5 }\n')).diagnostics)).toEqual([
      { code: 'ECS_INVALID', severity: 'error', line: 4, column: 44, path: '/services/web/x-ecs/container_memory_reservation' },
    ]);
  });
});

describe('GPUs: gpus and deploy.resources.reservations.devices with the gpu capability', () => {
  it('counts requested GPUs; "all" cannot be said to ECS and is taken as 1 with a warning', async () => {
    expect((await web('    mem_limit: 64m\n    gpus: [{ count: 2 }]\n')).resources?.gpus).toBe(2);
    const all = await web('    mem_limit: 64m\n    gpus: all\n');
    expect(all.resources?.gpus).toBe(1);
    expect(found(all.diagnostics).map((d) => [d.code, d.severity])).toEqual([['ECS_INVALID', 'warning']]);
    const devices = await web('    mem_limit: 64m\n    deploy: { resources: { reservations: { devices: [{ capabilities: [gpu], device_ids: ["0", "1", "2"] }, { capabilities: [tpu], count: 4 }] } } }\n');
    expect(devices.resources?.gpus).toBe(3);
  });
});

describe('property: emitted memory is never below the reservation unless an error was reported', () => {
  const mib = 1024 * 1024;
  const bytes = fc.option(fc.integer({ min: 1, max: 4096 }).map((m) => m * mib + (m % 3) * 1000), { nil: undefined });
  const units = fc.option(fc.integer({ min: 4, max: 4096 }), { nil: undefined });

  it('for any mix of mem_limit, mem_reservation, deploy.resources and x-ecs container_memory*', async () => {
    const { ctx, reporter } = await context('services:\n  web:\n    image: nginx\n');
    fc.assert(
      fc.property(bytes, bytes, bytes, bytes, units, units, fc.boolean(), (memLimit, memRes, limit, res, xMem, xRes, taskMemory) => {
        reporter.diagnostics.length = 0;
        const svc: Service = { name: 'web', image: 'nginx', extensions: {} } as Service;
        if (memLimit !== undefined) svc.mem_limit = memLimit;
        if (memRes !== undefined) svc.mem_reservation = memRes;
        if (limit !== undefined || res !== undefined) {
          svc.deploy = { resources: { ...(limit !== undefined ? { limits: { memory: limit } } : {}), ...(res !== undefined ? { reservations: { memory: res } } : {}) } };
        }
        const settings: EcsSettings = {};
        if (xMem !== undefined) settings.container_memory = xMem;
        if (xRes !== undefined) settings.container_memory_reservation = xRes;
        const r = containerResources(ctx, buildWorkloads({ web: svc }).web as Workload, settings, taskMemory);
        const errors = reporter.diagnostics.filter((d) => d.severity === 'error');
        if (r.memory !== undefined && r.memoryReservation !== undefined && r.memory < r.memoryReservation) expect(errors.length).toBeGreaterThan(0);
        if (r.memory === undefined && r.memoryReservation === undefined) expect(taskMemory).toBe(true);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
    );
  });
});
