import { describe, expect, it } from 'vitest';
import { codes, load } from './helpers.js';

describe('06-networks: names, the implicit default network, service attachments', () => {
  it('networks are named <project>_<key> unless name is set; external keeps its key', () => {
    const { project, diagnostics } = load(
      'services:\n  proxy:\n    image: example/proxy\n    networks: [outside, default]\n  app:\n    image: example/app\n    networks: [default, front-tier]\nnetworks:\n  outside:\n    external: true\n  front-tier:\n    driver: custom-driver-1\n    driver_opts: {foo: "1", bar: 2}\n  network1:\n    name: my-app-net\n',
    );
    expect(diagnostics).toEqual([]);
    expect(project.networks).toEqual({
      outside: { name: 'outside', external: true },
      'front-tier': { name: 'demo_front-tier', driver: 'custom-driver-1', driver_opts: { foo: '1', bar: '2' } },
      network1: { name: 'my-app-net' },
      default: { name: 'demo_default' },
    });
    expect(project.services.proxy?.networks).toEqual({ outside: null, default: null });
  });

  it('a service without networks joins default; network_mode and provider services do not', () => {
    const { project } = load('services:\n  a:\n    image: x\n  b:\n    image: x\n    network_mode: host\n  c:\n    provider:\n      type: awesomecloud\n      options: {type: mysql, foo: bar}\n  d:\n    image: x\n    networks: {}\n');
    expect(project.services.a?.networks).toEqual({ default: null });
    expect(project.services.b).not.toHaveProperty('networks');
    expect(project.services.c).not.toHaveProperty('networks');
    expect(project.services.c?.provider).toEqual({ type: 'awesomecloud', options: { type: 'mysql', foo: 'bar' } });
    expect(project.services.d?.networks).toEqual({ default: null });
  });

  it('no default network when no service uses it; a declared default keeps its settings', () => {
    expect(load('services:\n  a:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n').project.networks).toEqual({ n: { name: 'demo_n' } });
    expect(load('services:\n  a:\n    image: x\nnetworks:\n  default:\n    name: a_network\n').project.networks).toEqual({ default: { name: 'a_network' } });
  });

  it('aliases, static addresses and priorities in long form', () => {
    const { project } = load(
      'services:\n  backend:\n    image: x\n    networks:\n      back-tier:\n        aliases: [database]\n        ipv4_address: 172.16.238.10\n        interface_name: eth0\n        gw_priority: 1\n        priority: 1000\n      admin:\nnetworks:\n  back-tier:\n    ipam:\n      driver: default\n      config:\n        - subnet: "172.16.238.0/24"\n          aux_addresses: {host1: 172.28.1.5}\n  admin:\n',
    );
    expect(project.services.backend?.networks).toEqual({
      'back-tier': { aliases: ['database'], interface_name: 'eth0', ipv4_address: '172.16.238.10', priority: 1000, gw_priority: 1 },
      admin: null,
    });
    expect(project.networks['back-tier']?.ipam).toEqual({ driver: 'default', config: [{ subnet: '172.16.238.0/24', aux_addresses: { host1: '172.28.1.5' } }] });
  });

  it('external.name (deprecated) becomes the name; other keys on an external network are an error', () => {
    const { project } = load('services: {}\nnetworks:\n  n:\n    external:\n      name: actual\n');
    expect(project.networks.n).toEqual({ name: 'actual', external: true });
    expect(codes(load('services: {}\nnetworks:\n  n:\n    external: true\n    driver: overlay\n').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE']);
  });
});

describe('07-volumes', () => {
  it('named like networks; external by key or by name', () => {
    const { project } = load('services:\n  backend:\n    image: x\n    volumes: ["db-data:/etc/data"]\nvolumes:\n  db-data:\n  ext:\n    external: true\n  named:\n    name: "my-app-data"\n    labels: ["com.example.description=Database volume"]\n');
    expect(project.volumes).toEqual({
      'db-data': { name: 'demo_db-data' },
      ext: { name: 'ext', external: true },
      named: { name: 'my-app-data', labels: { 'com.example.description': 'Database volume' } },
    });
  });

  it('a local bind volume gets an absolute device', () => {
    const { project } = load('services: {}\nvolumes:\n  src:\n    driver: local\n    driver_opts: {type: none, o: bind, device: ./src}\n');
    expect(project.volumes.src?.driver_opts).toEqual({ type: 'none', o: 'bind', device: '/project/src' });
  });
});

describe('08-configs and 09-secrets', () => {
  it('file made absolute, names scoped to the project, external kept', () => {
    const { project, diagnostics } = load(
      'services: {}\nconfigs:\n  http_config:\n    file: ./httpd.conf\n  app_config:\n    content: "debug=1"\n  ext:\n    external: true\n    name: "${HTTP_CONFIG_KEY}"\nsecrets:\n  server-certificate:\n    file: ./server.cert\n  token:\n    environment: "OAUTH_TOKEN"\n',
    );
    expect(diagnostics).toEqual([]);
    expect(project.configs).toEqual({
      http_config: { name: 'demo_http_config', file: '/project/httpd.conf' },
      app_config: { name: 'demo_app_config', content: 'debug=1' },
      ext: { name: '${HTTP_CONFIG_KEY}', external: true },
    });
    expect(project.secrets).toEqual({
      'server-certificate': { name: 'demo_server-certificate', file: '/project/server.cert' },
      token: { name: 'demo_token', environment: 'OAUTH_TOKEN' },
    });
  });

  it('a secret or config with no source is an error', () => {
    expect(codes(load('services: {}\nsecrets:\n  s: {labels: [a=b]}\nconfigs:\n  c: {}\n').diagnostics)).toEqual(['COMPOSE_INVALID_VALUE', 'COMPOSE_INVALID_VALUE']);
  });
});

describe('models.md: top-level models and service models', () => {
  it('short and long syntax', () => {
    const { project, diagnostics } = load(
      'services:\n  short:\n    image: app\n    models: [my_model]\n  long:\n    image: app\n    models:\n      my_model:\n        endpoint_var: MODEL_URL\n        model_var: MODEL\nmodels:\n  my_model:\n    model: ai/model\n    context_size: 1024\n    runtime_flags: ["--a-flag", "--another-flag=42"]\n',
    );
    expect(diagnostics).toEqual([]);
    expect(project.services.short?.models).toEqual({ my_model: {} });
    expect(project.services.long?.models).toEqual({ my_model: { endpoint_var: 'MODEL_URL', model_var: 'MODEL' } });
    expect(project.models).toEqual({ my_model: { model: 'ai/model', context_size: 1024, runtime_flags: ['--a-flag', '--another-flag=42'] } });
  });
});

describe('02-model: the illustrative example', () => {
  it('loads without findings, top-level x-* kept', () => {
    const { project, diagnostics } = load(
      'x-team: platform\nservices:\n  frontend:\n    image: example/webapp\n    ports: ["443:8043"]\n    networks: [front-tier, back-tier]\n    configs: [httpd-config]\n    secrets: [server-certificate]\n  backend:\n    image: example/database\n    volumes: ["db-data:/etc/data"]\n    networks: [back-tier]\nvolumes:\n  db-data:\n    driver: flocker\n    driver_opts:\n      size: "10GiB"\nconfigs:\n  httpd-config:\n    external: true\nsecrets:\n  server-certificate:\n    external: true\nnetworks:\n  front-tier: {}\n  back-tier: {}\n',
    );
    expect(diagnostics).toEqual([]);
    expect(Object.keys(project.networks)).toEqual(['front-tier', 'back-tier']);
    expect(project.extensions).toEqual({ 'x-team': 'platform' });
    expect(project.services.frontend?.secrets).toEqual([{ source: 'server-certificate', target: '/run/secrets/server-certificate' }]);
  });
});
