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

// Multi-line texts near every rule of yaml's blockString: chomping from the end (`|-`, `|`,
// `|+`), an indentation indicator from leading spaces, empty and more-indented lines, a last
// line of blanks (quoted instead), document markers and `#`, `: ` inside a block.
const MULTI_LINE = [
  'set -e\nprintf \'%s\' "$X" > \'/run/secrets/a\'\nchmod 0444 \'/run/secrets/a\'', 'a\nb', 'a\nb\n', 'a\nb\n\n', 'a\n\n\nb',
  '\na', '\n\na\n', '  a\nb', ' \n a', '\n  a', 'a\n  b\n    c', 'a \nb', 'a\t\nb', '\ta\nb', 'a\n ', 'a\n\t', 'a\n \nb', '\n', '\n\n',
  ' \n', 'a:\nb', 'a: b\n# c', '- a\n- b', '---\na', 'a\n...\n', '%x\ny', '"a"\n\'b\'', 'on\n1', 'ctl\x01\nx', 'a\n\n ',
];

const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', 'name', 'image', '80'));
const lines = fc.oneof(
  fc.constantFrom(...MULTI_LINE),
  fc.array(fc.constantFrom('\n', ' ', '\t', 'a', '-', '#', ':', '|', '%'), { maxLength: 12 }).map((cs) => cs.join('')),
);
const scalar = fc.oneof(text, lines, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(-0));
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

  it('writes every multi-line text as the Document does, as a value and an item at several depths', () => {
    for (const t of MULTI_LINE) {
      const value = { v: t, a: [t, [t], { k: t, s: [{ k: t }] }], n: null };
      expect(yamlText(value), JSON.stringify(t)).toBe(yamlTextByDocument(value));
    }
  });

  it('writes multi-line text as a literal block without the Document (a template with a script is not written by yaml)', () => {
    const styles = { readsAsText: () => true, matchesOtherTag: () => false };
    const value = { Command: ['sh', 'set -e\nchmod 0444 /a'], Script: 'x\n  y\n' };
    const direct = blockYaml(value, styles);
    expect(direct).toBe(yamlTextByDocument(value));
    expect(direct).toContain('Script: |\n');
    expect(parse(direct as string, { version: '1.1' })).toEqual(value);
  });

  it('leaves multi-line keys, blank-ended blocks, control characters and non-finite numbers to the Document', () => {
    const styles = { readsAsText: () => true, matchesOtherTag: () => false };
    for (const value of [{ 'x\ny': 1 }, { a: 'x\n ' }, { a: 'x\x01' }, { a: 'x\ny\x01' }, { a: Number.NaN }, { a: new Date(0) }, [undefined]]) expect(blockYaml(value, styles)).toBeUndefined();
  });
});
