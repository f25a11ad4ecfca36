import { describe, expect, it } from 'vitest';
import { build, found } from './build-ir.js';
import { parseTaskCpu, parseTaskMemory } from '../../src/passes/task-size.js';

/** Task `name` of a compose file whose services each get the given lines. */
async function task(text: string, options: Parameters<typeof build>[1] = {}, name?: string) {
  const { ir, diagnostics } = await build(text, options);
  const t = name ? ir.tasks.find((x) => x.name === name) : ir.tasks[0];
  return { size: { cpu: t?.cpu, memory: t?.memory }, diagnostics };
}

const fargate = { launchType: 'FARGATE' } as const;

describe('RegisterTaskDefinition cpu and memory: units, vCPU and GB strings', () => {
  it("cpu: 1024, '1024', '1 vCPU', '0.5 vcpu' (ECS converts vCPU strings to units)", () => {
    expect(parseTaskCpu(1024)).toBe(1024);
    expect(parseTaskCpu('1024')).toBe(1024);
    expect(parseTaskCpu('1 vCPU')).toBe(1024);
    expect(parseTaskCpu('0.5 vcpu')).toBe(512);
    expect(parseTaskCpu('0.25vCPU')).toBe(256);
  });

  it("memory: 2048, '2048', '2 GB', '2GB', '512 MiB'", () => {
    expect(parseTaskMemory(2048)).toBe(2048);
    expect(parseTaskMemory('2048')).toBe(2048);
    expect(parseTaskMemory('2 GB')).toBe(2048);
    expect(parseTaskMemory('2GB')).toBe(2048);
    expect(parseTaskMemory('512 MiB')).toBe(512);
    expect(parseTaskMemory('1.5 GB')).toBe(1536);
  });

  it('anything else is no value: words, and fractions of a unit or a MiB', () => {
    expect(parseTaskCpu('lots')).toBeUndefined();
    expect(parseTaskCpu('512.5')).toBeUndefined();
    expect(parseTaskMemory('2 TB')).toBeUndefined();
    expect(parseTaskMemory('100.5')).toBeUndefined();
  });
});

describe('Fargate: the smallest valid size at least the sum of the containers', () => {
  it('one container of 0.5 vCPU and 700 MiB → 512 units, 1 GB', async () => {
    expect((await task('services:\n  web:\n    image: nginx\n    cpus: 0.5\n    mem_limit: 700m\n', fargate)).size).toEqual({ cpu: 512, memory: 1024 });
  });

  it('containers add up (project layout: 3 × 0.75 vCPU, 3 × 1.5 GB → 4 vCPU, 8 GB)', async () => {
    const svc = (n: string): string => `  ${n}:\n    image: nginx\n    cpus: 0.75\n    mem_limit: 1.5g\n`;
    const text = `services:\n${svc('a')}${svc('b')}${svc('c')}`;
    expect((await task(text, { ...fargate, layout: 'project' })).size).toEqual({ cpu: 4096, memory: 8192 });
  });

  it('the larger of limit and reservation counts for a container', async () => {
    expect((await task('services:\n  web:\n    image: nginx\n    mem_reservation: 3g\n', fargate)).size).toEqual({ cpu: 512, memory: 3072 });
  });

  it('uses 8 and 16 vCPU sizes', async () => {
    expect((await task('services:\n  web:\n    image: nginx\n    cpus: 6\n    mem_limit: 40g\n', fargate)).size).toEqual({ cpu: 8192, memory: 40960 });
    expect((await task('services:\n  web:\n    image: nginx\n    cpus: 12\n    mem_limit: 100g\n', fargate)).size).toEqual({ cpu: 16384, memory: 106496 });
  });

  it('beyond 16 vCPU / 120 GB → ECS_LIMIT error at the service', async () => {
    const { size, diagnostics } = await task('services:\n  web:\n    image: nginx\n    cpus: 17\n    mem_limit: 1g\n', fargate);
    expect(size).toEqual({ cpu: undefined, memory: undefined });
    expect(found(diagnostics)).toEqual([{ code: 'ECS_LIMIT', severity: 'error', line: 3, column: 5, path: '/services/web' }]);
  });
});

describe('Fargate: x-ecs.cpu and x-ecs.memory set by hand, checked against the table', () => {
  it("'0.5 vCPU' with '2 GB' is a size and is kept", async () => {
    const { size, diagnostics } = await task("services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  cpu: '0.5 vCPU'\n  memory: 2 GB\n", fargate);
    expect(size).toEqual({ cpu: 512, memory: 2048 });
    expect(diagnostics).toEqual([]);
  });

  it('a pair off the table → ECS_INVALID at x-ecs.cpu', async () => {
    const { diagnostics } = await task('services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  cpu: 256\n  memory: 4096\n', fargate);
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 6, column: 8, path: '/x-ecs/cpu' }]);
  });

  it('cpu alone is kept and the memory chosen for it (not a larger CPU)', async () => {
    const { size, diagnostics } = await task('services:\n  web:\n    image: nginx\n    mem_limit: 3g\nx-ecs:\n  cpu: 1024\n', fargate);
    expect(size).toEqual({ cpu: 1024, memory: 3072 });
    expect(diagnostics).toEqual([]);
  });

  it('memory alone is kept and the cheapest CPU for it chosen', async () => {
    expect((await task('services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  memory: 8 GB\n', fargate)).size).toEqual({ cpu: 1024, memory: 8192 });
  });

  it('a CPU value Fargate does not have (300) → ECS_INVALID', async () => {
    const { diagnostics } = await task('services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  cpu: 300\n', fargate);
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 6, column: 8, path: '/x-ecs/cpu' }]);
  });

  it('cpu set, containers need more memory than that CPU allows → ECS_LIMIT at x-ecs.cpu', async () => {
    const { diagnostics } = await task('services:\n  web:\n    image: nginx\n    mem_limit: 3g\nx-ecs:\n  cpu: 256\n', fargate);
    expect(found(diagnostics)).toEqual([{ code: 'ECS_LIMIT', severity: 'error', line: 6, column: 8, path: '/x-ecs/cpu' }]);
  });

  it('containers asking for more than the task → one error, at the setting (a service’s own x-ecs when it set it)', async () => {
    const { diagnostics } = await task('services:\n  web:\n    image: nginx\n    mem_limit: 3g\n    x-ecs:\n      memory: 2 GB\n', fargate);
    expect(found(diagnostics)).toEqual([{ code: 'ECS_INVALID', severity: 'error', line: 6, column: 15, path: '/services/web/x-ecs/memory' }]);
  });

  it('a value that is no number → ECS_INVALID', async () => {
    const { diagnostics } = await task("services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  memory: 'plenty'\n", fargate);
    expect(found(diagnostics).map((d) => [d.code, d.path])).toEqual([['ECS_INVALID', '/x-ecs/memory']]);
  });
});

describe('EC2: no task size unless set; explicit values kept and checked', () => {
  it('without x-ecs.cpu / memory the task has no size (containers carry it)', async () => {
    expect((await task('services:\n  web:\n    image: nginx\n    cpus: 0.5\n    mem_limit: 700m\n')).size).toEqual({ cpu: undefined, memory: undefined });
  });

  it('explicit values are kept as they are (no Fargate rounding)', async () => {
    const { size, diagnostics } = await task("services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  cpu: 300\n  memory: '700'\n");
    expect(size).toEqual({ cpu: 300, memory: 700 });
    expect(diagnostics).toEqual([]);
  });

  it('task cpu outside 128–196608 units (RegisterTaskDefinition, EC2 and EXTERNAL) → ECS_INVALID', async () => {
    const { diagnostics } = await task('services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  cpu: 64\n');
    expect(found(diagnostics).map((d) => [d.code, d.path])).toEqual([['ECS_INVALID', '/x-ecs/cpu']]);
  });

  it('containers above the explicit task memory → ECS_INVALID', async () => {
    const { diagnostics } = await task('services:\n  web:\n    image: nginx\n    mem_limit: 1g\nx-ecs:\n  memory: 512\n');
    expect(found(diagnostics).map((d) => [d.code, d.path])).toEqual([['ECS_INVALID', '/x-ecs/memory']]);
  });
});
