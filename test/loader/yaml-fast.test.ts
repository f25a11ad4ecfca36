/**
 * The fast YAML reader (src/loader/yaml-fast.ts) against the full parser (yaml-source.ts):
 * whenever the fast reader answers, its values and every recorded position (each mapping's
 * and sequence's own range, each key's and each value's range) are exactly the full
 * parser's, and the full parser reports nothing on that text. Checked on every YAML file in
 * the repository (fixtures, docs, the benchmark's projects), on hand-picked edge cases, and
 * on generated files (npm run test:fuzz runs the generated cases 100,000 times).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SourceFile, sourceOf, type SourceRange } from '../../src/core/source.js';
import { NOT_SIMPLE, readSimpleYaml } from '../../src/loader/yaml-fast.js';
import { parseYaml } from '../../src/loader/yaml-source.js';
import { defaultYamlLimits } from '../../src/loader/yaml-limits.js';
import { Reporter } from '../../src/diagnostics/report.js';
import { composeFile, composeText, jsonishMapping, toYaml } from '../support/arbitraries.js';
import { params, timeoutFor, turn } from '../properties/runs.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The value and every position recorded for it, as plain data. */
function snapshot(value: unknown): unknown {
  const sources: unknown[] = [];
  const r = (x: SourceRange | undefined) => (x ? [x.start, x.end] : null);
  const walk = (v: unknown, path: string) => {
    if (typeof v !== 'object' || v === null) return;
    const s = sourceOf(v);
    if (s) {
      sources.push({
        path,
        range: r(s.range),
        keys: [...s.keys].map(([k, x]) => [k, r(x)]),
        values: [...s.values].map(([k, x]) => [k, r(x)]),
        tags: s.tags ? [...s.tags] : [],
      });
    }
    for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
  };
  walk(value, '');
  // Object.entries would hide a `__proto__` own key's special status; JSON keeps it as a key.
  return { value: JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `#${v}` : Object.is(v, -0) ? '#-0' : v)), sources };
}

/** 'fast' when the fast reader answered (and agreed with the full parser), 'full' when it gave up. */
function compare(text: string, name = 'compose.yaml'): 'fast' | 'full' {
  const fast = readSimpleYaml(new SourceFile(name, text), defaultYamlLimits);
  if (fast === NOT_SIMPLE) return 'full';
  const reporter = new Reporter();
  const full = parseYaml(new SourceFile(name, text), reporter, defaultYamlLimits);
  expect(reporter.diagnostics.map((d) => `${d.code} ${d.message}`), `the full parser has findings on text the fast reader took:\n${text}`).toEqual([]);
  expect(full.length, text).toBe(1);
  expect(snapshot(fast), `fast reader and full parser differ on:\n${text}`).toEqual(snapshot(full[0]));
  return 'fast';
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(entry)) out.push(p);
  }
  return out;
}

describe('fast YAML reader: same values and positions as the full parser, or it gives up', () => {
  it('every YAML file in fixtures/ and docs/', () => {
    const files = [...yamlFiles(join(ROOT, 'fixtures')), ...yamlFiles(join(ROOT, 'docs'))];
    expect(files.length).toBeGreaterThan(150);
    let fast = 0;
    for (const f of files) {
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch {
        continue; // a fixture that is a directory named .yaml, a symlink loop, …
      }
      if (compare(text, f) === 'fast') fast++;
    }
    // Most real files are in the subset; if this drops, the fast path stopped paying off.
    expect(fast / files.length).toBeGreaterThan(0.6);
  });

  it('the benchmark projects (every common field, anchors, merge keys)', async () => {
    const gen = await import('../../bench/generate.mjs');
    const files = { 'compose.yaml': gen.composeFile(40), 'compose.override.yaml': gen.overrideFile(40) };
    for (const [name, text] of Object.entries(files)) if (/\.ya?ml$/.test(name)) expect(compare(text, name), name).toBe('fast');
  });

  const cases: [string, string][] = [
    ['plain, quoted and empty values', 'a: 1\nb: "x"\nc: \'it\'\'s\'\nd:\ne:   \nf: # c\ng: ~\nh: x y  # c\n'],
    ['nested mappings and sequences', 'a:\n  b:\n    - 1\n    # c\n  e: 1\nf:\n  - x\n  - y: 1\n    z: 2\n  -\n'],
    ['a sequence at its key\'s indentation', 'a:\n- x\n- y\nb: 1\n'],
    ['compact nested sequences', '- - 1\n  - 2\n-   c: 3\n- [a, "b", {}]\n'],
    ['block scalars', 'a: |\n  x\n\n  y\n\n\nb: >-\n  folded\n  text\n\n  para\nc: |-\n  keep\n'],
    ['flow collections', 'a: [1, 2.5, "x", \'y\', [], {}]\nb: {c: 1, "d": [e, f]}\nc: [ "CMD", "curl", "-f", "http://localhost" ]\n'],
    ['anchors, aliases and merge keys', 'x-a: &a\n  k: 1\n  l: [1]\ns:\n  <<: *a\n  k: 2\nt:\n  <<: [*a]\nu: *a\nv: &s text\nw: *s\n'],
    ['merge key before and after explicit keys', 'b: &b {x: 1, y: 2}\nm:\n  x: 0\n  <<: *b\n  y: 3\n'],
    ['scalars of the core schema', 'a: [true, False, NULL, ~, 0o17, 0x1F, 0755, 08, -0, 1e3, .5, +1.5, .inf, -.Inf, .nan, 9007199254740993, 1e400]\n'],
    ['keys of every type', '1: a\n0755: b\ntrue: c\nnull: d\n"q": e\n1.50: f\n0x10: g\n'],
    ['comments everywhere', '# head\n\na: 1 # one\n# between\n\nb:\n  # inside\n  c: 2\n\n# tail\n'],
    ['a file without a final line break', 'a:\n  b: 1'],
    ['__proto__ keys', '__proto__: {polluted: 1}\na:\n  __proto__: x\n'],
    ['double-quoted escapes', 'a: "tab\\tnl\\nq\\"bs\\\\x\\x41u\\u00e9/\\/"\n'],
    ['a scalar document', 'just text\n'],
    ['a sequence document', '- a\n- b\n'],
    ['a value on the line below its key', 'a:\n  text\nb:\n  "q"\n'],
    ['an anchored mapping below its key', 'a: &x\n  b: 1\nc: *x\n'],
    ['URLs and colons inside plain scalars', 'a: http://x:80/y\nb: a:b\nc: "a: b"\nd: x#y\n'],
  ];
  for (const [name, text] of cases) {
    it(`handles ${name}`, () => {
      expect(compare(text)).toBe('fast');
    });
  }

  const giveUp: [string, string][] = [
    ['tags', 'a: !reset []\n'],
    ['a tab', 'a:\tb\n'],
    ['CRLF', 'a: 1\r\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['multi-line plain scalars', 'a: one\n  two\n'],
    ['multi-line quoted scalars', 'a: "one\n  two"\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['an unknown alias', 'a: *nope\n'],
    ['an alias inside its own anchor', 'a: &x [*x]\n'],
    ['a mapping where a value belongs', 'a: b: c\n'],
    ['an empty file', ''],
    ['a bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['keep chomping', 'a: |+\n  x\n\n'],
    ['complex keys', '? a\n: b\n'],
  ];
  for (const [name, text] of giveUp) {
    it(`leaves ${name} to the full parser`, () => {
      expect(compare(text)).toBe('full');
    });
  }
});

/** The same data written by `yaml` in different styles. */
const styles = fc.constantFrom<NonNullable<Parameters<typeof stringify>[2]>>(
  { lineWidth: 0, aliasDuplicateObjects: false },
  { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' },
  { lineWidth: 0, defaultStringType: 'QUOTE_SINGLE' },
  { lineWidth: 0, collectionStyle: 'flow' },
  { lineWidth: 0, indentSeq: false, indent: 4 },
  { blockQuote: 'literal' },
  { blockQuote: 'folded', lineWidth: 20, minContentWidth: 5 },
);


/**
 * YAML text written the many ways people write it, inside and just outside the fast
 * reader's subset: indentation of 1–4, sequences indented or not, comments on any line at
 * any indentation, blank lines, quoting styles, block scalars, flow collections, empty
 * values, anchors, aliases and merge keys, and a missing final line break.
 */
interface Style {
  indent: number;
  indentSeq: boolean;
  noise: number[];
}
type Tree = { map: [string, Tree][] } | { seq: Tree[] } | { scalar: string };

const word = fc.constantFrom('a', 'web', 'x-y', 'http://h:80/p', 'a:b', 'a#b', '-f', '0755', '1e3', 'true', 'null', '~', '.inf', '0x1F', '', 'two words', '${X:-d}', 'é', '08', '-1', '+2', '.5', '0o7', 'ó#');
const scalar: fc.Arbitrary<string> = fc.oneof(
  word,
  word.map((w) => JSON.stringify(w)),
  word.map((w) => `'${w.replace(/'/g, "''")}'`),
  fc.constantFrom('"\\t\\n\\x41\\u00e9\\"\\\\"', '[a, "b", 1]', '{k: v, "q": [1]}', '[]', '{}', '[ x , y ]', '*anc', '"a: b"', "'#'"),
);
const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((s) => ({ scalar: s })),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom('k', 'image', 'x', '"q k"', "'s'", '1', '<<', 'null', 'a b', '__proto__'), word.filter((w) => /^[a-z]/.test(w))), tie('t')), { maxLength: 4 }).map((m) => ({ map: m })),
    fc.array(tie('t'), { maxLength: 4 }).map((q) => ({ seq: q })),
  ),
})).t;

function emit(t: Tree, style: Style): string {
  const out: string[] = [];
  let noise = 0;
  const extra = (ind: string) => {
    const n = style.noise[noise++ % style.noise.length] ?? 0;
    if (n === 1) out.push('');
    else if (n === 2) out.push(`${ind}# comment`);
    else if (n === 3) out.push('# at column 0');
    else if (n === 4) out.push(`${ind}  # deeper`);
  };
  const inline = (v: Tree): string | undefined => ('scalar' in v ? v.scalar : 'map' in v && v.map.length === 0 ? '{}' : 'seq' in v && v.seq.length === 0 ? '[]' : undefined);
  const block = (v: Tree, ind: string): void => {
    if ('map' in v) {
      for (const [k, x] of v.map) {
        extra(ind);
        const s = inline(x);
        const anchor = style.noise[noise % style.noise.length] === 5 ? ' &anc' : '';
        if (s !== undefined) out.push(`${ind}${k}:${anchor}${s === '' ? '' : ' ' + s}${noise % 3 === 0 ? ' # c' : ''}`);
        else {
          out.push(`${ind}${k}:${anchor}`);
          block(x, 'seq' in x && !style.indentSeq ? ind : ind + ' '.repeat(style.indent));
        }
      }
    } else if ('seq' in v) {
      for (const x of v.seq) {
        extra(ind);
        const s = inline(x);
        if (s !== undefined) out.push(`${ind}-${s === '' ? '' : ' ' + s}`);
        else if (noise % 2 === 0) {
          out.push(`${ind}-`);
          block(x, ind + ' '.repeat(style.indent));
        } else {
          // compact: the first line of the item on the dash's line
          const start = out.length;
          block(x, ind + ' '.repeat(style.indent));
          const first = out[start] ?? '';
          out[start] = `${ind}- ${first.slice(ind.length + style.indent)}`;
        }
      }
    } else out.push(`${ind}${v.scalar}`);
  };
  block(t, '');
  return out.join('\n') + (style.noise[0] === 0 ? '' : '\n');
}

export const handWritten = fc
  .tuple(tree, fc.record({ indent: fc.integer({ min: 1, max: 4 }), indentSeq: fc.boolean(), noise: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }) }))
  .map(([t, style]) => emit(t, style));

describe('fast YAML reader on generated text (property)', () => {
  it(
    'valid compose files and random mappings in several YAML styles, hand-written-looking YAML, near-YAML text',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(composeFile(), jsonishMapping()), styles, composeText, handWritten, async (doc, style, near, hand) => {
          await turn();
          compare(stringify(doc, null, style));
          compare(toYaml(doc));
          compare(near);
          compare(hand);
        }),
        params(200),
      );
    },
    timeoutFor(200, 5),
  );
});
