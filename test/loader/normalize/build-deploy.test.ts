import { describe, expect, it } from 'vitest';
import { codes, service } from './helpers.js';

describe('build.md: build long form', () => {
  it('a string is the context, made absolute; dockerfile defaults to Dockerfile', () => {
    expect(service('build: ./webapp').svc.build).toEqual({ context: '/project/webapp', dockerfile: 'Dockerfile' });
    expect(service('build: ~/custom', { home: '/home/me' }).svc.build?.context).toBe('/home/me/custom');
  });

  it('a git URL stays as written; a missing context is the project directory', () => {
    expect(service('build: https://github.com/mycompany/example.git#branch_or_tag:subdirectory').svc.build?.context).toBe(
      'https://github.com/mycompany/example.git#branch_or_tag:subdirectory',
    );
    expect(service('build:\n  dockerfile_inline: |\n    FROM alpine\n').svc.build).toEqual({ context: '/project', dockerfile_inline: 'FROM alpine\n' });
  });

  it('args: list or map; a bare name is looked up, and left out when unset', () => {
    const { svc } = service('build:\n  context: .\n  args:\n    - GIT_COMMIT=cdc3b19\n    - FROM_ENV\n    - UNSET\n', { env: { FROM_ENV: 'yes' } });
    expect(svc.build?.args).toEqual({ GIT_COMMIT: 'cdc3b19', FROM_ENV: 'yes' });
  });

  it('every other key in long form', () => {
    const { svc, diagnostics } = service(
      [
        'build:',
        '  context: backend',
        '  dockerfile: ../backend.Dockerfile',
        '  additional_contexts: [resources=/path/to/resources, app=docker-image://my-app:latest, local=./lib, base=service:base]',
        '  ssh: [default, myproject=~/.ssh/myproject.pem]',
        '  labels: [com.example.department=Finance]',
        '  cache_from: [alpine:latest]',
        '  shm_size: 2gb',
        '  extra_hosts: ["somehost=162.242.195.82"]',
        '  secrets: [server-certificate, {source: other, target: cert, mode: 0440}]',
        '  ulimits: {nproc: 65535}',
        '  provenance: true',
        '  sbom: generator=docker/scout-sbom-indexer:latest',
        '  privileged: "true"',
        '  no_cache: true',
        '  platforms: [linux/amd64, linux/arm64]',
        '  tags: ["myimage:mytag"]',
      ].join('\n'),
    );
    // the secrets are not declared at top level in this one-service example
    expect(codes(diagnostics)).toEqual(['REFERENCE_UNKNOWN', 'REFERENCE_UNKNOWN']);
    expect(svc.build).toEqual({
      context: '/project/backend',
      dockerfile: '../backend.Dockerfile',
      ssh: [{ id: 'default' }, { id: 'myproject', path: '~/.ssh/myproject.pem' }],
      labels: { 'com.example.department': 'Finance' },
      cache_from: ['alpine:latest'],
      no_cache: true,
      additional_contexts: { resources: '/path/to/resources', app: 'docker-image://my-app:latest', local: '/project/lib', base: 'service:base' },
      provenance: 'true',
      sbom: 'generator=docker/scout-sbom-indexer:latest',
      shm_size: 2147483648,
      extra_hosts: { somehost: ['162.242.195.82'] },
      privileged: true,
      secrets: [{ source: 'server-certificate' }, { source: 'other', target: 'cert', mode: 288 }],
      tags: ['myimage:mytag'],
      ulimits: { nproc: { soft: 65535, hard: 65535 } },
      platforms: ['linux/amd64', 'linux/arm64'],
    });
  });

  it('dockerfile and dockerfile_inline exclude each other', () => {
    expect(codes(service('build:\n  dockerfile: a\n  dockerfile_inline: FROM x\n').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
  });
});

describe('deploy.md: deploy long form', () => {
  it('resources: cpus as numbers, memory in bytes', () => {
    const { svc } = service("image: x\ndeploy:\n  resources:\n    limits:\n      cpus: '0.50'\n      memory: 50M\n      pids: 1\n    reservations:\n      cpus: '0.25'\n      memory: 20M\n");
    expect(svc.deploy).toEqual({ resources: { limits: { cpus: 0.5, memory: 52428800, pids: 1 }, reservations: { cpus: 0.25, memory: 20971520 } } });
  });

  it('restart_policy and update_config durations in seconds', () => {
    const { svc } = service('image: x\ndeploy:\n  mode: replicated\n  replicas: 6\n  endpoint_mode: vip\n  restart_policy:\n    condition: on-failure\n    delay: 5s\n    max_attempts: 3\n    window: 120s\n  update_config:\n    parallelism: 2\n    delay: 10s\n    order: stop-first\n  rollback_config:\n    monitor: 1m\n    max_failure_ratio: "0.1"\n');
    expect(svc.deploy).toEqual({
      mode: 'replicated',
      endpoint_mode: 'vip',
      replicas: 6,
      rollback_config: { monitor: 60, max_failure_ratio: 0.1 },
      update_config: { parallelism: 2, delay: 10, order: 'stop-first' },
      restart_policy: { condition: 'on-failure', delay: 5, max_attempts: 3, window: 120 },
    });
  });

  it('devices: count defaults to all; count and device_ids exclude each other', () => {
    const ok = service('image: x\ndeploy:\n  resources:\n    reservations:\n      devices:\n        - capabilities: ["nvidia-compute"]\n          driver: nvidia\n        - capabilities: ["tpu"]\n          count: 2\n        - capabilities: ["gpu"]\n          device_ids: ["GPU-f123"]\n          options:\n            virtualization: false\n');
    expect(ok.svc.deploy?.resources?.reservations?.devices).toEqual([
      { capabilities: ['nvidia-compute'], count: 'all', driver: 'nvidia' },
      { capabilities: ['tpu'], count: 2 },
      { capabilities: ['gpu'], device_ids: ['GPU-f123'], options: { virtualization: 'false' } },
    ]);
    const bad = service('image: x\ndeploy:\n  resources:\n    reservations:\n      devices:\n        - capabilities: [gpu]\n          count: 1\n          device_ids: ["0"]\n');
    expect(codes(bad.diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
  });

  it('placement and labels', () => {
    const { svc } = service('image: x\ndeploy:\n  labels:\n    com.example.description: "This label will appear on the web service"\n  placement:\n    constraints: [disktype=ssd]\n    preferences:\n      - spread: node.labels.zone\n');
    expect(svc.deploy).toEqual({
      labels: { 'com.example.description': 'This label will appear on the web service' },
      placement: { constraints: ['disktype=ssd'], preferences: [{ spread: 'node.labels.zone' }] },
    });
  });

  it('scale and deploy.replicas must agree', () => {
    expect(codes(service('image: x\nscale: 2\ndeploy: {replicas: 3}').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
    expect(service('image: x\nscale: 2\ndeploy: {replicas: 2}').diagnostics).toEqual([]);
  });
});

describe('develop.md: watch rules, and post_start / pre_stop hooks', () => {
  it('paths absolute, ignore and include as lists, exec as a hook', () => {
    const { svc, diagnostics } = service(
      'image: x\ndevelop:\n  watch:\n    - path: ./webapp/html\n      action: sync\n      initial_sync: true\n      target: /var/www\n      ignore:\n        - node_modules/\n    - path: ./src\n      include: "*.go"\n      action: sync+exec\n      exec:\n        command: app reload\n',
    );
    expect(diagnostics).toEqual([]);
    expect(svc.develop?.watch).toEqual([
      { ignore: ['node_modules/'], path: '/project/webapp/html', action: 'sync', target: '/var/www', initial_sync: true },
      { include: ['*.go'], path: '/project/src', action: 'sync+exec', exec: { command: ['app', 'reload'] } },
    ]);
  });

  it('hooks: command split, environment kept', () => {
    const { svc } = service('image: x\npost_start:\n  - command: ./do_something_on_startup.sh\n    user: root\n    privileged: true\n    environment:\n      - FOO=BAR\n');
    expect(svc.post_start).toEqual([{ command: ['./do_something_on_startup.sh'], user: 'root', privileged: true, environment: { FOO: 'BAR' } }]);
    expect(codes(service('image: x\npre_stop:\n  - user: root\n').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
  });
});
