import { describe, expect, it } from 'vitest';
import { fixtureLoadOptions, listFixtures, golden, MOUNT } from './support/fixtures.js';
import { loadProject } from '../src/loader/load-project.js';
import { toComposeDocument } from '../src/loader/compose-document.js';
import type { Diagnostic } from '../src/diagnostics/types.js';
import { convert, type ConvertOptions } from '../src/convert.js';
import { validateCreateService, validateRegisterTaskDefinition, validateRunTask } from './validators/ecs.js';
import { validateManifest } from './validators/kubernetes.js';
import { createCfnValidator, type CfnValidator } from './validators/cloudformation.js';
import { parse as parseYaml } from 'yaml';
import { afterAll } from 'vitest';
import type { Fixture } from './support/fixtures.js';

/** The part of a diagnostic a golden file pins: code, severity and position, not wording. */
function pinned(d: Diagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    ...(d.file ? { file: d.file.startsWith(MOUNT + '/') ? d.file.slice(MOUNT.length + 1) : d.file } : {}),
    ...(d.line !== undefined ? { line: d.line, column: d.column } : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
  };
}

describe('fixtures: compose files → normalized model or diagnostics (golden files)', () => {
  for (const fx of listFixtures()) {
    it(`${fx.name}${fx.spec.description ? `: ${fx.spec.description}` : ''}`, async () => {
      const { project, diagnostics } = await loadProject(fixtureLoadOptions(fx));
      expect(diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
      const diag = JSON.stringify(diagnostics.map(pinned), null, 2) + '\n';
      const hasErrors = diagnostics.some((d) => d.severity === 'error');
      const expectedDiag = golden(fx, 'diagnostics.json', diag);
      expect(expectedDiag, `${fx.name}: expected/diagnostics.json is missing (UPDATE_GOLDEN=1 writes it)`).toBeDefined();
      expect(diag).toBe(expectedDiag);
      if (!hasErrors) {
        expect(project).toBeDefined();
        const config = JSON.stringify(toComposeDocument(project!), null, 2) + '\n';
        const expectedConfig = golden(fx, 'config.json', config);
        expect(expectedConfig, `${fx.name}: expected/config.json is missing`).toBeDefined();
        expect(config).toBe(expectedConfig);
      }
      if (fx.spec.convert) await checkConvert(fx);
    });
  }
});


let cfn: Promise<CfnValidator> | undefined;
afterAll(async () => (cfn ? (await cfn).dispose() : undefined));

/** Every emitted document must pass its real validator: the ECS API shapes, AWS's CloudFormation validator, kubernetes-models. */
async function validateOutput(target: string, path: string, contents: string): Promise<unknown[]> {
  if (target === 'ecs' && path.endsWith('.task-definition.json')) return validateRegisterTaskDefinition(JSON.parse(contents));
  if (target === 'ecs' && path.endsWith('.service.json')) return validateCreateService(JSON.parse(contents));
  if (target === 'ecs' && path.endsWith('.run-task.json')) return validateRunTask(JSON.parse(contents));
  if (target === 'cloudformation') {
    cfn ??= createCfnValidator();
    return (await cfn).validate(contents, path);
  }
  if (target === 'kubernetes') {
    const docs = path.endsWith('.json') ? [JSON.parse(contents)] : contents.split(/^---$/m).filter((d) => d.trim()).map((d) => parseYaml(d));
    const problems: string[] = [];
    for (const d of docs) problems.push(...(await validateManifest(d)));
    return problems;
  }
  return [];
}

/**
 * A fixture with `convert` in case.json is also compiled: its diagnostics and every output are
 * golden files under expected/<target>/, and every output passes its validator.
 */
async function checkConvert(fx: Fixture): Promise<void> {
  const c = fx.spec.convert as Partial<ConvertOptions> & { target?: string };
  const target = (c.target ?? 'ecs') as ConvertOptions['target'];
  const { outputs, diagnostics } = await convert({ ...fixtureLoadOptions(fx), ...c, target } as ConvertOptions);
  expect(diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
  const dir = String(target);
  const diag = JSON.stringify(diagnostics.map(pinned), null, 2) + '\n';
  const expectedDiag = golden(fx, `${dir}/diagnostics.json`, diag);
  expect(expectedDiag, `${fx.name}: expected/${dir}/diagnostics.json is missing`).toBeDefined();
  expect(diag).toBe(expectedDiag);
  const index = JSON.stringify(outputs.map((o) => o.path), null, 2) + '\n';
  expect(index).toBe(golden(fx, `${dir}/outputs.json`, index));
  for (const o of outputs) {
    expect(o.contents, `${fx.name}: ${o.path}`).toBe(golden(fx, `${dir}/${o.path}`, o.contents));
    expect(await validateOutput(dir, o.path, o.contents), `${fx.name}: ${o.path} against its validator`).toEqual([]);
  }
}
