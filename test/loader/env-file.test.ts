import { describe, expect, it } from 'vitest';
import { parseEnvFile, type EnvFileOptions } from '../../src/loader/env-file.js';
import type { Lookup } from '../../src/loader/interpolate.js';
import { SourceFile } from '../../src/core/source.js';
import { Reporter } from '../../src/diagnostics/report.js';

function parse(text: string, options?: EnvFileOptions) {
  const reporter = new Reporter();
  const vars = parseEnvFile(new SourceFile('.env', text), reporter, options);
  return { vars: Object.fromEntries(vars), keys: [...vars.keys()], diagnostics: reporter.diagnostics };
}
/** The value of VAR in a one-line file, checking that the line raised no diagnostic. */
function value(line: string, options?: EnvFileOptions): string | undefined {
  const { vars, diagnostics } = parse(line, options);
  expect(diagnostics).toEqual([]);
  return vars.VAR;
}
const env = (vars: Record<string, string>): Lookup => (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined);

describe('05-services env_file format: comments and blank lines', () => {
  it('lines beginning with # are comments, blank lines are ignored (also indented ones)', () => {
    const { vars, diagnostics } = parse('# Set Rails/Rack environment\nRACK_ENV=development\n\n   \n\t# indented comment\nVAR="quoted"\n');
    expect(diagnostics).toEqual([]);
    expect(vars).toEqual({ RACK_ENV: 'development', VAR: 'quoted' });
  });
  it('entries come back in file order; a repeated name keeps its place and takes the last value', () => {
    expect(parse('B=1\nA=2\nB=3\n').keys).toEqual(['B', 'A']);
    expect(parse('B=1\nA=2\nB=3\n').vars.B).toBe('3');
  });
});

describe('05-services env_file format: VAR=VAL, optionally quoted', () => {
  it.each([
    ['VAR=VAL', 'VAL'],
    ['VAR="VAL"', 'VAL'],
    ["VAR='VAL'", 'VAL'],
  ])('%s -> %s', (line, expected) => expect(value(line)).toBe(expected));

  it('whitespace around = and at the ends of an unquoted value is dropped', () => {
    expect(value('  VAR =  spaced value  ')).toBe('spaced value');
    expect(value('\tVAR\t=\t"x"')).toBe('x');
  });
  it('a value may contain = and :', () => {
    expect(value('VAR=postgres://localhost:5432/db?sslmode=disable')).toBe('postgres://localhost:5432/db?sslmode=disable');
  });
  it('names may use letters (any script), digits, _ . - [ ] (compose-go)', () => {
    expect(parse('a.b=1\na[1]=2\nárvíz-TÜKÖR=3\n').vars).toEqual({ 'a.b': '1', 'a[1]': '2', 'árvíz-TÜKÖR': '3' });
  });
  it('export VAR=VAL is read as VAR=VAL (compose-go); exportVAR is a plain name', () => {
    expect(parse('export VAR=2\n\texport\tOTHER=3\nexportFOO=4\n').vars).toEqual({ VAR: '2', OTHER: '3', exportFOO: '4' });
  });
  it('VAR: VAL, the YAML-like form compose-go accepts, is read too', () => {
    expect(value('VAR: Foo=bar')).toBe('Foo=bar');
  });
});

describe('05-services env_file format: VAL may be omitted (empty string), =VAL may be omitted (unset)', () => {
  it('VAR= and VAR="" are empty strings', () => {
    expect(parse('VAR=\nQ=""\n').vars).toEqual({ VAR: '', Q: '' });
  });
  it('a bare VAR is unset when the lookup does not know it', () => {
    const { vars, diagnostics } = parse('VAR\nOTHER=1\n');
    expect(diagnostics).toEqual([]);
    expect(vars).toEqual({ OTHER: '1' });
  });
  it('a bare VAR takes the lookup value when there is one (compose-go)', () => {
    expect(value('VAR', { lookup: env({ VAR: 'from env' }) })).toBe('from env');
    expect(value('VAR\r\n', { lookup: env({ VAR: '' }) })).toBe('');
  });
});

describe('05-services env_file format: inline comments', () => {
  it.each([
    ['VAR=VAL # comment', 'VAL'],
    ['VAR=VAL# not a comment', 'VAL# not a comment'],
    ['VAR="VAL # not a comment"', 'VAL # not a comment'],
    ['VAR="VAL" # comment', 'VAL'],
    ["VAR='VAL' # comment", 'VAL'],
    ['VAR="VAL"# comment', 'VAL'],
  ])('%s -> %s', (line, expected) => expect(value(line)).toBe(expected));
});

describe('05-services env_file format: quotes and escapes', () => {
  it.each([
    ["VAR='$OTHER'", '$OTHER'],
    ["VAR='${OTHER}'", '${OTHER}'],
    ["VAR='Let\\'s go!'", "Let's go!"],
    ['VAR="{\\"hello\\": \\"json\\"}"', '{"hello": "json"}'],
    ['VAR="some\\tvalue"', 'some\tvalue'],
    ["VAR='some\\tvalue'", 'some\\tvalue'],
    ['VAR=some\\tvalue', 'some\\tvalue'],
    ['VAR="a\\nb\\rc\\\\d"', 'a\nb\rc\\d'],
    ['VAR="\\0101\\q"', 'A\\q'],
    ["VAR=\"'d'\"", "'d'"],
    ['VAR=a"b\'c', 'a"b\'c'],
  ])('%s -> %j', (line, expected) => expect(value(line, { lookup: env({ OTHER: 'no' }) })).toBe(expected));

  it('quoted values may span lines (compose-go); CRLF inside them becomes LF', () => {
    const { vars, diagnostics } = parse('VAR="first line\nsecond line"\nS=\'a\r\nb\'\r\nNEXT=1\n');
    expect(diagnostics).toEqual([]);
    expect(vars).toEqual({ VAR: 'first line\nsecond line', S: 'a\nb', NEXT: '1' });
  });
});

describe('05-services env_file format: interpolation in unquoted and double-quoted values', () => {
  it('unquoted and double-quoted values are interpolated, single-quoted are not', () => {
    const { vars } = parse('A=$HOST\nB="${HOST:-x}:80"\nC=\'$HOST\'\n', { lookup: env({ HOST: 'db' }) });
    expect(vars).toEqual({ A: 'db', B: 'db:80', C: '$HOST' });
  });
  it('a value may use a variable defined earlier in the file', () => {
    expect(parse('FOO=test\nBAR=${FOO}bar\nBAZ="quote $FOO"\n').vars).toEqual({ FOO: 'test', BAR: 'testbar', BAZ: 'quote test' });
  });
  it('the lookup wins over an earlier line of the file, as in docker compose (compose-go#403)', () => {
    expect(parse('FOO=foo\nBAR=${FOO}\n', { lookup: env({ FOO: 'os' }) }).vars).toEqual({ FOO: 'foo', BAR: 'os' });
  });
  it("precedence: 'file' lets the file's earlier line win instead", () => {
    expect(parse('FOO=foo\nBAR=${FOO}\n', { lookup: env({ FOO: 'os' }), precedence: 'file' }).vars.BAR).toBe('foo');
  });
  it('\\$ and $$ keep a literal $', () => {
    expect(parse('A="foo\\$BAR"\nB="foo\\${BAR} $$X"\nC=$$D\n', { lookup: env({ BAR: 'no' }) }).vars).toEqual({ A: 'foo$BAR', B: 'foo${BAR} $X', C: '$D' });
  });
  it('an unset variable is a warning at its exact line and column', () => {
    const { vars, diagnostics } = parse('A=1\nURL=http://$HOST:80\n');
    expect(vars.URL).toBe('http://:80');
    expect(diagnostics).toEqual([
      { code: 'INTERPOLATION_UNSET', severity: 'warning', message: 'URL: variable HOST is not set; substituting an empty string', file: '.env', line: 2, column: 12, endLine: 2, endColumn: 17 },
    ]);
  });
  it('a missing required variable is an error; in a double-quoted value it is placed on the value', () => {
    const { diagnostics } = parse('\nPW="${DB_PASSWORD:?set it}"\n');
    expect(diagnostics).toMatchObject([{ code: 'INTERPOLATION_REQUIRED', severity: 'error', line: 2, column: 4, endColumn: 28 }]);
    expect(diagnostics[0]?.message).toContain('required variable DB_PASSWORD is missing a value: set it');
  });
  it('an invalid expression is an INTERPOLATION_SYNTAX error and the value is kept as written', () => {
    const { vars, diagnostics } = parse('A=${B/x}\n');
    expect(vars.A).toBe('${B/x}');
    expect(diagnostics).toMatchObject([{ code: 'INTERPOLATION_SYNTAX', line: 1, column: 3 }]);
  });
});

describe('05-services env_file format: line endings and BOM', () => {
  it('CRLF line endings are read like LF', () => {
    const { vars, diagnostics } = parse('A=1\r\nB="2"\r\nC\r\n# c\r\nD=4 # x\r\n', { lookup: env({ C: '3' }) });
    expect(diagnostics).toEqual([]);
    expect(vars).toEqual({ A: '1', B: '2', C: '3', D: '4' });
  });
  it('a UTF-8 byte order mark is skipped', () => {
    expect(parse('\ufeffA=1\n').vars).toEqual({ A: '1' });
  });
});

describe('05-services env_file format: syntax errors are reported at line:column and reading goes on', () => {
  it.each([
    ['%!(EXTRA)=foo', 1, 1, 'unexpected character "%"'],
    ['FOO BAR=x', 1, 1, 'cannot contain spaces'],
    ['=value', 1, 1, 'missing variable name'],
    ['  KEY=ok\nA$B=1', 2, 2, 'unexpected character "$"'],
    ['VAR="open', 1, 5, 'unterminated double-quoted value'],
    ["X=1\nVAR='open\nY=2", 2, 5, 'unterminated single-quoted value'],
    ['VAR="a" b', 1, 9, 'unexpected text after the closing "'],
  ])('%j: error at %i:%i', (text, line, column, message) => {
    const { diagnostics } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ENV_FILE_SYNTAX', severity: 'error', file: '.env', line, column });
    expect(diagnostics[0]?.message).toContain(message);
  });

  it('the lines after a bad one are still read', () => {
    const { vars, diagnostics } = parse('A=1\nBAD KEY=2\nB=3\nC="unterminated\nD=4\n');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['ENV_FILE_SYNTAX', 2],
      ['ENV_FILE_SYNTAX', 4],
    ]);
    expect(vars).toEqual({ A: '1', B: '3', D: '4' });
  });

  it('text after a closing quote is an error but the value is kept', () => {
    expect(parse('VAR="a" b\nN=1').vars).toEqual({ VAR: 'a', N: '1' });
  });

  it('an unterminated quote at the top of a long file costs one error; the lines below are still read', () => {
    const text = 'A="open\n' + 'B=\\"x\n'.repeat(50_000) + "C='open\n" + 'D=1\n'.repeat(50_000);
    const { vars, diagnostics } = parse(text);
    expect(diagnostics.map((d) => d.line)).toEqual([1, 50_002]);
    expect(vars).toEqual({ B: '\\"x', D: '1' });
  });

  it('a __proto__ name is an ordinary entry', () => {
    const { vars } = parse('__proto__=x\n');
    expect(Object.getOwnPropertyDescriptor(vars, '__proto__')?.value).toBe('x');
    expect(({} as any).x).toBeUndefined();
  });
});

describe('05-services env_file format: raw (values as-is, docker run --env-file rules)', () => {
  it('quotes, $ signs, # and trailing spaces are part of the value', () => {
    const { vars, diagnostics } = parse('A="quoted $X"\nB=\'it\'s\'\nC=v # not a comment  \nD=${Y:?no}\n# comment\n\n', { raw: true, lookup: env({ X: 'no' }) });
    expect(diagnostics).toEqual([]);
    expect(vars).toEqual({ A: '"quoted $X"', B: "'it's'", C: 'v # not a comment  ', D: '${Y:?no}' });
  });
  it('leading whitespace is dropped, CRLF and BOM are handled, a bare name comes from the lookup', () => {
    const { vars } = parse('\ufeff  A=1\r\nB\r\nC\r\n', { raw: true, lookup: env({ B: 'b' }) });
    expect(vars).toEqual({ A: '1', B: 'b' });
  });
  it('many bare names are read (a hang ends in the test timeout; speed is measured by npm run bench)', () => {
    const { vars } = parse('NAME\n'.repeat(100_000) + 'LAST=1\n', { raw: true, lookup: env({ NAME: 'n' }) });
    expect(vars).toEqual({ NAME: 'n', LAST: '1' });
  });
  it('export and VAR: VAL are not special', () => {
    expect(parse('export A=1\n', { raw: true }).diagnostics).toMatchObject([{ code: 'ENV_FILE_SYNTAX', line: 1, column: 1 }]);
    expect(parse('A: 1\n', { raw: true }).diagnostics).toMatchObject([{ code: 'ENV_FILE_SYNTAX' }]);
  });
  it('a name with whitespace or no name is an error at its line, and reading goes on', () => {
    const { vars, diagnostics } = parse('OK=1\nFOO =bar\n  =x\nN=2\n', { raw: true });
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['ENV_FILE_SYNTAX', 2, 1],
      ['ENV_FILE_SYNTAX', 3, 3],
    ]);
    expect(vars).toEqual({ OK: '1', N: '2' });
  });
});
