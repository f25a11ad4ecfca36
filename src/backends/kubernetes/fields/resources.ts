/**
 * Container resources from the shared resources pass (`ir.services[name].resources`, CPU
 * units and MiB): CPU units → millicores (1024 units = 1000m) as the request, and as the limit
 * too when compose caps CPU (`cpus`, `deploy.resources.limits.cpus`); memory → limits.memory,
 * memory reservation → requests.memory; GPUs → `nvidia.com/gpu`. Also shm_size and platform.
 */
import type { Json, ServiceContext } from '../context.js';
import { bytesToMiB } from '../../../passes/resources.js';

/** CPU units → a CPU quantity: `250m`, or whole CPUs as `2`. At least 1m. */
export function cpuQuantity(units: number): string {
  const m = Math.max(1, Math.round((units * 1000) / 1024));
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

export function resources(c: ServiceContext): void {
  const r = c.facts.resources;
  const svc = c.service;
  const limits: Json = {};
  const requests: Json = {};
  if (r.cpu !== undefined) {
    requests.cpu = cpuQuantity(r.cpu);
    if (svc.cpus !== undefined || svc.deploy?.resources?.limits?.cpus !== undefined) limits.cpu = requests.cpu;
  }
  if (r.memory !== undefined) limits.memory = `${r.memory}Mi`;
  if (r.memoryReservation !== undefined) requests.memory = `${r.memoryReservation}Mi`;
  if (r.gpus) limits['nvidia.com/gpu'] = String(r.gpus);
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
