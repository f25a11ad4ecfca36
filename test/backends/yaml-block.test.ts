import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { blockYaml } from '../../src/backends/yaml-block.js';
import { yamlText, yamlTextByDocument } from '../../src/backends/yaml-text.js';

// Texts near every rule of the decision table (yaml's plainString and quotedString, YAML 1.1
// types, YAML 1.2 core schema §10.3): indicators at the start, `: ` and ` #` inside, quotes
// of either kind, typed-looking words and numbers, and what the table leaves to `yaml`.
const TEXTS = [
  'web', 'nginx:1.27', 'daemon off;', 'a: b', 'a:b', 'a #b', 'a#b', 'x:', ' lead', 'trail ', '-', '-x', '- x', '?', '? x', '?x',
  ':x', '#x', '&a', '*a', '!t', '|', '>', "'q", '"q', 'say "hi"', "it's", `both ' and "`, '%x', '@x', '`x', ',x', '[x', '{x', 'x]',
  'on', 'Off', 'y', 'yes', 'NO', 'true', 'null', '~', '', '1', '-1', '+1', '0x1F', '0o17', '017', '1_000', '1:20', '1.5', '.5', '.inf',
  '-.Inf', '.NaN', '2001-12-14', '1e3', '<<', '=', '80', '8080/tcp', '0.0.0.0', '10.0.0.1:80', '$HOME', 'a b  c', 'tab\there',
  'multi\nline', 'trailing\n', ' \nx', 'ctl\x01', 'del\x7f', '---', '--- x', '...', 'a\n---', '%YAML', 'x'.repeat(1100), 'ünïcödé', '\u2028',
];

const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', 'name', 'image', '80'));
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(-0));
const data = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 5 }),
})) as { value: fc.Arbitrary<unknown>; array: fc.Arbitrary<unknown[]>; object: fc.Arbitrary<Record<string, unknown>> };

describe('direct YAML writer: the same bytes as the yaml Document it replaces (yaml-text.ts)', () => {
  it('writes every text of the table as the Document does, as a value, a key and an item', () => {
    for (const t of TEXTS) {
      const value = { v: t, [t]: [t, { [t]: t }], n: null };
      expect(yamlText(value), JSON.stringify(t)).toBe(yamlTextByDocument(value));
    }
  });

  it('writes generated data as the Document does', () => {
    fc.assert(
      fc.property(fc.oneof(data.object, data.array), (value) => {
        expect(yamlText(value)).toBe(yamlTextByDocument(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('covers plain data of the common kinds without the Document (the fast path is taken)', () => {
    const value = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: {} }, spec: { ports: [{ port: 80, name: '80' }], args: [], on: 'on', ok: true, x: null, f: 0.5 } };
    const direct = blockYaml(value, { readsAsText: (t) => !['80', 'on'].includes(t), matchesOtherTag: () => false });
    expect(direct).toBe(yamlTextByDocument(value));
    expect(parse(direct as string, { version: '1.1' })).toEqual(value);
  });

  it('leaves multi-line text, control characters and non-finite numbers to the Document', () => {
    const styles = { readsAsText: () => true, matchesOtherTag: () => false };
    for (const value of [{ a: 'x\ny' }, { a: 'x\x01' }, { a: Number.NaN }, { a: new Date(0) }, [undefined]]) expect(blockYaml(value, styles)).toBeUndefined();
  });
});
