/**
 * Fargate task sizes: each CPU value allows a set of memory values (MiB). The table is
 * AWS's ("Task CPU and memory" in the ECS developer guide), including 8 and 16 vCPU.
 */
export interface FargateSize {
  /** CPU units (1024 = 1 vCPU). */
  cpu: number;
  /** Memory in MiB. */
  memory: number;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/**
 * Every valid Fargate (cpu, memory) pair, ordered by cpu then memory.
 *
 * @example
 * FARGATE_SIZES.filter((s) => s.cpu === 8192).map((s) => s.memory) // [16384, 20480, …, 61440]
 */
export const FARGATE_SIZES: readonly FargateSize[] = [
  ...[512, 1024, 2048].map((memory) => ({ cpu: 256, memory })),
  ...range(1024, 4096, 1024).map((memory) => ({ cpu: 512, memory })),
  ...range(2048, 8192, 1024).map((memory) => ({ cpu: 1024, memory })),
  ...range(4096, 16384, 1024).map((memory) => ({ cpu: 2048, memory })),
  ...range(8192, 30720, 1024).map((memory) => ({ cpu: 4096, memory })),
  ...range(16384, 61440, 4096).map((memory) => ({ cpu: 8192, memory })),
  ...range(32768, 122880, 8192).map((memory) => ({ cpu: 16384, memory })),
];

/** The largest Fargate size, for messages. */
export const LARGEST_FARGATE_SIZE: FargateSize = FARGATE_SIZES[FARGATE_SIZES.length - 1] as FargateSize;

/** True when (cpu, memory) is a size Fargate accepts. */
export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES.some((s) => s.cpu === cpu && s.memory === memory);
}

// Relative on-demand prices of one vCPU-hour and one GB-hour of Fargate (Linux/x86, the
// ratio is about 9:1 in every region); only the ratio matters for picking the cheapest size.
const VCPU_WEIGHT = 0.04048;
const GB_WEIGHT = 0.004445;

function weight(s: FargateSize): number {
  return (s.cpu / 1024) * VCPU_WEIGHT + (s.memory / 1024) * GB_WEIGHT;
}

/**
 * The smallest Fargate size with at least `cpu` units and `memory` MiB: the cheapest of those
 * that fit, by the price ratio of CPU to memory. `exact` pins the CPU or the memory to a value
 * the user chose. Undefined when nothing fits.
 *
 * @example
 * fargateSize(300, 700) // { cpu: 512, memory: 1024 }
 * fargateSize(0, 3000, { cpu: 1024 }) // { cpu: 1024, memory: 3072 }
 */
export function fargateSize(cpu: number, memory: number, exact: Partial<FargateSize> = {}): FargateSize | undefined {
  let best: FargateSize | undefined;
  for (const s of FARGATE_SIZES) {
    if (s.cpu < cpu || s.memory < memory) continue;
    if ((exact.cpu !== undefined && s.cpu !== exact.cpu) || (exact.memory !== undefined && s.memory !== exact.memory)) continue;
    if (!best || weight(s) < weight(best)) best = s;
  }
  return best;
}
