import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/generated/compose-validator.js';
import { toComposeDocument } from '../../../src/loader/compose-document.js';
import { load, type LoadOptions } from './helpers.js';

const RICH = `
name: ignored-here
x-common: &common
  restart: unless-stopped
services:
  web:
    <<: *common
    build:
      context: ./web
      args: [GIT_COMMIT=cdc3b19, FROM_ENV]
      ssh: [default, key=~/.ssh/id]
      extra_hosts: ["build-host=10.0.0.1"]
      secrets: [{source: tok, target: cert, mode: 0440}]
      ulimits: {nproc: 100}
      provenance: true
      x-build: yes
    image: example/web:1.0
    command: bundle exec thin -p 3000
    entrypoint: []
    ports: ["8080:80", "127.0.0.1:5000-5001:5000-5001/udp", {target: 443, published: "8443", mode: host, x-port: 1}]
    expose: ["3000", 8000]
    environment: [RACK_ENV=development, HOME, UNSET]
    env_file: [./web.env, {path: ./opt.env, required: false}]
    labels: {com.example.a: x}
    annotations: [com.example.foo=bar]
    depends_on:
      db: {condition: service_healthy, restart: true, x-dep: 1}
      cache: {condition: service_started, required: false}
    links: [cache:redis]
    healthcheck:
      test: curl -f http://localhost || exit 1
      interval: 1m30s
      timeout: 10s
      retries: 3
      start_period: 40s
      start_interval: 500ms
    deploy:
      mode: replicated
      replicas: 2
      labels: [a=b]
      resources:
        limits: {cpus: '0.5', memory: 50M, pids: 10}
        reservations:
          cpus: 0.25
          memory: 20M
          devices: [{capabilities: [gpu], driver: nvidia}]
          generic_resources: [{discrete_resource_spec: {kind: SSD, value: 2}}]
      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}
      update_config: {parallelism: 2, delay: 10s, order: stop-first, monitor: 1h5m30s20ms, max_failure_ratio: 0.5}
      rollback_config: {parallelism: 1, failure_action: pause}
      placement: {constraints: [disktype=ssd], preferences: [{spread: node.labels.zone}], max_replicas_per_node: 1}
      x-deploy: z
    volumes:
      - data:/data:ro
      - ./src:/src
      - type: tmpfs
        target: /cache
        tmpfs: {size: 10m}
    tmpfs: /run
    secrets: [tok, {source: tok, target: other, uid: "103", gid: "103", mode: "0440"}]
    configs: [conf]
    networks:
      front:
        aliases: [www]
        ipv4_address: 172.16.238.10
        priority: 10
      default:
    extra_hosts: ["somehost=162.242.195.82", "v6:::1"]
    ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}
    devices: ["/dev/sda:/dev/xvda:rwm"]
    dns: 8.8.8.8
    cap_add: [NET_ADMIN]
    logging: {driver: syslog, options: {syslog-address: "tcp://1.2.3.4:123", max-file: 3}}
    mem_limit: 300m
    memswap_limit: -1
    shm_size: 64m
    cpus: 1.5
    cpu_rt_runtime: 400ms
    stop_grace_period: 1m30s
    sysctls: {net.core.somaxconn: 1024}
    gpus: all
    blkio_config: {weight: 300, device_read_bps: [{path: /dev/sdb, rate: 12mb}]}
    develop:
      watch:
        - {path: ./web/html, action: sync, target: /var/www, ignore: node_modules/}
        - {path: ./src, action: sync+exec, exec: {command: app reload}}
    post_start: [{command: ./start.sh, environment: [FOO=BAR]}]
    models: [llm]
    pull_policy: if_not_present
    x-owner: team-a
  db:
    image: postgres
    profiles: [db]
    volumes_from: ["cache:ro"]
  cache:
    image: redis
    network_mode: host
  ext:
    provider: {type: awesomecloud, options: {type: mysql, sizes: [1, 2]}}
networks:
  front:
    driver: bridge
    ipam: {config: [{subnet: 172.16.238.0/24}]}
    x-net: 1
volumes:
  data:
    external: {name: actual-data}
  bind:
    driver: local
    driver_opts: {type: none, o: bind, device: ./bind}
secrets:
  tok: {file: ./tok.txt}
configs:
  conf: {content: "debug=1"}
models:
  llm: {model: ai/model, context_size: 1024}
x-top: {nested: [1, {extensions: keep}]}
`;

const options: LoadOptions = {
  env: { HOME: '/root', FROM_ENV: 'yes' },
  envFiles: { '/project/web.env': { FROM_FILE: '1', RACK_ENV: 'file' } },
  home: '/home/me',
};

describe('compose2ecs config: the Project as a compose document', () => {
  const first = load(RICH, options);

  it('loads the rich example without findings', () => {
    expect(first.diagnostics).toEqual([]);
  });

  it('prints durations as text, memory as the schema wants, modes in octal, hosts as compose does', () => {
    const doc = toComposeDocument(first.project) as any;
    const web = doc.services.web;
    expect(web).not.toHaveProperty('name');
    expect(web.healthcheck).toMatchObject({ interval: '1m30s', timeout: '10s', start_interval: '500ms' });
    expect(web.deploy.resources.limits.memory).toBe('52428800');
    expect(web.deploy.update_config.monitor).toBe('1h5m30.02s');
    expect(web.mem_limit).toBe(314572800);
    expect(web.secrets[1].mode).toBe('0440');
    expect(web.extra_hosts).toEqual(['somehost=162.242.195.82', 'v6=::1']);
    expect(web.build.ssh).toEqual(['default', 'key=~/.ssh/id']);
    expect(web['x-owner']).toBe('team-a');
    expect(web.build['x-build']).toBe('yes');
    expect(web.depends_on.db['x-dep']).toBe(1);
    expect(doc['x-top']).toEqual({ nested: [1, { extensions: 'keep' }] });
    expect(doc.networks.front['x-net']).toBe(1);
  });

  it('the official schema accepts the document', () => {
    const doc = toComposeDocument(first.project);
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('loading the document again gives the same Project (fixpoint)', () => {
    const doc = toComposeDocument(first.project);
    const again = load(JSON.stringify(doc, null, 2), options);
    expect(again.diagnostics).toEqual([]);
    expect(again.project).toEqual(first.project);
    expect(toComposeDocument(again.project)).toEqual(doc);
  });

  it('x-* keys in every nested structure go back in place', () => {
    const text = [
      'services:',
      '  s:',
      '    image: x',
      '    build: {context: ., x-a: 1, secrets: [{source: t, x-b: 1}], ulimits: {nproc: {soft: 1, hard: 2, x-c: 1}}}',
      '    blkio_config: {weight: 10, x-d: 1, device_read_bps: [{path: /dev/a, rate: 1, x-e: 1}], weight_device: [{path: /dev/a, weight: 10, x-f: 1}]}',
      '    credential_spec: {file: a.json, x-g: 1}',
      '    depends_on: {d: {condition: service_started, x-h: 1}}',
      '    deploy: {x-i: 1, resources: {x-j: 1, limits: {cpus: 1, x-k: 1}, reservations: {x-l: 1, devices: [{capabilities: [gpu], x-m: 1}], generic_resources: [{x-n: 1, discrete_resource_spec: {kind: a, value: 1, x-o: 1}}]}}, restart_policy: {x-p: 1}, update_config: {x-q: 1}, rollback_config: {x-r: 1}, placement: {x-s: 1, preferences: [{spread: a, x-t: 1}]}}',
      '    develop: {x-u: 1, watch: [{path: ., action: sync+exec, x-v: 1, exec: {command: a, x-w: 1}}]}',
      '    devices: [{source: /dev/a, x-y: 1}]',
      '    env_file: [{path: a.env, required: false, x-z: 1}]',
      '    gpus: [{count: 1, x-aa: 1}]',
      '    healthcheck: {test: a, x-ab: 1}',
      '    logging: {driver: a, x-ac: 1}',
      '    networks: {n: {aliases: [a], x-ad: 1}}',
      '    post_start: [{command: a, x-ae: 1}]',
      '    secrets: [{source: t, x-af: 1}]',
      '    configs: [{source: c, x-ag: 1}]',
      '    ulimits: {nofile: {soft: 1, hard: 2, x-ah: 1}}',
      '    models: {m: {x-ai: 1}}',
      '  d: {image: x}',
      'networks: {n: {x-aj: 1, ipam: {x-ak: 1, config: [{subnet: 10.0.0.0/8, x-al: 1}]}}}',
      'volumes: {v: {x-am: 1}}',
      'secrets: {t: {file: t, x-an: 1}}',
      'configs: {c: {file: c, x-ao: 1}}',
      'models: {m: {model: a, x-ap: 1}}',
    ].join('\n');
    const first = load(text);
    expect(first.diagnostics).toEqual([]);
    const doc = toComposeDocument(first.project);
    const printed = JSON.stringify(doc);
    const written = text.match(/x-[a-z]+/g)!;
    expect(written.filter((x) => !printed.includes(`"${x}":1`))).toEqual([]);
    expect(printed).not.toContain('"extensions"');
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(load(JSON.stringify(doc)).project).toEqual(first.project);
  });

  it('a minimal project prints only what it has', () => {
    const { project } = load('services:\n  web:\n    image: nginx\n');
    expect(toComposeDocument(project)).toEqual({ name: 'demo', services: { web: { image: 'nginx', networks: { default: null } } }, networks: { default: { name: 'demo_default' } } });
  });
});
