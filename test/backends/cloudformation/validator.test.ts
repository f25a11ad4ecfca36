/**
 * The golden fixtures trust AWS's validator to reject a broken template. These tests break
 * templates this backend emitted, one way each, and check that the validator says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCfnValidator, type CfnFinding, type CfnValidator } from '../../validators/cloudformation.js';
import { compile, type Json } from './compile.js';

let cfn: CfnValidator;
let base: Json;
beforeAll(async () => {
  cfn = await createCfnValidator();
  const c = await compile(`name: shop
x-ecs: { launch_type: FARGATE }
services:
  web:
    image: example/web:1.0.0
    ports: ["80:8080"]
    x-ecs: { autoscaling: { max: 4, cpu_percent: 60 } }
`);
  base = c.template;
});
afterAll(() => cfn.dispose());

/** A deep copy of the emitted template, changed by `edit`, and what the validator finds in it. */
async function broken(edit: (t: Json) => void): Promise<CfnFinding[]> {
  const t = structuredClone(base);
  edit(t);
  return cfn.validate(t);
}

const ids = (fs: CfnFinding[]) => fs.map((f) => `${f.ruleId} ${f.logicalId ?? ''}`);

describe('AWS\'s validator on templates this backend emits', () => {
  it('accepts the template as emitted', async () => {
    expect(await cfn.validate(base)).toEqual([]);
  });

  it('catches a deleted required property (ScalableTarget MaxCapacity, ListenerRule Priority, a container\'s Image)', async () => {
    const found = await broken((t) => {
      delete t.Resources.WebScalableTarget.Properties.MaxCapacity;
      delete t.Resources.WebListenerRule.Properties.Priority;
      delete t.Resources.WebTaskDefinition.Properties.ContainerDefinitions[0].Image;
    });
    const onResources = found.filter((f) => f.resourceType !== undefined);
    expect(onResources.map((f) => f.logicalId).sort()).toEqual(['WebListenerRule', 'WebScalableTarget', 'WebTaskDefinition']);
    expect(onResources.every((f) => f.severity === 'FATAL' || f.severity === 'ERROR')).toBe(true);
    // Without its Image, the task definition no longer uses the image tag parameter: found too.
    expect(found.map((f) => f.logicalId)).toContain('WebImageTag');
  });

  it('catches an unknown property (F3002)', async () => {
    const found = await broken((t) => {
      t.Resources.WebService.Properties.PlacementStrategy = [{ Type: 'spread', Field: 'instanceId' }];
    });
    expect(ids(found)).toContain('F3002 WebService');
  });

  it('catches a value of the wrong type (DesiredCount "two")', async () => {
    const found = await broken((t) => {
      t.Resources.WebService.Properties.DesiredCount = 'two';
    });
    expect(found.map((f) => f.logicalId)).toContain('WebService');
  });

  it('catches a reference to a resource that does not exist', async () => {
    const found = await broken((t) => {
      t.Resources.WebService.Properties.TaskDefinition = { Ref: 'NoSuchTaskDefinition' };
    });
    expect(found.map((f) => f.logicalId)).toContain('WebService');
  });

  it('catches an unused parameter (what the backend avoids by creating parameters only on use)', async () => {
    const found = await broken((t) => {
      t.Parameters.Unused = { Type: 'String', Default: '' };
    });
    expect(found.length).toBeGreaterThan(0);
  });

  it('catches an invalid Fargate size (Cpu 256 with Memory 4096)', async () => {
    const found = await broken((t) => {
      t.Resources.WebTaskDefinition.Properties.Memory = '4096';
    });
    expect(found.map((f) => f.logicalId)).toContain('WebTaskDefinition');
  });
});
