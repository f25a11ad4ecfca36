/**
 * 05-services pre_start, through the public loader: read like the service's own fields,
 * validated with compose-go's schema, merged (13-merge, 05-services extends), and printed by
 * `config` so that the printed file loads again to the same model.
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { toComposeDocument } from '../../src/loader/compose-document.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { expectConfigFixpoint } from '../properties/config-fixpoint.js';

const DIR = '/p';

/** Loads the given files (the first is compose.yaml unless `files` says otherwise) from an in-memory disk. */
async function load(files: Record<string, string>, options: { files?: string[]; env?: Record<string, string> } = {}) {
  const host = memoryHost(Object.fromEntries(Object.entries(files).map(([name, text]) => [`${DIR}/${name}`, text])), DIR);
  return loadProject({ host, env: options.env ?? {}, ...(options.files ? { files: options.files } : {}) });
}

async function preStart(compose: string, service = 'app') {
  const { project, diagnostics } = await load({ 'compose.yaml': compose });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return project!.services[service]!.pre_start;
}

const errors = (ds: readonly { code: string; severity: string; path?: string; line?: number; column?: number }[]) =>
  ds.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.path ?? ''}:${d.line ?? ''}:${d.column ?? ''}`);

describe('05-services: pre_start steps are read like the service\'s own fields', () => {
  it('the spec example: a step on the service image, then one on busybox with a shell-form command', async () => {
    const steps = await preStart(`
services:
  app:
    image: myapp:latest
    pre_start:
      - command: ["./manage.py", "migrate"]
      - image: busybox
        command: sh -c 'chown -R 1000:1000 /data'
`);
    expect(steps).toEqual([{ command: ['./manage.py', 'migrate'] }, { image: 'busybox', command: ['sh', '-c', 'chown -R 1000:1000 /data'] }]);
  });

  it('command is optional (the image entrypoint is the step); "" clears the image command as for a service', async () => {
    const steps = await preStart(`
services:
  app:
    image: myapp:1
    pre_start:
      - image: ghcr.io/acme/wait-for:1.2
      - image: ghcr.io/acme/cleaner:1
        command: ""
`);
    expect(steps).toEqual([{ image: 'ghcr.io/acme/wait-for:1.2' }, { image: 'ghcr.io/acme/cleaner:1', command: [] }]);
  });

  it('environment as a list and as a mapping give the same mapping; a bare name stays null, as in post_start', async () => {
    const list = await preStart(`
services:
  app:
    image: myapp:1
    pre_start:
      - command: migrate
        environment: [MODE=strict, RETRIES=3, AWS_REGION]
`);
    const mapping = await preStart(`
services:
  app:
    image: myapp:1
    pre_start:
      - command: migrate
        environment:
          MODE: strict
          RETRIES: 3
          AWS_REGION:
`);
    expect(list).toEqual([{ command: ['migrate'], environment: { MODE: 'strict', RETRIES: '3', AWS_REGION: null } }]);
    expect(mapping).toEqual(list);
  });

  it('user, privileged, working_dir and per_replica; booleans written as text are booleans', async () => {
    const steps = await preStart(`
services:
  app:
    image: myapp:1
    user: "1000"
    pre_start:
      - command: [chown, -R, "1000", /data]
        user: root
        privileged: "true"
        working_dir: /data
        per_replica: true
        x-why: volumes are created as root
`);
    expect(steps).toEqual([
      { command: ['chown', '-R', '1000', '/data'], user: 'root', privileged: true, working_dir: '/data', per_replica: true, extensions: { 'x-why': 'volumes are created as root' } },
    ]);
  });

  it('values are interpolated; $$ is a literal $', async () => {
    const { project } = await load(
      {
        'compose.yaml': `
services:
  app:
    image: myapp:1
    pre_start:
      - image: busybox:\${BUSYBOX_TAG:-1.36}
        command: echo $$HOSTNAME
        environment:
          - REGION=\${REGION}
`,
      },
      { env: { REGION: 'eu-west-1' } },
    );
    expect(project!.services.app!.pre_start).toEqual([{ image: 'busybox:1.36', command: ['echo', '$HOSTNAME'], environment: { REGION: 'eu-west-1' } }]);
  });

  it('next to post_start and pre_stop, each keeps its own steps', async () => {
    const { project } = await load({
      'compose.yaml': `
services:
  app:
    image: myapp:1
    pre_start:
      - command: ./migrate.sh
    post_start:
      - command: ./notify.sh started
    pre_stop:
      - command: ./drain.sh
`,
    });
    const app = project!.services.app!;
    expect([app.pre_start, app.post_start, app.pre_stop]).toEqual([[{ command: ['./migrate.sh'] }], [{ command: ['./notify.sh', 'started'] }], [{ command: ['./drain.sh'] }]]);
  });
});

describe('05-services: pre_start is checked with compose-go\'s schema', () => {
  it('an unknown key inside a step is an unknown-key error at the key, with a suggestion', async () => {
    const { diagnostics } = await load({
      'compose.yaml': `
services:
  app:
    image: myapp:1
    pre_start:
      - commnd: migrate
`,
    });
    expect(errors(diagnostics)).toEqual(['COMPOSE_UNKNOWN_KEY@/services/app/pre_start/0/commnd:6:9']);
    expect(diagnostics.find((d) => d.code === 'COMPOSE_UNKNOWN_KEY')?.message).toContain("did you mean 'command'?");
  });

  it('a service key that a step does not have (volumes) is an unknown key too', async () => {
    const { diagnostics } = await load({
      'compose.yaml': `
services:
  app:
    image: myapp:1
    pre_start:
      - command: migrate
        volumes: [data:/data]
`,
    });
    expect(errors(diagnostics)).toEqual(['COMPOSE_UNKNOWN_KEY@/services/app/pre_start/0/volumes:7:9']);
  });

  it('pre_start must be a list of mappings', async () => {
    const { diagnostics } = await load({ 'compose.yaml': 'services:\n  app:\n    image: myapp:1\n    pre_start: {command: migrate}\n' });
    expect(errors(diagnostics)).toEqual(['COMPOSE_SCHEMA@/services/app/pre_start:4:16']);
  });
});

describe('13-merge and 05-services extends: pre_start steps are appended', () => {
  it('-f files: the later file\'s steps run after the earlier file\'s, duplicates kept', async () => {
    const { project } = await load(
      {
        'compose.yaml': 'services:\n  app:\n    image: myapp:1\n    pre_start:\n      - command: migrate\n',
        'compose.dev.yaml': 'services:\n  app:\n    pre_start:\n      - command: load-fixtures\n      - command: migrate\n',
      },
      { files: ['compose.yaml', 'compose.dev.yaml'] },
    );
    expect(project!.services.app!.pre_start).toEqual([{ command: ['migrate'] }, { command: ['load-fixtures'] }, { command: ['migrate'] }]);
  });

  it('!override replaces the earlier steps; !reset removes them (13-merge Replace value, Reset value)', async () => {
    const base = 'services:\n  app:\n    image: myapp:1\n    pre_start:\n      - command: migrate\n';
    const replaced = await load({ 'compose.yaml': base, 'b.yaml': 'services:\n  app:\n    pre_start: !override\n      - command: seed\n' }, { files: ['compose.yaml', 'b.yaml'] });
    expect(replaced.project!.services.app!.pre_start).toEqual([{ command: ['seed'] }]);
    const reset = await load({ 'compose.yaml': base, 'b.yaml': 'services:\n  app:\n    pre_start: !reset []\n' }, { files: ['compose.yaml', 'b.yaml'] });
    expect(reset.project!.services.app!.pre_start).toBeUndefined();
  });

  it('extends: the base service\'s steps first, then the service\'s own', async () => {
    const { project } = await load({
      'compose.yaml': `
services:
  base:
    image: myapp:1
    pre_start:
      - command: migrate
  app:
    extends: base
    pre_start:
      - command: collectstatic
        environment: [STATIC_ROOT=/static]
`,
    });
    expect(project!.services.app!.pre_start).toEqual([{ command: ['migrate'] }, { command: ['collectstatic'], environment: { STATIC_ROOT: '/static' } }]);
  });
});

describe('05-services: pre_start in `config` output', () => {
  it('is printed in long form, and the printed file loads again to the same model', async () => {
    const { project, diagnostics } = await load({
      'compose.yaml': `
services:
  app:
    image: myapp:1
    pre_start:
      - command: sh -c 'echo $$HOME'
        image: busybox
        user: root
        privileged: true
        working_dir: /tmp
        environment: [A=1, B]
        per_replica: false
        x-note: kept
      - {}
`,
    });
    expect(errors(diagnostics)).toEqual([]);
    const printed = toComposeDocument(project!);
    expect((printed.services as Record<string, { pre_start?: unknown }>).app?.pre_start).toEqual([
      { command: ['sh', '-c', 'echo $$HOME'], image: 'busybox', user: 'root', privileged: true, working_dir: '/tmp', environment: { A: '1', B: null }, per_replica: false, 'x-note': 'kept' },
      {},
    ]);
    await expectConfigFixpoint(printed, (text) => load({ 'compose.yaml': text }));
  });
});
