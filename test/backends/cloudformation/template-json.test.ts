/**
 * The JSON template written a part at a time (template-json.ts): its parts make exactly the
 * text stableJson writes for the whole template, and the output built on them reads as
 * { path, value, contents } like every other output.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '../../../src/backends/backend.js';
import { templateJsonParts } from '../../../src/backends/cloudformation/template-json.js';
import { Template } from '../../../src/backends/cloudformation/template.js';
import { convert } from '../../../src/convert.js';
import { ROOT } from '../../cli/cli-harness.js';

const joined = (t: Template): string => [...templateJsonParts(t)].join('');

describe('CloudFormation template text, a part at a time: byte for byte stableJson of the template', () => {
  it('an empty template: no Parameters, Conditions or Outputs, and "Resources": {}', () => {
    const t = new Template('empty');
    expect(joined(t)).toBe(stableJson(t.toJSON()));
  });

  it('every section, keys out of order, index-like keys first by number, texts that JSON escapes', () => {
    const t = new Template('shop: "quotes", a tab\t, 日本 🚀 and a lone \ud800 half');
    t.parameter('Zeta', { Type: 'String', Default: 'z' });
    t.parameter('10', { Type: 'String' });
    t.parameter('9', { Type: 'Number', Default: 9 });
    t.parameter('Alpha', { Description: 'café', Type: 'String', AllowedValues: ['b', 'a'] });
    t.condition('Create', { 'Fn::Equals': [{ Ref: 'Zeta' }, ''] });
    t.condition('4294967295', { 'Fn::Not': [{ Condition: 'Create' }] });
    t.resource('Web', 'AWS::ECS::Service', { Zed: [3, { b: 1, a: [] }], Alpha: {}, Missing: undefined, List: [undefined, null, 'x'] }, { dependsOn: ['Db', 'Cache', 'Db'], condition: 'Create' });
    t.resource('Db', 'AWS::ECS::TaskDefinition', { ContainerDefinitions: [{ Name: 'db', Environment: [{ Name: 'PASSWORD', Value: '${x}\n' }] }] });
    t.output('WebArn', { Ref: 'Web' }, 'the service', 'Create');
    t.output('0', 'zero', 'an index-like output');
    const text = joined(t);
    expect(text).toBe(stableJson(t.toJSON()));
    expect(JSON.parse(text)).toEqual(JSON.parse(stableJson(t.toJSON())));
  });

  it('each entry of a section is a part of its own (a writer never needs the whole text)', () => {
    const t = new Template('parts');
    for (let i = 0; i < 5; i++) t.resource(`R${i}`, 'AWS::Logs::LogGroup', { RetentionInDays: i + 1 });
    const parts = [...templateJsonParts(t)];
    expect(parts.filter((p) => p.includes('AWS::Logs::LogGroup'))).toHaveLength(5);
  });
});

describe('CloudFormation JSON output: contents, value and parts agree', () => {
  it('parts() joined is contents; value is JSON.parse(contents); the output reads as { path, value, contents }', async () => {
    const { outputs } = await convert({ files: [join(ROOT, 'fixtures', 'cfn-fargate-shop', 'compose.yaml')], target: 'cloudformation' });
    const out = outputs[0]!;
    expect(out.parts).toBeTypeOf('function');
    const fromParts = [...out.parts!()].join('');
    expect(out.contents).toBe(fromParts);
    expect(out.value).toEqual(JSON.parse(out.contents));
    expect(Object.keys(out).sort()).toEqual(['contents', 'path', 'value']);
    // Once the text is made, parts() gives it whole rather than making it again.
    expect([...out.parts!()]).toEqual([out.contents]);
    const expected = readFileSync(join(ROOT, 'fixtures', 'cfn-fargate-shop', 'expected', 'cloudformation', out.path), 'utf8');
    expect(fromParts).toBe(expected);
  });

  it('value and contents can be set, as on a plain output', async () => {
    const { outputs } = await convert({ files: [join(ROOT, 'fixtures', 'cfn-single', 'compose.yaml')], target: 'cloudformation' });
    const out = outputs[0]!;
    out.value = { replaced: true };
    out.contents = '{}\n';
    expect(out.value).toEqual({ replaced: true });
    expect(out.contents).toBe('{}\n');
    expect([...out.parts!()]).toEqual(['{}\n']);
  });
});
