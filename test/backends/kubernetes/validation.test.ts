import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../validators/kubernetes.js';
import { find, k8s } from './support.js';

const kitchenSink = `name: sink
services:
  web:
    image: nginx
    ports: ["80:8080", {target: 9090, published: "9090", mode: host}]
    healthcheck: {test: [CMD-SHELL, "wget -qO- localhost:8080"], start_period: 30s}
    user: "101:101"
    read_only: true
    cap_drop: [ALL]
    security_opt: ["no-new-privileges"]
    tmpfs: ["/tmp:size=8m"]
    shm_size: 64m
    extra_hosts: ["db=10.0.0.1"]
    dns: [1.1.1.1]
    platform: linux/arm64
    post_start: [{command: ["true"]}]
    configs: [site]
    secrets: [key]
    volumes: ["data:/data"]
    depends_on: {db: {condition: service_healthy}}
    deploy:
      replicas: 2
      update_config: {parallelism: 1, order: start-first, delay: 5s}
      resources: {limits: {cpus: "0.5", memory: 128m}, reservations: {memory: 64m}}
      placement: {constraints: ["node.labels.zone == a", "node.hostname != old"]}
    labels: {kompose.service.expose: "web.example.com", kompose.hpa.cpu: "60", kompose.hpa.replicas.max: "5"}
  db:
    image: postgres
    expose: ["5432"]
    healthcheck: {test: [CMD, pg_isready]}
    volumes: ["pg:/var/lib/postgresql/data"]
    x-kubernetes: {controller: statefulset}
  agent:
    image: agent
    deploy: {mode: global, update_config: {parallelism: 2}}
    network_mode: host
  once:
    image: tool
    restart: "no"
    deploy: {restart_policy: {condition: none}}
configs: {site: {content: "hi"}}
secrets: {key: {file: ./key}}
volumes: {data: {x-kubernetes: {access_mode: ReadWriteMany}}, pg: {}}
`;

describe('every emitted object passes validateManifest', () => {
  it.each([['yaml'], ['json']])('kitchen-sink project, format %s', async (format) => {
    const { objects, outputs } = await k8s(kitchenSink, { format, jobs: 'true', waitForDependencies: 'true', namespace: 'sink' });
    expect(outputs.length).toBe(1);
    // Project objects first, then each service's, services by name.
    expect(objects.map((o) => o.kind)).toEqual([
      'ConfigMap', 'PersistentVolumeClaim', 'DaemonSet', 'Service', 'Service', 'StatefulSet', 'Job',
      'Service', 'Deployment', 'Ingress', 'HorizontalPodAutoscaler',
    ]);
    for (const o of objects) expect(await validateManifest(o), `${o.kind}/${o.metadata.name}`).toEqual([]);
    if (format === 'json') expect(await validateManifest(outputs[0]!.value)).toEqual([]);
  });
});

describe('validateManifest catches a broken manifest from this backend', () => {
  it('a mutated Deployment: missing name, unknown field, wrong type, bad enum', async () => {
    const { objects } = await k8s(kitchenSink);
    const deployment = structuredClone(find(objects, 'Deployment', 'web'));
    expect(await validateManifest(deployment)).toEqual([]);
    const c = deployment.spec.template.spec.containers[0];
    delete c.name;
    deployment.spec.replica = 2;
    c.ports[0].containerPort = '8080';
    c.imagePullPolicy = 'Sometimes';
    const problems = await validateManifest(deployment);
    expect(problems).toContain('$.spec.template.spec.containers[0].name: required field is missing');
    expect(problems).toContain('$.spec.replica: unknown field (not in the API schema)');
    expect(problems).toContain('$.spec.template.spec.containers[0].ports[0].containerPort: must be integer, got string "8080"');
    expect(problems.some((p) => p.startsWith('$.spec.template.spec.containers[0].imagePullPolicy'))).toBe(true);
  });

  it('a mutated List item is found by its index', async () => {
    const { outputs } = await k8s(kitchenSink, { format: 'json' });
    const list = structuredClone(outputs[0]!.value) as { items: Record<string, any>[] };
    list.items[1]!.spec.accessMode = 'ReadWriteOnce';
    expect(await validateManifest(list)).toEqual(['$.items[1].spec.accessMode: unknown field (not in the API schema)']);
  });
});
