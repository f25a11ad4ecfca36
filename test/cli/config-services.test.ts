/** `compose2ecs config SERVICE...`, as `docker compose config SERVICE...`. */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const compose = `services:
  web:
    image: nginx:1.27
    depends_on: [api]
  api:
    image: example/api:1.0
    links: ["db:database"]
  db:
    image: postgres:16
  cache:
    image: redis:7
  worker:
    image: example/worker:1.0
    network_mode: service:cache
`;

const services = async (...names: string[]) => {
  const r = await cli(['config', '-f', '-', '--format', 'json', ...names], { stdin: compose });
  expect(r.code, r.stderr).toBe(0);
  return Object.keys(JSON.parse(r.stdout).services);
};

describe('config SERVICE...', () => {
  it('prints only the named service and what it depends on (depends_on, links), in file order', async () => {
    expect(await services('web')).toEqual(['web', 'api', 'db']);
    expect(await services('db')).toEqual(['db']);
  });

  it('network_mode service: counts as a dependency too; several names give the union', async () => {
    expect(await services('worker', 'db')).toEqual(['db', 'cache', 'worker']);
  });

  it('no names: every service', async () => {
    expect(await services()).toEqual(['web', 'api', 'db', 'cache', 'worker']);
  });

  it('an unknown name is bad usage (exit 2), with the nearest name', async () => {
    const r = await cli(['config', '-f', '-', 'wbe'], { stdin: compose });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('compose2ecs config: no such service: wbe (did you mean web?)');
  });
});
