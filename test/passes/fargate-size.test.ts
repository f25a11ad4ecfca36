import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FARGATE_SIZES, fargateSize, isFargateSize, LARGEST_FARGATE_SIZE, type FargateSize } from '../../src/passes/fargate-size.js';

// ECS developer guide, "Task CPU and memory" / "Troubleshoot invalid CPU or memory errors":
// the valid Fargate combinations of task cpu (units) and memory (MiB).
const GB = 1024;
const gbRange = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let g = from; g <= to; g += step) out.push(g * GB);
  return out;
};
const TABLE: Record<number, number[]> = {
  256: [512, 1 * GB, 2 * GB],
  512: gbRange(1, 4, 1),
  1024: gbRange(2, 8, 1),
  2048: gbRange(4, 16, 1),
  4096: gbRange(8, 30, 1),
  8192: gbRange(16, 60, 4),
  16384: gbRange(32, 120, 8),
};
const cost = (s: FargateSize): number => (s.cpu / 1024) * 0.04048 + (s.memory / 1024) * 0.004445;

describe('the Fargate task size table', () => {
  for (const [cpu, memories] of Object.entries(TABLE)) {
    it(`${Number(cpu) / 1024} vCPU (${cpu} units): ${memories[0]}–${memories[memories.length - 1]} MiB`, () => {
      expect(FARGATE_SIZES.filter((s) => s.cpu === Number(cpu)).map((s) => s.memory)).toEqual(memories);
    });
  }

  it('8 vCPU goes from 16 GB to 60 GB by 4 GB, and 16 vCPU from 32 GB to 120 GB by 8 GB', () => {
    expect(isFargateSize(8192, 16 * GB)).toBe(true);
    expect(isFargateSize(8192, 20 * GB)).toBe(true);
    expect(isFargateSize(8192, 17 * GB)).toBe(false);
    expect(isFargateSize(8192, 64 * GB)).toBe(false);
    expect(isFargateSize(16384, 40 * GB)).toBe(true);
    expect(isFargateSize(16384, 36 * GB)).toBe(false);
    expect(isFargateSize(16384, 128 * GB)).toBe(false);
  });

  it('holds nothing else: every entry is in the table, in cpu then memory order', () => {
    const expected = Object.entries(TABLE).flatMap(([cpu, ms]) => ms.map((memory) => ({ cpu: Number(cpu), memory })));
    expect(FARGATE_SIZES).toEqual(expected);
    expect(LARGEST_FARGATE_SIZE).toEqual({ cpu: 16384, memory: 120 * GB });
  });

  it('a pair off the table is not a size (256 units cannot have 4 GB; 300 units is no CPU value)', () => {
    expect(isFargateSize(256, 4 * GB)).toBe(false);
    expect(isFargateSize(300, 1 * GB)).toBe(false);
    expect(isFargateSize(1024, 1 * GB)).toBe(false);
  });
});

describe('fargateSize: the cheapest size that fits', () => {
  it('nothing asked: the smallest size, 0.25 vCPU with 512 MiB', () => {
    expect(fargateSize(0, 0)).toEqual({ cpu: 256, memory: 512 });
  });

  it('an exact fit is kept', () => {
    expect(fargateSize(1024, 3 * GB)).toEqual({ cpu: 1024, memory: 3 * GB });
  });

  it('rounds cpu and memory up to the next size', () => {
    expect(fargateSize(300, 700)).toEqual({ cpu: 512, memory: 1 * GB });
    expect(fargateSize(256, 2049)).toEqual({ cpu: 512, memory: 3 * GB });
  });

  it('memory beyond what a CPU allows moves to a larger CPU, at the least cost', () => {
    // 256 units allow at most 2 GB; 5 GB needs 1 vCPU (512 units stop at 4 GB).
    expect(fargateSize(256, 5 * GB)).toEqual({ cpu: 1024, memory: 5 * GB });
  });

  it('uses the 8 and 16 vCPU sizes', () => {
    expect(fargateSize(5000, 20 * GB)).toEqual({ cpu: 8192, memory: 20 * GB });
    expect(fargateSize(4096, 31 * GB)).toEqual({ cpu: 8192, memory: 32 * GB });
    expect(fargateSize(10000, 0)).toEqual({ cpu: 16384, memory: 32 * GB });
    expect(fargateSize(16384, 120 * GB)).toEqual({ cpu: 16384, memory: 120 * GB });
  });

  it('is undefined beyond 16 vCPU or 120 GB', () => {
    expect(fargateSize(16385, 0)).toBeUndefined();
    expect(fargateSize(0, 120 * GB + 1)).toBeUndefined();
  });

  it('exact pins the CPU or the memory a user chose', () => {
    expect(fargateSize(0, 3000, { cpu: 1024 })).toEqual({ cpu: 1024, memory: 3 * GB });
    expect(fargateSize(0, 0, { memory: 8 * GB })).toEqual({ cpu: 1024, memory: 8 * GB });
    expect(fargateSize(0, 5 * GB, { cpu: 256 })).toBeUndefined();
  });

  it('property: for any cpu ≤ 16384 and memory ≤ 122880, a valid size at least as large, and no cheaper one fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16384 }), fc.integer({ min: 0, max: 122880 }), (cpu, memory) => {
        const size = fargateSize(cpu, memory);
        expect(size).toBeDefined();
        const s = size as FargateSize;
        expect(isFargateSize(s.cpu, s.memory)).toBe(true);
        expect(s.cpu).toBeGreaterThanOrEqual(cpu);
        expect(s.memory).toBeGreaterThanOrEqual(memory);
        const cheaper = FARGATE_SIZES.filter((o) => o.cpu >= cpu && o.memory >= memory && cost(o) < cost(s));
        expect(cheaper).toEqual([]);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
  });
});
