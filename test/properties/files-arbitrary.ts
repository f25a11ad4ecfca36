/**
 * Generated projects that grant secrets and configs and bind-mount project paths, in a project
 * directory with a generated absolute path, with secret files holding generated marker text:
 * what the file-delivery properties (files.test.ts) run on.
 */
import fc from 'fast-check';

export interface FilesProject {
  /** The project directory: a path of "the converting machine" that no output may hold. */
  dir: string;
  compose: Record<string, unknown>;
  /** Files by path relative to dir. */
  files: Record<string, string>;
  /** Text of every secret (file contents and variable values): none may appear anywhere. */
  secretValues: string[];
  env: Record<string, string>;
}

const SERVICES = ['web', 'api', 'db'] as const;
const marker = (what: string) => fc.stringMatching(/^[a-z0-9]{12}$/).map((s) => `${what}-${s}`);

const secretGrant = (name: string) =>
  fc.oneof(
    fc.constant(name),
    fc.record({ source: fc.constant(name), target: fc.constantFrom('token', 'dir/file', '/etc/app/secret', '/srv/keys/key.pem', '/secret-at-root'), mode: fc.constantFrom(undefined, 0o400, 0o444) }, { requiredKeys: ['source', 'target'] }),
  );
const configGrant = (name: string) =>
  fc.oneof(fc.constant(name), fc.record({ source: fc.constant(name), target: fc.constantFrom('/etc/app/app.conf', '/config', 'app.ini', '/srv/conf/x.yaml') }));

const bind = fc.constantFrom('./conf/app.ini:/etc/app/app.ini:ro', './conf/app.ini:/etc/app/app.ini', './site:/usr/share/html:ro', './data:/data', '../outside:/outside:ro', '/var/run/docker.sock:/var/run/docker.sock');

/** A project with up to three services, two secrets (a file and a variable) and two configs (a file and content). */
export function filesProject(): fc.Arbitrary<FilesProject> {
  return fc
    .record({
      user: fc.stringMatching(/^[a-z]{3,8}$/),
      fileSecret: marker('SECRETFILE'),
      envSecret: marker('SECRETENV'),
      configText: marker('configtext'),
      services: fc.uniqueArray(fc.constantFrom(...SERVICES), { minLength: 1, maxLength: 3 }),
      grants: fc.array(fc.record({ secrets: fc.subarray(['file_secret', 'env_secret']), configs: fc.subarray(['file_config', 'text_config']), binds: fc.uniqueArray(bind, { maxLength: 3 }) }), { minLength: 3, maxLength: 3 }),
      launch: fc.constantFrom('EC2', 'FARGATE'),
    })
    .chain((p) =>
      fc.tuple(...p.services.map((_, i) => fc.tuple(fc.tuple(...(p.grants[i]?.secrets ?? []).map(secretGrant)), fc.tuple(...(p.grants[i]?.configs ?? []).map(configGrant))))).map((grants) => {
        const services: Record<string, unknown> = {};
        p.services.forEach((name, i) => {
          const [secrets, configs] = grants[i] ?? [[], []];
          const binds = p.grants[i]?.binds ?? [];
          // Two mounts at one target are refused by compose itself.
          const targets = new Set<string>();
          // An absolute host path on Fargate is an error of its own (no host paths), not a project file.
          const volumes = binds.filter((b) => {
            if (p.launch === 'FARGATE' && b.startsWith('/')) return false;
            const t = b.split(':')[1] as string;
            return !targets.has(t) && targets.add(t);
          });
          services[name] = { image: `example/${name}:1.0`, ...(secrets.length ? { secrets } : {}), ...(configs.length ? { configs } : {}), ...(volumes.length ? { volumes } : {}) };
        });
        return {
          dir: `/home/${p.user}/work/files-project`,
          compose: {
            name: 'files',
            'x-ecs': { launch_type: p.launch },
            services,
            secrets: { file_secret: { file: './secrets/file_secret.txt' }, env_secret: { environment: 'ENV_SECRET' } },
            configs: { file_config: { file: './conf/file_config.conf' }, text_config: { content: 'inline text' } },
          },
          files: { 'secrets/file_secret.txt': p.fileSecret, 'conf/file_config.conf': p.configText, 'conf/app.ini': '[app]\n', 'site/index.html': '<p>', 'data/.keep': '' },
          secretValues: [p.fileSecret, p.envSecret],
          env: { ENV_SECRET: p.envSecret },
        };
      }),
    );
}
