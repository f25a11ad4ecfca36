/** The caret line of a text finding stands under its span, whatever characters come before. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';

/** The frame of one finding on `line` (line 1 of a.yaml), spanning `span`, which the line holds once. */
function frame(line: string, span: string): string[] {
  const column = line.indexOf(span) + 1;
  const d: Diagnostic = { code: 'COMPOSE_INVALID_VALUE', severity: 'error', message: 'bad', file: '/x/a.yaml', line: 1, column, endLine: 1, endColumn: column + span.length };
  return formatDiagnostics([d], { sources: new Map([['/x/a.yaml', line + '\n']]), cwd: '/x' }).split('\n').slice(1, 3);
}

describe('code frame: the carets under the span', () => {
  it('after a tab: the tab is shown as spaces to the next stop of 8, the carets after it', () => {
    expect(frame('a:\tbad', 'bad')).toEqual(['> 1 | a:      bad', '    |         ^^^']);
  });

  it('after East Asian wide characters: two columns each', () => {
    expect(frame('name: 中文 bad', 'bad')).toEqual(['> 1 | name: 中文 bad', '    |            ^^^']);
  });

  it('after an emoji (outside the BMP: two UTF-16 units, two columns)', () => {
    expect(frame('x: 🚀 bad', 'bad')).toEqual(['> 1 | x: 🚀 bad', '    |       ^^^']);
  });

  it('after an emoji inside the BMP (one UTF-16 unit, two columns)', () => {
    expect(frame('x: \u231a bad', 'bad')).toEqual(['> 1 | x: \u231a bad', '    |       ^^^']);
  });

  it('a span of wide characters gets two carets for each', () => {
    expect(frame('name: 中文', '中文')).toEqual(['> 1 | name: 中文', '    |       ^^^^']);
  });

  it('after a combining accent: no column of its own', () => {
    expect(frame('e\u0301: bad', 'bad')).toEqual(['> 1 | e\u0301: bad', '    |    ^^^']);
  });
});
