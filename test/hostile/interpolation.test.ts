/**
 * Hostile interpolation: `${A:-${B:-…}}` 10,000 deep (in compose values and env files),
 * values that double at every line of an env file, expansion multiplied over many env files
 * or alias copies, and long runs of `$`.
 */
import { describe, expect, it } from 'vitest';
import { PROJECT, errorCodes, expectCoded, runHostile } from './harness.js';
import { MAX_EXPANSION, MAX_NESTING } from '../../src/loader/interpolate.js';

const COMPOSE = `${PROJECT}/compose.yaml`;

/** `${V0:-${V1:-…${Vn-1:-end}…}}` */
function nested(depth: number, inner = 'end'): string {
  let s = inner;
  for (let i = depth - 1; i >= 0; i--) s = `\${V${i}:-${s}}`;
  return s;
}

describe('deeply nested ${A:-${B:-…}}', () => {
  it('10,000 deep in a compose value: INTERPOLATION_SYNTAX at the value', async () => {
    const { load, convert } = await runHostile({ files: { [COMPOSE]: `services:\n  web:\n    image: "${nested(10_000)}"\n` }, convert: true });
    const d = expectCoded(load.diagnostics, 'INTERPOLATION_SYNTAX', { line: 3 });
    expect(d.path).toBe('/services/web/image');
    expect(convert?.outputs).toEqual([]);
  });

  it('10,000 deep in an env file: INTERPOLATION_SYNTAX in the env file', async () => {
    const files = { [COMPOSE]: 'services:\n  web:\n    image: nginx\n    env_file: deep.env\n', [`${PROJECT}/deep.env`]: `A=1\nDEEP=${nested(10_000)}\n` };
    const { load } = await runHostile({ files, convert: true });
    expectCoded(load.diagnostics, 'INTERPOLATION_SYNTAX', { line: 2, file: `${PROJECT}/deep.env` });
  });

  it('10,000 deep in .env (project variables): INTERPOLATION_SYNTAX in .env', async () => {
    const files = { [COMPOSE]: 'services:\n  web:\n    image: nginx\n', [`${PROJECT}/.env`]: `DEEP=${nested(10_000)}\n` };
    const { load } = await runHostile({ files, convert: true });
    expectCoded(load.diagnostics, 'INTERPOLATION_SYNTAX', { line: 1, file: `${PROJECT}/.env` });
  });

  it(`nesting up to MAX_NESTING (${MAX_NESTING}) is read; one more is refused`, async () => {
    const ok = await runHostile({ files: { [COMPOSE]: `services:\n  web:\n    image: "${nested(MAX_NESTING - 1, 'nginx')}"\n` } });
    expect(ok.load.diagnostics).toEqual([]);
    expect(ok.load.project?.services.web?.image).toBe('nginx');
    const over = await runHostile({ files: { [COMPOSE]: `services:\n  web:\n    image: "${nested(MAX_NESTING + 1, 'nginx')}"\n` } });
    expectCoded(over.load.diagnostics, 'INTERPOLATION_SYNTAX', { line: 3 });
  });

  it('100,000 unclosed "${" in one value: one INTERPOLATION_SYNTAX', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: `services:\n  web:\n    image: "${'${'.repeat(100_000)}"\n` }, convert: true });
    expect(load.diagnostics.map((d) => d.code)).toEqual(['INTERPOLATION_SYNTAX']);
  });
});

describe('expansion that multiplies', () => {
  /** An env file whose line i is line i-1 twice: 1 KiB · 2^n. */
  function doubling(n: number, name = 'V'): string {
    let text = `${name}0=${'x'.repeat(1024)}\n`;
    for (let i = 1; i <= n; i++) text += `${name}${i}=\${${name}${i - 1}}\${${name}${i - 1}}\n`;
    return text;
  }

  it(`a value doubling at every line stops at MAX_EXPANSION (${MAX_EXPANSION} characters) with INTERPOLATION_SYNTAX`, async () => {
    // 2^40 KiB if nothing stopped it; the engine's string limit is 2^29 characters.
    const files = { [COMPOSE]: 'services:\n  web:\n    image: "nginx:${V40}"\n', [`${PROJECT}/.env`]: doubling(40) };
    const { load, convert } = await runHostile({ files, convert: true });
    const d = expectCoded(load.diagnostics, 'INTERPOLATION_SYNTAX', { file: `${PROJECT}/.env` });
    expect(d.message).toContain(String(MAX_EXPANSION));
    expect(convert?.outputs).toEqual([]);
  });

  it('the same in a service env_file, whose values reach the task definition', async () => {
    const files = { [COMPOSE]: 'services:\n  web:\n    image: nginx\n    env_file: bomb.env\n', [`${PROJECT}/bomb.env`]: doubling(40) };
    const { load, convert } = await runHostile({ files, convert: true });
    expectCoded(load.diagnostics, 'INTERPOLATION_SYNTAX', { file: `${PROJECT}/bomb.env` });
    expect(convert?.outputs).toEqual([]);
  });

  it('expansion just under the per-value limit, repeated over a thousand env files, stops at the per-load budget', async () => {
    const files: Record<string, string> = {};
    let compose = 'services:\n  web:\n    image: nginx\n    env_file:\n';
    for (let i = 0; i < 1_000; i++) {
      files[`${PROJECT}/e${i}.env`] = doubling(13) + 'W1=a${V13}\nW2=b${V13}\n';
      compose += `      - e${i}.env\n`;
    }
    files[COMPOSE] = compose;
    const { load, convert } = await runHostile({ files, convert: true });
    const d = expectCoded(load.diagnostics, 'INTERPOLATION_SYNTAX', { file: `${PROJECT}/e0.env` });
    expect(d.message).toContain('added more than');
    expect(load.diagnostics.filter((x) => x.code === 'INTERPOLATION_SYNTAX')).toHaveLength(1);
    expect(convert?.outputs).toEqual([]);
  });

  it('alias copies of one variable reference stop at the per-load budget too', async () => {
    const refs = Array.from({ length: 5_000 }, (_, i) => `      C${i}: *ref\n`).join('');
    const files = { [COMPOSE]: `x-ref: &ref "\${BIG}"\nservices:\n  web:\n    image: nginx\n    environment:\n${refs}`, [`${PROJECT}/.env`]: doubling(12).replace(/V12=/, 'BIG=') };
    const { load, convert } = await runHostile({ files, convert: true });
    expectCoded(load.diagnostics, 'INTERPOLATION_SYNTAX', { line: 7 });
    expect(convert?.outputs).toEqual([]);
  });

  it('alias copies of a 1 MB value full of $$ are expanded once: $$ is $ in every copy', async () => {
    const big = '$$'.repeat(512 * 1024);
    const text = `x-a: &a "${big}"\nx-b: [${Array(1_000).fill('*a').join(', ')}]\nservices:\n  web:\n    image: nginx\n`;
    const { load } = await runHostile({ files: { [COMPOSE]: text }, options: { limits: { maxFileBytes: 2 * 1024 ** 3 } } });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    const copies = load.project?.extensions?.['x-b'] as string[];
    expect(copies).toHaveLength(1_000);
    const once = '$'.repeat(512 * 1024);
    expect(copies.every((c) => c === once)).toBe(true);
  });
});

describe('long runs of $', () => {
  it('1,000,000 $ characters: each pair is one $, an odd last one kept', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: `services:\n  web:\n    image: nginx\n    user: "${'$'.repeat(1_000_001)}"\n` }, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    expect(load.project?.services.web?.user?.length).toBe(500_001);
  });

  it('1,000,000 references to one unset variable: one warning, not a million', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: `services:\n  web:\n    image: nginx\n    user: "${'$U'.repeat(1_000_000)}"\n` }, convert: true });
    expect(load.diagnostics.map((d) => d.code)).toEqual(['INTERPOLATION_UNSET']);
  });
});

// Regression: CloudFormation crashed (INTERNAL_ERROR `a.includes is not a function` in the
// execution role) on a secret ARN holding `${`, which it writes as an Fn::Sub; an ARN kept as
// written after an interpolation error is one. Every extension field gives the loader's
// positioned INTERPOLATION_SYNTAX and nothing else goes wrong, on every target.
describe('interpolation errors in extension fields', () => {
  const places: [string, (bad: string) => string, number][] = [
    ['x-ecs.secrets (project)', (b) => `services:\n  web:\n    image: nginx\n    secrets: [db]\nsecrets:\n  db: {file: ./s.txt}\nx-ecs:\n  secrets: {db: ${b}}\n`, 8],
    ['x-ecs.environment_secrets (service)', (b) => `services:\n  web:\n    image: nginx\n    x-ecs: {environment_secrets: {DB: ${b}}}\n`, 4],
    ['x-ecs.logging.secret_options (project)', (b) => `x-ecs:\n  logging: {secret_options: {key: ${b}}}\nservices:\n  web:\n    image: nginx\n`, 2],
    ['x-ecs.cpu (service)', (b) => `services:\n  web:\n    image: nginx\n    x-ecs: {cpu: ${b}}\n`, 4],
    ['x-ecs.execution_role_arn (project)', (b) => `x-ecs: {execution_role_arn: ${b}}\nservices:\n  web:\n    image: nginx\n`, 1],
    ['x-aws-pull_credentials (service)', (b) => `services:\n  web:\n    image: nginx\n    x-aws-pull_credentials: ${b}\n`, 4],
    ['x-aws-role (service)', (b) => `services:\n  web:\n    image: nginx\n    x-aws-role: {Statement: [{Resource: ${b}}]}\n`, 4],
    ['x-aws-cluster (project)', (b) => `x-aws-cluster: ${b}\nservices:\n  web:\n    image: nginx\n`, 1],
    ['x-aws-logs_retention (project)', (b) => `x-aws-logs_retention: ${b}\nservices:\n  web:\n    image: nginx\n`, 1],
    ['x-kubernetes (service)', (b) => `services:\n  web:\n    image: nginx\n    x-kubernetes: {controller: ${b}}\n`, 4],
  ];
  for (const bad of ['"${"', '"${${}}"']) {
    for (const [what, text, line] of places) {
      for (const target of ['ecs', 'cloudformation', 'kubernetes'] as const) {
        it(`${bad} in ${what} → ${target}: INTERPOLATION_SYNTAX at ${line}`, async () => {
          const files = { [COMPOSE]: text(bad), [`${PROJECT}/s.txt`]: 'secret' };
          const { convert } = await runHostile({ files, convert: true, target });
          const d = expectCoded(convert!.diagnostics, 'INTERPOLATION_SYNTAX', { line, file: COMPOSE });
          expect(d.severity).toBe('error');
          expect(convert?.outputs).toEqual([]);
        });
      }
    }
  }

  it('an ARN with a literal ${ ($${) converts to CloudFormation: the execution role reads it through Fn::Sub', async () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:a$${b}-AbCdEf';
    const files = { [COMPOSE]: `services:\n  web:\n    image: nginx\n    secrets: [db]\nsecrets:\n  db: {file: ./s.txt}\nx-ecs:\n  secrets: {db: "${arn}"}\n`, [`${PROJECT}/s.txt`]: 'secret' };
    const { convert } = await runHostile({ files, convert: true, target: 'cloudformation' });
    expect(errorCodes(convert!.diagnostics)).toEqual([]);
    expect(convert?.outputs[0]?.contents).toContain('secret:a${!b}-AbCdEf');
  });
});
