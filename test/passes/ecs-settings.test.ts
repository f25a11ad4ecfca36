import { describe, expect, it } from 'vitest';
import { build, context, found, withCode } from './build-ir.js';
import { modelPath } from '../../src/passes/context.js';
import { effectiveServiceSettings, layer, projectSettings, serviceSettings, settingPath } from '../../src/passes/ecs-settings.js';

const web = (xecs: string): string => `services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    x-ecs:\n${xecs}`;

describe('x-ecs is checked against schemas/x-ecs.schema.json, with positions', () => {
  it('a typo in a service’s x-ecs → COMPOSE_UNKNOWN_KEY at the key, with the closest key', async () => {
    const { diagnostics } = await build(web('      container_memry: 128\n'));
    expect(found(diagnostics)).toEqual([{ code: 'COMPOSE_UNKNOWN_KEY', severity: 'error', line: 6, column: 7, path: '/services/web/x-ecs/container_memry' }]);
    expect(diagnostics[0]?.message).toBe("services.web.x-ecs.container_memry: unknown key; did you mean 'container_memory'?");
  });

  it('a typo in the top-level x-ecs, named as written (x-ecs.…, not extensions)', async () => {
    const { diagnostics } = await build('services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  lauch_type: FARGATE\n');
    expect(found(diagnostics)).toEqual([{ code: 'COMPOSE_UNKNOWN_KEY', severity: 'error', line: 6, column: 3, path: '/x-ecs/lauch_type' }]);
    expect(diagnostics[0]?.message).toBe("x-ecs.lauch_type: unknown key; did you mean 'launch_type'?");
  });

  it('a value outside an enum is an error at the value', async () => {
    const { diagnostics } = await build(web('      launch_type: FARGTE\n'));
    expect(found(diagnostics).map((d) => [d.severity, d.line, d.column, d.path])).toEqual([['error', 6, 20, '/services/web/x-ecs/launch_type']]);
  });

  it('an invalid x-ecs is left out as a whole (the error stops the conversion)', async () => {
    const { ir } = await build(web('      launch_type: FARGATE\n      container_memry: 1\n'));
    expect(ir.tasks[0]?.launchType).toBe('EC2');
  });
});

describe('keys at the wrong level are reported and really ignored', () => {
  it('service-only keys at the top level (essential, container_memory, depends_on, …) → a warning each, and no effect', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    mem_limit: 64m\nx-ecs:\n  essential: false\n  container_memory: 2048\n  depends_on: [{ container_name: web, condition: START }]\n';
    const { ir, diagnostics } = await build(text);
    expect(found(diagnostics)).toEqual([
      { code: 'ECS_INVALID', severity: 'warning', line: 6, column: 14, path: '/x-ecs/essential' },
      { code: 'ECS_INVALID', severity: 'warning', line: 7, column: 21, path: '/x-ecs/container_memory' },
      { code: 'ECS_INVALID', severity: 'warning', line: 8, column: 15, path: '/x-ecs/depends_on' },
    ]);
    expect(ir.services.web?.essential).toBe(true);
    expect(ir.services.web?.resources.memory).toBe(64);
    expect(ir.services.web?.dependsOn).toEqual([]);
  });

  it('project-only keys in a service (layout, defaults, volumes) → a warning each, and no effect', async () => {
    const { ir, diagnostics } = await build('services:\n  web:\n    image: nginx\n    x-ecs:\n      layout: project\n      defaults: { memory: 128 }\n  db:\n    image: postgres\n    mem_limit: 64m\n');
    expect(found(withCode(diagnostics, 'ECS_INVALID'))).toEqual([
      { code: 'ECS_INVALID', severity: 'warning', line: 5, column: 15, path: '/services/web/x-ecs/layout' },
      { code: 'ECS_INVALID', severity: 'warning', line: 6, column: 17, path: '/services/web/x-ecs/defaults' },
    ]);
    expect(ir.layout).toBe('service');
    // The default soft reservation, not the 128 MiB hard limit the misplaced defaults asked for.
    expect(ir.services.web?.resources).toEqual({ memoryReservation: 256 });
  });

  it('registry, image_tag and region are read only at the top level', async () => {
    const { ir, diagnostics } = await build('services:\n  web:\n    build: .\n    x-ecs:\n      registry: r.example.com\n      region: eu-west-1\n');
    expect(found(withCode(diagnostics, 'ECS_INVALID')).map((d) => d.path)).toEqual(['/services/web/x-ecs/registry', '/services/web/x-ecs/region']);
    expect(ir.services.web?.builtImage).toBeUndefined();
    expect(ir.region).toBeUndefined();
  });
});

describe('layering: migrations < top-level x-ecs < service x-ecs < CLI flags', () => {
  it('layer: mappings merge deeply, scalars and lists of the upper layer replace', () => {
    expect(layer({ service: { cluster: 'a', desired_count: 1 }, tags: { a: '1' }, placement_constraints: [{ type: 'distinctInstance' }] }, { service: { desired_count: 2 }, placement_constraints: [] })).toEqual({
      service: { cluster: 'a', desired_count: 2 },
      tags: { a: '1' },
      placement_constraints: [],
    });
    expect(layer(undefined, { family: 'f' })).toEqual({ family: 'f' });
    expect(layer({ family: 'f' }, undefined)).toEqual({ family: 'f' });
  });

  it('a service’s settings are the project’s with its own on top', async () => {
    const { ir } = await build(web('      service: { desired_count: 3 }\n      launch_type: FARGATE\n') + 'x-ecs:\n  launch_type: EC2\n  service: { cluster: main, desired_count: 1 }\n');
    expect(ir.services.web?.settings.launch_type).toBe('FARGATE');
    expect(ir.services.web?.settings.service).toEqual({ cluster: 'main', desired_count: 3 });
    expect(ir.settings.launch_type).toBe('EC2');
  });

  it('migrations (ecs-params.yml, x-aws-*) lie under x-ecs, at both levels', async () => {
    const { ctx } = await context(web('      family: from-x-ecs\n') + 'x-ecs:\n  launch_type: EC2\n', {
      baseSettings: { launch_type: 'FARGATE', task_role_arn: 'arn:aws:iam::1:role/r' },
      baseServiceSettings: { web: { family: 'from-params', container_cpu: 256 } },
    });
    expect(projectSettings(ctx)).toEqual({ launch_type: 'EC2', task_role_arn: 'arn:aws:iam::1:role/r' });
    expect(serviceSettings(ctx, 'web')).toEqual({ family: 'from-x-ecs', container_cpu: 256 });
  });

  it('flags (--layout, --launch-type, --cluster) win over every file; other service keys stay', async () => {
    const { ctx } = await context('services:\n  web:\n    image: nginx\nx-ecs:\n  layout: service\n  launch_type: EC2\n  service: { cluster: files, desired_count: 2 }\n', {
      layout: 'project',
      launchType: 'FARGATE',
      cluster: 'cli',
      baseSettings: { launch_type: 'EXTERNAL' },
    });
    expect(projectSettings(ctx)).toEqual({ layout: 'project', launch_type: 'FARGATE', service: { cluster: 'cli', desired_count: 2 } });
  });

  it('effectiveServiceSettings keeps the project’s defaults (what a service without a value gets), not layout or volumes', () => {
    const project = { layout: 'project' as const, volumes: { data: { host_path: '/d' } }, defaults: { memory: 256 }, family: 'f' };
    expect(effectiveServiceSettings(project, { essential: false, defaults: { cpu: 1 } })).toEqual({ defaults: { memory: 256 }, family: 'f', essential: false });
  });
});

describe('settingPath: where a task-level setting was written, for positioned diagnostics', () => {
  it('the last service of the task that sets it, else the top level', async () => {
    const { ctx } = await context('services:\n  a:\n    image: nginx\n    x-ecs: { cpu: 256 }\n  b:\n    image: nginx\n    x-ecs: { cpu: 512 }\n  c:\n    image: nginx\n');
    expect(settingPath(ctx, ['a', 'b', 'c'], 'cpu')).toEqual(['services', 'b', 'x-ecs', 'cpu']);
    expect(settingPath(ctx, ['c'], 'cpu')).toEqual(['x-ecs', 'cpu']);
  });
});

describe('modelPath: x-* keys as written → where the model keeps them (extensions)', () => {
  it('top-level and service-level x- keys get the extensions segment; deeper ones do not', () => {
    expect(modelPath(['x-ecs', 'cpu'])).toEqual(['extensions', 'x-ecs', 'cpu']);
    expect(modelPath(['services', 'web', 'x-ecs', 'task'])).toEqual(['services', 'web', 'extensions', 'x-ecs', 'task']);
    expect(modelPath(['services', 'web', 'labels', 'x-y'])).toEqual(['services', 'web', 'labels', 'x-y']);
  });
});
