import { describe, expect, it } from 'vitest';
import { cpuQuantity } from '../../../src/backends/kubernetes/fields/resources.js';
import { at, container, find, k8s } from './support.js';

async function resources(service: string) {
  const r = await k8s(`services:\n  app:\n    image: x\n${service}`);
  const d = find(r.objects, 'Deployment', 'app');
  return { resources: container(d).resources, pod: d.spec.template.spec, k8s: r.k8s, container: container(d) };
}

describe('CPUs (the core Workload) → millicores', () => {
  it.each([
    [1, '1'],
    [0.5, '500m'],
    [100 / 1024, '98m'],
    [2, '2'],
    [0.0001, '1m'],
  ])('%d CPUs → %s', (cpus, q) => expect(cpuQuantity(cpus)).toBe(q));
});

describe('resources from ir.workloads[name].resources', () => {
  it('cpus is a request and a limit; memory a limit; reservation a request', async () => {
    const { resources: r } = await resources('    deploy: {resources: {limits: {cpus: "0.5", memory: 256m}, reservations: {memory: 128m}}}\n');
    expect(r).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
  });

  it('cpu_shares is a request only (a relative weight, no cap)', async () => {
    const { resources: r } = await resources('    cpu_shares: 512\n    mem_limit: 300m\n');
    expect(r).toEqual({ limits: { memory: '300Mi' }, requests: { cpu: '500m' } });
  });

  it('a service without memory gets no limit: the ECS memory default is not applied to Kubernetes', async () => {
    const r = await k8s('services:\n  app:\n    image: x\n');
    expect(container(find(r.objects, 'Deployment', 'app')).resources).toBeUndefined();
    expect(at(r.diagnostics).filter((d) => d.startsWith('ECS_'))).toEqual([]);
  });

  it('GPUs → limits nvidia.com/gpu', async () => {
    const { resources: r } = await resources('    mem_limit: 1g\n    deploy: {resources: {reservations: {devices: [{driver: nvidia, count: 2, capabilities: [gpu]}]}}}\n');
    expect(r.limits['nvidia.com/gpu']).toBe('2');
  });

  it('reports a CPU reservation the pass folds into the limit', async () => {
    const { k8s: d } = await resources('    mem_limit: 1g\n    deploy: {resources: {limits: {cpus: "4"}, reservations: {cpus: "2"}}}\n');
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/deploy/resources/reservations/cpus']);
  });
});

describe('shm_size, platform, placement', () => {
  it('shm_size → a memory emptyDir at /dev/shm', async () => {
    const { pod, container: c } = await resources('    mem_limit: 1g\n    shm_size: 256m\n');
    expect(pod.volumes).toEqual([{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } }]);
    expect(c.volumeMounts).toEqual([{ name: 'dshm', mountPath: '/dev/shm' }]);
  });

  it('platform → node selector on os and arch', async () => {
    const { pod } = await resources('    mem_limit: 1g\n    platform: linux/amd64\n');
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
  });

  it('placement constraints: == → nodeSelector, != → required NotIn affinity; others reported', async () => {
    const { pod, k8s: d } = await resources('    mem_limit: 1g\n    deploy: {placement: {constraints: ["node.labels.disk == ssd", "node.hostname != n1", "node.role == manager"]}}\n');
    expect(pod.nodeSelector).toEqual({ disk: 'ssd' });
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['n1'] }] },
    ]);
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/deploy/placement/constraints/2']);
  });
});
