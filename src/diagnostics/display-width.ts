/**
 * Terminal columns, for code frames: a caret line lines up under its span only if it counts
 * what a terminal shows, not UTF-16 units. A tab goes to the next stop of 8, an East Asian
 * wide or fullwidth character or an emoji takes two columns, a combining mark or a joiner none.
 */

// East Asian Width W and F (Unicode's EastAsianWidth.txt), the blocks that matter in text.
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const EMOJI = /\p{Emoji_Presentation}/u;
const ZERO = /[\p{Mn}\p{Me}\p{Cf}]/u;
const TAB_STOP = 8;

/**
 * Columns one code point takes (0, 1 or 2); `next` is the code point after it (an emoji
 * variation selector, U+FE0F, makes a text symbol such as ❤ wide).
 *
 * @example codePointWidth(0x4e2d) // 2 (中)
 */
export function codePointWidth(cp: number, next?: number): 0 | 1 | 2 {
  // ASCII is neither a mark nor an emoji nor wide: answered without EMOJI and ZERO, whose
  // Unicode tables V8 builds the first time they run (~0.7 ms of a CLI run's start).
  if (cp < 0x80) return next === 0xfe0f ? 2 : 1;
  const ch = String.fromCodePoint(cp);
  if (ZERO.test(ch)) return 0;
  if (next === 0xfe0f || EMOJI.test(ch)) return 2;
  for (const [lo, hi] of WIDE) {
    if (cp < lo) break;
    if (cp <= hi) return 2;
  }
  return 1;
}

/**
 * A line as a terminal shows it, tabs expanded to spaces, and the column (0-based) at which
 * each UTF-16 index of the line starts: `columns[line.length]` is the width of the line.
 *
 * @example displayColumns('\tx').columns // [0, 8, 9]
 */
export function displayColumns(line: string): { text: string; columns: number[] } {
  const columns: number[] = [];
  let text = '';
  let col = 0;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;
    for (let k = 0; k < size; k++) columns.push(col);
    if (cp === 9) {
      const w = TAB_STOP - (col % TAB_STOP);
      text += ' '.repeat(w);
      col += w;
    } else {
      text += String.fromCodePoint(cp);
      col += codePointWidth(cp, line.codePointAt(i + size));
    }
    i += size;
  }
  columns.push(col);
  return { text, columns };
}
