/**
 * Property: whatever a compose file holds, the CloudFormation target never throws and every
 * template it emits passes AWS's validator and the "would it deploy" checker
 * (test/validators/cloudformation-semantics.ts). The inputs are all the golden fixtures of every
 * target (loader, ecs, kubernetes, cfn), compiled here with the CloudFormation target.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { createCfnValidator, formatCfnFindings, type CfnValidator } from '../../validators/cloudformation.js';
import { listFixtures } from '../../support/fixtures.js';
import { loadCfnRegistry, type CfnRegistry } from '../../validators/cfn-registry.js';
import { checkTemplate } from '../../validators/cloudformation-semantics.js';

let cfn: CfnValidator;
let registry: CfnRegistry;
beforeAll(async () => {
  cfn = await createCfnValidator();
  registry = loadCfnRegistry();
});
afterAll(() => cfn.dispose());

describe('every fixture through the CloudFormation target', () => {
  for (const fx of listFixtures()) {
    it(`${fx.name}: no internal error; each template valid and deployable`, async () => {
      const s = fx.spec;
      const { target: _target, backendOptions: _format, ...options } = (s.convert ?? {}) as Partial<ConvertOptions>;
      const { outputs, diagnostics } = await convert({
        host: fx.host,
        env: s.env ?? {},
        ...(s.files ? { files: s.files } : {}),
        ...(s.envFiles ? { envFiles: s.envFiles } : {}),
        ...(s.profiles ? { profiles: s.profiles } : {}),
        ...(s.projectName ? { projectName: s.projectName } : {}),
        ...(s.projectDirectory ? { projectDirectory: s.projectDirectory } : {}),
        ...options,
        target: 'cloudformation',
      } as ConvertOptions);
      expect(diagnostics.filter((d) => d.code === 'INTERNAL_ERROR').map((d) => d.message)).toEqual([]);
      for (const o of outputs) {
        expect(formatCfnFindings(await cfn.validate(o.contents, o.path)), `${fx.name}: ${o.path}`).toBe('');
        expect(checkTemplate(JSON.parse(o.contents), registry), `${fx.name}: ${o.path} would deploy`).toEqual([]);
      }
    });
  }
});
