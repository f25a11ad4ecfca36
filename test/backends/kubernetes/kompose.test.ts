import { describe, expect, it } from 'vitest';
import { SERVICE_SETTINGS } from '../../../src/backends/kubernetes/settings.js';
import { at, container, find, k8s } from './support.js';

describe('kompose labels: a kompose user moves over unchanged', () => {
  it('kompose.service.type, nodeport.port and external-traffic-policy shape the Service', async () => {
    const { objects } = await k8s('services:\n  web:\n    image: x\n    ports: ["80:8080"]\n    labels:\n      kompose.service.type: nodeport\n      kompose.service.nodeport.port: "30080"\n      kompose.service.external-traffic-policy: local\n');
    expect(find(objects, 'Service', 'web').spec).toMatchObject({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30080 }, { port: 8080, targetPort: 8080 }] });
  });

  it('kompose.service.type headless → clusterIP None', async () => {
    const { objects } = await k8s('services:\n  db:\n    image: x\n    expose: ["5432"]\n    labels: {kompose.service.type: headless}\n');
    expect(find(objects, 'Service', 'db').spec.clusterIP).toBe('None');
  });

  it('kompose.service.expose with tls-secret and ingress-class-name → an Ingress', async () => {
    const { objects } = await k8s('services:\n  web:\n    image: x\n    ports: ["80:80"]\n    labels:\n      kompose.service.expose: shop.example.com\n      kompose.service.expose.tls-secret: shop-tls\n      kompose.service.expose.ingress-class-name: nginx\n');
    expect(find(objects, 'Ingress', 'web').spec).toMatchObject({ ingressClassName: 'nginx', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [{ host: 'shop.example.com' }] });
  });

  it('the TLS Secret of an Ingress is not in the manifests: a K8S_MUST_EXIST finding names it, at the setting', async () => {
    const { k8s: d } = await k8s('services:\n  web:\n    image: x\n    ports: ["80:80"]\n    labels:\n      kompose.service.expose: shop.example.com\n      kompose.service.expose.tls-secret: shop-tls\n');
    const found = d.filter((x) => x.code === 'K8S_MUST_EXIST');
    expect(at(found, 'info')).toEqual(['K8S_MUST_EXIST@/services/web/labels/kompose.service.expose.tls-secret']);
    expect(found[0]?.message).toContain('Secret shop-tls');
  });

  it('kompose.image-pull-secret, image-pull-policy and serviceaccount-name shape the pod', async () => {
    const { objects } = await k8s('services:\n  web:\n    image: x\n    labels:\n      kompose.image-pull-secret: regcred\n      kompose.image-pull-policy: IfNotPresent\n      kompose.serviceaccount-name: web-sa\n');
    const pod = find(objects, 'Deployment', 'web').spec.template.spec;
    expect(pod).toMatchObject({ serviceAccountName: 'web-sa', imagePullSecrets: [{ name: 'regcred' }] });
    expect(container(find(objects, 'Deployment', 'web')).imagePullPolicy).toBe('IfNotPresent');
  });

  it('the pull Secret and the service account are not in the manifests: a K8S_MUST_EXIST finding names each, at its setting', async () => {
    const { k8s: d } = await k8s('services:\n  web:\n    image: x\n    labels:\n      kompose.image-pull-secret: regcred\n    x-kubernetes: {service_account: web-sa}\n');
    const found = d.filter((x) => x.code === 'K8S_MUST_EXIST');
    expect(at(found, 'info')).toEqual(['K8S_MUST_EXIST@/services/web/labels/kompose.image-pull-secret', 'K8S_MUST_EXIST@/services/web/x-kubernetes/service_account']);
    expect(found.map((x) => x.message)).toEqual([expect.stringContaining('Secret regcred'), expect.stringContaining('ServiceAccount web-sa')]);
  });

  it('kompose.volume.size and storage-class-name on the service size its claims', async () => {
    const { objects } = await k8s('services:\n  db:\n    image: x\n    volumes: ["data:/d"]\n    labels: {kompose.volume.size: 8Gi, kompose.volume.storage-class-name: premium}\nvolumes: {data: {}}\n');
    expect(find(objects, 'PersistentVolumeClaim', 'data').spec).toMatchObject({ resources: { requests: { storage: '8Gi' } }, storageClassName: 'premium' });
  });

  it('kompose.controller.type chooses the workload; replicationcontroller is reported', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    labels: {kompose.controller.type: daemonset}\n  b:\n    image: x\n    labels: {kompose.controller.type: replicationcontroller}\n');
    expect(objects.map((o) => o.kind).filter((k) => k !== 'Service')).toEqual(['DaemonSet', 'Deployment']);
    expect(at(d)).toEqual(['K8S_INVALID@/services/b/labels/kompose.controller.type']);
  });

  it('kompose labels compose2ecs does not read, and unknown ones, are reported and not copied', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    labels: {kompose.service.group: g, kompose.cronjob.schedule: "* * * * *", kompose.made.up: x}\n');
    expect(find(objects, 'Deployment', 'a').metadata.labels['kompose.service.group']).toBeUndefined();
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/a/labels/kompose.service.group', 'K8S_UNSUPPORTED_FIELD@/services/a/labels/kompose.cronjob.schedule', 'K8S_UNSUPPORTED_FIELD@/services/a/labels/kompose.made.up']);
  });

  it('a bad label value is reported and ignored', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    ports: ["80:80"]\n    labels: {kompose.service.type: ingress}\n');
    expect(find(objects, 'Service', 'a').spec.type).toBe('ClusterIP');
    expect(at(d, 'warning')).toEqual(['K8S_INVALID@/services/a/labels/kompose.service.type']);
  });
});

describe('x-kubernetes: the same settings, winning over kompose labels', () => {
  it('x-kubernetes.service_type wins over kompose.service.type', async () => {
    const { objects } = await k8s('services:\n  a:\n    image: x\n    ports: ["80:80"]\n    labels: {kompose.service.type: nodeport}\n    x-kubernetes: {service_type: LoadBalancer}\n');
    expect(find(objects, 'Service', 'a').spec.type).toBe('LoadBalancer');
  });

  it('an unknown x-kubernetes key is reported', async () => {
    const { k8s: d } = await k8s('services:\n  a:\n    image: x\n    x-kubernetes: {controler: job}\n');
    expect(at(d)).toEqual(['K8S_INVALID@/services/a/x-kubernetes/controler']);
  });

  it('every setting has a kompose label and an x-kubernetes key', () => {
    for (const spec of Object.values(SERVICE_SETTINGS)) {
      expect(spec.labels.length).toBeGreaterThan(0);
      expect(spec.x).toMatch(/^[a-z_]+$/);
    }
  });
});

describe('kompose.hpa.* → HorizontalPodAutoscaler', () => {
  it('cpu percentage, memory value, min and max', async () => {
    const { objects } = await k8s('services:\n  api:\n    image: x\n    cpus: 0.5\n    mem_limit: 512m\n    labels: {kompose.hpa.cpu: "70%", kompose.hpa.memory: 400Mi, kompose.hpa.replicas.min: "2", kompose.hpa.replicas.max: "10"}\n');
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'api');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '400Mi' } } },
      ],
    });
  });

  it('memory as a percentage is a utilization target; a StatefulSet is a scale target', async () => {
    const { objects } = await k8s('services:\n  db:\n    image: x\n    mem_limit: 1g\n    x-kubernetes: {controller: statefulset, hpa_memory: 80, hpa_max_replicas: 3}\n');
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'db');
    expect(hpa.spec.scaleTargetRef.kind).toBe('StatefulSet');
    expect(hpa.spec.metrics[0].resource.target).toEqual({ type: 'Utilization', averageUtilization: 80 });
  });

  it('without a maximum, or for a DaemonSet, none is made and it is reported', async () => {
    const { objects, k8s: d } = await k8s('services:\n  a:\n    image: x\n    labels: {kompose.hpa.cpu: "50"}\n  b:\n    image: x\n    deploy: {mode: global}\n    labels: {kompose.hpa.replicas.max: "3"}\n');
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/a/labels/kompose.hpa.cpu', 'K8S_UNSUPPORTED_FIELD@/services/b/labels/kompose.hpa.replicas.max']);
  });

  it('the autoscaler owns the replica count (horizontal-pod-autoscale "Migrating Deployments and StatefulSets"): an autoscaled workload has no spec.replicas, and deploy.replicas is the minimum unless one is set', async () => {
    const { objects, k8s: d } = await k8s('services:\n  api:\n    image: x\n    mem_limit: 512m\n    deploy: {replicas: 3}\n    x-kubernetes: {hpa_memory: 80, hpa_max_replicas: 6}\n  web:\n    image: x\n    mem_limit: 512m\n    scale: 4\n    x-kubernetes: {hpa_memory: 80, hpa_min_replicas: 2, hpa_max_replicas: 6}\n');
    expect(find(objects, 'Deployment', 'api').spec.replicas).toBeUndefined();
    expect(find(objects, 'HorizontalPodAutoscaler', 'api').spec).toMatchObject({ minReplicas: 3, maxReplicas: 6 });
    expect(find(objects, 'Deployment', 'web').spec.replicas).toBeUndefined();
    expect(find(objects, 'HorizontalPodAutoscaler', 'web').spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
    expect(at(d, 'info')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/api/deploy/replicas', 'K8S_UNSUPPORTED_FIELD@/services/web/scale']);
  });

  it('CPU utilization without a CPU request is reported', async () => {
    const { k8s: d } = await k8s('services:\n  a:\n    image: x\n    labels: {kompose.hpa.cpu: "50", kompose.hpa.replicas.max: "4"}\n');
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/a/labels/kompose.hpa.cpu']);
  });
});
