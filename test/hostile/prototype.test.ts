/**
 * `__proto__`, `constructor` and `prototype` as keys everywhere a user writes keys: no
 * prototype pollution (Object.prototype untouched after load and after convert to ECS), and
 * the keys are read as ordinary names, never dropped silently nor inherited.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT, runHostile } from './harness.js';
import { validateCreateService, validateRegisterTaskDefinition } from '../validators/ecs.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';

const COMPOSE = `${PROJECT}/compose.yaml`;
const NAMES = ['__proto__', 'constructor', 'prototype'] as const;

/** Every own property of the built-in prototypes, with its descriptor, to compare after each run. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, proto] of [['Object', Object.prototype], ['Array', Array.prototype], ['Function', Function.prototype], ['String', String.prototype]] as const) {
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      out.set(`${name}.${String(key)}`, `${typeof d?.value}|${String(d?.get)}|${String(d?.set)}|${d?.writable}|${d?.enumerable}`);
    }
  }
  return out;
}

const before = snapshot();

function expectUnpolluted(stage: string): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted, `${stage}: ({}).polluted`).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted, `${stage}: [].polluted`).toBeUndefined();
  expect(Object.getPrototypeOf(probe), `${stage}: prototype of {}`).toBe(Object.prototype);
  expect(snapshot(), `${stage}: built-in prototypes`).toEqual(before);
}

afterEach(() => expectUnpolluted('after the test'));

/** A YAML block that sets `polluted` through each name, as a mapping key at this indentation. */
function poison(indent: string): string {
  return NAMES.map((n) => `${indent}${n}: {polluted: yes, prototype: {polluted: yes}}\n`).join('');
}

const compose = `name: proto
x-anchor: &anchor
${poison('  ')}services:
  __proto__:
    image: nginx
    environment:
      __proto__: env1
      constructor: env2
      prototype: env3
    labels:
      __proto__: label1
      constructor: label2
      prototype: label3
    x-custom:
${poison('      ')}    x-ecs:
${poison('      ')}  constructor:
    image: nginx
    <<: *anchor
    environment: ["__proto__=e1", "constructor=e2", "prototype=e3"]
    labels: ["__proto__=l1", "constructor=l2"]
    depends_on:
      __proto__: {condition: service_started}
    env_file: proto.env
  prototype:
    extends: constructor
    image: nginx
networks:
${poison('  ')}volumes:
${poison('  ')}secrets:
  __proto__: {file: ./s.txt}
  constructor: {file: ./s.txt}
configs:
  __proto__: {file: ./s.txt}
${poison('')}`;

const override = `services:
  __proto__:
    environment:
      __proto__: overridden
    labels: !reset {}
  constructor:
    environment:
      constructor: overridden
`;

const files = {
  [COMPOSE]: compose,
  [`${PROJECT}/compose.override.yaml`]: override,
  [`${PROJECT}/proto.env`]: '__proto__=fromfile\nconstructor=fromfile\nprototype=${__proto__}\n',
  [`${PROJECT}/s.txt`]: 'secret',
  [`${PROJECT}/.env`]: '__proto__=dot\nconstructor=dot\n',
};

/** The names only where compose allows any name: services, variables, labels, networks, x- extensions. */
const validFiles = {
  [COMPOSE]: `name: proto
x-${'__proto__'}: {polluted: yes}
services:
  __proto__:
    image: nginx
    environment: {__proto__: env1, prototype: env3}
    env_file: proto.env
    labels: {__proto__: label1, constructor: label2}
    networks: [__proto__]
    x-custom: {__proto__: {polluted: yes}, constructor: {prototype: {polluted: yes}}}
  constructor:
    image: nginx
    depends_on: [__proto__]
  prototype:
    extends: constructor
    environment: ["__proto__=e1", "constructor=e2"]
networks:
  __proto__: {}
  constructor: {}
`,
  [`${PROJECT}/proto.env`]: 'constructor=fromfile\n__proto__=fromfile\n',
};

describe('__proto__, constructor and prototype keys', () => {
  it('load and convert to ECS pollute nothing', async () => {
    const { load, convert } = await runHostile({ files, compose: [COMPOSE, `${PROJECT}/compose.override.yaml`], convert: true });
    expectUnpolluted('after load and convert');
    // Keys in places where the schema has none are reported, each at its line.
    const unknown = load.diagnostics.filter((d) => d.code === 'COMPOSE_UNKNOWN_KEY');
    expect(unknown.length).toBeGreaterThan(10);
    for (const d of unknown) expect(d.line, d.message).toBeGreaterThanOrEqual(1);
    expect(load.project).toBeDefined();
    expect(convert).toBeDefined();
  });

  it('the names are ordinary service names and keys, as own properties', async () => {
    const { load } = await runHostile({ files, compose: [COMPOSE, `${PROJECT}/compose.override.yaml`] });
    const project = load.project!;
    expect(Object.keys(project.services).sort()).toEqual([...NAMES].sort());
    for (const n of NAMES) expect(Object.hasOwn(project.services, n), `services has own ${n}`).toBe(true);
    const proto = Object.getOwnPropertyDescriptor(project.services, '__proto__')?.value as { environment?: Record<string, unknown> };
    expect(Object.getPrototypeOf(project.services)).not.toBe(proto);
    expect(proto.environment && Object.getOwnPropertyDescriptor(proto.environment, '__proto__')?.value).toBe('overridden');
    expect(proto.environment?.constructor).toBe('env2');
  });

  it('every __proto__ key in the result is an own, enumerable property, never a prototype', async () => {
    const { load } = await runHostile({ files, compose: [COMPOSE, `${PROJECT}/compose.override.yaml`] });
    const seen = new Set<object>();
    const walk = (v: unknown, path: string): void => {
      if (typeof v !== 'object' || v === null || seen.has(v)) return;
      seen.add(v);
      const proto = Object.getPrototypeOf(v);
      expect(proto === Object.prototype || proto === Array.prototype || proto === null, `${path} has a plain prototype`).toBe(true);
      for (const k of Object.keys(v)) walk(Object.getOwnPropertyDescriptor(v, k)?.value, `${path}.${k}`);
    };
    walk(load.project, 'project');
  });

  it('where the names are valid, convert emits them, its outputs pass the ECS validator, and nothing is polluted', async () => {
    const { load, convert } = await runHostile({ files: validFiles, convert: true, options: { layout: 'project' } });
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const outputs = convert?.outputs ?? [];
    expect(outputs.length).toBeGreaterThan(0);
    for (const o of outputs) {
      const parsed = JSON.parse(o.contents) as unknown;
      if (o.path.endsWith('.task-definition.json')) expect(validateRegisterTaskDefinition(parsed), o.path).toEqual([]);
      if (o.path.endsWith('.service.json')) expect(validateCreateService(parsed), o.path).toEqual([]);
    }
    const td = outputs.find((o) => o.path.endsWith('.task-definition.json'));
    const defs = (JSON.parse(td!.contents) as { containerDefinitions: { name: string; environment?: { name: string; value: string }[] }[] }).containerDefinitions;
    expect(defs.map((d) => d.name).sort()).toEqual([...NAMES].sort());
    const env = defs.find((d) => d.name === '__proto__')?.environment ?? [];
    expect(env.map((e) => `${e.name}=${e.value}`).sort()).toEqual(['__proto__=env1', 'constructor=fromfile', 'prototype=env3']);
    expectUnpolluted('after a valid convert');
    for (const o of outputs) {
      const parsed = JSON.parse(o.contents) as unknown;
      expect(JSON.stringify(parsed)).toBe(JSON.stringify(JSON.parse(JSON.stringify(o.value))));
    }
    expectUnpolluted('after parsing the outputs');
  });

  it('a label named __proto__ reaches dockerLabels (not dropped by key sorting)', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    labels:\n      __proto__: one\n      constructor: two\n';
    const { convert } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    const td = convert?.outputs.find((o) => o.path.endsWith('.task-definition.json'));
    expect(td).toBeDefined();
    const labels = (JSON.parse(td!.contents) as { containerDefinitions: { dockerLabels?: Record<string, string> }[] }).containerDefinitions[0]?.dockerLabels ?? {};
    expect(Object.hasOwn(labels, '__proto__') ? labels['__proto__'] : undefined).toBe('one');
    expect(Object.hasOwn(labels, 'constructor') ? labels.constructor : undefined).toBe('two');
  });

  it('variables named __proto__ and constructor interpolate from .env, not from Object.prototype', async () => {
    const text = 'services:\n  web:\n    image: "nginx:${__proto__:-unset}-${constructor:-unset}-${toString:-unset}"\n';
    const { load } = await runHostile({ files: { [COMPOSE]: text, [`${PROJECT}/.env`]: 'constructor=c\n' } });
    expect(load.project?.services.web?.image).toBe('nginx:unset-c-unset');
  });

  it('a service named toString or hasOwnProperty is a service like any other', async () => {
    const text = 'services:\n  toString:\n    image: nginx\n  hasOwnProperty:\n    image: nginx\n    depends_on: [toString]\n';
    const { load, convert } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(load.project?.services ?? {}).sort()).toEqual(['hasOwnProperty', 'toString']);
    expect(convert?.outputs.length).toBeGreaterThan(0);
  });

  it('-f files with the names as top-level keys merge (a merge rule was looked up on Object.prototype: fuzz regression)', async () => {
    const text = (v: string) => `services:\n  web:\n    image: nginx\n${NAMES.map((n) => `${n}: {a: ${v}}\n`).join('')}toString: {a: ${v}}\n"": {__proto__: ${v}, constructor: ${v}}\n`;
    const files = { [COMPOSE]: text('1'), [`${PROJECT}/compose.override.yaml`]: text('2') };
    const { load, convert } = await runHostile({ files, compose: [COMPOSE, `${PROJECT}/compose.override.yaml`], convert: true });
    expect(load.diagnostics.filter((d) => d.code === 'COMPOSE_UNKNOWN_KEY').length).toBeGreaterThan(0);
    expect(convert?.outputs).toEqual([]);
  });

  it('the names as values that backends look up in tables (network_mode, platform, constraints): ECS and CloudFormation', async () => {
    for (const extra of ['network_mode: constructor', 'network_mode: toString', 'platform: linux/constructor', 'platform: __proto__/x', 'deploy: {placement: {constraints: ["constructor==x"]}}', 'pull_policy: constructor']) {
      for (const target of ['ecs', 'cloudformation'] as const) {
        const r = await convert({ host: memoryHost({ [COMPOSE]: `services:\n  web:\n    image: nginx\n    ${extra}\n` }, PROJECT), env: {}, target });
        expect(r.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR').map((d) => d.message.slice(0, 300)), `${target}: ${extra}`).toEqual([]);
      }
    }
    expectUnpolluted('after the lookups');
  });

  // Regression: the Kubernetes backend looked these up in plain objects (ARCH, NODE_KEYS,
  // PULL_POLICIES) and got Object.prototype's members: INTERNAL_ERROR. Lookups are own-only now.
  it('the same values with the Kubernetes backend', async () => {
    for (const extra of ['platform: linux/constructor', 'deploy: {placement: {constraints: ["constructor==x"]}}', 'pull_policy: constructor']) {
      const r = await convert({ host: memoryHost({ [COMPOSE]: `services:\n  web:\n    image: nginx\n    ${extra}\n` }, PROJECT), env: {}, target: 'kubernetes' });
      expect(r.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR').map((d) => d.message.slice(0, 300)), `kubernetes: ${extra}`).toEqual([]);
    }
  });
});
