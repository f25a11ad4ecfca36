/**
 * Hostile scalars and keys: duplicate keys, numbers JavaScript cannot hold (beyond 2^53, NaN,
 * infinities), a 10 MB scalar, very long keys.
 */
import { describe, expect, it } from 'vitest';
import { PROJECT, errorCodes, expectCoded, runHostile } from './harness.js';
import { validateRegisterTaskDefinition } from '../validators/ecs.js';
import type { Output } from '../../src/backends/backend.js';

const COMPOSE = `${PROJECT}/compose.yaml`;
const service = 'services:\n  web:\n    image: nginx\n';

function taskDefinitions(outputs: readonly Output[] | undefined): { containerDefinitions: Record<string, unknown>[] }[] {
  return (outputs ?? []).filter((o) => o.path.endsWith('.task-definition.json')).map((o) => JSON.parse(o.contents) as { containerDefinitions: Record<string, unknown>[] });
}

describe('duplicate keys', () => {
  it('a repeated key is YAML_DUPLICATE_KEY at the second occurrence', async () => {
    const { load, convert } = await runHostile({ files: { [COMPOSE]: service + '    image: httpd\n' }, convert: true });
    expectCoded(load.diagnostics, 'YAML_DUPLICATE_KEY', { line: 4 });
    expect(convert?.outputs).toEqual([]);
  });

  it('a repeated service name, in block and in flow style', async () => {
    for (const text of ['services:\n  a: {image: x}\n  b: {image: x}\n  a: {image: y}\n', 'services: {a: {image: x}, a: {image: y}}\n']) {
      const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
      expectCoded(load.diagnostics, 'YAML_DUPLICATE_KEY');
    }
  });

  it('keys equal as strings are duplicates: 1 and "1", null and "null"', async () => {
    for (const pair of ['1: a\n  "1": b', 'null: a\n  "null": b', '~: a\n  null: b']) {
      const { load } = await runHostile({ files: { [COMPOSE]: service + `x-k:\n  ${pair}\n` }, convert: true });
      expectCoded(load.diagnostics, 'YAML_DUPLICATE_KEY', { line: 6 });
    }
  });

  it('a key after a << merge replaces the merged one: not a duplicate', async () => {
    const text = 'x-base: &base {image: nginx, user: root}\nservices:\n  web:\n    <<: *base\n    user: app\n';
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expect(load.diagnostics).toEqual([]);
    expect(load.project?.services.web?.user).toBe('app');
  });

  it('two << keys in one mapping are duplicates', async () => {
    const text = 'x-a: &a {image: nginx}\nx-b: &b {user: root}\nservices:\n  web:\n    <<: *a\n    <<: *b\n';
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expectCoded(load.diagnostics, 'YAML_DUPLICATE_KEY', { line: 6 });
  });

  it('10,000 duplicates of one key are each reported', async () => {
    const text = service + 'x-dup:\n' + '  k: 1\n'.repeat(10_000);
    const { load } = await runHostile({ files: { [COMPOSE]: text } });
    expect(load.diagnostics.filter((d) => d.code === 'YAML_DUPLICATE_KEY')).toHaveLength(9_999);
  });
});

describe('numbers JavaScript cannot hold exactly', () => {
  const huge = ['9007199254740993', '123456789012345678901234567890', '1e400', '-1e400', '.inf', '-.Inf', '.nan', '.NaN', '0x1fffffffffffffff', '0o7777777777777777777777'];

  it('where a number is required, each is COMPOSE_INVALID_VALUE at the value (cpus aside: any finite number is valid compose)', async () => {
    for (const n of huge) {
      for (const field of ['cpus', 'mem_limit', 'mem_reservation', 'scale', 'cpu_shares', 'stop_grace_period', 'shm_size']) {
        if (field === 'cpus' && Number.isFinite(Number(n))) continue;
        const { load, convert } = await runHostile({ files: { [COMPOSE]: service + `    ${field}: ${n}\n` }, convert: true });
        const d = expectCoded(load.diagnostics, 'COMPOSE_INVALID_VALUE', { line: 4 });
        expect(d.path, `${field}: ${n}`).toBe(`/services/web/${field}`);
        expect(convert?.outputs, `${field}: ${n}`).toEqual([]);
      }
    }
  });

  // Regression: cpus of 2^53+1, 1e30 or 1e300 reached the task definition as a container cpu of
  // 9.2e18, 1.3e32 or 1.0e303 units with no diagnostic; ECS takes a 32-bit Integer.
  it('cpus too large for ECS is an error, not a container cpu beyond 32 bits', async () => {
    for (const n of ['9007199254740993', '123456789012345678901234567890', '1e300']) {
      const { load, convert } = await runHostile({ files: { [COMPOSE]: service + `    cpus: ${n}\n` }, convert: true });
      const errors = [...load.diagnostics, ...(convert?.diagnostics ?? [])].filter((d) => d.severity === 'error');
      for (const td of taskDefinitions(convert?.outputs)) {
        for (const c of td.containerDefinitions) expect(Number(c.cpu ?? 0), `cpus: ${n}`).toBeLessThanOrEqual(2 ** 31 - 1);
      }
      if ((convert?.outputs.length ?? 0) === 0) expect(errors.length, `cpus: ${n}`).toBeGreaterThan(0);
    }
  });

  it('ports, replicas and healthcheck retries out of range are errors at the value', async () => {
    for (const [n, yaml] of [
      ['ports', '    ports: [9007199254740993]\n'],
      ['ports', '    ports: [{target: 1e400}]\n'],
      ['ports', '    ports: ["99999999999999999999:80"]\n'],
      ['replicas', '    deploy: {replicas: 1e400}\n'],
      ['replicas', '    deploy: {replicas: 9007199254740993}\n'],
      ['retries', '    healthcheck: {test: [CMD, true], retries: .nan}\n'],
      ['ulimits', '    ulimits: {nofile: 1e400}\n'],
    ] as const) {
      const { load, convert } = await runHostile({ files: { [COMPOSE]: service + yaml }, convert: true });
      const errors = load.diagnostics.filter((d) => d.severity === 'error').concat(convert?.diagnostics.filter((d) => d.severity === 'error') ?? []);
      expect(errors.length, `${n}: ${yaml}`).toBeGreaterThan(0);
      for (const d of errors) expect(d.line, `${yaml} → ${d.code} ${d.message}`).toBeGreaterThanOrEqual(1);
      expect(convert?.outputs, yaml).toEqual([]);
    }
  });

  it('where a string is allowed (environment, labels), the text is kept exactly, not rounded', async () => {
    const env = huge.map((n, i) => `      V${i}: ${n}\n`).join('');
    const { load, convert } = await runHostile({ files: { [COMPOSE]: service + '    environment:\n' + env }, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    const [td] = taskDefinitions(convert?.outputs);
    expect(validateRegisterTaskDefinition(td)).toEqual([]);
    const values = (td?.containerDefinitions[0]?.environment as { name: string; value: string }[]).map((e) => e.value);
    expect(values.sort()).toEqual([...huge].sort());
  });

  it('a safe integer stays a number', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: service + '    cpu_shares: 9007199254740991\n' } });
    expect(load.project?.services.web?.cpu_shares).toBe(9007199254740991);
  });
});

describe('very long strings and keys', () => {
  it('a 10 MB scalar loads and converts within the bound', async () => {
    const value = 'x'.repeat(10 * 1024 * 1024);
    const { load, convert } = await runHostile({ files: { [COMPOSE]: service + `    environment:\n      BIG: "${value}"\n` }, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    const env = taskDefinitions(convert?.outputs)[0]?.containerDefinitions[0]?.environment as { value: string }[];
    expect(env[0]?.value.length).toBe(value.length);
  });

  it('a 10 MB plain (unquoted) scalar and a 10 MB block scalar load', async () => {
    const value = 'y'.repeat(10 * 1024 * 1024);
    for (const text of [service + `    user: ${value}\n`, service + `    command: |\n      ${value}\n`]) {
      const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
      expect(errorCodes(load.diagnostics)).toEqual([]);
    }
  });

  it('a 1 MB implicit key is a YAML syntax error at the key (the 1024-character rule)', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: service + `x-long:\n  ${'k'.repeat(1024 * 1024)}: 1\n` }, convert: true });
    expectCoded(load.diagnostics, 'YAML_SYNTAX', { line: 5 });
  });

  it('a 1 MB explicit key (? key) is a key like any other', async () => {
    const key = 'k'.repeat(1024 * 1024);
    const { load } = await runHostile({ files: { [COMPOSE]: service + `x-long:\n  ? ${key}\n  : 1\n` }, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    expect(Object.keys(load.project?.extensions?.['x-long'] as object)).toEqual([key]);
  });

  it('a 100 KB service name is loaded and rejected by the ECS rules with a position, not a crash', async () => {
    const name = 's'.repeat(100 * 1024);
    const { load, convert } = await runHostile({ files: { [COMPOSE]: `services:\n  ? ${name}\n  : image: nginx\n` }, convert: true });
    expect(load.diagnostics.filter((d) => d.severity === 'error').every((d) => d.line !== undefined)).toBe(true);
    for (const o of convert?.outputs ?? []) expect(o.path.length).toBeLessThan(1024);
  });

  it('100,000 environment variables in one service', async () => {
    const env = Array.from({ length: 100_000 }, (_, i) => `      V${i}: "${i}"\n`).join('');
    const { load } = await runHostile({ files: { [COMPOSE]: service + '    environment:\n' + env }, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
  });
});
