import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostics, sortDiagnostics } from '../../src/diagnostics/format.js';
import { loadProject } from '../../src/loader/load-project.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { describeCode, knownCodes } from '../../src/core/codes.js';

const at = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'COMPOSE_UNKNOWN_KEY', severity: 'error', message: 'services.web.imagee: unknown key', ...over });

async function loaderFinding(): Promise<Diagnostic[]> {
  const yaml = ['services:', '  web:', '    image: nginx:1.27', '    imagee: oops', ''].join('\n');
  const { diagnostics } = await loadProject({ files: [{ path: '/p/compose.yaml', contents: yaml }], env: {} });
  return diagnostics;
}

describe('text', () => {
  it('file:line:col: severity CODE: message, then a code frame with a caret under the span', async () => {
    const text = formatDiagnostics(await loaderFinding(), { cwd: '/p' });
    expect(text).toMatch(/^compose\.yaml:4:5: error COMPOSE_UNKNOWN_KEY: /);
    expect(text.split('\n').slice(1)).toEqual(['  2 |   web:', '  3 |     image: nginx:1.27', '> 4 |     imagee: oops', '    |     ^^^^^^', '']);
  });

  it('colours severity and caret only when asked', async () => {
    const found = await loaderFinding();
    expect(formatDiagnostics(found)).not.toContain('\u001b[');
    const coloured = formatDiagnostics(found, { color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[0m');
    expect(coloured).toContain('\u001b[31m^^^^^^\u001b[0m');
  });

  it('uses given sources for findings made elsewhere, and prints no frame without a line', () => {
    const sources = new Map([['/x/a.yaml', 'a: 1\nb: 2\n']]);
    expect(formatDiagnostics([at({ file: '/x/a.yaml', line: 2, column: 1, endLine: 2, endColumn: 2 })], { sources })).toBe(
      '/x/a.yaml:2:1: error COMPOSE_UNKNOWN_KEY: services.web.imagee: unknown key\n  1 | a: 1\n> 2 | b: 2\n    | ^\n',
    );
    expect(formatDiagnostics([at({})])).toBe('error COMPOSE_UNKNOWN_KEY: services.web.imagee: unknown key\n');
  });
});

describe('json', () => {
  it('is the diagnostics, sorted, as plain JSON', async () => {
    const found = await loaderFinding();
    expect(JSON.parse(formatDiagnostics(found, { format: 'json' }))).toEqual(sortDiagnostics(found));
  });
});

describe('github', () => {
  it('one ::error/::warning/::notice command per finding, with file, line, col and the code as title', () => {
    const out = formatDiagnostics(
      [
        at({ file: '/w/compose.yaml', line: 4, column: 5, endLine: 4, endColumn: 11 }),
        at({ severity: 'warning', file: '/w/compose.yaml', line: 9, column: 1, endLine: 10, endColumn: 3 }),
        at({ severity: 'info' }),
      ],
      { format: 'github', cwd: '/w' },
    );
    expect(out.split('\n')).toEqual([
      '::notice title=COMPOSE_UNKNOWN_KEY::services.web.imagee: unknown key',
      '::error file=compose.yaml,line=4,col=5,endLine=4,endColumn=11,title=COMPOSE_UNKNOWN_KEY::services.web.imagee: unknown key',
      '::warning file=compose.yaml,line=9,col=1,endLine=10,title=COMPOSE_UNKNOWN_KEY::services.web.imagee: unknown key',
      '',
    ]);
  });

  it('escapes what the runner would read as syntax', () => {
    const out = formatDiagnostics([at({ file: '/w/a,b:c.yaml', message: '100% sure\nsecond line\r' })], { format: 'github', cwd: '/w' });
    expect(out).toBe('::error file=a%2Cb%3Ac.yaml,title=COMPOSE_UNKNOWN_KEY::100%25 sure%0Asecond line%0D\n');
  });
});

describe('the code catalog behind SARIF rule metadata and --disable', () => {
  const union = readFileSync(join(__dirname, '../../src/core/codes.ts'), 'utf8');
  const body = union.slice(union.indexOf('export type DiagnosticCode'), union.indexOf(';', union.indexOf('export type DiagnosticCode')));
  const codes = [...body.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1] as string);

  it.each(codes)('%s has a line of docs', (code) => {
    expect(describeCode(code)?.docs.length ?? 0).toBeGreaterThan(10);
  });

  it('knows no code outside the union', () => {
    expect(knownCodes().filter((c) => !codes.includes(c))).toEqual([]);
  });
});
