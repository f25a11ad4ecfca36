import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { K8S_DEPLOY_KEYS, K8S_SERVICE_KEYS } from '../../../src/backends/kubernetes/service-map.js';
import { at, k8s } from './support.js';

const schema = JSON.parse(readFileSync(new URL('../../../schemas/compose-spec.json', import.meta.url), 'utf8')) as {
  $defs: { service: { properties: Record<string, unknown> }; deployment: { properties: Record<string, unknown> } };
};

describe('the mapping table covers the compose schema', () => {
  it('has an entry for every service key of the schema, and no other', () => {
    expect(Object.keys(K8S_SERVICE_KEYS).sort()).toEqual(Object.keys(schema.$defs.service.properties).sort());
  });

  it('has an entry for every deploy key of the schema, and no other', () => {
    expect(Object.keys(K8S_DEPLOY_KEYS).sort()).toEqual(Object.keys(schema.$defs.deployment.properties).sort());
  });
});

/** A value for each key the table reports as unsupported. */
const SAMPLES: Record<string, unknown> = {
  develop: { watch: [{ path: '.', action: 'rebuild' }] },
  attach: false,
  blkio_config: { weight: 300 },
  cgroup: 'host',
  cgroup_parent: 'custom',
  container_name: 'c1',
  cpu_count: 2,
  cpu_percent: 50,
  cpu_rt_period: 1000,
  cpu_rt_runtime: 500,
  cpuset: '0-1',
  credential_spec: { file: 'spec.json' },
  device_cgroup_rules: ['c 1:3 mr'],
  devices: ['/dev/fuse'],
  domainname: 'example.internal',
  external_links: ['legacy_db'],
  init: true,
  isolation: 'default',
  logging: { driver: 'syslog' },
  mac_address: '02:42:ac:11:65:43',
  mem_swappiness: 10,
  memswap_limit: '1g',
  oom_kill_disable: true,
  oom_score_adj: 100,
  pids_limit: 100,
  pre_start: [{ command: ['./migrate.sh'] }],
  pull_refresh_after: '1h',
  stop_signal: 'SIGINT',
  storage_opt: { size: '1G' },
  ulimits: { nofile: 1024 },
  use_api_socket: true,
  uts: 'host',
  userns_mode: 'host',
  volumes_from: ['other'],
};
/** Unsupported keys without a sample, and why. */
const NOT_SAMPLED: Record<string, string> = {
  models: 'needs a top-level model; reported like the others',
  provider: 'a provider service has no image, so it is an error first',
};

describe('every unsupported key is reported where it is written', () => {
  const unsupported = Object.entries(K8S_SERVICE_KEYS).filter(([, m]) => 'unsupported' in m).map(([k]) => k);

  it('has a sample for each unsupported key', () => {
    expect(unsupported.filter((k) => !(k in SAMPLES) && !(k in NOT_SAMPLED))).toEqual([]);
  });

  it.each(unsupported.filter((k) => k in SAMPLES))('%s → K8S_UNSUPPORTED_FIELD', async (key) => {
    const compose = { services: { app: { image: 'x', mem_limit: '64m', [key]: SAMPLES[key] }, other: { image: 'x', mem_limit: '64m' } } };
    const { k8s: d, outputs } = await k8s(stringify(compose));
    expect(at(d, 'warning')).toContain(`K8S_UNSUPPORTED_FIELD@/services/app/${key}`);
    expect(outputs.length).toBe(1);
  });

  it('models is reported too', async () => {
    const { k8s: d } = await k8s('services:\n  app:\n    image: x\n    models: [llm]\nmodels:\n  llm: {model: ai/smollm2}\n');
    expect(at(d, 'warning')).toContain('K8S_UNSUPPORTED_FIELD@/services/app/models');
  });
});
