/**
 * The YAML template written a part at a time (template-yaml.ts): its parts make exactly the
 * text the YAML writer makes of the whole sorted template, and the `yaml` Document writes, and
 * the output built on them reads as { path, value, contents } like every other output.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sortKeys } from '../../../src/backends/backend.js';
import { templateYamlParts } from '../../../src/backends/cloudformation/template-yaml.js';
import { Template } from '../../../src/backends/cloudformation/template.js';
import { yamlText, yamlTextByDocument, yamlWriter } from '../../../src/backends/yaml-text.js';
import { convert } from '../../../src/convert.js';
import { ROOT } from '../../cli/cli-harness.js';

const joined = (t: Template): string => [...templateYamlParts(t, yamlWriter())].join('');
const whole = (t: Template): unknown => sortKeys(t.toJSON());

describe('CloudFormation template YAML, a part at a time: byte for byte the YAML of the whole template', () => {
  it('an empty template: no Parameters, Conditions or Outputs, and Resources: {}', () => {
    const t = new Template('empty');
    expect(joined(t)).toBe(yamlText(whole(t)));
    expect(joined(t)).toBe(yamlTextByDocument(whole(t)));
  });

  it('every section, keys out of order, index-like keys first, texts YAML 1.1 reads as other types, scripts', () => {
    const t = new Template('shop: "quotes", on, 日本 🚀');
    t.parameter('Zeta', { Type: 'String', Default: 'on' });
    t.parameter('10', { Type: 'String' });
    t.parameter('9', { Type: 'Number', Default: 9 });
    t.parameter('Alpha', { Description: 'café', Type: 'String', AllowedValues: ['1_000', 'a'] });
    t.condition('Create', { 'Fn::Equals': [{ Ref: 'Zeta' }, ''] });
    t.condition('4294967295', { 'Fn::Not': [{ Condition: 'Create' }] });
    t.resource('Web', 'AWS::ECS::Service', { Zed: [3, { b: 1, a: [] }], Alpha: {}, Missing: undefined, List: [undefined, null, 'x'] }, { dependsOn: ['Db', 'Cache', 'Db'], condition: 'Create' });
    t.resource('Db', 'AWS::ECS::TaskDefinition', { ContainerDefinitions: [{ Name: 'db', Command: ['set -e\nprintf %s "$X" > /a\nchmod 0444 /a', '  two\n'], Environment: [{ Name: 'PASSWORD', Value: '${x}\n\n' }] }] });
    t.output('WebArn', { Ref: 'Web' }, 'the service', 'Create');
    t.output('0', 'zero', 'an index-like output');
    const text = joined(t);
    expect(text).toBe(yamlText(whole(t)));
    expect(text).toBe(yamlTextByDocument(whole(t)));
    expect(parse(text, { version: '1.1' })).toEqual(JSON.parse(JSON.stringify(whole(t))));
  });

  it('an entry the direct writer leaves to the yaml Document is written by it in place (a control character, a multi-line key)', () => {
    const t = new Template('mixed');
    t.resource('A', 'AWS::Logs::LogGroup', { Name: 'bell\x07' });
    t.resource('B', 'AWS::Logs::LogGroup', { 'two\nlines': 'x' });
    t.resource('C', 'AWS::Logs::LogGroup', { Name: 'plain\ntext' });
    expect(joined(t)).toBe(yamlTextByDocument(whole(t)));
  });

  it('each entry of a section is a part of its own (a writer never needs the whole text)', () => {
    const t = new Template('parts');
    for (let i = 0; i < 5; i++) t.resource(`R${i}`, 'AWS::Logs::LogGroup', { RetentionInDays: i + 1 });
    const parts = [...templateYamlParts(t, yamlWriter())];
    expect(parts.filter((p) => p.includes('AWS::Logs::LogGroup'))).toHaveLength(5);
  });
});

describe('CloudFormation YAML output (--format yaml): contents, value and parts agree', () => {
  it('parts() joined is contents and the golden; value is the sorted template; the output reads as { path, value, contents }', async () => {
    const { outputs } = await convert({ files: [join(ROOT, 'fixtures', 'cfn-yaml', 'compose.yaml')], target: 'cloudformation', backendOptions: { format: 'yaml' } });
    const out = outputs[0]!;
    expect(out.parts).toBeTypeOf('function');
    const fromParts = [...out.parts!()].join('');
    expect(out.contents).toBe(fromParts);
    expect(out.value).toEqual(parse(out.contents, { version: '1.1' }));
    expect(Object.keys(out).sort()).toEqual(['contents', 'path', 'value']);
    expect([...out.parts!()]).toEqual([out.contents]);
    const expected = readFileSync(join(ROOT, 'fixtures', 'cfn-yaml', 'expected', 'cloudformation', out.path), 'utf8');
    expect(fromParts).toBe(expected);
  });
});
