/**
 * Every fixture of the repository, whatever its target, run through the ECS target in both
 * layouts and on both launch types: the backend never throws, every document it writes
 * passes the ECS API shapes of @aws-sdk/client-ecs, and the documents of a project hold
 * together as the ECS API reference requires (validators/ecs-semantics.ts).
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { listFixtures } from '../../support/fixtures.js';
import { validateCreateService, validateRegisterTaskDefinition, validateRunTask } from '../../validators/ecs.js';
import { checkEcsDocuments } from '../../validators/ecs-semantics.js';

const variants: Partial<ConvertOptions>[] = [
  { layout: 'service' },
  { layout: 'project' },
  { layout: 'service', launchType: 'FARGATE' },
];

describe('the ECS target on every fixture', () => {
  for (const fx of listFixtures()) {
    it(fx.name, async () => {
      for (const v of variants) {
        const { spec } = fx;
        const { outputs, diagnostics } = await convert({
          host: fx.host,
          env: spec.env ?? {},
          ...(spec.files ? { files: spec.files } : {}),
          ...(spec.envFiles ? { envFiles: spec.envFiles } : {}),
          ...(spec.profiles ? { profiles: spec.profiles } : {}),
          ...(spec.projectName ? { projectName: spec.projectName } : {}),
          ...(spec.projectDirectory ? { projectDirectory: spec.projectDirectory } : {}),
          ...(spec.allowOutsideProject ? { allowOutsideProject: true } : {}),
          ...v,
          target: 'ecs',
        });
        expect(diagnostics.filter((d) => d.code === 'INTERNAL_ERROR'), `${fx.name} ${JSON.stringify(v)}`).toEqual([]);
        for (const o of outputs) {
          const problems = o.path.endsWith('.service.json') ? validateCreateService(o.value) : o.path.endsWith('.run-task.json') ? validateRunTask(o.value) : validateRegisterTaskDefinition(o.value);
          expect(problems, `${fx.name} ${JSON.stringify(v)}: ${o.path}`).toEqual([]);
          expect(o.contents).toBe(JSON.stringify(o.value, null, 2) + '\n');
        }
        expect(checkEcsDocuments(outputs, diagnostics), `${fx.name} ${JSON.stringify(v)}`).toEqual([]);
      }
    });
  }
});
