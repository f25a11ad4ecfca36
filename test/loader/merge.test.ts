import { describe, expect, it } from 'vitest';
import { mergeCompose, mergeService, withoutMergeTags } from '../../src/loader/merge.js';
import { parseYaml } from '../../src/loader/yaml-source.js';
import { SourceFile, locate, sourceOf } from '../../src/core/source.js';
import { Reporter } from '../../src/diagnostics/report.js';

type Tree = Record<string, any>;

function yaml(text: string, path = 'compose.yaml'): Tree {
  const reporter = new Reporter();
  const docs = parseYaml(new SourceFile(path, text), reporter);
  expect(reporter.diagnostics).toEqual([]);
  return docs[0] as Tree;
}

/** Merges the files in order, like `-f a -f b -f c`. */
function merge(...texts: string[]): { result: Tree; reporter: Reporter } {
  const reporter = new Reporter();
  const trees = texts.map((t, i) => yaml(t, `f${i}.yaml`));
  let result = trees[0] as Tree;
  for (const t of trees.slice(1)) result = mergeCompose(result, t, reporter);
  return { result, reporter };
}

function svc(base: string, override: string): Tree {
  const { result, reporter } = merge(`services:\n  foo:\n${indent(base)}`, `services:\n  foo:\n${indent(override)}`);
  expect(reporter.diagnostics).toEqual([]);
  return result.services.foo;
}

function indent(s: string): string {
  return s.split('\n').map((l) => (l ? '    ' + l : l)).join('\n') + '\n';
}

function lineOf(root: unknown, path: (string | number)[]): string {
  const r = locate(root, path)!;
  return `${r.file.path}:${r.file.position(r.start).line}`;
}

describe('13-merge: Mapping', () => {
  it('adds missing entries and merges the conflicting ones (the spec example)', () => {
    const foo = svc('key1: value1\nkey2: value2', 'key2: VALUE\nkey3: value3');
    expect(foo).toEqual({ key1: 'value1', key2: 'VALUE', key3: 'value3' });
  });

  it('merges nested mappings and adds services and top-level resources', () => {
    const { result } = merge(
      'services:\n  a: {image: x, deploy: {resources: {limits: {cpus: "1"}}}}\nnetworks:\n  front: {driver: bridge}\n',
      'services:\n  a: {deploy: {resources: {limits: {memory: 1g}}}}\n  b: {image: y}\nnetworks:\n  front: {driver_opts: {mtu: "9000"}}\nvolumes:\n  data: {}\n',
    );
    expect(result).toEqual({
      services: { a: { image: 'x', deploy: { resources: { limits: { cpus: '1', memory: '1g' } } } }, b: { image: 'y' } },
      networks: { front: { driver: 'bridge', driver_opts: { mtu: '9000' } } },
      volumes: { data: {} },
    });
  });
});

describe('13-merge: Sequence', () => {
  it('appends the override values to the previous ones (the spec example, key DNS)', () => {
    expect(svc('DNS:\n  - 1.1.1.1', 'DNS:\n  - 8.8.8.8').DNS).toEqual(['1.1.1.1', '8.8.8.8']);
  });

  it('dns, dns_search, tmpfs take a string or a list and end as a list, without duplicates', () => {
    const foo = svc('dns: 1.1.1.1\ndns_search: [a.example]\ntmpfs: /run', 'dns: [8.8.8.8, 1.1.1.1]\ndns_search: b.example\ntmpfs: [/tmp]');
    expect(foo).toEqual({ dns: ['1.1.1.1', '8.8.8.8'], dns_search: ['a.example', 'b.example'], tmpfs: ['/run', '/tmp'] });
  });

  it('cap_add, cap_drop, expose, profiles, security_opt drop duplicates (80 and "80" are the same port)', () => {
    const foo = svc('cap_add: [NET_ADMIN]\nexpose: [80, "443"]\nprofiles: [dev]\nsecurity_opt: [a]', 'cap_add: [NET_ADMIN, SYS_TIME]\nexpose: ["80", 8080]\nprofiles: [dev, debug]\nsecurity_opt: [a, b]');
    expect(foo).toEqual({ cap_add: ['NET_ADMIN', 'SYS_TIME'], expose: ['80', '443', 8080], profiles: ['dev', 'debug'], security_opt: ['a', 'b'] });
  });

  it('other sequences (include, post_start) are appended as they are', () => {
    const { result } = merge('include: [a.yaml]\nservices:\n  foo: {post_start: [{command: a}]}\n', 'include: [b.yaml]\nservices:\n  foo: {post_start: [{command: a}]}\n');
    expect(result).toEqual({ include: ['a.yaml', 'b.yaml'], services: { foo: { post_start: [{ command: 'a' }, { command: 'a' }] } } });
  });

  // Their schema wants them unique, so appending duplicates would give a model that does not load.
  it('dns, dns_search, dns_opt, tmpfs and group_add are appended without duplicates', () => {
    const { result } = merge(
      'services:\n  foo: {group_add: [mail], dns: 1.1.1.1, dns_search: [a.example], dns_opt: [ndots:2], tmpfs: /run}\n',
      'services:\n  foo: {group_add: [mail, audio], dns: [1.1.1.1, 8.8.8.8], dns_search: a.example, dns_opt: [ndots:2], tmpfs: [/run, /tmp]}\n',
    );
    expect(result.services.foo).toEqual({ group_add: ['mail', 'audio'], dns: ['1.1.1.1', '8.8.8.8'], dns_search: ['a.example'], dns_opt: ['ndots:2'], tmpfs: ['/run', '/tmp'] });
  });
});

describe('13-merge: Exceptions — shell commands are overridden, not appended', () => {
  it('command (the spec example)', () => {
    expect(svc('command: ["echo", "foo"]', 'command: ["echo", "bar"]').command).toEqual(['echo', 'bar']);
  });

  it('entrypoint and healthcheck.test; the rest of healthcheck merges', () => {
    const foo = svc('entrypoint: [/a, -x]\nhealthcheck: {test: [CMD, a], interval: 5s}', 'entrypoint: /b\nhealthcheck: {test: [CMD, b], retries: 3}');
    expect(foo).toEqual({ entrypoint: '/b', healthcheck: { test: ['CMD', 'b'], interval: '5s', retries: 3 } });
  });

  it('a string command replaces a list one without a type mismatch', () => {
    expect(svc('command: [a, b]', 'command: run me').command).toBe('run me');
  });
});

describe('13-merge: Unique resources', () => {
  it('volumes are unique by target (the spec example)', () => {
    expect(svc('volumes:\n  - foo:/work', 'volumes:\n  - bar:/work').volumes).toEqual(['bar:/work']);
  });

  it('volumes: short and long syntax share the target; other targets are appended; long entries merge', () => {
    const foo = svc(
      'volumes:\n  - ./a:/work:ro\n  - type: volume\n    source: cache\n    target: /cache\n    volume: {nocopy: true}\n  - /anon',
      'volumes:\n  - type: bind\n    source: ./b\n    target: /work\n  - {type: volume, source: cache2, target: /cache}\n  - C:\\data:/win',
    );
    expect(foo.volumes).toEqual([
      { type: 'bind', source: './b', target: '/work' },
      { type: 'volume', source: 'cache2', target: '/cache', volume: { nocopy: true } },
      '/anon',
      'C:\\data:/win',
    ]);
  });

  it('ports are unique by ip, target, published and protocol', () => {
    const foo = svc(
      'ports:\n  - "8080:80"\n  - "127.0.0.1:9000:90"\n  - "53:53/udp"\n  - 3000',
      'ports:\n  - {target: 80, published: "8080", name: web}\n  - "9000:90"\n  - "53:53/tcp"\n  - "3000"\n  - "[::1]:7000:70"',
    );
    expect(foo.ports).toEqual([{ target: 80, published: '8080', name: 'web' }, '127.0.0.1:9000:90', '53:53/udp', '3000', '9000:90', '53:53/tcp', '[::1]:7000:70']);
  });

  it('0.0.0.0 and no host IP are the same; 8080:80 and 8081:80 are not', () => {
    const foo = svc('ports: ["0.0.0.0:8080:80", "8081:80"]', 'ports: [{target: 80, published: 8080, host_ip: 0.0.0.0, protocol: tcp}]');
    expect(foo.ports).toEqual([{ target: 80, published: 8080, host_ip: '0.0.0.0', protocol: 'tcp' }, '8081:80']);
  });

  it('secrets and configs are unique by target; a short name is its own target', () => {
    const foo = svc(
      'secrets: [db_password, {source: api, target: /etc/api}]\nconfigs: [nginx]',
      'secrets:\n  - {source: db_password, mode: 0400}\n  - {source: other, target: /etc/api}\n  - {source: x, target: db_password}\nconfigs:\n  - {source: nginx2, target: /nginx}',
    );
    // entries sharing a target merge (13-merge: "merge entries that share a unique key")
    // `0400` is the YAML 1.1 octal 256, as docker compose reads it
    expect(foo.secrets).toEqual([{ source: 'x', mode: 0o400, target: 'db_password' }, { source: 'other', target: '/etc/api' }]);
    expect(foo.configs).toEqual([{ source: 'nginx2', target: '/nginx' }]);
  });

  it('devices are unique by container path, blkio limits by device path', () => {
    const foo = svc(
      'devices: ["/dev/sda:/dev/xvda:rwm", /dev/ttyUSB0]\nblkio_config:\n  device_read_bps: [{path: /dev/sda, rate: 10mb}]',
      'devices: ["/dev/sdb:/dev/xvda:r"]\nblkio_config:\n  device_read_bps: [{path: /dev/sda, rate: 20mb}, {path: /dev/sdb, rate: 1mb}]',
    );
    expect(foo.devices).toEqual(['/dev/sdb:/dev/xvda:r', '/dev/ttyUSB0']);
    expect(foo.blkio_config.device_read_bps).toEqual([{ path: '/dev/sda', rate: '20mb' }, { path: '/dev/sdb', rate: '1mb' }]);
  });

  it('env_file is unique by path (string, list or long form)', () => {
    const foo = svc('env_file: a.env', 'env_file:\n  - {path: a.env, required: false}\n  - b.env');
    expect(foo.env_file).toEqual([{ path: 'a.env', required: false }, 'b.env']);
  });
});

describe('13-merge: Reset value', () => {
  it('!reset removes ports and one environment variable (the spec example)', () => {
    const { result, reporter } = merge(
      'services:\n  app:\n    image: myapp\n    ports:\n      - "8080:80"\n    environment:\n      FOO: BAR\n',
      'services:\n  app:\n    image: myapp\n    ports: !reset []\n    environment:\n      FOO: !reset null\n',
    );
    expect(reporter.diagnostics).toEqual([]);
    expect(result.services.app).toEqual({ image: 'myapp', environment: {} });
  });

  it('!reset on a key the base lacks, a whole service, and inside a new service', () => {
    const { result } = merge(
      'services:\n  a: {image: x}\n  b: {image: y}\n',
      'services:\n  a: {dns: !reset null}\n  b: !reset\n  c: {image: z, ports: !reset ["80"]}\n',
    );
    expect(result.services).toEqual({ a: { image: 'x' }, c: { image: 'z' } });
  });

  it('withoutMergeTags drops !reset keys of a file merged with nothing (as docker compose does)', () => {
    const only = yaml('services:\n  app:\n    image: a\n    ports: !reset ["80"]\n');
    expect(withoutMergeTags(only)).toEqual({ services: { app: { image: 'a' } } });
    expect(only.services.app.ports).toEqual(['80']);
  });
});

describe('13-merge: Replace value', () => {
  it('!override replaces ports instead of appending (the spec example)', () => {
    const { result } = merge('services:\n  app:\n    image: myapp\n    ports:\n      - "8080:80"\n', 'services:\n  app:\n    ports: !override\n      - "8443:443"\n');
    expect(result.services.app).toEqual({ image: 'myapp', ports: ['8443:443'] });
  });

  it('!override replaces a mapping without merging it', () => {
    const { result } = merge('services:\n  app:\n    environment: {A: "1", B: "2"}\n', 'services:\n  app:\n    environment: !override {C: "3"}\n');
    expect(result.services.app.environment).toEqual({ C: '3' });
  });
});

describe('docker compose rules where the spec is silent', () => {
  it('environment: a list and a mapping merge by key; two lists stay a list', () => {
    expect(svc('environment: [A=1, B=2, C]', 'environment: {B: "3", D: null}').environment).toEqual({ A: '1', B: '3', C: null, D: null });
    expect(svc('environment: {A: 1, B: 2}', 'environment: [B=x=y]').environment).toEqual({ A: 1, B: 'x=y' });
    expect(svc('environment: [A=1, B=2]', 'environment: [B=3, E=5]').environment).toEqual(['A=1', 'B=3', 'E=5']);
  });

  it('labels, annotations, sysctls, build.args, deploy.labels merge by key', () => {
    const foo = svc(
      'labels: [a=1]\nannotations: {x: "1"}\nsysctls: [net.core.somaxconn=1024]\nbuild: {context: ., args: [V=1, W]}\ndeploy: {labels: {l: "1"}}',
      'labels: {a: "2", b: "3"}\nannotations: [x=2]\nsysctls: {net.core.somaxconn: 2048}\nbuild: {args: {V: "2"}}\ndeploy: {labels: [m=2]}',
    );
    expect(foo).toEqual({
      labels: { a: '2', b: '3' },
      annotations: { x: '2' },
      sysctls: { 'net.core.somaxconn': 2048 },
      build: { context: '.', args: { V: '2', W: null } },
      deploy: { labels: { l: '1', m: '2' } },
    });
  });

  it('extra_hosts merge by host name; one host may keep several addresses', () => {
    expect(svc('extra_hosts: ["db:10.0.0.1", "api=10.0.0.2"]', 'extra_hosts: {db: 10.0.0.9}').extra_hosts).toEqual({ db: '10.0.0.9', api: '10.0.0.2' });
    expect(svc('extra_hosts: {h: [1.1.1.1]}', 'extra_hosts: ["h:::1", "h=2.2.2.2"]').extra_hosts).toEqual({ h: ['::1', '2.2.2.2'] });
    expect(svc('extra_hosts: ["h:1.1.1.1", "h:2.2.2.2", "g:3.3.3.3"]', 'extra_hosts: ["h:9.9.9.9"]').extra_hosts).toEqual(['h:9.9.9.9', 'g:3.3.3.3']);
  });

  it('depends_on: a list and a mapping merge, list entries taking the default condition', () => {
    expect(svc('depends_on: [db, cache]', 'depends_on: {db: {condition: service_healthy}}').depends_on).toEqual({
      db: { condition: 'service_healthy', required: true },
      cache: { condition: 'service_started', required: true },
    });
    expect(svc('depends_on: [db]', 'depends_on: [db, cache]').depends_on).toEqual(['db', 'cache']);
  });

  it('networks: a list and a mapping merge; aliases are appended without duplicates', () => {
    expect(svc('networks: {front: {aliases: [a]}, back: null}', 'networks: [front, extra]').networks).toEqual({ front: { aliases: ['a'] }, back: null, extra: null });
    expect(svc('networks: {front: {aliases: [a, b]}}', 'networks: {front: {aliases: [b, c], ipv4_address: 10.0.0.2}}').networks).toEqual({
      front: { aliases: ['a', 'b', 'c'], ipv4_address: '10.0.0.2' },
    });
  });

  it('ulimits entries are replaced whole (a number may replace soft/hard)', () => {
    expect(svc('ulimits: {nofile: {soft: 1, hard: 2}, nproc: 10}', 'ulimits: {nofile: 5, core: 0}').ulimits).toEqual({ nofile: 5, nproc: 10, core: 0 });
  });

  it('build: a context string and a mapping merge as {context}', () => {
    expect(svc('build: ./app', 'build: {dockerfile: Dockerfile.dev}').build).toEqual({ context: './app', dockerfile: 'Dockerfile.dev' });
    expect(svc('build: {context: ., target: dev}', 'build: ./other').build).toEqual({ context: './other', target: 'dev' });
    expect(svc('build: ./a', 'build: ./b').build).toBe('./b');
  });

  it('logging options merge when the driver is the same or unset, else the later logging replaces it', () => {
    expect(svc('logging: {driver: syslog, options: {a: "1"}}', 'logging: {options: {b: "2"}}').logging).toEqual({ driver: 'syslog', options: { a: '1', b: '2' } });
    expect(svc('logging: {driver: syslog, options: {a: "1"}}', 'logging: {driver: json-file}').logging).toEqual({ driver: 'json-file' });
  });

  it('a null override keeps the earlier value; a null base takes the later one; null replaces a command', () => {
    expect(svc('image: a\nnetworks: [front]\ncommand: [x]', 'image: null\nnetworks: null\ncommand: null')).toEqual({ image: 'a', networks: ['front'], command: null });
    expect(svc('depends_on: null', 'depends_on: [db]').depends_on).toEqual(['db']);
  });

  it('networks ipam config is unique by subnet', () => {
    const { result } = merge(
      'networks:\n  n:\n    ipam:\n      config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]\n    labels: [a=1]\n',
      'networks:\n  n:\n    ipam:\n      config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.254}, {subnet: 10.1.0.0/24}]\n    labels: {a: "2"}\n',
    );
    expect(result.networks.n).toEqual({ ipam: { config: [{ subnet: '10.0.0.0/24', gateway: '10.0.0.254' }, { subnet: '10.1.0.0/24' }] }, labels: { a: '2' } });
  });
});

describe('13-merge: values that cannot be merged', () => {
  it('a mapping over a sequence reports MERGE_TYPE_MISMATCH at the override value, and the override wins', () => {
    const { result, reporter } = merge('services:\n  a:\n    cap_add: [X]\n    gpus: [{driver: nvidia}]\n', 'services:\n  a:\n    gpus: all\n    x-thing: 1\n');
    expect(result.services.a.gpus).toBe('all');
    expect(reporter.diagnostics).toMatchObject([{ code: 'MERGE_TYPE_MISMATCH', severity: 'error', file: 'f1.yaml', line: 3, column: 11, path: '/services/a/gpus' }]);
    expect(reporter.diagnostics[0]?.message).toContain('f0.yaml:4');
  });

  it('a scalar over a mapping is reported too', () => {
    const { reporter } = merge('x-a: {b: 1}\n', 'x-a: 2\n');
    expect(reporter.diagnostics.map((d) => d.code)).toEqual(['MERGE_TYPE_MISMATCH']);
  });
});

describe('13-merge: positions follow the values', () => {
  it('every value points into the file it came from', () => {
    const { result } = merge(
      'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    environment: [A=1]\n',
      'services:\n  web:\n    ports:\n      - "443:443"\n    environment:\n      B: "2"\n',
      'services:\n  web:\n    image: nginx:2\n',
    );
    expect(lineOf(result, ['services', 'web', 'image'])).toBe('f2.yaml:3');
    expect(lineOf(result, ['services', 'web', 'ports', 0])).toBe('f0.yaml:4');
    expect(lineOf(result, ['services', 'web', 'ports', 1])).toBe('f1.yaml:4');
    expect(lineOf(result, ['services', 'web', 'environment', 'A'])).toBe('f0.yaml:5');
    expect(lineOf(result, ['services', 'web', 'environment', 'B'])).toBe('f1.yaml:6');
    const key = locate(result, ['services', 'web', 'image'], { key: true })!;
    expect(key.file.position(key.start)).toEqual({ line: 3, column: 5 });
  });

  it('a merged unique entry points at the later definition', () => {
    // (a one-letter source would read as a Windows drive, `a:/w`, as in docker compose)
    const { result } = merge('services:\n  a:\n    volumes: [aa:/w, bb:/x]\n', 'services:\n  a:\n    volumes:\n      - cc:/w\n');
    expect(result.services.a.volumes).toEqual(['cc:/w', 'bb:/x']);
    expect(lineOf(result, ['services', 'a', 'volumes', 0])).toBe('f1.yaml:4');
    expect(lineOf(result, ['services', 'a', 'volumes', 1])).toBe('f0.yaml:3');
  });
});

describe('mergeCompose: inputs are left alone', () => {
  it('does not modify or share the input trees', () => {
    const a = yaml('services:\n  a: {ports: ["80"], environment: {A: "1"}}\n');
    const b = yaml('services:\n  a: {ports: ["81"], environment: {A: !reset null}}\n');
    const before = JSON.stringify([a, b]);
    const out: Tree = mergeCompose(a, b, new Reporter());
    expect(JSON.stringify([a, b])).toBe(before);
    out.services.a.ports.push('x');
    expect(a.services.a.ports).toEqual(['80']);
    expect(sourceOf(out.services.a)?.tags).toBeUndefined();
  });

  it('keys named __proto__ stay plain data', () => {
    const { result } = merge('services:\n  a:\n    labels: {__proto__: x}\n', 'services:\n  a:\n    labels: [__proto__=y]\n  __proto__: {image: z}\n');
    expect(Object.getPrototypeOf(result.services)).toBe(Object.prototype);
    expect(Object.keys(result.services)).toEqual(['a', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(result.services.a.labels, '__proto__')?.value).toBe('y');
    expect(({} as any).image).toBeUndefined();
  });

  it('mergeService merges one service with the -f rules', () => {
    const r = new Reporter();
    const out = mergeService(yaml('image: a\nports: ["80:80"]'), yaml('ports: ["80:80", "81:81"]'), r, ['services', 'a']);
    expect(out).toEqual({ image: 'a', ports: ['80:80', '81:81'] });
  });
});

/** Every path below `v` with the position `locate` gives it, as `file:line:column`. */
function positions(v: unknown, root: unknown = v, path: (string | number)[] = [], out: string[] = []): string[] {
  const r = locate(root, path);
  const r2 = locate(root, path, { key: true });
  out.push(`${path.join('.')} ${r ? `${r.file.path}:${r.start}-${r.end}` : '-'} ${r2 ? `${r2.file.path}:${r2.start}-${r2.end}` : '-'}`);
  if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) positions(x, root, [...path, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

describe('13-merge with reuse (the loader gives up its parsed files, issue 22)', () => {
  const f0 = 'services:\n  a:\n    image: a\n    ports: ["80"]\n    environment: {A: "1"}\n  b:\n    image: b\n    volumes: [./x:/x]\nvolumes:\n  data: {}\n';
  const f1 = 'services:\n  a:\n    ports: ["81"]\n  c:\n    image: c\n    labels: {k: v}\n';

  it('gives the same values and positions as the copying merge', () => {
    const copied = mergeCompose(withoutMergeTags(yaml(f0, 'f0.yaml')), yaml(f1, 'f1.yaml'), new Reporter());
    const reused = mergeCompose(withoutMergeTags(yaml(f0, 'f0.yaml'), { reuse: true }), yaml(f1, 'f1.yaml'), new Reporter(), { reuse: true });
    expect(reused).toEqual(copied);
    expect(positions(reused)).toEqual(positions(copied));
  });

  it('keeps a value one file alone holds instead of copying it, and still copies what it merges', () => {
    const base = yaml(f0, 'f0.yaml');
    const over = yaml(f1, 'f1.yaml');
    const out: Tree = mergeCompose(withoutMergeTags(base, { reuse: true }), over, new Reporter(), { reuse: true });
    expect(out.services.b).toBe(base.services.b);
    expect(out.services.c).toBe(over.services.c);
    expect(out.services.a).not.toBe(base.services.a);
    expect(out.services.a.ports).toEqual(['80', '81']);
  });

  it('copies a value with merge tags inside: !reset children are dropped and tags forgotten, as without reuse', () => {
    const only = yaml('services:\n  a:\n    image: a\n    ports: !reset []\n');
    const out: Tree = withoutMergeTags(only, { reuse: true });
    expect(out).not.toBe(only);
    expect(out).toEqual({ services: { a: { image: 'a' } } });
    const over = yaml('services:\n  b:\n    image: b\n    environment: !override {X: "1"}\n', 'f1.yaml');
    const merged: Tree = mergeCompose(yaml('services:\n  a: {image: a}\n'), over, new Reporter(), { reuse: true });
    expect(merged.services.b).not.toBe(over.services.b);
    expect(sourceOf(merged.services.b)?.tags).toBeUndefined();
  });
});
