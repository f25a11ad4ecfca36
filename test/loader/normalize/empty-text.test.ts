/**
 * 05-services: settings of the container that are text (hostname, domainname, user,
 * working_dir, platform, …) are unset when empty, as docker compose reads them (compose-go
 * keeps them as Go strings, where "" is "not set", and `docker compose config` leaves them
 * out). Real files write `hostname: "${SENTRY_MAIL_HOST:-}"` (sentry self-hosted) or
 * `platform: ${DOCKER_PLATFORM:-}` for a setting that is optional: an empty value must not
 * reach a deploy target as a value (ECS `"hostname": ""`, refused under awsvpc).
 */
import { describe, expect, it } from 'vitest';
import { load } from './helpers.js';
import { convert } from '../../../src/convert.js';
import { loadProject } from '../../../src/loader/load-project.js';
import { memoryHost } from '../../../src/loader/memory-host.js';

const EMPTY_TEXT_KEYS = ['cgroup_parent', 'container_name', 'cpuset', 'domainname', 'hostname', 'ipc', 'isolation', 'mac_address', 'network_mode', 'pid', 'platform', 'restart', 'runtime', 'stop_signal', 'user', 'userns_mode', 'uts', 'working_dir'];

describe('05-services: an empty text setting is not set', () => {
  it.each(EMPTY_TEXT_KEYS)('%s: "" is left out of the model, as docker compose config leaves it out', (key) => {
    const { project, diagnostics } = load(`services:\n  s:\n    image: x:1\n    ${key}: ""\n`);
    expect(diagnostics).toEqual([]);
    expect(Object.keys(project.services.s!)).not.toContain(key);
  });

  it('a value that interpolates to empty (hostname: "${SENTRY_MAIL_HOST:-}") is not set either', async () => {
    const compose = 'services:\n  smtp:\n    image: x:1\n    hostname: "${SENTRY_MAIL_HOST:-}"\n    platform: ${DOCKER_PLATFORM:-}\n';
    const { project } = await loadProject({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {} });
    expect(project?.services.smtp?.hostname).toBeUndefined();
    expect(project?.services.smtp?.platform).toBeUndefined();
  });

  it('a value that is set stays', () => {
    const { project } = load('services:\n  s:\n    image: x:1\n    hostname: mail\n    user: "0"\n');
    expect([project.services.s?.hostname, project.services.s?.user]).toEqual(['mail', '0']);
  });

  it('ECS on Fargate (awsvpc): no "hostname": "" in the container and no finding about a hostname the file does not set', async () => {
    const compose = 'x-ecs:\n  region: eu-west-1\n  launch_type: FARGATE\nservices:\n  smtp:\n    image: tianon/exim4:1\n    mem_limit: 512m\n    hostname: "${SENTRY_MAIL_HOST:-}"\n';
    const { outputs, diagnostics } = await convert({ host: memoryHost({ '/p/compose.yaml': compose }, '/p'), env: {}, target: 'ecs', layout: 'service' });
    const td = outputs.find((o) => o.path === 'smtp.task-definition.json')?.value as { containerDefinitions: Record<string, unknown>[] };
    expect(Object.keys(td.containerDefinitions[0]!)).not.toContain('hostname');
    expect(diagnostics.filter((d) => d.path === '/services/smtp/hostname')).toEqual([]);
  });
});
