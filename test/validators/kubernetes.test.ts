import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertValidManifest, declaredFields, validateManifest } from './kubernetes.js';

function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' },
      annotations: { 'compose2ecs/source': 'compose.yaml' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              command: ['nginx', '-g', 'daemon off;'],
              ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
              env: [
                { name: 'MODE', value: 'production' },
                { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
              ],
              envFrom: [{ configMapRef: { name: 'web-env' } }],
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: 1, memory: '512Mi' } },
              readinessProbe: { httpGet: { path: '/health', port: 'http' }, periodSeconds: 10 },
              livenessProbe: { exec: { command: ['curl', '-f', 'http://localhost/'] }, initialDelaySeconds: 5 },
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/web' }],
            },
          ],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }],
          restartPolicy: 'Always',
        },
      },
    },
  };
}

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: {
    type: 'ClusterIP',
    selector: { 'app.kubernetes.io/name': 'web' },
    ports: [{ name: 'http', port: 8080, targetPort: 80, protocol: 'TCP' }],
  },
};

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'web-env' },
  data: { LOG_LEVEL: 'info', 'nginx.conf': 'events {}\n' },
};

const claim = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'web-data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'gp3' },
};

const ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', annotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing' } },
  spec: {
    ingressClassName: 'alb',
    tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    rules: [
      {
        host: 'shop.example.com',
        http: {
          paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }],
        },
      },
    ],
  },
};

describe('validateManifest: valid manifests', () => {
  it.each([
    ['apps/v1 Deployment', deployment()],
    ['v1 Service', service],
    ['v1 ConfigMap', configMap],
    ['v1 PersistentVolumeClaim', claim],
    ['networking.k8s.io/v1 Ingress', ingress],
  ])('accepts a %s', async (_, manifest) => {
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('accepts a v1 List of them, and server-set fields such as managedFields', async () => {
    const withManagedFields = {
      ...configMap,
      metadata: { ...configMap.metadata, managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': { 'f:LOG_LEVEL': {} } } }] },
    };
    const list = { apiVersion: 'v1', kind: 'List', items: [deployment(), service, withManagedFields, claim, ingress] };
    expect(await validateManifest(list)).toEqual([]);
  });
});

describe('validateManifest: broken manifests', () => {
  it('reports a container without a name', async () => {
    const manifest = deployment();
    delete manifest.spec.template.spec.containers[0].name;
    expect(await validateManifest(manifest)).toEqual([
      '$.spec.template.spec.containers[0].name: required field is missing',
    ]);
  });

  it('reports unknown fields at any depth, but not keys of maps such as labels', async () => {
    const manifest = deployment();
    manifest.spec.replica = 3;
    manifest.spec.template.spec.containers[0].ports[0].hostPorts = 80;
    manifest.metadata.labels['not-a-field'] = 'fine';
    expect(await validateManifest(manifest)).toEqual([
      '$.spec.template.spec.containers[0].ports[0].hostPorts: unknown field (not in the API schema)',
      '$.spec.replica: unknown field (not in the API schema)',
    ]);
  });

  it('reports wrong types', async () => {
    const manifest = deployment();
    manifest.spec.replicas = '2';
    manifest.spec.template.spec.containers[0].ports[0].containerPort = '80';
    manifest.metadata.labels.tier = 1;
    expect(await validateManifest(manifest)).toEqual([
      '$.metadata.labels.tier: must be string, got number 1',
      '$.spec.replicas: must be integer, got string "2"',
      '$.spec.template.spec.containers[0].ports[0].containerPort: must be integer, got string "80"',
    ]);
  });

  it('reports an int-or-string that is neither, once', async () => {
    const broken = structuredClone(service);
    (broken.spec.ports[0] as Record<string, unknown>).targetPort = true;
    expect(await validateManifest(broken)).toEqual([
      '$.spec.ports[0].targetPort: must be string or must be integer, got boolean true',
    ]);
  });

  it('reports a value outside an enum', async () => {
    const broken = structuredClone(ingress);
    broken.spec.rules[0]!.http.paths[0]!.pathType = 'Glob';
    expect(await validateManifest(broken)).toEqual([
      '$.spec.rules[0].http.paths[0].pathType: string "Glob" is not one of "Exact", "ImplementationSpecific", "Prefix"',
    ]);
  });

  it('reports an unknown kind or apiVersion', async () => {
    expect(await validateManifest({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } })).toEqual([
      '$.kind: kubernetes-models has no kind "Deploymnet" in apiVersion "apps/v1"',
    ]);
    expect(await validateManifest({ apiVersion: '../../x', kind: 'Service' })).toEqual([
      '$.kind: kubernetes-models has no kind "Service" in apiVersion "../../x"',
    ]);
  });

  it('reports problems inside a List by item', async () => {
    const broken = deployment();
    broken.spec.replica = 1;
    const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '1', bogus: true }, items: [service, broken] };
    expect(await validateManifest(list)).toEqual([
      '$.metadata.bogus: unknown field (not in the API schema)',
      '$.items[1].spec.replica: unknown field (not in the API schema)',
    ]);
  });

  it('assertValidManifest rejects with every problem listed', async () => {
    const manifest = deployment();
    manifest.spec.replica = 3;
    delete manifest.spec.template.spec.containers[0].name;
    await expect(assertValidManifest(manifest)).rejects.toThrow(/2 problem\(s\)[\s\S]*containers\[0\]\.name[\s\S]*spec\.replica/);
    await expect(assertValidManifest(service)).resolves.toBeUndefined();
  });
});

// The unknown-field check learns each type's fields from its compiled validate function. This
// proves that, for every type in kubernetes-models and its apimachinery package (ObjectMeta, …),
// those are exactly the fields the type's TypeScript interface declares, except the ones below:
// the package's schema generator drops properties named `description` or `x-kubernetes-*`, so
// kubernetes-models never checks them and the unknown-field check would flag them. None is in a
// kind compose2ecs emits (CRD schemas, PriorityClass).
const KNOWN_UNVALIDATED = [
  'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceColumnDefinition.js: not validated: description',
  'kubernetes-models/apiextensions.k8s.io/v1/ExternalDocumentation.js: not validated: description',
  'kubernetes-models/apiextensions.k8s.io/v1/JSONSchemaProps.js: not validated: description, x-kubernetes-embedded-resource, x-kubernetes-int-or-string, x-kubernetes-list-map-keys, x-kubernetes-list-type, x-kubernetes-map-type, x-kubernetes-preserve-unknown-fields, x-kubernetes-validations',
  'kubernetes-models/apiextensions.k8s.io/v1beta1/CustomResourceColumnDefinition.js: not validated: description',
  'kubernetes-models/apiextensions.k8s.io/v1beta1/ExternalDocumentation.js: not validated: description',
  'kubernetes-models/apiextensions.k8s.io/v1beta1/JSONSchemaProps.js: not validated: description, x-kubernetes-embedded-resource, x-kubernetes-int-or-string, x-kubernetes-list-map-keys, x-kubernetes-list-type, x-kubernetes-map-type, x-kubernetes-preserve-unknown-fields',
  'kubernetes-models/scheduling.k8s.io/v1/PriorityClass.js: not validated: description',
  'kubernetes-models/scheduling.k8s.io/v1beta1/PriorityClass.js: not validated: description',
];

describe('the fields the unknown-field check learns from kubernetes-models', () => {
  const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  const modules = ['kubernetes-models', '@kubernetes-models/apimachinery'].flatMap((pkg) =>
    readdirSync(path.join(nodeModules, pkg), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') && !file.endsWith('index.js') && !file.startsWith('_schemas'))
      .map((file) => path.join(pkg, file))
      .sort(),
  );

  it('match each type interface, for every type in the package', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const file of modules) {
      const kind = path.basename(file, '.js');
      const module = (await import(pathToFileURL(path.join(nodeModules, file)).href)) as Record<string, unknown>;
      const Model = module[kind] as { prototype: { validate(): void } } | undefined;
      const declaration = readFileSync(path.join(nodeModules, file.replace(/\.js$/, '.d.ts')), 'utf8');
      const body = new RegExp(`export interface I${kind} (?:extends [^{]+)?\\{([\\s\\S]*?)\\n\\}`).exec(declaration)?.[1];
      if (typeof Model !== 'function' || body === undefined) continue;
      compared++;
      const declared = [...body.matchAll(/^ {4}"?([\w$-]+)"?\??:/gm)].map((m) => m[1] ?? '').sort();
      const validated = [...declaredFields(Model)].sort();
      const missing = declared.filter((field) => !validated.includes(field));
      const extra = validated.filter((field) => !declared.includes(field));
      if (missing.length > 0 || extra.length > 0) {
        mismatches.push(`${file}: not validated: ${missing.join(', ')}${extra.length > 0 ? `; not declared: ${extra.join(', ')}` : ''}`);
      }
    }
    expect(compared).toBeGreaterThan(700);
    expect(mismatches).toEqual(KNOWN_UNVALIDATED);
  });
});
