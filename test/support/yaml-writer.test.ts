import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeFile, jsonishMapping, mutatedComposeFile } from './arbitraries.js';
import { writeYaml } from './yaml-writer.js';

// The property tests write their generated files with writeYaml (through toYaml): it must
// write YAML that reads back as the value it was given, or every property built on it
// tests something other than it claims.
const readBack = (text: string): unknown => parse(text, { version: '1.2', schema: 'core', merge: false, uniqueKeys: true });
// What a YAML reader can give back: JSON-like data, with undefined mapping values left out.
const written = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : written(x)));
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) Object.defineProperty(o, k, { value: written(x), enumerable: true, writable: true, configurable: true });
    }
    return o;
  }
  return v;
};

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(' ', '-', ':', '#', '?', ',', '[', '{', '!', '&', '*', '"', "'", '.', '0', '1', 'e', 'x', 'o', '<', '~', 'n', '\t', '\n', '%', '@'), maxLength: 6 }),
  fc.constantFrom('null', 'Null', '~', 'true', 'FALSE', '0x1F', '0o17', '.inf', '-.Inf', '.nan', '1e3', '+1', '.5', '1.', '<<', '---', '...', '- a', '-a', ':a', 'a:', 'a: b', 'a #b', 'a#b', ' a', 'a ', '', 'yes', 'on', '\u2028', '\ufeff', '\x7f', '\x85'),
);
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, anyText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(fc.oneof(tie('value'), fc.constant(undefined)), { maxLength: 4 }),
  object: fc.dictionary(anyText, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 4 }),
})).value;

describe('writeYaml: the test writer of generated files', () => {
  it('reads back as the value written, for any JSON-like value with any text', () => {
    fc.assert(fc.property(anyValue, (v) => {
      expect(readBack(writeYaml(v))).toEqual(written(v));
    }), { numRuns: 3000 });
  });

  it('reads back as the generated compose files and mappings', () => {
    fc.assert(fc.property(fc.oneof(composeFile(), mutatedComposeFile(), jsonishMapping()), (v) => {
      expect(readBack(writeYaml(v))).toEqual(written(v));
    }), { numRuns: 300 });
  });

  it('writes the block style a person would', () => {
    expect(writeYaml({ services: { web: { image: 'nginx:1.27', ports: ['80:80', { target: 443, published: '8443' }], command: [], environment: {}, x: undefined, labels: { 'a.b': 'true', c: 'yes' } } } })).toBe(
      ['services:', '  web:', '    image: nginx:1.27', '    ports:', '      - 80:80', '      - target: 443', '        published: "8443"', '    command: []', '    environment: {}', '    labels:', '      a.b: "true"', '      c: yes', ''].join('\n'),
    );
    expect(writeYaml([[1, [2]], [], { a: [{ b: null }] }])).toBe(['- - 1', '  - - 2', '- []', '- a:', '    - b: null', ''].join('\n'));
  });
});
