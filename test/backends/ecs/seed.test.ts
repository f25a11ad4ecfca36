/**
 * The seed article ("Docker cluster management on AWS", 2016): its QA stack runs from one
 * task definition with links, and its production boot service is exactly the task and service
 * definitions the article registers by hand.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, isMap, isScalar, visit } from 'yaml';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { FIXTURES, MOUNT } from '../../support/fixtures.js';

const composeOf = (fixture: string): string => readFileSync(join(FIXTURES, fixture, 'compose.yaml'), 'utf8');

async function run(text: string, options: Partial<ConvertOptions>) {
  const host = memoryHost({ [`${MOUNT}/compose.yaml`]: text }, MOUNT);
  return convert({ host, env: {}, target: 'ecs', ...options });
}

const json = (contents: string): unknown => JSON.parse(contents);

/**
 * The same YAML with the keys of every mapping in reverse order (sequences keep theirs), except
 * under `keep`: the mappings whose order the output follows on purpose (services → the order of
 * containerDefinitions, depends_on → the order of dependsOn, both as written).
 */
function reorderKeys(text: string, keep: readonly string[] = []): string {
  const doc = parseDocument(text);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && keep.includes(String(pair.key.value)) && isMap(pair.value)) {
        // Reverse the mapping's own children, then restore its order after the visit reverses it.
        pair.value.items.reverse();
      }
    },
    Map(_, node) {
      node.items.reverse();
    },
  });
  return doc.toString();
}

describe('seed article: the QA stack (fixtures/seed-qa) in project layout', () => {
  it('gives one task definition holding web-python, boot and redis, web-python linked to redis and boot', async () => {
    const { outputs, diagnostics } = await run(composeOf('seed-qa'), { layout: 'project' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const tds = outputs.filter((o) => o.path.endsWith('.task-definition.json'));
    expect(tds.map((o) => o.path)).toEqual(['multi-env.task-definition.json']);
    const td = json(tds[0]!.contents) as { containerDefinitions: { name: string; links?: string[]; portMappings?: unknown[] }[] };
    // By service name: the compose `services` mapping has no order (02-model).
    expect(td.containerDefinitions.map((c) => c.name)).toEqual(['boot', 'redis', 'web-python']);
    const web = td.containerDefinitions.find((c) => c.name === 'web-python')!;
    expect(web.links).toEqual(['redis', 'boot']);
    expect(web.portMappings).toEqual([{ containerPort: 5000, hostPort: 5000 }]);
  });
});

describe('seed article: the production boot service (fixtures/seed-boot) in service layout', () => {
  it('gives exactly the task definition of the article, plus the awslogs logs issue 19 keeps (the article lost them)', async () => {
    const { outputs, diagnostics } = await run(composeOf('seed-boot'), { layout: 'service', region: 'eu-west-1' });
    // The one finding: the log group must exist before the task starts.
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['ECS_LOG_GROUP', 'info']]);
    expect(outputs.map((o) => o.path)).toEqual(['boot.task-definition.json', 'boot.service.json']);
    expect(json(outputs[0]!.contents)).toEqual({
      family: 'boot',
      containerDefinitions: [
        {
          name: 'boot',
          image: 'laszlocph/spring-boot-dummy:exposed',
          cpu: 300,
          memory: 300,
          essential: true,
          portMappings: [{ containerPort: 8080, hostPort: 8080 }],
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/project', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'boot' } },
        },
      ],
      volumes: [],
    });
  });

  it('gives exactly the service definition of the article (without its one-off clientToken)', async () => {
    const { outputs } = await run(composeOf('seed-boot'), { layout: 'service' });
    expect(json(outputs[1]!.contents)).toEqual({
      cluster: 'cluster01',
      serviceName: 'boot',
      // Issue 17: the family (its latest ACTIVE revision), not the article's boot:1, which no longer exists after a second registration.
      taskDefinition: 'boot',
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:782027979363:targetgroup/target01/03f4ca3155c8db4a',
          containerName: 'boot',
          containerPort: 8080,
        },
      ],
      desiredCount: 2,
      role: 'ecsServiceRole',
      deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 50 },
    });
  });
});

describe('seed article: determinism', () => {
  for (const [fixture, layout] of [['seed-boot', 'service'], ['seed-qa', 'project']] as const) {
    it(`${fixture}: two runs give byte-identical output`, async () => {
      const a = await run(composeOf(fixture), { layout });
      const b = await run(composeOf(fixture), { layout });
      expect(b.outputs.map((o) => [o.path, o.contents])).toEqual(a.outputs.map((o) => [o.path, o.contents]));
    });
  }

  it('seed-boot: reordering the keys of every mapping in the input changes no byte of the output', async () => {
    const text = composeOf('seed-boot');
    const reordered = reorderKeys(text);
    expect(reordered).not.toBe(text);
    const a = await run(text, { layout: 'service', region: 'eu-west-1' });
    const b = await run(reordered, { layout: 'service', region: 'eu-west-1' });
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(b.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(b.outputs.map((o) => [o.path, o.contents])).toEqual(a.outputs.map((o) => [o.path, o.contents]));
  });

  it('seed-qa: reordering the keys inside each service (services and depends_on keep their order) changes no byte', async () => {
    const text = composeOf('seed-qa');
    const reordered = reorderKeys(text, ['services', 'depends_on']);
    expect(reordered).not.toBe(text);
    const a = await run(text, { layout: 'project' });
    const b = await run(reordered, { layout: 'project' });
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(b.outputs.map((o) => [o.path, o.contents])).toEqual(a.outputs.map((o) => [o.path, o.contents]));
  });
});
