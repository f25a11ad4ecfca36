import { describe, expect, it } from 'vitest';
import { at, container, find, k8s } from './support.js';

async function app(service: string, options: Record<string, unknown> = {}) {
  const r = await k8s(`services:\n  app:\n    image: x\n    mem_limit: 64m\n${service}`, options);
  const d = find(r.objects, 'Deployment', 'app');
  return { c: container(d), pod: d.spec.template.spec, k8s: r.k8s };
}

describe('entrypoint → command, command → args', () => {
  it('maps both, escaping what Kubernetes would expand', async () => {
    const { c } = await app('    entrypoint: ["/bin/sh", "-c"]\n    command: ["echo $$(date) $$HOME"]\n');
    expect(c.command).toEqual(['/bin/sh', '-c']);
    expect(c.args).toEqual(['echo $$(date) $HOME']);
  });

  it('a string command is split into words by the loader', async () => {
    expect((await app('    command: npm run start\n')).c.args).toEqual(['npm', 'run', 'start']);
  });

  it('reports an empty entrypoint without a command, whose image CMD Kubernetes cannot run alone: a warning; the empty command with it is an info', async () => {
    const { c, k8s: d } = await app('    entrypoint: []\n    command: []\n');
    expect(c.command).toBeUndefined();
    expect(c.args).toBeUndefined();
    expect(at(d, 'warning')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/entrypoint']);
    expect(at(d, 'info')).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/command']);
  });

  it('05-services entrypoint: an empty entrypoint ("" or []) with a command: the command is the whole process (command, no args), as compose runs it, with no finding', async () => {
    for (const cleared of ['[]', '""']) {
      const { c, k8s: d } = await app(`    entrypoint: ${cleared}\n    command: alembic upgrade head\n`);
      expect(c.command).toEqual(['alembic', 'upgrade', 'head']);
      expect(c.args).toBeUndefined();
      expect(at(d).filter((x) => x.includes('/services/app/entrypoint') || x.includes('/services/app/command'))).toEqual([]);
    }
  });
});

describe('environment → env', () => {
  it('sorted by name, values escaped; an unset variable is reported and left out', async () => {
    const { c, k8s: d } = await app('    environment:\n      ZED: "1"\n      ALPHA: "$$(x)"\n      UNSET:\n');
    expect(c.env).toEqual([{ name: 'ALPHA', value: '$$(x)' }, { name: 'ZED', value: '1' }]);
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/environment/UNSET']);
  });
});

describe('pull_policy → imagePullPolicy', () => {
  it.each([
    ['always', 'Always'],
    ['never', 'Never'],
    ['missing', 'IfNotPresent'],
    ['if_not_present', 'IfNotPresent'],
    ['daily', 'Always'],
  ])('%s → %s', async (policy, expected) => {
    expect((await app(`    pull_policy: ${policy}\n`)).c.imagePullPolicy).toBe(expected);
  });

  it('kompose.image-pull-policy wins', async () => {
    expect((await app('    pull_policy: always\n    labels: {kompose.image-pull-policy: Never}\n')).c.imagePullPolicy).toBe('Never');
  });
});

describe('terminal, directory, stopping, runtime', () => {
  it('tty, stdin_open, working_dir, stop_grace_period, runtime', async () => {
    const { c, pod } = await app('    tty: true\n    stdin_open: true\n    working_dir: /srv\n    stop_grace_period: 1m30s\n    runtime: gvisor\n');
    expect(c).toMatchObject({ tty: true, stdin: true, workingDir: '/srv' });
    expect(pod).toMatchObject({ terminationGracePeriodSeconds: 90, runtimeClassName: 'gvisor' });
  });
});

describe('post_start and pre_stop → lifecycle exec handlers', () => {
  it('keeps the first hook of each, reports the rest and per-hook settings', async () => {
    const { c, k8s: d } = await app('    post_start:\n      - command: ["touch", "/ready"]\n    pre_stop:\n      - command: ["sleep", "5"]\n        user: root\n      - command: ["true"]\n');
    expect(c.lifecycle).toEqual({ postStart: { exec: { command: ['touch', '/ready'] } }, preStop: { exec: { command: ['sleep', '5'] } } });
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/pre_stop/0/user', 'K8S_UNSUPPORTED_FIELD@/services/app/pre_stop/1']);
  });
});

describe('image', () => {
  it('a service without image is an error and nothing is written (IMAGE_BUILD_ONLY, which says it for every target; the backend’s K8S_INVALID only with that rule turned off)', async () => {
    const r = await k8s('services:\n  app:\n    build: .\n');
    expect(r.outputs).toEqual([]);
    expect(at(r.diagnostics, 'error')).toEqual(['IMAGE_BUILD_ONLY@/services/app/build']);
    const off = await k8s('services:\n  app:\n    build: .\n', {}, { disable: ['IMAGE_BUILD_ONLY'] });
    expect(off.outputs).toEqual([]);
    expect(at(off.k8s, 'error')).toEqual(['K8S_INVALID@/services/app/build']);
  });

  it('with image, build is reported as local only', async () => {
    const { k8s: d } = await app('    build: .\n');
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/build']);
  });
});
