/**
 * The text decision of the YAML writer without a parse (yaml-text.ts `isUntypedWord`,
 * docs/performance.md "Round 3: CloudFormation `--format yaml`"): a word that readsAsText calls
 * text without asking `yaml` must be one that `yaml`'s own YAML 1.1 and 1.2 readers take for
 * that very text, for any word. The parse stays the reference (readsAsTextByParse).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isUntypedWord, readsAsText, readsAsTextByParse } from '../../src/backends/yaml-text.js';
import { params } from './runs.js';

// Characters of numbers, timestamps, booleans and nulls of both versions (digits, signs, `._:`,
// hex letters, `x o b e`, `.inf`/`.nan`, `T Z`, the letters of true/yes/on/null), the ones only
// text has, and what ends a plain word (space, `#`, `,`, brackets, quotes, `&*!|>%`).
const TYPED = [...'0123456789+-._:eExXoObBaAfFiInNtTzZyYsSlLuUrR'];
const TEXT_ONLY = [...'ghjkmpqvwGHJKMPQVW/${}@'];
const ENDS = [...' \t#,[]{}\'"&*!|>%?~=<`\\'];
const START = [...'-+.0123456789~=<'];
const word = fc
  .tuple(fc.constantFrom(...START), fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TYPED) }, { weight: 2, arbitrary: fc.constantFrom(...TEXT_ONLY) }, { weight: 1, arbitrary: fc.constantFrom(...ENDS) }), { maxLength: 14 }))
  .map(([first, rest]) => first + rest.join(''));
const text = fc.oneof(word, fc.string({ maxLength: 10 }), fc.constantFrom('---x/', '.../x', '--- /', '-/', '+/', './', '0/0', '1:$x', '1.2.3/k', '2001-12-14/x', '.inf/', '0x1F$', '1_000@'));

describe('YAML 1.1 and 1.2 plain scalars: a word with a character no other type has reads as text', () => {
  it('every word the writer calls text without a parse is read as that text by yaml 1.1 and 1.2', () => {
    fc.assert(
      fc.property(text, (t) => {
        if (isUntypedWord(t)) expect(readsAsTextByParse(t), JSON.stringify(t)).toBe(true);
      }),
      params(5000),
    );
  });

  it('image references, paths and ${} substitutions starting with a digit or sign are such words; numbers, times and comments are not', () => {
    for (const t of ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/bench/web-0:${Svc00000ImageTag}', '0.0.0.0/0', '1.27-alpine@sha256:ab', '-javaagent:/a.jar', '+${X}']) {
      expect(isUntypedWord(t), t).toBe(true);
      expect(readsAsText(t), t).toBe(readsAsTextByParse(t));
    }
    for (const t of ['1e3', '0x1F', '1:20', '2001-12-14t21:59:43.10-05:00', '.inf', '1 #/x', '1/ #x', '---/', '.../x', '1/ x', '1,/']) expect(isUntypedWord(t), t).toBe(false);
  });
});
