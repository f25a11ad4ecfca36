/**
 * Nothing is dropped silently: every service key of the compose schema is either mapped by the
 * ECS backend or reported by it, and every x-ecs key has a place in the output or is reported.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ECS_SERVICE_KEYS } from '../../../src/backends/ecs/container-map.js';
import { X_ECS_KEYS } from '../../../src/backends/ecs/x-ecs-map.js';
import { convert } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

const readSchema = (name: string) => JSON.parse(readFileSync(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8'));
const serviceKeys = Object.keys(readSchema('compose-spec.json').$defs.service.properties as object);
const xEcsKeys = Object.keys(readSchema('x-ecs.schema.json').properties as object);

describe('ECS_SERVICE_KEYS covers the compose schema', () => {
  for (const key of serviceKeys) {
    it(`services.*.${key} is mapped or reported`, () => {
      const m = (ECS_SERVICE_KEYS as Record<string, unknown>)[key] as { to?: string; unsupported?: string } | undefined;
      expect(m, `compose key ${key} is missing from ECS_SERVICE_KEYS (map it or give the reason it is unsupported)`).toBeDefined();
      expect(typeof m?.to === 'string' || typeof m?.unsupported === 'string', `${key}: a mapping needs "to" or "unsupported"`).toBe(true);
    });
  }

  it('names no key the schema does not have', () => {
    expect(Object.keys(ECS_SERVICE_KEYS).filter((k) => !serviceKeys.includes(k))).toEqual([]);
  });
});

describe('X_ECS_KEYS covers the x-ecs schema', () => {
  it('has exactly the keys of schemas/x-ecs.schema.json', () => {
    expect(Object.keys(X_ECS_KEYS).sort()).toEqual([...xEcsKeys].sort());
  });
});

/** A small valid value (YAML, indented under the key) for every key the backend reports as unsupported. */
const EXAMPLES: Record<string, { value: string; top?: string; files?: Record<string, string> }> = {
  develop: { value: '\n      watch:\n        - path: ./src\n          action: rebuild' },
  annotations: { value: '\n      com.example.team: payments' },
  attach: { value: 'false' },
  build: { value: '.' },
  blkio_config: { value: '\n      weight: 300' },
  cgroup: { value: 'private' },
  cgroup_parent: { value: 'm-executor-abcd' },
  configs: { value: '\n      - app_config', top: 'configs:\n  app_config:\n    file: ./app.conf\n', files: { 'app.conf': 'x=1\n' } },
  container_name: { value: 'my-web-container' },
  cpu_count: { value: '2' },
  cpu_percent: { value: '50' },
  cpu_rt_period: { value: '11000' },
  cpu_rt_runtime: { value: '10000' },
  cpuset: { value: '"0-1"' },
  credential_spec: { value: '\n      file: my-credential-spec.json' },
  device_cgroup_rules: { value: '\n      - "c 1:3 mr"' },
  dns_opt: { value: '\n      - use-vc' },
  domainname: { value: 'example.com' },
  expose: { value: '\n      - "3000"' },
  provider: { value: '\n      type: awesomecloud\n      options:\n        type: mysql' },
  external_links: { value: '\n      - redis_1' },
  group_add: { value: '\n      - mail' },
  isolation: { value: 'default' },
  mac_address: { value: '"02:42:ac:11:65:43"' },
  models: { value: '\n      - my_model', top: 'models:\n  my_model:\n    model: ai/model\n' },
  oom_kill_disable: { value: 'true' },
  oom_score_adj: { value: '500' },
  pids_limit: { value: '100' },
  pre_start: { value: '\n      - command: ./migrate.sh' },
  post_start: { value: '\n      - command: echo started' },
  pre_stop: { value: '\n      - command: echo stopping' },
  pull_policy: { value: 'always' },
  pull_refresh_after: { value: '1h' },
  runtime: { value: 'runc' },
  stop_signal: { value: 'SIGUSR1' },
  storage_opt: { value: '\n      size: 20G' },
  use_api_socket: { value: 'true' },
  uts: { value: 'host' },
  userns_mode: { value: 'host' },
};

const unsupportedKeys = Object.entries(ECS_SERVICE_KEYS)
  .filter(([, m]) => 'unsupported' in m)
  .map(([k]) => k);

describe('an unsupported key gives exactly one ECS_UNSUPPORTED_FIELD warning at the key', () => {
  it('every unsupported key has an example here', () => {
    expect(unsupportedKeys.filter((k) => !EXAMPLES[k])).toEqual([]);
  });

  for (const key of unsupportedKeys) {
    it(`services.web.${key}`, async () => {
      const example = EXAMPLES[key];
      if (!example) return;
      const text = `services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n    ${key}: ${example.value}\n${example.top ?? ''}`;
      const files: Record<string, string> = { '/p/compose.yaml': text };
      for (const [name, contents] of Object.entries(example.files ?? {})) files[`/p/${name}`] = contents;
      const { diagnostics } = await convert({ host: memoryHost(files, '/p'), env: {}, target: 'ecs', layout: 'service' });
      expect(diagnostics.filter((d) => d.severity === 'error'), `${key}: the example must be valid`).toEqual([]);
      const found = diagnostics.filter((d) => d.code === 'ECS_UNSUPPORTED_FIELD' && d.severity === 'warning');
      expect(found.map((d) => ({ path: d.path, line: d.line, column: d.column }))).toEqual([{ path: `/services/web/${key}`, line: 5, column: 5 }]);
      expect(found[0]?.message).toContain(`services.web.${key}`);
      expect(found[0]?.file).toBe('/p/compose.yaml');
    });
  }
});
