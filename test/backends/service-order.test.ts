/**
 * 02-model: the `services` mapping has no order, and DESIGN.md wants output that depends on
 * nothing but the input's meaning. Every target, in both layouts: the same services written
 * in another order give the same outputs, byte for byte and in the same order, and the same
 * findings at the same entries.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convert, type ConvertOptions, type ConvertResult } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { DIR, ecsComposeFile, withFiles } from '../properties/ecs-arbitrary.js';
import { params, timeoutFor, turn } from '../properties/runs.js';

type Target = 'ecs' | 'cloudformation' | 'kubernetes';
type Doc = Record<string, unknown>;

/** The services in reverse order, and rotated by one: two other orders of the same mapping. */
function reorders(doc: Doc): Doc[] {
  const entries = Object.entries((doc.services ?? {}) as Doc);
  const rotated = [...entries.slice(1), ...entries.slice(0, 1)];
  return [{ ...doc, services: Object.fromEntries([...entries].reverse()) }, { ...doc, services: Object.fromEntries(rotated) }];
}

/**
 * Outputs as written, and each finding as severity, code, entry and message. Not the line: the
 * text moves with the services. A message that quotes a position (`compose.yaml:12`) keeps the
 * file only.
 */
function observable(r: ConvertResult): { outputs: string[]; diagnostics: string[] } {
  return {
    outputs: r.outputs.map((o) => `${o.path}\n${o.contents}`),
    diagnostics: r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path ?? ''} ${d.message.replace(/\.yaml:\d+(:\d+)?/g, '.yaml')}`).sort(),
  };
}

async function run(doc: unknown, target: Target, options: Partial<ConvertOptions> = {}): Promise<ConvertResult> {
  return convert({ host: memoryHost(withFiles(doc), DIR), env: {}, target, ...options });
}

async function expectOrderFree(doc: Doc, target: Target, options: Partial<ConvertOptions> = {}): Promise<ConvertResult> {
  const a = await run(doc, target, options);
  for (const other of reorders(doc)) expect(observable(await run(other, target, options))).toEqual(observable(a));
  return a;
}

/**
 * Known loader bug, not of the targets: an env file read by two services, once with
 * `format: raw`, is parsed in the format of whichever service comes first. Such files are
 * left out here.
 */
function readsRawEnvFile(doc: Doc): boolean {
  return JSON.stringify(doc).includes('"format":"raw"');
}

describe('02-model: reordering services changes no output of any target', () => {
  for (const target of ['ecs', 'cloudformation', 'kubernetes'] as const) {
    it(
      `${target}, both layouts, both launch types (generated files)`,
      async () => {
        await fc.assert(
          fc.asyncProperty(
            ecsComposeFile().filter((d) => !readsRawEnvFile(d as Doc)),
            fc.constantFrom('service' as const, 'project' as const),
            fc.constantFrom('FARGATE' as const, 'EC2' as const),
            async (doc, layout, launchType) => {
              await turn();
              await expectOrderFree(doc as Doc, target, { layout, launchType });
            },
          ),
          params(15),
        );
      },
      timeoutFor(15, 200),
    );
  }
});

describe('02-model: cases the generated files rarely reach', () => {
  const shop: Doc = {
    name: 'shop',
    'x-ecs': { launch_type: 'FARGATE' },
    services: {
      web: { image: 'example/web:1', mem_limit: '256m', ports: ['80:80'], depends_on: ['api'], 'x-ecs': { routing: { path: '/*' } } },
      api: { image: 'example/api:1', mem_limit: '256m', ports: ['8080:8080', '9000-9003/udp'], depends_on: ['redis'], 'x-ecs': { routing: { path: '/api/*' } } },
      admin: { image: 'example/admin:1', mem_limit: '256m', ports: ['8081:8081'], 'x-ecs': { routing: { path: '/api/admin/*' } } },
      redis: { image: 'redis:7', mem_limit: '128m', expose: ['6379'] },
    },
  };

  it('ALB listener rules: priorities by how specific a rule is, not by file order', async () => {
    const r = await expectOrderFree(shop, 'cloudformation');
    const template = JSON.parse(r.outputs[0]?.contents ?? '{}') as { Resources: Record<string, { Properties: { Priority?: number } }> };
    const priority = (id: string) => template.Resources[`${id}ListenerRule`]?.Properties.Priority;
    expect([priority('Admin'), priority('Api'), priority('Web')]).toEqual([1, 2, 50000]);
  });

  it('tasks shared through x-ecs.task, with settings that disagree (the later by name wins)', async () => {
    const doc: Doc = {
      services: {
        web: { image: 'nginx', mem_limit: '64m', 'x-ecs': { task: 'front', task_role_arn: 'arn:aws:iam::1:role/web' } },
        proxy: { image: 'nginx', mem_limit: '64m', 'x-ecs': { task: 'front', task_role_arn: 'arn:aws:iam::1:role/proxy' } },
        db: { image: 'postgres:16', mem_limit: '64m' },
      },
    };
    for (const target of ['ecs', 'cloudformation'] as const) await expectOrderFree(doc, target);
    const r = await run(doc, 'ecs');
    const td = r.outputs.find((o) => o.path === 'front.task-definition.json')?.value as { taskRoleArn: string; containerDefinitions: { name: string }[] };
    expect(td.containerDefinitions.map((c) => c.name)).toEqual(['proxy', 'web']);
    expect(td.taskRoleArn).toBe('arn:aws:iam::1:role/web');
  });

  it('overlapping depends_on cycles, in project layout', async () => {
    const doc: Doc = { services: { a: { image: 'nginx', depends_on: ['b'] }, b: { image: 'nginx', depends_on: ['a', 'c'] }, c: { image: 'nginx', depends_on: ['a', 'b'] } } };
    for (const target of ['ecs', 'cloudformation', 'kubernetes'] as const) await expectOrderFree(doc, target, { layout: 'project' });
  });

  it('Kubernetes: two services that become one name, volumes shared by several services', async () => {
    await expectOrderFree({ services: { my_web: { image: 'x' }, 'my-web': { image: 'x' } } }, 'kubernetes');
    await expectOrderFree(
      {
        services: {
          b: { image: 'x', volumes: ['data:/d'], labels: { 'kompose.volume.size': '2Gi' } },
          a: { image: 'x', volumes: ['data:/d'], labels: { 'kompose.volume.size': '3Gi' } },
          c: { image: 'x', volumes: ['logs:/l'] },
        },
        volumes: { data: {}, logs: {} },
      },
      'kubernetes',
    );
  });
});
