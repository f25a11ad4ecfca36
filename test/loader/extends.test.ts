import { describe, expect, it } from 'vitest';
import { resolveExtends, rebaseServicePaths, type LoadFile, type LoadedFile } from '../../src/loader/extends.js';
import { mergeCompose } from '../../src/loader/merge.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { parseYaml } from '../../src/loader/yaml-source.js';
import { SourceFile, locate } from '../../src/core/source.js';
import { Reporter } from '../../src/diagnostics/report.js';

type Tree = Record<string, any>;
const host = memoryHost({}, '/p');

/** Resolves extends in `/p/compose.yaml` of `files`, other files read through a fake LoadFile. */
async function resolve(files: Record<string, string>, main = '/p/compose.yaml') {
  const reporter = new Reporter();
  const loads: string[] = [];
  const parse = (path: string): LoadedFile => {
    const file = new SourceFile(path, files[path] as string);
    return { root: (parseYaml(file, reporter)[0] ?? {}) as Tree, file, dir: host.dirname(path) };
  };
  const loadFile: LoadFile = async (path) => {
    loads.push(path);
    if (!(path in files)) {
      reporter.error('FILE_NOT_FOUND', `no file ${path}`);
      return undefined;
    }
    return parse(path);
  };
  const self = parse(main);
  const before = JSON.stringify(self.root);
  const out = (await resolveExtends(self.root, self, loadFile, host, reporter)) as Tree;
  expect(JSON.stringify(self.root), 'the input root is left alone').toBe(before);
  return { out, services: out.services as Tree, diagnostics: reporter.diagnostics, loads };
}

function where(root: unknown, path: (string | number)[]): string {
  const r = locate(root, path)!;
  return `${r.file.path}:${r.file.position(r.start).line}`;
}

describe('05-services extends: Mappings', () => {
  const common = 'services:\n  common:\n    image: busybox\n    environment:\n      TZ: utc\n      PORT: 80\n';

  it('keys of the main service override the referenced ones (the spec example)', async () => {
    const { services, diagnostics } = await resolve({ '/p/compose.yaml': common + '  cli:\n    extends:\n      service: common\n    environment:\n      PORT: 8080\n' });
    expect(diagnostics).toEqual([]);
    expect(services.cli).toEqual({ image: 'busybox', environment: { TZ: 'utc', PORT: 8080 } });
    expect(services.common).toEqual({ image: 'busybox', environment: { TZ: 'utc', PORT: 80 } });
  });

  it('the same output is produced if array syntax is used', async () => {
    const { services } = await resolve({ '/p/compose.yaml': 'services:\n  common:\n    image: busybox\n    environment: [TZ=utc, PORT=80]\n  cli:\n    extends: {service: common}\n    environment: [PORT=8080]\n' });
    expect(services.cli).toEqual({ image: 'busybox', environment: ['TZ=utc', 'PORT=8080'] });
  });

  it('volumes are keyed by the path inside the container (the spec example)', async () => {
    const { services } = await resolve({
      '/p/compose.yaml': 'services:\n  common:\n    image: busybox\n    volumes:\n      - common-volume:/var/lib/backup/data:rw\n  cli:\n    extends:\n      service: common\n    volumes:\n      - cli-volume:/var/lib/backup/data:ro\n',
    });
    expect(services.cli).toEqual({ image: 'busybox', volumes: ['cli-volume:/var/lib/backup/data:ro'] });
  });

  it('a chain is followed until no extends remains (the spec example: cli gets user from base)', async () => {
    const { services } = await resolve({
      '/p/compose.yaml': 'services:\n  base:\n    image: busybox\n    user: root\n  common:\n    image: busybox\n    extends:\n      service: base\n  cli:\n    extends:\n      service: common\n',
    });
    expect(services.cli).toEqual({ image: 'busybox', user: 'root' });
    expect(services.common).toEqual({ image: 'busybox', user: 'root' });
  });

  it('healthcheck.disable in the main service when the referenced one is not disabled is reported', async () => {
    const { services, diagnostics } = await resolve({
      '/p/compose.yaml': 'services:\n  web:\n    healthcheck: {test: [CMD, curl, x], interval: 5s}\n  worker:\n    extends: web\n    healthcheck:\n      disable: true\n',
    });
    expect(diagnostics).toMatchObject([{ code: 'EXTENDS_INVALID', severity: 'warning', line: 7, path: '/services/worker/healthcheck/disable' }]);
    expect(services.worker.healthcheck).toEqual({ test: ['CMD', 'curl', 'x'], interval: '5s', disable: true });
  });
});

describe('05-services extends: Sequences', () => {
  it('referenced items come first, duplicates removed (the spec example: security_opt)', async () => {
    const { services } = await resolve({
      '/p/compose.yaml': 'services:\n  common:\n    image: busybox\n    security_opt:\n      - label:role:ROLE\n    cap_add: [A]\n  cli:\n    extends:\n      service: common\n    security_opt:\n      - label:user:USER\n    cap_add: [A, B]\n',
    });
    expect(services.cli).toEqual({ image: 'busybox', security_opt: ['label:role:ROLE', 'label:user:USER'], cap_add: ['A', 'B'] });
  });

  // The spec keeps the duplicates of dns, dns_search and tmpfs too, but their schema wants them
  // unique, and docker compose removes them (compose-go EnforceUnicity): so do we.
  it('env_file in list syntax keeps its duplicates; dns, dns_search and tmpfs lose theirs, as in docker compose', async () => {
    const { services } = await resolve({
      '/p/compose.yaml': 'services:\n  common:\n    dns: [1.1.1.1]\n    dns_search: example.com\n    env_file: [a.env]\n    tmpfs: /run\n  cli:\n    extends: common\n    dns: [1.1.1.1, 8.8.8.8]\n    dns_search: [example.com]\n    env_file: a.env\n    tmpfs: [/run]\n',
    });
    expect(services.cli).toEqual({ dns: ['1.1.1.1', '8.8.8.8'], dns_search: ['example.com'], env_file: ['a.env', 'a.env'], tmpfs: ['/run'] });
  });

  it('group_add, dns_opt, post_start, pre_stop and gpus, in neither list, are scalars: replaced, not appended', async () => {
    const { services } = await resolve({
      '/p/compose.yaml':
        'services:\n  common:\n    group_add: [mail]\n    dns_opt: [ndots:2]\n    post_start: [{command: a}]\n    pre_stop: [{command: b}]\n    gpus: all\n' +
        '  cli:\n    extends: common\n    group_add: [mail, audio]\n    dns_opt: [ndots:2]\n    post_start: [{command: c}]\n    pre_stop: [{command: d}]\n    gpus: [{capabilities: [gpu]}]\n',
    });
    expect(services.cli).toEqual({ group_add: ['mail', 'audio'], dns_opt: ['ndots:2'], post_start: [{ command: 'c' }], pre_stop: [{ command: 'd' }], gpus: [{ capabilities: ['gpu'] }] });
  });

  it('command is replaced, not appended', async () => {
    const { services } = await resolve({ '/p/compose.yaml': 'services:\n  a: {image: x, command: [a, b]}\n  b: {extends: a, command: [c]}\n' });
    expect(services.b).toEqual({ image: 'x', command: ['c'] });
  });
});

describe('05-services extends: Restrictions', () => {
  it('dependencies of the referenced service are inherited; Compose does not import the resources they name', async () => {
    const { services, diagnostics } = await resolve({
      '/p/compose.yaml': 'services:\n  base:\n    depends_on: [db]\n    volumes_from: [data]\n    network_mode: service:vpn\n  web:\n    extends: base\n',
    });
    expect(diagnostics).toEqual([]);
    expect(services.web).toEqual({ depends_on: ['db'], volumes_from: ['data'], network_mode: 'service:vpn' });
  });

  it('a cycle is an error whose message shows the chain', async () => {
    const { diagnostics, services } = await resolve({ '/p/compose.yaml': 'services:\n  web:\n    extends: base\n  base:\n    image: x\n    extends:\n      service: web\n' });
    expect(diagnostics).toMatchObject([{ code: 'EXTENDS_CYCLE', message: 'extends cycle: web → base → web', line: 7, path: '/services/base/extends/service' }]);
    expect(services.base).toEqual({ image: 'x' });
    expect(services.web.extends).toBeUndefined();
  });

  it('a service extending itself is a cycle', async () => {
    const { diagnostics } = await resolve({ '/p/compose.yaml': 'services:\n  web:\n    extends: web\n' });
    expect(diagnostics.map((d) => d.message)).toEqual(['extends cycle: web → web']);
  });

  it('a cycle across files is found, and reported once', async () => {
    const { diagnostics } = await resolve({
      '/p/compose.yaml': 'services:\n  web:\n    extends: {file: lib/common.yaml, service: base}\n  other:\n    extends: web\n',
      '/p/lib/common.yaml': 'services:\n  base:\n    extends: {file: ../compose.yaml, service: web}\n',
    });
    expect(diagnostics).toMatchObject([{ code: 'EXTENDS_CYCLE', message: 'extends cycle: web → base (/p/lib/common.yaml) → web', file: '/p/lib/common.yaml', line: 3 }]);
  });
});

describe('05-services extends: Finding referenced service', () => {
  it('an unknown service is reported at the service: value', async () => {
    const { diagnostics, services } = await resolve({ '/p/compose.yaml': 'services:\n  web:\n    image: x\n    extends:\n      service: bse\n' });
    expect(diagnostics).toMatchObject([{ code: 'EXTENDS_NOT_FOUND', severity: 'error', line: 5, column: 16, path: '/services/web/extends/service' }]);
    expect(services.web).toEqual({ image: 'x' });
  });

  it('an unknown service in another file names the file; the short form is reported at extends', async () => {
    const { diagnostics } = await resolve({
      '/p/compose.yaml': 'services:\n  web:\n    extends: {file: common.yaml, service: nope}\n  api:\n    extends: nope\n',
      '/p/common.yaml': 'services: {}\n',
    });
    expect(diagnostics).toMatchObject([
      { code: 'EXTENDS_NOT_FOUND', line: 3, message: expect.stringContaining('in common.yaml') },
      { code: 'EXTENDS_NOT_FOUND', line: 5, path: '/services/api/extends' },
    ]);
  });

  it('a file that cannot be read is reported by the loader only', async () => {
    const { diagnostics } = await resolve({ '/p/compose.yaml': 'services:\n  web:\n    extends: {file: missing.yaml, service: a}\n' });
    expect(diagnostics.map((d) => d.code)).toEqual(['FILE_NOT_FOUND']);
  });
});

describe('05-services extends: another file', () => {
  const files = {
    '/p/compose.yaml': 'services:\n  web:\n    extends:\n      file: lib/common.yaml\n      service: app\n    environment:\n      MODE: prod\n    volumes:\n      - ./local:/local\n',
    '/p/lib/common.yaml': [
      'services:',
      '  app:',
      '    extends: {file: ../base/base.yaml, service: root}',
      '    build: ./app',
      '    env_file: [app.env, {path: ~/secret.env}]',
      '    label_file: labels.txt',
      '    volumes:',
      '      - ./data:/data:ro',
      '      - named:/named',
      '      - ~/cache:/cache',
      '      - {type: bind, source: conf, target: /conf}',
      '      - {type: volume, source: vol, target: /vol}',
      '    environment:',
      '      MODE: dev',
      '      LEVEL: debug',
      '',
    ].join('\n'),
    '/p/base/base.yaml': 'services:\n  root:\n    image: base:1\n    build:\n      dockerfile: Dockerfile\n      additional_contexts: {shared: ../shared, img: "docker-image://alpine"}\n    develop:\n      watch: [{path: ./src, action: sync, target: /src}]\n',
  };

  it('follows a chain of 3 files, rebasing relative paths to where they were written', async () => {
    const { services, diagnostics } = await resolve(files);
    expect(diagnostics).toEqual([]);
    expect(services.web).toEqual({
      image: 'base:1',
      build: { context: '/p/lib/app', dockerfile: 'Dockerfile', additional_contexts: { shared: '/p/shared', img: 'docker-image://alpine' } },
      develop: { watch: [{ path: '/p/base/src', action: 'sync', target: '/src' }] },
      env_file: ['/p/lib/app.env', { path: '~/secret.env' }],
      label_file: '/p/lib/labels.txt',
      volumes: ['/p/lib/data:/data:ro', 'named:/named', '~/cache:/cache', { type: 'bind', source: '/p/lib/conf', target: '/conf' }, { type: 'volume', source: 'vol', target: '/vol' }, './local:/local'],
      environment: { MODE: 'prod', LEVEL: 'debug' },
    });
  });

  it('values keep the position of the file they were written in', async () => {
    const { out } = await resolve(files);
    expect(where(out, ['services', 'web', 'image'])).toBe('/p/base/base.yaml:3');
    expect(where(out, ['services', 'web', 'environment', 'LEVEL'])).toBe('/p/lib/common.yaml:15');
    expect(where(out, ['services', 'web', 'environment', 'MODE'])).toBe('/p/compose.yaml:7');
    expect(where(out, ['services', 'web', 'volumes', 0])).toBe('/p/lib/common.yaml:8');
    expect(where(out, ['services', 'web', 'build', 'context'])).toBe('/p/lib/common.yaml:4');
  });

  it('a file is loaded once and each base resolved once, however many services extend it', async () => {
    let text = 'services:\n';
    for (let i = 0; i < 200; i++) text += `  s${i}:\n    extends: {file: lib/common.yaml, service: app}\n`;
    const { services, loads } = await resolve({ ...files, '/p/compose.yaml': text });
    expect(loads).toEqual(['/p/lib/common.yaml', '/p/base/base.yaml']);
    expect(services.s199.image).toBe('base:1');
    services.s0.environment.X = '1';
    expect(services.s1.environment.X).toBeUndefined();
  });

  it('build URLs and git remotes are not paths', () => {
    const svc = rebaseServicePaths({ build: 'https://github.com/a/b.git#main' }, '/x', host);
    expect(svc.build).toBe('https://github.com/a/b.git#main');
    expect((rebaseServicePaths({ build: { context: 'git@github.com:a/b.git' } }, '/x', host) as Tree).build.context).toBe('git@github.com:a/b.git');
  });
});

describe('05-services extends: long chains', () => {
  it('a chain of 5,000 services resolves every link (a quadratic walk would hang into the test timeout; speed is measured by npm run bench)', async () => {
    const n = 5_000;
    let text = 'services:\n  s0: {image: x, environment: [A=0]}\n';
    for (let i = 1; i < n; i++) text += `  s${i}: {extends: s${i - 1}, environment: [A=${i}]}\n`;
    const { services, diagnostics } = await resolve({ '/p/compose.yaml': text });
    expect(diagnostics).toEqual([]);
    expect(services[`s${n - 1}`]).toEqual({ image: 'x', environment: [`A=${n - 1}`] });
    expect(services.s2500).toEqual({ image: 'x', environment: ['A=2500'] });
  });
});

describe('05-services extends with 13-merge tags', () => {
  it('!reset in the extending service removes the inherited key', async () => {
    const { services } = await resolve({ '/p/compose.yaml': 'services:\n  a: {image: x, ports: ["80:80"]}\n  b:\n    extends: a\n    ports: !reset []\n' });
    expect(services.b).toEqual({ image: 'x' });
  });

  it('the tags of an extending service still apply when its file overrides an earlier one', async () => {
    const first = await resolve({ '/p/compose.yaml': 'services:\n  web: {image: x, ports: ["80:80"], environment: {A: "1"}}\n' });
    const second = await resolve({ '/p/compose.yaml': 'services:\n  base: {image: y}\n  web:\n    extends: base\n    ports: !reset []\n    environment: !override {B: "2"}\n' });
    const merged: Tree = mergeCompose(first.out, second.out, new Reporter());
    expect(merged.services.web).toEqual({ image: 'y', environment: { B: '2' } });
  });
});
