import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { yamlText } from '../../src/backends/yaml-text.js';

// YAML 1.1 type repository (yaml.org/type: bool, int, float, null, timestamp, merge, value)
// and the YAML 1.2 core schema (§10.3): a text value either would resolve as another type is quoted.
describe('YAML text for YAML 1.1 readers (yaml.org/type, YAML 1.2 §10.3 core schema)', () => {
  const ambiguous = ['on', 'n', 'Off', 'Y', 'yes', 'NO', 'true', 'FALSE', '1_000', '0_', '0o17', '0O17', '0X1F', '017', '0b1_0', '1:20', '190:20:30.15', '.inf', '-.Inf', '.NaN', 'null', 'Null', '~', '', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '1e3', '-1.5', '<<', '='];

  it.each(ambiguous)('quotes %j, as a value and as a key', (text) => {
    const out = yamlText({ v: text, [text]: 1 });
    expect(out).toContain(`v: "${text}"`);
    expect(parse(out, { version: '1.1' })).toEqual({ v: text, [text]: 1 });
    expect(parse(out)).toEqual({ v: text, [text]: 1 });
  });

  it.each(['plain text', '_1', 'nginx:1.25', 'arn:aws:iam::aws:policy/X', 'AWS::ECS::Service'])('leaves %j plain', (text) => {
    expect(yamlText({ v: text })).toBe(`v: ${text}\n`);
  });

  it('writes numbers and booleans themselves unquoted', () => {
    expect(yamlText({ port: 80, b: true })).toBe('port: 80\nb: true\n');
  });
});
