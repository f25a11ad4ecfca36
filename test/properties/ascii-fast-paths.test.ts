/**
 * The ASCII shortcuts in front of four Unicode-property regular expressions (docs/performance.md,
 * "Round 3: the small convert"): V8 builds a `\p{…}` class's tables the first time the regex
 * runs, so each check answers ASCII text with a plain regex and hands anything else to the
 * original. Each must answer exactly as the original regex does, for any text; the originals
 * are restated here as the reference.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePointWidth } from '../../src/diagnostics/display-width.js';
import { isKeyChar } from '../../src/loader/env-file.js';
import { isTagText } from '../../src/backends/ecs/service-tags.js';
import { isBindSource } from '../../src/loader/normalize/volumes.js';
import { params } from './runs.js';

// Characters on both sides of each shortcut: ASCII letters, digits, the punctuation the checks
// allow or refuse, Latin-1 and other letters and digits, spaces that are not U+0020, marks,
// format characters, emoji, astral letters and a lone surrogate.
const EDGES = [...'aZz09 _.:/=+-@[]\\~\t\n#*', '\u007f', '\u00a0', '\u00aa', '\u00b5', '\u00ba', '\u00c0', '\u00ad', '\u00e9', '\u0301', '\u0663', '\u2028', '\u200b', '\u200d', '\u3000', '\u4e2d', '\ufe0f', '\u{1d538}', '\u{1f600}', '\ud800'];
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...EDGES) }), fc.string({ unit: fc.constantFrom(...EDGES), minLength: 1, maxLength: 3 }));
const character = fc.oneof(fc.constantFrom(...EDGES), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }));

describe('05-services env_file: "Each line in an `.env` file must be in `VAR[=[VAL]]` format": a name character', () => {
  const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
  it('is what /[\\p{L}\\p{N}_.\\-[\\]]/u says it is, ASCII or not', () => {
    fc.assert(fc.property(character, (ch) => {
      expect(isKeyChar(ch), JSON.stringify(ch)).toBe(KEY_CHAR.test(ch));
    }), params(2000));
    for (let cp = 0; cp < 0x100; cp++) expect(isKeyChar(String.fromCodePoint(cp)), cp.toString(16)).toBe(KEY_CHAR.test(String.fromCodePoint(cp)));
  });
});

describe('05-services volumes short syntax (`VOLUME:CONTAINER_PATH`): a source that is a host path', () => {
  const BIND_SOURCE = /^[.~/]|^\\\\|^\p{L}:/u;
  it('is what /^[.~/]|^\\\\\\\\|^\\p{L}:/u says it is, ASCII or not', () => {
    fc.assert(fc.property(text, (s) => {
      expect(isBindSource(s), JSON.stringify(s)).toBe(BIND_SOURCE.test(s));
    }), params(2000));
    for (const s of ['', './a', '~/a', '/a', '\\\\host\\share', 'C:\\data', 'c:', 'é:', '\u{1d538}:', '1:', 'data', ':x']) expect(isBindSource(s), s).toBe(BIND_SOURCE.test(s));
  });
});

describe('x-ecs tags (AWS tag text): letters, digits, spaces and _ . : / = + - @', () => {
  const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
  it('is what /^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$/u says it is, ASCII or not', () => {
    fc.assert(fc.property(text, (s) => {
      expect(isTagText(s), JSON.stringify(s)).toBe(TAG_TEXT.test(s));
    }), params(2000));
    for (const s of ['', 'team: web', 'a\u00a0b', 'caf\u00e9', 'a\tb', 'x#y', '\u3000']) expect(isTagText(s), s).toBe(TAG_TEXT.test(s));
  });
});

describe('code frames: the columns a code point takes', () => {
  const WIDE: readonly (readonly [number, number])[] = [[0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x18aff], [0x1b000, 0x1b2ff], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd]];
  // The function as it was before its ASCII shortcut.
  const reference = (cp: number, next?: number): number => {
    const ch = String.fromCodePoint(cp);
    if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(ch)) return 0;
    if (next === 0xfe0f || /\p{Emoji_Presentation}/u.test(ch)) return 2;
    return WIDE.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
  };
  it('is what the Unicode classes say, with or without a variation selector after it', () => {
    const nexts = [undefined, 0x20, 0x41, 0x301, 0xfe0f, 0x1f600];
    for (let cp = 0; cp < 0x180; cp++) for (const next of nexts) expect(codePointWidth(cp, next), `${cp.toString(16)} ${next}`).toBe(reference(cp, next));
    fc.assert(fc.property(fc.integer({ min: 0, max: 0x10ffff }), fc.option(fc.integer({ min: 0, max: 0x10ffff }), { nil: undefined }), (cp, next) => {
      expect(codePointWidth(cp, next)).toBe(reference(cp, next));
    }), params(2000));
  });
});
