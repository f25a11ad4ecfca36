import { describe, expect, it } from 'vitest';
import { at, container, find, k8s } from './support.js';

describe('named volumes → PersistentVolumeClaims', () => {
  it('one claim per named volume, mounted by claim name; size defaults to 1Gi (reported)', async () => {
    const { objects, k8s: d } = await k8s('services:\n  db:\n    image: x\n    volumes: ["pgdata:/var/lib/pg:ro"]\nvolumes: {pgdata: {}}\n');
    expect(find(objects, 'PersistentVolumeClaim', 'pgdata').spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    const deployment = find(objects, 'Deployment', 'db');
    expect(deployment.spec.template.spec.volumes).toEqual([{ name: 'pgdata', persistentVolumeClaim: { claimName: 'pgdata' } }]);
    expect(container(deployment).volumeMounts).toEqual([{ name: 'pgdata', mountPath: '/var/lib/pg', readOnly: true }]);
    expect(at(d, 'info')).toContain('K8S_DEFAULT_APPLIED@/volumes/pgdata');
  });

  it('size and class: volume x-kubernetes > volume kompose label > service label > options', async () => {
    const compose = 'services:\n  a:\n    image: x\n    volumes: ["v1:/1", "v2:/2", "v3:/3", "v4:/4"]\n    labels: {kompose.volume.size: 3Gi, kompose.volume.storage-class-name: svc-class}\n  b:\n    image: x\n    volumes: ["v4:/4"]\nvolumes:\n  v1: {x-kubernetes: {size: 1Ti, storage_class: fast, access_mode: readwritemany}}\n  v2: {labels: {kompose.volume.size: 2Gi}}\n  v3: {}\n  v4: {}\n';
    const { objects } = await k8s(compose, { volumeSize: '9Gi', storageClass: 'default-class' });
    const spec = (n: string) => find(objects, 'PersistentVolumeClaim', n).spec;
    expect(spec('v1')).toEqual({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Ti' } }, storageClassName: 'fast' });
    expect(spec('v2').resources.requests.storage).toBe('2Gi');
    expect(spec('v3')).toMatchObject({ resources: { requests: { storage: '3Gi' } }, storageClassName: 'svc-class' });
    expect(spec('v4').resources.requests.storage).toBe('3Gi');
  });

  it('a ReadWriteOnce claim mounted by two services is reported', async () => {
    const { k8s: d } = await k8s('services:\n  a:\n    image: x\n    volumes: ["shared:/s"]\n  b:\n    image: x\n    volumes: ["shared:/s"]\nvolumes: {shared: {x-kubernetes: {size: 1Gi}}}\n');
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/volumes/shared']);
  });

  it('an external volume mounts an existing claim; no claim is written', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    volumes: ["data:/d"]\nvolumes: {data: {external: true, name: prod-data}}\n');
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(find(objects, 'Deployment', 'a').spec.template.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'prod-data' } }]);
    expect(at(d, 'info')).toContain('K8S_MUST_EXIST@/volumes/data');
  });

  // 07-volumes driver: "Default and available values are platform specific"; Docker's default is local, which authentik writes out.
  it('driver_opts and a driver other than the default local are reported; driver: local says nothing a claim does not keep', async () => {
    const { k8s: d } = await k8s('services:\n  a:\n    image: x\n    volumes: ["data:/d", "logs:/l", "nfs:/n"]\nvolumes: {data: {driver: local, driver_opts: {type: nfs}, x-kubernetes: {size: 1Gi}}, logs: {driver: local, x-kubernetes: {size: 1Gi}}, nfs: {driver: rexray/ebs, x-kubernetes: {size: 1Gi}}}\n');
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/volumes/data/driver_opts', 'K8S_UNSUPPORTED_FIELD@/volumes/nfs/driver']);
  });

  it('subpath → subPath', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    volumes: [{type: volume, source: data, target: /d, volume: {subpath: sub}}]\nvolumes: {data: {x-kubernetes: {size: 1Gi}}}\n');
    expect(container(find(objects, 'Deployment', 'a')).volumeMounts[0]).toEqual({ name: 'data', mountPath: '/d', subPath: 'sub' });
  });
});

describe('other mounts', () => {
  it('anonymous → emptyDir, tmpfs → memory emptyDir, bind → hostPath (reported)', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    volumes: ["/cache", {type: tmpfs, target: /run, tmpfs: {size: 32m}}, "/srv/data:/data"]\n    tmpfs: ["/tmp:size=16m"]\n');
    const pod = find(objects, 'Deployment', 'a').spec.template.spec;
    expect(pod.volumes).toEqual([
      { name: 'tmpfs-t0', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } },
      { name: 'anon-0', emptyDir: {} },
      { name: 'tmpfs-1', emptyDir: { medium: 'Memory', sizeLimit: '32Mi' } },
      { name: 'host-2', hostPath: { path: '/srv/data' } },
    ]);
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/a/volumes/0', 'K8S_UNSUPPORTED_FIELD@/services/a/volumes/2']);
  });

  // 12-interpolation: supabase's `${DOCKER_SOCKET_LOCATION}:/var/run/docker.sock:ro,z`.
  it('a bind source that is an absolute path once interpolated is the node\'s path, as one written out is', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    volumes: ["${DOCKER_SOCKET:-/var/run/docker.sock}:/var/run/docker.sock:ro"]\n');
    expect(find(objects, 'Deployment', 'a').spec.template.spec.volumes).toEqual([{ name: 'host-0', hostPath: { path: '/var/run/docker.sock' } }]);
    expect(d.filter((x) => x.path === '/services/a/volumes/0').map((x) => x.message)).not.toContainEqual(expect.stringContaining('outside the project directory'));
    // The node's own path: no advice to put files in the image, but what a hostPath asks of the cluster.
    const said = d.find((x) => x.path === '/services/a/volumes/0')?.message ?? '';
    expect(said).toContain('every node must hold');
    expect(said).toContain('Pod Security Standard');
    expect(said).not.toContain('put the files in the image');
  });

  it('volumes_from a service of another pod is reported at the entry', async () => {
    const { k8s: d } = await k8s('services:\n  a:\n    image: x\n    volumes_from: [b]\n  b:\n    image: x\n');
    expect(at(d)).toContain('K8S_UNSUPPORTED_FIELD@/services/a/volumes_from/0');
  });
});

describe('secrets: never copied, mounted from a Secret that must exist', () => {
  it('mounts key <name> of Secret <name> at /run/secrets/<name>, and reports the Secret', async () => {
    const { objects, outputs, k8s: d } = await k8s('services:\n  a:\n    image: x\n    secrets: [db_password, {source: tls, target: server.key, mode: 0400}]\nsecrets:\n  db_password: {file: ./pw.txt}\n  tls: {environment: TLS_KEY}\n');
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    expect(outputs.map((o) => o.contents).join('')).not.toContain('pw.txt');
    const d0 = find(objects, 'Deployment', 'a');
    expect(container(d0).volumeMounts).toEqual([
      { name: 'secret-db-password', mountPath: '/run/secrets/db_password', subPath: 'db_password', readOnly: true },
      { name: 'secret-tls', mountPath: '/run/secrets/server.key', subPath: 'tls', readOnly: true },
    ]);
    expect(d0.spec.template.spec.volumes).toEqual([
      { name: 'secret-db-password', secret: { secretName: 'db-password' } },
      { name: 'secret-tls', secret: { secretName: 'tls', defaultMode: 256 } },
    ]);
    expect(at(d, 'warning')).toEqual(['K8S_MUST_EXIST@/secrets/db_password', 'K8S_MUST_EXIST@/secrets/tls']);
  });

  it('an external secret is reported as info, by its name', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    secrets: [token]\nsecrets:\n  token: {external: true, name: vault-token}\n');
    expect(find(objects, 'Deployment', 'a').spec.template.spec.volumes[0].secret.secretName).toBe('vault-token');
    expect(at(d, 'info')).toContain('K8S_MUST_EXIST@/secrets/token');
  });
});

describe('configs', () => {
  it('a content config → a ConfigMap, mounted at /<name> by default', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    configs: [site]\nconfigs:\n  site: {content: "hello"}\n  unused: {content: "x"}\n');
    expect(find(objects, 'ConfigMap', 'site').data).toEqual({ site: 'hello' });
    expect(objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === 'unused')).toBe(false);
    expect(container(find(objects, 'Deployment', 'a')).volumeMounts).toEqual([{ name: 'config-site', mountPath: '/site', subPath: 'site', readOnly: true }]);
  });

  it('a file config is referenced and reported (its file is not read)', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    configs: [{source: conf, target: /etc/app.conf, uid: "1"}]\nconfigs:\n  conf: {file: ./app.conf}\n');
    expect(objects.some((o) => o.kind === 'ConfigMap')).toBe(false);
    expect(find(objects, 'Deployment', 'a').spec.template.spec.volumes).toEqual([{ name: 'config-conf', configMap: { name: 'conf' } }]);
    expect(at(d, 'warning')).toEqual(['K8S_MUST_EXIST@/configs/conf', 'K8S_UNSUPPORTED_FIELD@/services/a/configs/0/uid']);
  });
});
