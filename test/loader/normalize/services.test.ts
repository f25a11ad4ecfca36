import { describe, expect, it } from 'vitest';
import { codes, load, service } from './helpers.js';

describe('05-services depends_on: short syntax means service_started, required', () => {
  it('a list of names', () => {
    const { project } = load('services:\n  web:\n    build: .\n    depends_on:\n      - db\n      - redis\n  redis:\n    image: redis\n  db:\n    image: postgres\n');
    expect(project.services.web?.depends_on).toEqual({
      db: { condition: 'service_started', required: true },
      redis: { condition: 'service_started', required: true },
    });
  });

  it('long syntax keeps condition and restart, required defaults to true', () => {
    const { project, diagnostics } = load(
      'services:\n  web:\n    build: .\n    depends_on:\n      db:\n        condition: service_healthy\n        restart: true\n      redis:\n        condition: service_started\n        required: false\n  redis:\n    image: redis\n  db:\n    image: postgres\n',
    );
    expect(diagnostics).toEqual([]);
    expect(project.services.web?.depends_on).toEqual({
      db: { condition: 'service_healthy', required: true, restart: true },
      redis: { condition: 'service_started', required: false },
    });
  });

  it('links, volumes_from and service: namespaces add dependencies, as compose does', () => {
    const { project } = load(
      'services:\n  web:\n    image: x\n    links: ["db:database"]\n    volumes_from: ["data:ro", "container:other"]\n    network_mode: "service:proxy"\n  db: {image: x}\n  data: {image: x}\n  proxy: {image: x}\n',
    );
    expect(project.services.web?.depends_on).toEqual({
      db: { condition: 'service_started', required: true, restart: true },
      proxy: { condition: 'service_started', required: true, restart: true },
      data: { condition: 'service_started', required: true },
    });
  });
});

describe('05-services environment', () => {
  it('map and list syntax give the same mapping; values are text', () => {
    const map = service('image: x\nenvironment:\n  RACK_ENV: development\n  SHOW: "true"\n  PORT: 80\n  USER_INPUT:\n').svc;
    const list = service('image: x\nenvironment:\n  - RACK_ENV=development\n  - SHOW=true\n  - PORT=80\n  - USER_INPUT\n').svc;
    expect(map.environment).toEqual({ RACK_ENV: 'development', SHOW: 'true', PORT: '80', USER_INPUT: null });
    expect(list.environment).toEqual(map.environment);
  });

  it('a bare name takes its value from the environment when set there', () => {
    const { svc } = service('image: x\nenvironment: [USER_INPUT, "EMPTY="]', { env: { USER_INPUT: 'hi' } });
    expect(svc.environment).toEqual({ USER_INPUT: 'hi', EMPTY: '' });
  });
});

describe('05-services env_file: files first, environment wins (even unset)', () => {
  const envFiles = { '/project/a.env': { A: '1', B: '1', C: '1' }, '/project/b.env': { B: '2' } };

  it('a string is one required file with an absolute path', () => {
    const { svc } = service('image: x\nenv_file: .env');
    expect(svc.env_file).toEqual([{ path: '/project/.env', required: true }]);
  });

  it('later files win, declared environment wins over both, and env_file stays in long form', () => {
    const { svc } = service('image: x\nenv_file:\n  - ./a.env\n  - path: ./b.env\n    required: false\n  - path: ./missing.env\n    required: false\n    format: raw\nenvironment:\n  C: declared\n  A:\n', { envFiles });
    expect(svc.environment).toEqual({ A: null, B: '2', C: 'declared' });
    expect(svc.env_file).toEqual([
      { path: '/project/a.env', required: true },
      { path: '/project/b.env', required: false },
      { path: '/project/missing.env', required: false, format: 'raw' },
    ]);
  });

  it('label_file labels are merged under labels, labels winning', () => {
    const { svc } = service('image: x\nlabel_file: ./app.labels\nlabels:\n  - com.example.b=declared\n', {
      envFiles: { '/project/app.labels': { 'com.example.a': 'file', 'com.example.b': 'file' } },
    });
    expect(svc.label_file).toEqual(['/project/app.labels']);
    expect(svc.labels).toEqual({ 'com.example.a': 'file', 'com.example.b': 'declared' });
  });
});

describe('05-services labels, annotations, sysctls: list or map', () => {
  it('labels: a key without value is empty text', () => {
    const list = service('image: x\nlabels:\n  - "com.example.description=Accounting webapp"\n  - "com.example.label-with-empty-value"\n').svc;
    expect(list.labels).toEqual({ 'com.example.description': 'Accounting webapp', 'com.example.label-with-empty-value': '' });
  });

  it('sysctls: numbers become text', () => {
    const { svc } = service('image: x\nsysctls:\n  net.core.somaxconn: 1024\n  net.ipv4.tcp_syncookies: 0\n');
    expect(svc.sysctls).toEqual({ 'net.core.somaxconn': '1024', 'net.ipv4.tcp_syncookies': '0' });
    expect(service('image: x\nannotations: [com.example.foo=bar]').svc.annotations).toEqual({ 'com.example.foo': 'bar' });
  });
});

describe('05-services extra_hosts: host → IPs', () => {
  it('short syntax with = or :, brackets removed, several IPs', () => {
    const { svc } = service('image: x\nextra_hosts:\n  - "somehost=162.242.195.82"\n  - "otherhost:50.31.209.229"\n  - "myhostv6=[::1]"\n  - "myhostv6b:::1"\n  - "multi=10.0.0.1,10.0.0.2"\n');
    expect(svc.extra_hosts).toEqual({
      somehost: ['162.242.195.82'],
      otherhost: ['50.31.209.229'],
      myhostv6: ['::1'],
      myhostv6b: ['::1'],
      multi: ['10.0.0.1', '10.0.0.2'],
    });
  });

  it('long syntax, a value or a list', () => {
    const { svc } = service('image: x\nextra_hosts:\n  somehost: "162.242.195.82"\n  both: ["1.1.1.1", "2.2.2.2"]\n');
    expect(svc.extra_hosts).toEqual({ somehost: ['162.242.195.82'], both: ['1.1.1.1', '2.2.2.2'] });
  });

  it('an entry without IP is reported', () => {
    expect(codes(service('image: x\nextra_hosts: ["nohost"]').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
  });

  // Found by the config fixpoint property: {somehost: ","} printed as somehost=, which loads
  // back as two empty addresses.
  it('a comma inside an address of the mapping form, or an empty address in a list, is reported', () => {
    for (const body of ['extra_hosts:\n  somehost: ","', 'extra_hosts:\n  somehost: "1.1.1.1,2.2.2.2"', 'extra_hosts: ["somehost=,"]', 'extra_hosts: ["somehost=1.1.1.1,"]']) {
      const r = service(`image: x\n${body}`);
      expect(codes(r.diagnostics), body).toEqual(['COMPOSE_INVALID_VALUE']);
      expect(r.svc.extra_hosts, body).toEqual({});
    }
  });
});

describe('05-services healthcheck: test is a list, durations are seconds', () => {
  it('the spec example', () => {
    const { svc } = service('image: x\nhealthcheck:\n  test: ["CMD", "curl", "-f", "http://localhost"]\n  interval: 1m30s\n  timeout: 10s\n  retries: 3\n  start_period: 40s\n  start_interval: 5s\n');
    expect(svc.healthcheck).toEqual({ interval: 90, retries: 3, test: ['CMD', 'curl', '-f', 'http://localhost'], timeout: 10, start_period: 40, start_interval: 5 });
  });

  it('a string is CMD-SHELL; disable is kept', () => {
    expect(service('image: x\nhealthcheck:\n  test: curl -f https://localhost || exit 1\n').svc.healthcheck?.test).toEqual(['CMD-SHELL', 'curl -f https://localhost || exit 1']);
    expect(service('image: x\nhealthcheck:\n  disable: true\n').svc.healthcheck).toEqual({ disable: true });
    expect(service('image: x\nhealthcheck:\n  test: ["NONE"]\n').svc.healthcheck).toEqual({ test: ['NONE'] });
  });
});

describe('05-services ulimits, devices, dns, tmpfs', () => {
  it('ulimits: a single number sets soft and hard', () => {
    const { svc } = service('image: x\nulimits:\n  nproc: 65535\n  nofile:\n    soft: 20000\n    hard: 40000\n');
    expect(svc.ulimits).toEqual({ nproc: { soft: 65535, hard: 65535 }, nofile: { soft: 20000, hard: 40000 } });
  });

  it('devices: HOST:CONTAINER[:PERMISSIONS], and CDI names', () => {
    const { svc } = service('image: x\ndevices:\n  - "/dev/ttyUSB0:/dev/ttyUSB0"\n  - "/dev/sda:/dev/xvda:rwm"\n  - "vendor1.com/device=gpu"\n  - source: /dev/sdb\n');
    expect(svc.devices).toEqual([
      { source: '/dev/ttyUSB0', target: '/dev/ttyUSB0', permissions: 'rwm' },
      { source: '/dev/sda', target: '/dev/xvda', permissions: 'rwm' },
      { source: 'vendor1.com/device=gpu', target: 'vendor1.com/device=gpu', permissions: 'rwm' },
      { source: '/dev/sdb', target: '/dev/sdb', permissions: 'rwm' },
    ]);
  });

  it('dns, dns_search and tmpfs: a single value becomes a list', () => {
    const { svc } = service('image: x\ndns: 8.8.8.8\ndns_search: example.com\ntmpfs: /run\n');
    expect([svc.dns, svc.dns_search, svc.tmpfs]).toEqual([['8.8.8.8'], ['example.com'], ['/run']]);
  });
});

describe('05-services secrets and configs: short syntax is the source', () => {
  it('secrets get the default target; configs keep theirs unset', () => {
    const { svc } = service('image: x\nsecrets: [server-certificate]\nconfigs: [my_config]\n');
    expect(svc.secrets).toEqual([{ source: 'server-certificate', target: '/run/secrets/server-certificate' }]);
    expect(svc.configs).toEqual([{ source: 'my_config' }]);
  });

  it('long syntax; a mode written 0440 or "0440" or 0o440 is octal 288, as compose reads it', () => {
    const { svc } = service('image: x\nconfigs:\n  - source: my_config\n    target: /redis_config\n    uid: "103"\n    gid: 103\n    mode: 0440\nsecrets:\n  - {source: a, target: a.cert, mode: 0o440}\n  - {source: b, mode: "0440"}\n  - {source: c, mode: 288}\n');
    expect(svc.configs).toEqual([{ source: 'my_config', target: '/redis_config', uid: '103', gid: '103', mode: 288 }]);
    expect(svc.secrets?.map((s) => [s.target, s.mode])).toEqual([['a.cert', 288], ['/run/secrets/b', 288], ['/run/secrets/c', 288]]);
  });
});

describe('05-services scalars: numbers, bytes, durations, booleans written as text', () => {
  it('interpolated text is read as its type', () => {
    const { svc, diagnostics } = service('image: x\nprivileged: "true"\nread_only: "no"\ncpus: "1.5"\nscale: "2"\nmem_limit: 300m\nmemswap_limit: -1\nshm_size: "1gb"\nstop_grace_period: 1m30s\npids_limit: "-1"\ncpu_rt_runtime: 400ms\ncpu_rt_period: 11000\n');
    expect(diagnostics).toEqual([]);
    expect(svc).toMatchObject({ privileged: true, read_only: false, cpus: 1.5, scale: 2, mem_limit: 314572800, memswap_limit: -1, shm_size: 1073741824, stop_grace_period: 90, pids_limit: -1, cpu_rt_runtime: 400000, cpu_rt_period: 11000 });
  });

  it('a wrong type is reported and left out, never thrown', () => {
    const { svc, diagnostics } = service('image: x\nprivileged: maybe\nmem_limit: lots\ncap_add: NET_ADMIN\nhealthcheck: {interval: soon}\n');
    expect(codes(diagnostics)).toEqual(['COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE']);
    expect(svc).not.toHaveProperty('privileged');
    expect(svc).not.toHaveProperty('mem_limit');
    expect(svc.healthcheck).toEqual({});
  });

  it('pull_policy if_not_present is missing', () => {
    expect(service('image: x\npull_policy: if_not_present').svc.pull_policy).toBe('missing');
  });
});

describe('05-services gpus, blkio_config, logging, x-* extensions', () => {
  it('gpus: all is one request for all devices', () => {
    expect(service('image: x\ngpus: all').svc.gpus).toEqual([{ count: 'all' }]);
    expect(service('image: x\ngpus:\n  - driver: 3dfx\n    count: 2\n').svc.gpus).toEqual([{ count: 2, driver: '3dfx' }]);
  });

  it('blkio_config: bps rates in bytes', () => {
    const { svc } = service('image: x\nblkio_config:\n  weight: 300\n  weight_device:\n    - path: /dev/sda\n      weight: 400\n  device_read_bps:\n    - path: /dev/sdb\n      rate: "12mb"\n  device_write_iops:\n    - path: /dev/sdb\n      rate: 30\n');
    expect(svc.blkio_config).toEqual({
      device_read_bps: [{ path: '/dev/sdb', rate: 12582912 }],
      device_write_iops: [{ path: '/dev/sdb', rate: 30 }],
      weight: 300,
      weight_device: [{ path: '/dev/sda', weight: 400 }],
    });
  });

  it('logging options are text; x-* keys go to extensions, also nested', () => {
    const { svc } = service('image: x\nlogging:\n  driver: syslog\n  options:\n    syslog-address: "tcp://192.168.0.42:123"\n    max-file: 3\n  x-note: kept\nx-owner: team-a\n');
    expect(svc.logging).toEqual({ driver: 'syslog', options: { 'syslog-address': 'tcp://192.168.0.42:123', 'max-file': '3' }, extensions: { 'x-note': 'kept' } });
    expect(svc.extensions).toEqual({ 'x-owner': 'team-a' });
  });
});
