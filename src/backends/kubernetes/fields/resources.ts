/**
 * Container resources from the core's Workload (`ir.workloads[name].resources`, CPUs and
 * bytes): CPUs → millicores as the request, and as the limit too when compose caps CPU
 * (`cpus`, `deploy.resources.limits.cpus`); memory → limits.memory in MiB (rounded up),
 * memory reservation → requests.memory; GPUs → `nvidia.com/gpu`. Also shm_size and platform.
 */
import type { Json, ServiceContext } from '../context.js';
import { bytesToMiB } from '../../../core/units.js';
import { K8S_CODES } from '../codes.js';

/** CPUs → a CPU quantity: `250m`, or whole CPUs as `2`. At least 1m. */
export function cpuQuantity(cpus: number): string {
  const m = Math.max(1, Math.round(cpus * 1000));
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

export function resources(c: ServiceContext): void {
  const r = c.facts.resources;
  const limits: Json = {};
  const requests: Json = {};
  if (r.cpus !== undefined) {
    requests.cpu = cpuQuantity(r.cpus.value);
    if (r.cpuCapped) limits.cpu = requests.cpu;
  }
  if (r.memory !== undefined) limits.memory = `${bytesToMiB(r.memory.value)}Mi`;
  if (r.memoryReservation !== undefined) requests.memory = `${bytesToMiB(r.memoryReservation.value)}Mi`;
  const gpus = r.gpus.reduce((n, g) => {
    if (g.count !== undefined) return n + g.count;
    c.report('warning', `${c.where(g.path.slice(2))}: nvidia.com/gpu needs a number of GPUs; "all" is taken as 1`, g.path.slice(2), K8S_CODES.defaulted);
    return n + 1;
  }, 0);
  if (gpus) limits['nvidia.com/gpu'] = String(gpus);
  const out: Json = {};
  if (Object.keys(limits).length) out.limits = limits;
  if (Object.keys(requests).length) out.requests = requests;
  if (Object.keys(out).length) c.container.resources = out;
}

/** shm_size → a memory-backed emptyDir at /dev/shm. */
export function shmSize(c: ServiceContext): void {
  const bytes = c.service.shm_size;
  if (bytes === undefined) return;
  c.mount({ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: `${bytesToMiB(bytes)}Mi` } }, { name: 'dshm', mountPath: '/dev/shm' });
}

const ARCH: Record<string, string> = { amd64: 'amd64', x86_64: 'amd64', arm64: 'arm64', aarch64: 'arm64', arm: 'arm', '386': '386', ppc64le: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

/** platform `linux/arm64` → nodeSelector kubernetes.io/os and kubernetes.io/arch. */
export function platform(c: ServiceContext): void {
  const p = (c.service.platform ?? '').toLowerCase();
  const [os = '', arch = '', variant] = p.split('/');
  const a = Object.hasOwn(ARCH, arch) ? ARCH[arch] : undefined;
  if (!/^(linux|windows)$/.test(os) || (arch && !a)) {
    c.unsupported(['platform'], `"${p}" is not an os/arch the kubernetes.io/os and kubernetes.io/arch node labels know`);
    return;
  }
  const selector: Record<string, string> = { ...((c.pod.nodeSelector ?? {}) as Record<string, string>), 'kubernetes.io/os': os };
  if (a) selector['kubernetes.io/arch'] = a;
  c.pod.nodeSelector = selector;
  if (variant) c.report('info', `${c.where(['platform'])}: the variant ${variant} is not a node label; nodes are chosen by os and arch`, ['platform']);
}
