/**
 * The units of ecs-params.yml, which differ between the task and its containers — the trap
 * ecs-cli users fall into. ecs-cli's README ("Using ECS parameters") documents both:
 *
 *   task_size:
 *     mem_limit: string   // Values specified without units default to MiB
 *   services:
 *     <service_name>:
 *       mem_limit: string // Values specified without units default to bytes, as in docker run
 *
 * `task_size` values go to RegisterTaskDefinition unchanged (ecs-cli's convertTaskDefParams),
 * where ECS reads cpu as CPU units or "N vCPU" and memory as MiB or "N GB" (1 GB = 1024 MiB).
 * A container's `mem_limit` / `mem_reservation` is a libcompose MemStringorInt: a number is
 * bytes, a string goes through go-units RAMInBytes (binary units: `500m` = 500 MiB); ecs-cli
 * then divides by 1 MiB, rounding down (adapter.ConvertToMemoryInMB), and treats 0 as unset.
 */
import { parseBytes, parseDuration } from '../core/units.js';

const MIB = 1024 * 1024;

/**
 * `task_size.cpu_limit` → CPU units: a whole number is units, `N vCPU` is N × 1024.
 * @example taskCpuUnits('512') // 512
 * @example taskCpuUnits('0.25 vCPU') // 256
 */
export function taskCpuUnits(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*vcpu$/i.exec(t);
  if (!m) return undefined;
  const units = Number(m[1]) * 1024;
  return Number.isInteger(units) ? units : undefined;
}

/**
 * `task_size.mem_limit` → MiB: a whole number is MiB, `N GB` is N × 1024.
 * @example taskMemoryMiB('512') // 512 (MiB, not bytes)
 * @example taskMemoryMiB('0.5GB') // 512
 */
export function taskMemoryMiB(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*gb$/i.exec(t);
  if (!m) return undefined;
  const mib = Number(m[1]) * 1024;
  return Number.isInteger(mib) ? mib : undefined;
}

/** A container memory value as ecs-cli read it. */
export interface ContainerMemory {
  /** What the value says, in bytes. */
  bytes: number;
  /** What ecs-cli sent to ECS: bytes / 1 MiB rounded down; 0 means ecs-cli ignored the value. */
  mib: number;
  /** True when the value had no unit (a number, or a string of digits): bytes, not MiB. */
  bare: boolean;
}

/**
 * A container `mem_limit` / `mem_reservation` → MiB as ecs-cli computed it.
 * @example containerMemory('500m') // { bytes: 524288000, mib: 500, bare: false }
 * @example containerMemory(512) // { bytes: 512, mib: 0, bare: true } — 512 bytes, ignored by ecs-cli
 */
export function containerMemory(value: number | string): ContainerMemory | undefined {
  const bytes = parseBytes(value);
  if (bytes === undefined) return undefined;
  const bare = typeof value === 'number' || /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value);
  return { bytes, mib: bytes > 0 ? Math.floor(bytes / MIB) : 0, bare };
}

// Go's time.ParseDuration: numbers with ns, us, µs, ms, s, m or h (no d or w).
const GO_DURATION = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/; // µs (micro sign) and μs (mu), escaped: the CLI bundle must be ASCII (scripts/cli-id.mjs)

/**
 * A healthcheck `interval` / `timeout` / `start_period` → whole seconds, as ecs-cli's
 * parseHealthCheckTime: a Go duration (truncated to seconds), else a whole number of seconds
 * (the ECS developer guide: "If no units are specified, seconds are assumed").
 * @example healthcheckSeconds('1m30s') // 90
 * @example healthcheckSeconds('2.5s') // 2
 * @example healthcheckSeconds('10') // 10
 */
export function healthcheckSeconds(text: string): number | undefined {
  const t = text.trim();
  if (t === '0') return 0;
  if (GO_DURATION.test(t)) {
    const s = parseDuration(t);
    return s === undefined ? undefined : Math.trunc(s);
  }
  return /^[+-]?\d+$/.test(t) ? Number(t) : undefined;
}
