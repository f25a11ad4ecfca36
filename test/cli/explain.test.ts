import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import { ecsFields, type ExplainRow } from '../../src/cli/explain-map.js';
import { ECS_SERVICE_KEYS } from '../../src/backends/ecs/container-map.js';
import { fromPointer } from '../../src/core/source.js';
import { listFixtures, MOUNT } from '../support/fixtures.js';

async function explain(argv: string[], io = {}): Promise<ExplainRow[]> {
  const r = await cli(['explain', ...argv, '--format', 'json'], io);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ExplainRow[];
}

describe('explain --target ecs: where each field went', () => {
  it('gives a file and JSON pointer for mapped fields, and the reason for dropped ones', async () => {
    const rows = await explain(['-f', 'fixtures/cli-explain/compose.yaml', '--launch-type', 'FARGATE']);
    const by = new Map(rows.map((r) => [r.field, r]));
    expect(rows.map((r) => `${r.line} ${r.field} ${r.status}`)).toEqual([
      '4 image mapped',
      '5 ports partly dropped',
      '7 environment mapped',
      '9 cap_add dropped',
      '10 container_name dropped',
      '11 mem_limit mapped',
    ]);
    expect(by.get('image')).toMatchObject({ service: 'web', file: 'fixtures/cli-explain/compose.yaml', column: 5, to: ['web.task-definition.json#/containerDefinitions/0/image'], notes: [] });
    expect(by.get('ports')?.to).toEqual(['web.task-definition.json#/containerDefinitions/0/portMappings']);
    expect(by.get('ports')?.notes).toHaveLength(1); // awsvpc: the host port is the container port
    expect(by.get('container_name')?.notes).toEqual(['services.web.container_name is not carried over: ECS names each container after its compose service']);
    expect(by.get('cap_add')?.to).toEqual([]);
  });

  it('points into the ECS service document too (deploy → desiredCount, …)', async () => {
    const rows = await explain(['-f', '-'], { stdin: 'services:\n  api:\n    image: a:1\n    deploy:\n      replicas: 3\n' });
    expect(rows.find((r) => r.field === 'deploy')?.to).toEqual(['api.service.json#/desiredCount']);
  });

  it('prints a table by default', async () => {
    const r = await cli(['explain', '-f', 'fixtures/cli-explain/compose.yaml']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^FIELD\s+WRITTEN AT\s+RESULT$/);
    expect(lines[1]).toMatch(/^services\.web\.image\s+fixtures\/cli-explain\/compose\.yaml:4:5\s+web\.task-definition\.json#\/containerDefinitions\/0\/image$/);
    expect(r.stdout).toMatch(/services\.web\.container_name\s+\S+:10:5\s+dropped: /);
  });

  it('explains the built-in targets only: a backend module has no field table (bad usage)', async () => {
    const r = await cli(['explain', '-f', 'fixtures/cli-explain/compose.yaml', '--target', './my-backend.mjs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Run 'compose2ecs explain --help' for usage.");
  });

  it('exit 1 when the project cannot be loaded', async () => {
    const r = await cli(['explain', '-f', 'fixtures/nope/compose.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FILE_NOT_FOUND');
  });
});

describe('explain is generic over the ECS mapping table', () => {
  it.each(Object.entries(ECS_SERVICE_KEYS))('%s: the table says where it goes, or why not', (_key, mapping) => {
    if ('unsupported' in mapping) expect(mapping.unsupported.length).toBeGreaterThan(10);
    else expect(ecsFields(mapping.to).length > 0 || /^\(.*\)$/.test(mapping.to)).toBe(true);
  });

  it('reads scopes from the to text', () => {
    expect(ecsFields('service desiredCount, deploymentConfiguration; container cpu/memory')).toEqual([
      { scopes: ['service'], path: ['desiredCount'] },
      { scopes: ['container', 'service'], path: ['deploymentConfiguration'] },
      { scopes: ['container'], path: ['cpu'] },
      { scopes: ['container'], path: ['memory'] },
    ]);
    expect(ecsFields('task networkMode')).toEqual([{ scopes: ['task'], path: ['networkMode'] }]);
    expect(ecsFields('(resolved by the loader)')).toEqual([]);
  });

  // Every fixture that converts: each pointer explain gives resolves in the files convert writes.
  for (const fx of listFixtures()) {
    it(`${fx.name}: every pointer is in the convert output, every other field says why`, async () => {
      const io = { host: fx.host, cwd: MOUNT };
      const converted = await cli(['convert', '--out', 'out'], io);
      if (converted.code !== 0) return;
      const files = new Map([...converted.written].map(([p, c]) => [p.slice(`${MOUNT}/out/`.length), JSON.parse(c) as unknown]));
      const r = await cli(['explain', '--format', 'json'], io);
      expect(r.code).toBe(0);
      for (const row of JSON.parse(r.stdout) as ExplainRow[]) {
        const what = `${fx.name}: services.${row.service}.${row.field}`;
        if (row.status === 'mapped' || row.status === 'partly dropped') expect(row.to.length, what).toBeGreaterThan(0);
        else expect(row.notes.length, what).toBeGreaterThan(0);
        for (const to of row.to) {
          const [file, pointer] = to.split('#') as [string, string];
          let node: unknown = files.get(file);
          for (const seg of fromPointer(pointer)) node = (node as Record<string, unknown> | undefined)?.[seg];
          expect(node, `${what} → ${to}`).toBeDefined();
        }
      }
    });
  }
});
