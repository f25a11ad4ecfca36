import { describe, expect, it } from 'vitest';
import { locate } from '../../../src/core/source.js';
import { codes, load } from './helpers.js';

const unknown = (text: string) => load(text).diagnostics.filter((d) => d.code === 'REFERENCE_UNKNOWN');

describe('05-services references to undefined services are REFERENCE_UNKNOWN at the reference', () => {
  it('depends_on, links, volumes_from, network_mode / ipc / pid / uts service:', () => {
    const ds = unknown(
      'services:\n  web:\n    image: x\n    depends_on: [db]\n    links: ["cache:c"]\n    volumes_from: ["data:ro", "container:ok"]\n    ipc: "service:shm"\n    uts: "service:host1"\n  proxy:\n    image: x\n    network_mode: "service:vpn"\n',
    );
    expect(ds.map((d) => [d.path, d.line])).toEqual([
      ['/services/web/depends_on/0', 4],
      ['/services/web/links/0', 5],
      ['/services/web/volumes_from/0', 6],
      ['/services/web/ipc', 7],
      ['/services/web/uts', 8],
      ['/services/proxy/network_mode', 11],
    ]);
    expect(ds[0]?.message).toContain('"db"');
  });

  it('required: false does not excuse an undefined service (compose errors too)', () => {
    expect(unknown('services:\n  web:\n    image: x\n    depends_on:\n      db: {condition: service_started, required: false}\n')).toHaveLength(1);
  });

  it('an extends leftover naming no service', () => {
    const ds = unknown('services:\n  web:\n    image: x\n    extends: base\n');
    expect(ds.map((d) => d.path)).toEqual(['/services/web/extends/service']);
  });
});

describe('05-services references to undeclared top-level resources', () => {
  it('networks, named volumes, secrets, configs, build secrets, models', () => {
    const ds = unknown(
      'services:\n  web:\n    image: x\n    networks: [front]\n    volumes: ["data:/data", "./local:/local", "/abs:/abs"]\n    secrets: [tok]\n    configs: [{source: conf}]\n    models: [llm]\n    build:\n      secrets: [bsec]\n',
    );
    expect(ds.map((d) => d.path)).toEqual([
      '/services/web/networks/front',
      '/services/web/volumes/0/source',
      '/services/web/secrets/0/source',
      '/services/web/configs/0/source',
      '/services/web/build/secrets/0/source',
      '/services/web/models/llm',
    ]);
    expect(ds.map((d) => d.line)).toEqual([4, 5, 6, 7, 10, 8]);
  });

  it('declared ones are fine, and the default network is implicit', () => {
    expect(load('services:\n  web:\n    image: x\n    networks: [default, front]\n    volumes: ["data:/data"]\nnetworks: {front: {}}\nvolumes: {data: {}}\n').diagnostics).toEqual([]);
  });
});

describe('05-services keys that exclude or require each other', () => {
  it('network_mode with networks; no image, build or provider; container_name with replicas', () => {
    expect(codes(load('services:\n  a:\n    image: x\n    network_mode: host\n    networks: [default]\n').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
    expect(codes(load('services:\n  a:\n    command: echo\n').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
    expect(codes(load('services:\n  a:\n    image: x\n    container_name: one\n    deploy: {replicas: 2}\n').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
  });

  it('each problem of a service is reported, also when several are', () => {
    const { diagnostics } = load('services:\n  a:\n    container_name: one\n    scale: 2\n    deploy: {replicas: 3}\n');
    expect(diagnostics.map((d) => d.path)).toEqual(['/services/a', '/services/a/scale', '/services/a/container_name']);
  });
});

describe('inputs that bypassed the schema check are reported, never thrown', () => {
  it('unknown keys, wrong shapes, nulls', () => {
    const { project, diagnostics } = load(
      'services:\n  a:\n    image: x\n    imagee: y\n    ports: "80:80"\n    environment: 5\n    depends_on: {db: 3}\n    networks: 7\n  b: null\n  db: {image: x}\nnetworks: []\nbogus: 1\n',
    );
    expect(codes(diagnostics).sort()).toEqual(
      ['COMPOSE_UNKNOWN_KEY', 'COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE', 'COMPOSE_UNKNOWN_KEY'].sort(),
    );
    expect(Object.keys(project.services)).toEqual(['a', 'db']);
    expect(project.services.a?.image).toBe('x');
  });

  it('a mistake the schema check already reported is not reported again', () => {
    const { diagnostics } = load('services:\n  a:\n    image: x\n    imagee: y\n    mem_limit: {a: 1}\n    build: {context: 5, dockerfile: [x]}\n', { schema: true });
    expect(diagnostics.map((d) => d.path)).toEqual([...new Set(diagnostics.map((d) => d.path))]);
    expect(diagnostics.every((d) => d.code !== 'COMPOSE_INVALID_VALUE')).toBe(true);
  });

  it('hostile keys stay own properties', () => {
    const { project } = load('services:\n  __proto__:\n    image: x\n    labels: {__proto__: polluted}\n    environment: ["__proto__=1"]\n');
    expect(Object.keys(project.services)).toEqual(['__proto__']);
    const svc = Object.getOwnPropertyDescriptor(project.services, '__proto__')?.value;
    expect(Object.getOwnPropertyDescriptor(svc.labels, '__proto__')?.value).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(locate(project, ['services', '__proto__', 'image'])).toBeDefined();
  });
});
