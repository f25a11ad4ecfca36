import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { interpolateString, interpolateTree, MAX_NESTING, type Lookup } from '../../src/loader/interpolate.js';
import { parseYaml } from '../../src/loader/yaml-source.js';
import { SourceFile } from '../../src/core/source.js';
import { Reporter } from '../../src/diagnostics/report.js';

const env = (vars: Record<string, string>): Lookup => (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined);
const none: Lookup = () => undefined;
const codes = (r: ReturnType<typeof interpolateString>) => r.issues.map((i) => i.code);

describe('12-interpolation: $VARIABLE and ${VARIABLE}', () => {
  it('both forms substitute the value', () => {
    const r = interpolateString('$VARIABLE and ${VARIABLE}', env({ VARIABLE: 'v' }));
    expect(r).toEqual({ value: 'v and v', issues: [] });
  });

  it('a name is [_a-zA-Z][_a-zA-Z0-9]*, and $NAME stops at the first other character', () => {
    const r = interpolateString('$_a1-$B.c/$b', env({ _a1: 'x', B: 'y', b: 'z' }));
    expect(r.value).toBe('x-y.c/z');
  });
});

describe('12-interpolation: ${VARIABLE:-default} when unset or empty', () => {
  it('uses the default when unset', () => {
    expect(interpolateString('${VARIABLE:-default}', none)).toEqual({ value: 'default', issues: [] });
  });
  it('uses the default when empty', () => {
    expect(interpolateString('${VARIABLE:-default}', env({ VARIABLE: '' })).value).toBe('default');
  });
  it('uses the value when set and not empty', () => {
    expect(interpolateString('${VARIABLE:-default}', env({ VARIABLE: 'set' })).value).toBe('set');
  });
});

describe('12-interpolation: ${VARIABLE-default} only when unset', () => {
  it('uses the default when unset', () => {
    expect(interpolateString('${VARIABLE-default}', none).value).toBe('default');
  });
  it('keeps an empty value', () => {
    expect(interpolateString('${VARIABLE-default}', env({ VARIABLE: '' }))).toEqual({ value: '', issues: [] });
  });
  it('an empty default is allowed', () => {
    expect(interpolateString('a${VARIABLE-}b', none)).toEqual({ value: 'ab', issues: [] });
  });
});

describe('12-interpolation: ${VARIABLE:?err} when unset or empty', () => {
  it('is an error whose message contains err', () => {
    const r = interpolateString('${DB_PASSWORD:?set it in .env}', none);
    expect(r.value).toBe('');
    expect(r.issues).toEqual([
      { code: 'INTERPOLATION_REQUIRED', variable: 'DB_PASSWORD', message: 'required variable DB_PASSWORD is missing a value: set it in .env', start: 0, end: 30 },
    ]);
  });
  it('is an error when empty', () => {
    expect(codes(interpolateString('${VARIABLE:?err}', env({ VARIABLE: '' })))).toEqual(['INTERPOLATION_REQUIRED']);
  });
  it('passes the value through when set', () => {
    expect(interpolateString('${VARIABLE:?err}', env({ VARIABLE: 'ok' }))).toEqual({ value: 'ok', issues: [] });
  });
  it('without a message, says only that the variable is missing (compose-go)', () => {
    expect(interpolateString('${TIMEZONE:?}', none).issues[0]?.message).toBe('required variable TIMEZONE is missing a value');
  });
});

describe('12-interpolation: ${VARIABLE?err} only when unset', () => {
  it('is an error when unset', () => {
    const r = interpolateString('x${VARIABLE?err}', none);
    expect(r.issues[0]).toMatchObject({ code: 'INTERPOLATION_REQUIRED', message: 'required variable VARIABLE is missing a value: err' });
  });
  it('accepts an empty value', () => {
    expect(interpolateString('x${VARIABLE?err}', env({ VARIABLE: '' }))).toEqual({ value: 'x', issues: [] });
  });
});

describe('docker docs (interpolation): ${VAR:+replacement} and ${VAR+replacement}', () => {
  it(':+ gives the replacement only when set and not empty', () => {
    expect(interpolateString('${VAR:+on}', env({ VAR: 'x' })).value).toBe('on');
    expect(interpolateString('${VAR:+on}', env({ VAR: '' })).value).toBe('');
    expect(interpolateString('${VAR:+on}', none)).toEqual({ value: '', issues: [] });
  });
  it('+ gives the replacement whenever set', () => {
    expect(interpolateString('${VAR+on}', env({ VAR: '' })).value).toBe('on');
    expect(interpolateString('${VAR+on}', none).value).toBe('');
  });
});

describe('12-interpolation: nesting', () => {
  it('${VARIABLE:-${FOO}}', () => {
    expect(interpolateString('${VARIABLE:-${FOO}}', env({ FOO: 'foo' })).value).toBe('foo');
  });
  it('${VARIABLE?$FOO} puts FOO in the message', () => {
    expect(interpolateString('${VARIABLE?$FOO}', env({ FOO: 'see docs' })).issues[0]?.message).toBe('required variable VARIABLE is missing a value: see docs');
  });
  it('${VARIABLE:-${FOO:-default}}', () => {
    expect(interpolateString('${VARIABLE:-${FOO:-default}}', none).value).toBe('default');
  });
  it('several nested expressions with text between them (compose-go tests)', () => {
    expect(interpolateString('${FOO:-${BAR:-x}_test_${BAR:-y}}', none).value).toBe('x_test_y');
    expect(interpolateString('${FOO:-${BAR:-${ZOT:-x}}_test}', none).value).toBe('x_test');
    expect(interpolateString('{{{ ${FOO:-foo-bar-value} }}}', none).value).toBe('{{{ foo-bar-value }}}');
    expect(interpolateString('{{{ ${FOO:-foo:?bar:?value} }}}', none).value).toBe('{{{ foo:?bar:?value }}}');
  });
  it('a branch that is not used is not evaluated: no lookup, no issue', () => {
    const seen: string[] = [];
    const lookup: Lookup = (n) => (seen.push(n), n === 'FOO' ? 'foo' : undefined);
    expect(interpolateString('${FOO:-${BAR:?missing} $BAZ}', lookup)).toEqual({ value: 'foo', issues: [] });
    expect(seen).toEqual(['FOO']);
  });
  it('a syntax error in an unused branch is still an error', () => {
    expect(codes(interpolateString('${FOO:-${BAR/x}}', env({ FOO: 'foo' })))).toEqual(['INTERPOLATION_SYNTAX']);
  });
  it(`nesting deeper than ${MAX_NESTING} is a syntax error, not a stack overflow`, () => {
    const deep = '${A:-'.repeat(10_000) + 'x' + '}'.repeat(10_000);
    const r = interpolateString(deep, none);
    expect(codes(r)).toEqual(['INTERPOLATION_SYNTAX']);
    expect(r.value).toBe(deep);
    const ok = '${A:-'.repeat(MAX_NESTING) + 'x' + '}'.repeat(MAX_NESTING);
    expect(interpolateString(ok, none)).toEqual({ value: 'x', issues: [] });
  });
});

describe('12-interpolation: other shell features (${VARIABLE/foo/bar}) are not supported', () => {
  it.each(['${VARIABLE/foo/bar}', '${VARIABLE:1}', '${#VARIABLE}', '${}', '${ VARIABLE }', '${VARIABLE:}', '${1A}'])('%s is a syntax error and the text is kept', (text) => {
    const r = interpolateString(`pre ${text} post`, env({ VARIABLE: 'v' }));
    expect(codes(r)).toEqual(['INTERPOLATION_SYNTAX']);
    expect(r.value).toBe(`pre ${text} post`);
  });
  it.each(['${', '${FOO', '${FOO:-abc', '${FOO:-${BAR}', 'x $'.concat('{')])('unterminated %s is a syntax error', (text) => {
    const r = interpolateString(text, none);
    expect(codes(r)).toEqual(['INTERPOLATION_SYNTAX']);
    expect(r.issues[0]?.message).toMatch(/unterminated|invalid/);
    expect(r.value).toBe(text);
  });
});

describe('12-interpolation: a $ not followed by a valid name or { is preserved', () => {
  it.each(['$', '100$', '$1', '$-x', 'a $ b', '$}', '$.'])('%s stays as written', (text) => {
    expect(interpolateString(text, () => 'X')).toEqual({ value: text, issues: [] });
  });
});

describe('12-interpolation: $$ is a literal dollar sign', () => {
  it('the spec example: "$$VAR_NOT_INTERPOLATED_BY_COMPOSE"', () => {
    expect(interpolateString('$$VAR_NOT_INTERPOLATED_BY_COMPOSE', () => 'X')).toEqual({ value: '$VAR_NOT_INTERPOLATED_BY_COMPOSE', issues: [] });
  });
  it('$$$VAR is a dollar then the value; $$${VAR} too', () => {
    expect(interpolateString('$$$VAR $$${VAR}', env({ VAR: 'v' })).value).toBe('$v $v');
  });
  it('$$ inside a default is a literal $ too', () => {
    expect(interpolateString('${X:-$${Y}}', none).value).toBe('${Y}');
  });
});

describe('12-interpolation: unresolved variable without default', () => {
  it('becomes an empty string with a warning, once per variable per string', () => {
    const r = interpolateString('$A-${A}-$B', none);
    expect(r.value).toBe('--');
    expect(r.issues).toEqual([
      { code: 'INTERPOLATION_UNSET', variable: 'A', message: 'variable A is not set; substituting an empty string', start: 0, end: 2 },
      { code: 'INTERPOLATION_UNSET', variable: 'B', message: 'variable B is not set; substituting an empty string', start: 8, end: 10 },
    ]);
  });
  it('a set but empty variable is no warning', () => {
    expect(interpolateString('$A', env({ A: '' }))).toEqual({ value: '', issues: [] });
  });
});

describe('interpolateString: properties', () => {
  const alphabet = fc.constantFrom('$', '{', '}', ':', '-', '+', '?', 'A', '_', '1', ' ', 'x', '\n');
  const text = fc.array(alphabet, { maxLength: 60 }).map((a) => a.join(''));

  it('never throws, for any string and any lookup', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), fc.boolean(), (s, set) => {
        interpolateString(s, set ? () => 'v' : none);
      }),
      { numRuns: 2000 },
    );
  });

  it('$$ always yields $: escaping every $ of a string gives the string back with no issue', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        expect(interpolateString(s.replaceAll('$', () => '$$'), () => 'v')).toEqual({ value: s, issues: [] });
      }),
      { numRuns: 2000 },
    );
  });

  it('a string with no $ is returned unchanged', () => {
    fc.assert(
      fc.property(fc.string().map((s) => s.replaceAll('$', '')), (s) => {
        expect(interpolateString(s, () => 'v')).toEqual({ value: s, issues: [] });
      }),
    );
  });

  it('long hostile inputs finish (a hang ends in the test timeout; speed is measured by npm run bench)', () => {
    const inputs = ['$'.repeat(200_000), '${A:-'.repeat(50_000), '${'.repeat(100_000), '$A'.repeat(100_000), '${A:-}'.repeat(50_000)];
    for (const s of inputs) expect(typeof interpolateString(s, none).value).toBe('string');
  });
});

function load(text: string) {
  const file = new SourceFile('compose.yaml', text);
  const reporter = new Reporter();
  const [doc] = parseYaml(file, reporter);
  return { doc: doc as any, reporter };
}

describe('12-interpolation: applies to values, not keys (interpolateTree)', () => {
  it('the spec example: a label key is not interpolated, the list form is', () => {
    const { doc, reporter } = load(
      'services:\n  foo:\n    labels:\n      "$VAR_NOT_INTERPOLATED_BY_COMPOSE": "BAR"\n  bar:\n    labels:\n      - "$VAR_INTERPOLATED_BY_COMPOSE=BAR"\n',
    );
    interpolateTree(doc, env({ VAR_NOT_INTERPOLATED_BY_COMPOSE: 'no', VAR_INTERPOLATED_BY_COMPOSE: 'yes' }), reporter);
    expect(doc.services.foo.labels).toEqual({ $VAR_NOT_INTERPOLATED_BY_COMPOSE: 'BAR' });
    expect(doc.services.bar.labels).toEqual(['yes=BAR']);
    expect(reporter.diagnostics).toEqual([]);
  });

  it('every string value is interpolated in place, at any depth; other scalars are untouched', () => {
    const { doc, reporter } = load('services:\n  web:\n    image: "app:${TAG}"\n    command: ["echo", "$$HOME", "$TAG"]\n    scale: 2\n    tty: true\n    x: null\n');
    const before = doc.services.web;
    interpolateTree(doc, env({ TAG: 'v1' }), reporter);
    expect(doc.services.web).toBe(before);
    expect(doc.services.web).toEqual({ image: 'app:v1', command: ['echo', '$HOME', 'v1'], scale: 2, tty: true, x: null });
  });

  it('values under x- extensions are interpolated too (as compose-go does)', () => {
    const { doc, reporter } = load('x-common:\n  image: "${IMG}"\nservices: {}\n');
    interpolateTree(doc, env({ IMG: 'nginx' }), reporter);
    expect(doc['x-common'].image).toBe('nginx');
  });

  it('reports each issue at the string, with its path and severity', () => {
    const { doc, reporter } = load('services:\n  db:\n    image: postgres\n    environment:\n      PASSWORD: "${DB_PASSWORD:?set it in .env}"\n      USER: $DB_USER\n');
    interpolateTree(doc, none, reporter);
    expect(reporter.diagnostics).toEqual([
      {
        code: 'INTERPOLATION_REQUIRED',
        severity: 'error',
        message: 'services.db.environment.PASSWORD: required variable DB_PASSWORD is missing a value: set it in .env',
        file: 'compose.yaml',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        path: '/services/db/environment/PASSWORD',
      },
      expect.objectContaining({ code: 'INTERPOLATION_UNSET', severity: 'warning', line: 6, column: 13, path: '/services/db/environment/USER' }),
    ]);
  });

  it('a syntax error is an error at the string and leaves it as written', () => {
    const { doc, reporter } = load('services:\n  a:\n    image: "${"\n');
    interpolateTree(doc, none, reporter);
    expect(doc.services.a.image).toBe('${');
    expect(reporter.diagnostics).toMatchObject([{ code: 'INTERPOLATION_SYNTAX', severity: 'error', line: 3, path: '/services/a/image' }]);
  });

  it('a value shared by two parents is interpolated once', () => {
    const shared = { cmd: '$$HOME' };
    const root = { a: shared, b: shared, list: [shared] };
    interpolateTree(root, () => 'X', new Reporter());
    expect(shared.cmd).toBe('$HOME');
  });

  it('a __proto__ key is walked as an own property and nothing is polluted', () => {
    const { doc, reporter } = load('services:\n  a:\n    __proto__: "$V"\n    labels: {__proto__: "$V"}\n');
    interpolateTree(doc, env({ V: 'v' }), reporter);
    expect(Object.getOwnPropertyDescriptor(doc.services.a, '__proto__')?.value).toBe('v');
    expect(Object.getOwnPropertyDescriptor(doc.services.a.labels, '__proto__')?.value).toBe('v');
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc.services.a)).toBe(Object.prototype);
  });

  it('a non-object root is ignored', () => {
    const reporter = new Reporter();
    interpolateTree('$X', none, reporter);
    interpolateTree(null, none, reporter);
    expect(reporter.diagnostics).toEqual([]);
  });
});
