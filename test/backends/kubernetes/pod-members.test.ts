import { describe, expect, it } from 'vitest';
import { at, find, k8s, type Json } from './support.js';
import { checkManifestSemantics, validateManifest, type SemanticsFinding } from '../../validators/index.js';

/** The gluetun VPN pattern: a client that runs in the VPN container's network namespace. */
const vpn = `services:
  gluetun:
    image: qmcgaw/gluetun:v3.39
    cap_add: [NET_ADMIN]
    ports: ["8080:8080"]
    healthcheck: { test: ["CMD", "/gluetun-entrypoint", "healthcheck"] }
    volumes: [gluetun:/gluetun]
  qbittorrent:
    image: lscr.io/linuxserver/qbittorrent:4.6.7
    network_mode: "service:gluetun"
    depends_on:
      gluetun: { condition: service_healthy }
    environment: { WEBUI_PORT: "8080" }
    volumes: [downloads:/downloads]
volumes:
  gluetun: {}
  downloads: {}
`;

const names = (xs: Json[] | undefined): string[] => (xs ?? []).map((x) => String(x.name));
const workloads = (objects: Json[]): string[] => objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind)).map((o) => `${o.kind}/${o.metadata.name}`);

async function expectValid(objects: Json[], findings: readonly SemanticsFinding[]): Promise<void> {
  for (const o of objects) expect(await validateManifest(o)).toEqual([]);
  expect(checkManifestSemantics({ objects, findings })).toEqual([]);
}

describe('05-services network_mode "service:{name}": the service joins that service\'s network namespace, which on Kubernetes only the containers of one pod share', () => {
  it('the member is a second container of the host\'s pod, with its volumes; no workload of its own; an info at network_mode and no warning', async () => {
    const { objects, diagnostics, k8s: d } = await k8s(vpn);
    expect(workloads(objects)).toEqual(['Deployment/gluetun']);
    const pod = find(objects, 'Deployment', 'gluetun').spec.template.spec;
    expect(names(pod.containers)).toEqual(['gluetun', 'qbittorrent']);
    expect(pod.containers[1].env).toEqual([{ name: 'WEBUI_PORT', value: '8080' }]);
    expect(pod.containers[1].volumeMounts).toEqual([{ name: 'downloads', mountPath: '/downloads' }]);
    expect(names(pod.volumes)).toEqual(['gluetun', 'downloads']);
    expect(at(d, 'warning')).toEqual([]);
    expect(at(d, 'info')).toContain('K8S_UNSUPPORTED_FIELD@/services/qbittorrent/network_mode');
    // gluetun's Service (its published 8080) reaches the client's web UI: the pod is one network namespace.
    expect(find(objects, 'Service', 'gluetun').spec.selector).toEqual(find(objects, 'Deployment', 'gluetun').spec.selector.matchLabels);
    await expectValid(objects, diagnostics);
  });

  it('a wait for a service of the same pod is not made (an init container runs before every container of its pod, so it would wait forever): an info instead', async () => {
    const { objects, diagnostics, k8s: d } = await k8s(vpn, { waitForDependencies: true });
    const pod = find(objects, 'Deployment', 'gluetun').spec.template.spec;
    expect(pod.initContainers).toBeUndefined();
    expect(d.find((x) => x.path === '/services/qbittorrent/depends_on/gluetun')?.message).toMatch(/runs in the same pod.*service_healthy is not waited for/);
    await expectValid(objects, diagnostics);
  });

  it('a member with expose keeps its own Service, which selects the host\'s pods (where its container listens)', async () => {
    const { objects, diagnostics } = await k8s(vpn.replace('    environment: { WEBUI_PORT: "8080" }\n', '    environment: { WEBUI_PORT: "8080" }\n    expose: ["8080"]\n'));
    expect(find(objects, 'Service', 'qbittorrent').spec.selector).toEqual({ 'app.kubernetes.io/name': 'gluetun', 'app.kubernetes.io/part-of': 'project' });
    await expectValid(objects, diagnostics);
  });

  it('a chain (a on b, b on c) runs in c\'s pod, in name order after c', async () => {
    const text = 'services:\n  c:\n    image: x:1\n    expose: ["80"]\n  b:\n    image: y:1\n    network_mode: service:c\n  a:\n    image: z:1\n    network_mode: service:b\n';
    const { objects, diagnostics, k8s: d } = await k8s(text);
    expect(workloads(objects)).toEqual(['Deployment/c']);
    expect(names(find(objects, 'Deployment', 'c').spec.template.spec.containers)).toEqual(['c', 'a', 'b']);
    expect(at(d, 'warning')).toEqual([]);
    await expectValid(objects, diagnostics);
  });

  it('05-services pid "service:{name}" → shareProcessNamespace in the shared pod; ipc "service:{name}" needs nothing (a pod\'s containers share IPC)', async () => {
    const text = 'services:\n  app:\n    image: x:1\n  debug:\n    image: busybox:1.36\n    pid: service:app\n  shm:\n    image: y:1\n    ipc: service:app\n';
    const { objects, diagnostics, k8s: d } = await k8s(text);
    const pod = find(objects, 'Deployment', 'app').spec.template.spec;
    expect(names(pod.containers)).toEqual(['app', 'debug', 'shm']);
    expect(pod.shareProcessNamespace).toBe(true);
    expect(at(d, 'warning')).toEqual([]);
    await expectValid(objects, diagnostics);
  });

  it('a member\'s own volumes, pre_start steps and waited-on jobs come into the host\'s pod: volumes of one name and other settings are renamed, init containers follow the host\'s', async () => {
    const text = [
      'services:',
      '  vpn:',
      '    image: vpn:1',
      '    volumes: ["./a:/a"]',
      '    pre_start: [{ command: ["vpn-init"] }]',
      '  client:',
      '    image: client:1',
      '    network_mode: service:vpn',
      '    volumes: ["./b:/b"]',
      '    pre_start: [{ command: ["client-init"] }]',
      '    depends_on: { migrate: { condition: service_completed_successfully } }',
      '  migrate:',
      '    image: client:1',
      '    restart: "no"',
      '',
    ].join('\n');
    const { objects, diagnostics } = await k8s(text);
    const pod = find(objects, 'Deployment', 'vpn').spec.template.spec;
    expect(names(pod.initContainers)).toEqual(['vpn-pre-start-1', 'migrate', 'client-pre-start-1']);
    const paths = Object.fromEntries((pod.volumes as Json[]).map((v) => [v.name, v.hostPath?.path]));
    const client = (pod.containers as Json[]).find((c) => c.name === 'client') as Json;
    const mounted = client.volumeMounts[0].name as string;
    expect(paths[mounted]).toMatch(/\/b$/);
    expect(paths[(pod.containers[0] as Json).volumeMounts[0].name]).toMatch(/\/a$/);
    expect(mounted).not.toBe((pod.containers[0] as Json).volumeMounts[0].name);
    await expectValid(objects, diagnostics);
  });

  it('what the host\'s pod and workload cannot take from a member (its own replicas, pod settings) is a warning at the member naming each, never dropped silently', async () => {
    const text = 'services:\n  app:\n    image: x:1\n  side:\n    image: y:1\n    network_mode: service:app\n    deploy: { replicas: 3 }\n    stop_grace_period: 90s\n';
    const { k8s: d } = await k8s(text);
    const w = d.find((x) => x.path === '/services/side' && x.severity === 'warning');
    expect(w?.message).toMatch(/runs in the pods of app .*terminationGracePeriodSeconds, replicas \(3; the pods are app's 1\)/);
  });

  it('05-services volumes_from "mounts all of the volumes from another service": from a service of the same pod, its mounts (read-only with :ro); from another pod, a warning as before', async () => {
    const text = 'services:\n  app:\n    image: x:1\n    volumes: ["data:/data", "./conf:/etc/app"]\n  side:\n    image: y:1\n    network_mode: service:app\n    volumes_from: ["app:ro"]\n    volumes: ["cache:/cache"]\n  other:\n    image: z:1\n    volumes_from: [app]\nvolumes:\n  data: {}\n  cache: {}\n';
    const { objects, diagnostics, k8s: d } = await k8s(text);
    const pod = find(objects, 'Deployment', 'app').spec.template.spec;
    const side = (pod.containers as Json[]).find((c) => c.name === 'side') as Json;
    const app = pod.containers[0] as Json;
    expect(side.volumeMounts).toEqual([{ name: 'cache', mountPath: '/cache' }, ...(app.volumeMounts as Json[]).map((m) => ({ ...m, readOnly: true }))]);
    expect(app.volumeMounts.map((m: Json) => m.mountPath)).toEqual(['/data', '/etc/app']);
    expect(at(d, 'warning').filter((x) => x.includes('volumes_from'))).toEqual(['K8S_UNSUPPORTED_FIELD@/services/other/volumes_from/0']);
    await expectValid(objects, diagnostics);
  });

  it('a service with a network mode of its own (host) that shares another\'s process namespace keeps its own pod, with the pid warning', async () => {
    const { objects, k8s: d } = await k8s('services:\n  app:\n    image: x:1\n  top:\n    image: y:1\n    network_mode: host\n    pid: service:app\n');
    expect(workloads(objects)).toEqual(['Deployment/app', 'Deployment/top']);
    expect(at(d, 'warning')).toContain('K8S_UNSUPPORTED_FIELD@/services/top/pid');
  });

  it('a job keeps a pod of its own (it ends; the host runs on), with the network_mode warning as before', async () => {
    const text = 'services:\n  app:\n    image: x:1\n    expose: ["80"]\n  once:\n    image: y:1\n    restart: "no"\n    network_mode: service:app\n  web:\n    image: z:1\n    depends_on: { once: { condition: service_completed_successfully } }\n';
    const { objects, k8s: d } = await k8s(text);
    expect(names(find(objects, 'Deployment', 'app').spec.template.spec.containers)).toEqual(['app']);
    expect(at(d, 'warning')).toContain('K8S_UNSUPPORTED_FIELD@/services/once/network_mode');
  });
});
