import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cli } from './cli-harness.js';
import type { ExplainRow } from '../../src/cli/explain-map.js';
import { fromPointer } from '../../src/core/source.js';
import { listFixtures, MOUNT } from '../support/fixtures.js';

async function explain(argv: string[], io = {}): Promise<ExplainRow[]> {
  const r = await cli(['explain', ...argv, '--format', 'json'], io);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ExplainRow[];
}

/** A written document as data: JSON, a template in YAML, or a stream of manifests (their list: pointers start at the document's index). */
function parseDocument(path: string, text: string): unknown {
  if (path.endsWith('.json')) return JSON.parse(text);
  const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  return path.endsWith('.template.yaml') ? docs[0] : docs;
}

function resolve(files: ReadonlyMap<string, unknown>, to: string): unknown {
  const [file, pointer] = to.split('#') as [string, string];
  let node: unknown = files.get(file);
  for (const seg of fromPointer(pointer)) node = (node as Record<string, unknown> | undefined)?.[seg];
  return node;
}

async function converted(argv: string[], io = {}): Promise<Map<string, unknown>> {
  const r = await cli(['convert', ...argv, '--out', 'out'], io);
  expect(r.code, r.stderr).toBe(0);
  return new Map([...r.written].map(([p, c]) => [p.slice(p.lastIndexOf('/out/') + 5), parseDocument(p, c)]));
}

const K8S = ['-f', 'fixtures/k8s-app-stack/compose.yaml', '--target', 'kubernetes', '--set', 'jobs=true', '--set', 'namespace=shop'];

describe('explain --target kubernetes', () => {
  it('points into the manifest stream: container, pod, workload and Service fields', async () => {
    const rows = await explain(K8S);
    const files = await converted(K8S);
    const web = new Map(rows.filter((r) => r.service === 'web').map((r) => [r.field, r]));
    const image = web.get('image')?.to ?? [];
    expect(image).toHaveLength(1);
    expect(image[0]).toMatch(/^shop\.yaml#\/\d+\/spec\/template\/spec\/containers\/0\/image$/);
    expect(resolve(files, image[0] as string)).toBe('registry.example.com/shop/web:1.4.2');
    // ports: the containerPorts and the Service's ports.
    expect(web.get('ports')?.to.map((p) => p.replace(/#\/\d+/, '#/N'))).toEqual(['shop.yaml#/N/spec/template/spec/containers/0/ports', 'shop.yaml#/N/spec/ports']);
    expect(web.get('deploy')?.to.some((p) => p.endsWith('/spec/replicas'))).toBe(true);
    // migrate, a job api waits on, runs inside api's pods: no object of its own to point into.
    expect(rows.find((r) => r.service === 'migrate' && r.field === 'restart')?.to).toEqual([]);
  });

  it('points into a Job: a job nobody waits on', async () => {
    const rows = await explain(['-f', 'fixtures/k8s-job-standalone/compose.yaml', '--target', 'kubernetes']);
    const cleanup = rows.find((r) => r.service === 'cleanup' && r.field === 'deploy');
    expect(cleanup?.to.some((p) => /\/spec\/template\/spec\/restartPolicy$/.test(p))).toBe(true);
  });

  it('says why a key was dropped (K8S_UNSUPPORTED_FIELD), and the table where no pointer is found', async () => {
    const rows = await explain(['-f', '-', '--target', 'kubernetes'], { stdin: 'services:\n  api:\n    image: a:1\n    container_name: api-1\n    secrets: [s]\nsecrets:\n  s:\n    file: ./s.txt\n' });
    const by = new Map(rows.map((r) => [r.field, r]));
    expect(by.get('container_name')).toMatchObject({ status: 'dropped', to: [] });
    expect(by.get('container_name')?.notes[0]).toContain('pods are named by their workload');
    expect(by.get('secrets')?.notes.join(' ')).toContain('secret volume');
  });
});

describe('explain --target cloudformation', () => {
  it('points into the template: ContainerDefinitions and the ECS service, PascalCase', async () => {
    const argv = ['-f', '-', '--target', 'cloudformation'];
    const stdin = 'name: shop\nservices:\n  api:\n    image: a:1\n    environment: { A: "1" }\n    deploy:\n      replicas: 3\n  cron:\n    image: b:1\n    container_name: cron-1\n';
    const rows = await explain(argv, { stdin });
    const by = new Map(rows.filter((r) => r.service === 'api').map((r) => [r.field, r]));
    expect(by.get('image')?.to).toEqual(['shop.template.json#/Resources/ApiTaskDefinition/Properties/ContainerDefinitions/0/Image']);
    expect(by.get('environment')?.to).toEqual(['shop.template.json#/Resources/ApiTaskDefinition/Properties/ContainerDefinitions/0/Environment']);
    expect(by.get('deploy')?.to).toContain('shop.template.json#/Resources/ApiService/Properties/DesiredCount');
    expect(rows.find((r) => r.field === 'container_name')).toMatchObject({ service: 'cron', status: 'dropped', to: [] });
    const files = await converted(argv, { stdin });
    expect(resolve(files, by.get('deploy')?.to[0] as string)).toBe(3);
  });
});

describe('explain for every kubernetes and cloudformation fixture', () => {
  for (const fx of listFixtures()) {
    const spec = fx.spec;
    const target = spec.convert?.target;
    if (target !== 'kubernetes' && target !== 'cloudformation') continue;
    // Only fixtures that run with flags alone (their case.json sets nothing but the target's options).
    if (Object.keys(spec).some((k) => k !== 'convert' && k !== 'description') || Object.keys(spec.convert ?? {}).some((k) => k !== 'target' && k !== 'backendOptions')) continue;
    const sets = Object.entries((spec.convert?.backendOptions ?? {}) as Record<string, string>).flatMap(([k, v]) => (k === 'format' ? [] : ['--set', `${k}=${v}`]));
    it(`${fx.name}: every pointer is in the convert output, every other field says why`, async () => {
      const io = { host: fx.host, cwd: MOUNT };
      const argv = ['--target', target, ...sets];
      const r = await cli(['convert', ...argv, '--out', 'out'], io);
      if (r.code !== 0) return;
      const files = new Map([...r.written].map(([p, c]) => [p.slice(`${MOUNT}/out/`.length), parseDocument(p, c)]));
      const e = await cli(['explain', ...argv, '--format', 'json'], io);
      expect(e.code, e.stderr).toBe(0);
      const rows = JSON.parse(e.stdout) as ExplainRow[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const what = `${fx.name}: services.${row.service}.${row.field}`;
        if (row.status === 'mapped' || row.status === 'partly dropped') expect(row.to.length, what).toBeGreaterThan(0);
        else expect(row.notes.length, what).toBeGreaterThan(0);
        for (const to of row.to) expect(resolve(files, to), `${what} → ${to}`).toBeDefined();
      }
    });
  }
});
