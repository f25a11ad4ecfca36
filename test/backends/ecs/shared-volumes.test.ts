/**
 * 07-volumes: "named volumes that can be reused across multiple services". Under compose every
 * service that mounts one sees the same data (netbox-docker: netbox, netbox-worker and
 * netbox-housekeeping share media, reports and scripts). On ECS a named volume without EFS
 * belongs to one container instance (or one Fargate task): a warning at the volume says so when
 * tasks of several ECS services, or several replicas, mount it.
 */
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

async function codes(compose: string, options: Partial<ConvertOptions> = {}) {
  const { diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {}, target: 'ecs', layout: 'service', ...options });
  return diagnostics.filter((d) => d.path?.startsWith('/volumes')).map((d) => `${d.severity} ${d.code} ${d.path} ${d.line}:${d.column}`);
}

const shared = (extra = '', top = '') => `services:
  web:
    image: example/web:1.0
    mem_limit: 64m
    volumes: [media:/media]
  worker:
    image: example/web:1.0
    mem_limit: 64m
    volumes: [media:/media]${extra}
volumes:
  media:${top}
`;

describe('07-volumes named volumes shared between services: one volume under compose, per instance on ECS', () => {
  it('two services in two tasks mount one volume: a warning at the volume', async () => {
    expect(await codes(shared())).toEqual(['warning ECS_UNSUPPORTED_FIELD /volumes/media 11:9']);
  });

  it('CloudFormation reports it too', async () => {
    expect(await codes(shared(), { target: 'cloudformation' })).toEqual(['warning ECS_UNSUPPORTED_FIELD /volumes/media 11:9']);
  });

  it('one service with replicas: 2 mounts it: a warning', async () => {
    const compose = 'services:\n  web:\n    image: example/web:1.0\n    mem_limit: 64m\n    deploy: { replicas: 2 }\n    volumes: [media:/media]\nvolumes:\n  media:\n';
    expect(await codes(compose)).toEqual(['warning ECS_UNSUPPORTED_FIELD /volumes/media 8:9']);
  });

  it('quiet when the volume is on EFS, external, of another driver, in one task, or mounted by one service', async () => {
    const efs = `x-ecs:\n  volumes:\n    media:\n      efs: { file_system_id: fs-12345678 }\n${shared()}`;
    expect(await codes(efs)).toEqual([]);
    expect(await codes(shared('', '\n    external: true'))).toEqual([]);
    expect(await codes(shared('', '\n    driver: rexray/efs'))).toEqual([]);
    expect(await codes(shared(), { layout: 'project' })).toEqual([]);
    expect(await codes(shared('\n    x-ecs:\n      task: web'))).toEqual([]);
    expect(await codes('services:\n  web:\n    image: example/web:1.0\n    mem_limit: 64m\n    volumes: [media:/media]\nvolumes:\n  media:\n')).toEqual([]);
  });
});

describe('07-volumes a job that alone mounts a volume, run in the task of each service that waits for it', () => {
  it('is quiet: nobody else reads the volume', async () => {
    const compose = 'services:\n  web:\n    image: example/web:1.0\n    mem_limit: 64m\n    depends_on: { migrate: { condition: service_completed_successfully } }\n  worker:\n    image: example/web:1.0\n    mem_limit: 64m\n    depends_on: { migrate: { condition: service_completed_successfully } }\n  migrate:\n    image: example/web:1.0\n    mem_limit: 64m\n    restart: "no"\n    volumes: [static:/static]\nvolumes:\n  static:\n';
    expect(await codes(compose)).toEqual([]);
    expect(await codes(compose.replace('  worker:\n    image', '  worker:\n    volumes: [static:/static]\n    image'))).toEqual(['warning ECS_UNSUPPORTED_FIELD /volumes/static 17:10']);
  });
});
