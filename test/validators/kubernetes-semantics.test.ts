import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkManifestSemantics, type SemanticsFinding } from './kubernetes-semantics.js';

type Json = Record<string, any>;

/** A small project that hangs together: every rule below breaks one thing of it. */
const PROJECT = `
apiVersion: v1
kind: ConfigMap
metadata: { name: app-config, namespace: shop }
data: { app.conf: "listen 8080" }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: shop }
spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app.kubernetes.io/name: web }
  ports:
    - { name: http, port: 80, targetPort: 8080, protocol: TCP }
    - { name: admin, port: 9000, targetPort: admin, protocol: TCP }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: web } }
  template:
    metadata: { labels: { app.kubernetes.io/name: web } }
    spec:
      initContainers:
        - name: migrate
          image: app:1
          volumeMounts: [{ name: data, mountPath: /data }]
        - name: web-pre-start-1
          image: app:1
        - name: web-pre-start-2
          image: app:1
        - name: wait-for-web
          image: busybox
          command: [sh, -c, "until nc -z -w 2 web 80; do sleep 2; done"]
      containers:
        - name: web
          image: app:1
          ports: [{ containerPort: 8080, protocol: TCP }, { name: admin, containerPort: 9000, protocol: TCP }]
          env: [{ name: CONF, valueFrom: { configMapKeyRef: { name: app-config, key: app.conf } } }]
          envFrom: [{ secretRef: { name: db-password } }]
          readinessProbe: { tcpSocket: { port: admin } }
          livenessProbe: { exec: { command: [true] } }
          volumeMounts:
            - { name: data, mountPath: /data }
            - { name: config, mountPath: /etc/app.conf, subPath: app.conf }
            - { name: secret, mountPath: /run/secrets/db_password, subPath: db_password }
      volumes:
        - { name: data, persistentVolumeClaim: { claimName: data } }
        - { name: config, configMap: { name: app-config } }
        - { name: secret, secret: { secretName: db-password } }
---
apiVersion: batch/v1
kind: Job
metadata: { name: seed, namespace: shop }
spec:
  template:
    metadata: { labels: { app.kubernetes.io/name: seed } }
    spec:
      restartPolicy: Never
      containers: [{ name: seed, image: app:1 }]
`;

/** The conversion's word that the Secret db-password must be created by the user. */
const FINDINGS: SemanticsFinding[] = [{ code: 'K8S_MUST_EXIST', severity: 'warning', message: 'secrets.db_password: the pods mount key db_password of the Secret db-password, which must exist' }];

function project(): Json[] {
  return parseAllDocuments(PROJECT).map((d) => d.toJSON() as Json);
}

function of(objects: Json[], kind: string, name: string): Json {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name}`);
  return o;
}

/** The problems after `change` breaks the project (with the findings given). */
function problemsAfter(change: (objects: Json[]) => void, findings: SemanticsFinding[] = FINDINGS): string[] {
  const objects = project();
  change(objects);
  return checkManifestSemantics({ objects, findings });
}

const pod = (objects: Json[], kind = 'Deployment', name = 'web'): Json => of(objects, kind, name).spec.template.spec;

describe('kubernetes-semantics: a project that hangs together passes', () => {
  it('has no problem', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });
});

describe('Services (https://kubernetes.io/docs/concepts/services-networking/service/): a selector that selects pods, target ports they declare', () => {
  it('a selector that matches no workload', () => {
    expect(problemsAfter((o) => (of(o, 'Service', 'web').spec.selector = { 'app.kubernetes.io/name': 'api' }))).toEqual([expect.stringMatching(/^Service\/web: its selector .* matches the pods of no workload/)]);
  });
  it('a numeric targetPort no container declares', () => {
    expect(problemsAfter((o) => (of(o, 'Service', 'web').spec.ports[0].targetPort = 8081))).toEqual([expect.stringMatching(/spec\.ports\[0\] targets TCP port 8081, which no container of Deployment\/web declares/)]);
  });
  it('a named targetPort no container names', () => {
    expect(problemsAfter((o) => (of(o, 'Service', 'web').spec.ports[1].targetPort = 'metrics'))).toEqual([expect.stringMatching(/spec\.ports\[1\] targets TCP port "metrics"/)]);
  });
  it('a UDP port where the container declares TCP', () => {
    expect(problemsAfter((o) => (of(o, 'Service', 'web').spec.ports[0].protocol = 'UDP'))).toEqual([expect.stringMatching(/targets UDP port 8080/)]);
  });
  it('a Service without ports (only a headless Service may have none: kubernetes/kubernetes#67622 gives it endpoints and DNS A records)', () => {
    expect(problemsAfter((o) => (of(o, 'Service', 'web').spec.ports = []))).toContainEqual(expect.stringMatching(/^Service\/web: a Service without ports routes nothing/));
    expect(problemsAfter((o) => Object.assign(of(o, 'Service', 'web').spec, { ports: [], clusterIP: 'None' })).filter((p) => p.includes('without ports'))).toEqual([]);
  });
  it('unnamed ports in a Service of several', () => {
    expect(problemsAfter((o) => delete of(o, 'Service', 'web').spec.ports[0].name)).toEqual([expect.stringMatching(/spec\.ports\[0\] needs a name/)]);
  });
  it('a selector that matches the pods of two workloads', () => {
    const problems = problemsAfter((o) => (of(o, 'Job', 'seed').spec.template.metadata.labels['app.kubernetes.io/name'] = 'web'));
    expect(problems).toContainEqual(expect.stringMatching(/^Service\/web: its selector matches the pods of Deployment\/web and Job\/seed/));
    expect(problems).toContainEqual(expect.stringMatching(/^Deployment\/web: its selector also matches the pods of Job\/seed/));
  });
});

describe('Volumes, mounts and references (https://kubernetes.io/docs/concepts/storage/volumes/): each resolves', () => {
  it('a volumeMount that names no volume, in an init container too', () => {
    expect(problemsAfter((o) => (pod(o).initContainers[0].volumeMounts[0].name = 'cache'))).toEqual([expect.stringMatching(/initContainers\[migrate\]: volumeMount cache names no volume of the pod/)]);
  });
  it('a ConfigMap that is neither emitted nor documented', () => {
    expect(problemsAfter((o) => (pod(o).volumes[1].configMap.name = 'other'))).toContainEqual(expect.stringMatching(/the ConfigMap other is not in the output, and no K8S_MUST_EXIST finding/));
  });
  it('a Secret the findings do not name', () => {
    expect(problemsAfter(() => {}, [])).toContainEqual(expect.stringMatching(/volumes\[secret\]: the Secret db-password is not in the output/));
  });
  it('a user-made Secret whose finding does not name the key the mount reads', () => {
    expect(problemsAfter((o) => (pod(o).containers[0].volumeMounts[2].subPath = 'token'))).toEqual([expect.stringMatching(/reads key token of the Secret db-password, which the user creates, but no K8S_MUST_EXIST finding names that key/)]);
  });
  it('a claim that is not emitted', () => {
    expect(problemsAfter((o) => o.splice(o.indexOf(of(o, 'PersistentVolumeClaim', 'data')), 1))).toEqual([expect.stringMatching(/the PersistentVolumeClaim data is not in the output/)]);
  });
  it('a subPath that is no key of the emitted ConfigMap', () => {
    expect(problemsAfter((o) => (pod(o).containers[0].volumeMounts[1].subPath = 'nginx.conf'))).toEqual([expect.stringMatching(/volumeMount config takes subPath nginx\.conf, which is no key of ConfigMap\/app-config/)]);
  });
  it('items that project a key the ConfigMap lacks', () => {
    expect(problemsAfter((o) => (pod(o).volumes[1].configMap.items = [{ key: 'missing', path: 'app.conf' }]))).toEqual([expect.stringMatching(/items key missing is no key of ConfigMap\/app-config/)]);
  });
  it('env valueFrom a key the ConfigMap lacks, envFrom a Secret nobody creates', () => {
    expect(problemsAfter((o) => (pod(o).containers[0].env[0].valueFrom.configMapKeyRef.key = 'other'))).toEqual([expect.stringMatching(/env CONF reads key other, which is no key of ConfigMap\/app-config/)]);
    expect(problemsAfter((o) => (pod(o).containers[0].envFrom[0].secretRef.name = 'api-keys'))).toEqual([expect.stringMatching(/envFrom: the Secret api-keys is not in the output/)]);
  });
  it('a hostPath no warning of the conversion names', () => {
    const hostPath = (o: Json[]) => pod(o).volumes.push({ name: 'site', hostPath: { path: '/opt/shop/site' } });
    expect(problemsAfter(hostPath)).toEqual([expect.stringMatching(/hostPath \/opt\/shop\/site is read from the node; no warning/)]);
    expect(problemsAfter(hostPath, [...FINDINGS, { code: 'K8S_UNSUPPORTED_FIELD', severity: 'warning', message: 'the bind mount ./site becomes a hostPath, read from /opt/shop/site on the node' }])).toEqual([]);
  });
  it('two mounts at one path, two volumes of one name', () => {
    expect(problemsAfter((o) => (pod(o).containers[0].volumeMounts[1].mountPath = '/data'))).toEqual([expect.stringMatching(/two volumeMounts at \/data/)]);
    expect(problemsAfter((o) => pod(o).volumes.push({ name: 'data', emptyDir: {} }))).toContainEqual(expect.stringMatching(/two volumes are named data/));
  });
});

describe('Names (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/): valid for their kind, unique', () => {
  it('a Service name that is no RFC 1035 label', () => {
    expect(problemsAfter((o) => o.push({ ...structuredClone(of(o, 'Service', 'web')), metadata: { name: '1web', namespace: 'shop' } }))).toContainEqual(expect.stringMatching(/^Service\/1web: the name must be an RFC 1035 label/));
  });
  it('two objects of one kind and name in a namespace', () => {
    expect(problemsAfter((o) => o.push(structuredClone(of(o, 'ConfigMap', 'app-config'))))).toContainEqual(expect.stringMatching(/two objects of kind ConfigMap are named app-config/));
  });
  it('a label value that is not one', () => {
    expect(problemsAfter((o) => (of(o, 'Job', 'seed').metadata.labels = { tier: 'web app' }))).toEqual([expect.stringMatching(/metadata\.labels\.tier: "web app" is not a label value/)]);
  });
  it('a container name used twice in a pod, init containers included', () => {
    expect(problemsAfter((o) => (pod(o).initContainers[0].name = 'web'))).toContainEqual(expect.stringMatching(/two containers are named web \(init containers included\)/));
  });
  it('objects in two namespaces', () => {
    expect(problemsAfter((o) => (of(o, 'Job', 'seed').metadata.namespace = 'other'))).toContainEqual(expect.stringMatching(/spread over namespaces/));
  });
});

describe('Probes (https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/)', () => {
  it('a probe port the container does not have', () => {
    expect(problemsAfter((o) => (pod(o).containers[0].readinessProbe.tcpSocket.port = 'http'))).toEqual([expect.stringMatching(/readinessProbe\.tcpSocket port "http" is no port of the container/)]);
  });
  it('an exec probe without a command', () => {
    expect(problemsAfter((o) => (pod(o).containers[0].livenessProbe.exec.command = []))).toEqual([expect.stringMatching(/livenessProbe\.exec has no command/)]);
  });
  it('a probe on an init container', () => {
    expect(problemsAfter((o) => (pod(o).initContainers[0].livenessProbe = { exec: { command: ['true'] } }))).toEqual([expect.stringMatching(/an init container takes no livenessProbe/)]);
  });
});

describe('Workloads: Jobs finish, selectors own their pods, StatefulSets have their headless Service', () => {
  it('a Job whose pods restart Always (https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template)', () => {
    expect(problemsAfter((o) => (pod(o, 'Job', 'seed').restartPolicy = 'Always'))).toEqual([expect.stringMatching(/a Job's pods need restartPolicy Never or OnFailure/)]);
  });
  it('a Deployment selector that misses its own pods', () => {
    expect(problemsAfter((o) => (of(o, 'Deployment', 'web').spec.selector.matchLabels = { app: 'web' }))).toContainEqual(expect.stringMatching(/spec\.selector\.matchLabels does not match the pod template's labels/));
  });
  it('a StatefulSet whose serviceName names no headless Service', () => {
    const problems = problemsAfter((o) => {
      const d = of(o, 'Deployment', 'web');
      d.kind = 'StatefulSet';
      d.spec.serviceName = 'web';
    });
    expect(problems).toEqual([expect.stringMatching(/^StatefulSet\/web: its governing Service web must be headless/)]);
  });
  it('with hostNetwork, a host port that differs from the container port', () => {
    expect(
      problemsAfter((o) => {
        pod(o).hostNetwork = true;
        pod(o).containers[0].ports[0].hostPort = 80;
      }),
    ).toEqual([expect.stringMatching(/maps host port 80 to 8080, but with hostNetwork the two must be equal/)]);
  });
});

describe('Init containers (https://kubernetes.io/docs/concepts/workloads/pods/init-containers/): they run in order, and what they wait for exists', () => {
  it('a wait for a Service port that is not in the output', () => {
    expect(problemsAfter((o) => (pod(o).initContainers[3].command[2] = 'until nc -z -w 2 api 3000; do sleep 2; done'))).toEqual([expect.stringMatching(/waits for api:3000, which is no Service port of the output/)]);
  });
  it('a kubectl wait for a Job that is not in the output', () => {
    expect(problemsAfter((o) => pod(o).initContainers.push({ name: 'wait-for-migrate', image: 'kubectl', command: ['kubectl', 'wait', '--for=condition=complete', 'job/migrate'] }))).toEqual([expect.stringMatching(/waits for job\/migrate, which is not in the output/)]);
  });
  it('pre_start steps out of order, or after their job', () => {
    expect(problemsAfter((o) => pod(o).initContainers.reverse())).toContainEqual(expect.stringMatching(/web-pre-start-2\] runs before web-pre-start-1; pre_start steps run in order/));
    expect(problemsAfter((o) => (pod(o).initContainers[1].name = 'migrate-pre-start-1'))
    ).toEqual([expect.stringMatching(/migrate-pre-start-1\] is a pre_start step of migrate but runs after it/)]);
  });
});

describe('Data, Ingresses and autoscalers', () => {
  it('a Secret whose data is not base64, a ConfigMap key that is not a key', () => {
    expect(problemsAfter((o) => o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace: 'shop' }, data: { token: 'not base64!' } }))).toEqual([expect.stringMatching(/Secret\/token: data\.token is not base64/)]);
    expect(problemsAfter((o) => (of(o, 'ConfigMap', 'app-config').data['app conf'] = 'x'))).toEqual([expect.stringMatching(/data key "app conf" is not a key/)]);
  });
  it('an Ingress to a Service port that does not exist, with a TLS Secret nobody creates', () => {
    const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { tls: [{ secretName: 'web-tls' }], rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } }] } }] } };
    expect(problemsAfter((o) => o.push(ingress))).toEqual([expect.stringMatching(/routes to port 8080 of Service web, which it does not have/), expect.stringMatching(/spec\.tls: the Secret web-tls is not in the output/)]);
  });
  it('an autoscaler over a workload that sets replicas, or over a CPU nobody requests', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } };
    expect(
      problemsAfter((o) => {
        o.push(hpa);
        of(o, 'Deployment', 'web').spec.replicas = 2;
      }),
    ).toEqual([expect.stringMatching(/Deployment\/web sets spec\.replicas, so every apply/), expect.stringMatching(/a cpu utilization target is a share of the cpu request/)]);
  });
});
