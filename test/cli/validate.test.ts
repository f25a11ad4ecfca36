import { describe, expect, it } from 'vitest';
import { validate, type ValidateOptions } from '../../src/validate.js';
import { RULES } from '../../src/rules/index.js';
import { describeCode } from '../../src/core/codes.js';
import { looksSecret } from '../../src/rules/secrets.js';
import { imageTag } from '../../src/rules/images.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { cli } from './cli-harness.js';
import { memoryHost } from '../../src/loader/memory-host.js';

/** Validates one in-memory compose file; returns `CODE line:column` of each finding. */
async function findings(yaml: string, options: Partial<ValidateOptions> = {}): Promise<string[]> {
  const { diagnostics } = await validate({ files: [{ path: '/p/compose.yaml', contents: yaml }], env: {}, ...options });
  return diagnostics.map((d: Diagnostic) => `${d.severity} ${d.code} ${d.line}:${d.column}`).sort();
}

const svc = (body: string, name = 'web') => `services:\n  ${name}:\n${body.replace(/^/gm, '    ')}\n`;

describe('the rules are small named objects with a code, a default severity and a line of docs', () => {
  it('every rule has a unique code, docs, and is known to the catalog', () => {
    expect(new Set(RULES.map((r) => r.code)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.docs.length, r.code).toBeGreaterThan(20);
      expect(['error', 'warning', 'info'], r.code).toContain(r.severity);
      expect(describeCode(r.code), r.code).toEqual({ docs: r.docs, severity: r.severity, rule: true });
    }
  });
});

describe('REFERENCE_UNKNOWN: depends_on names no service (reported by the loader)', () => {
  it('is an error at the entry', async () => {
    expect(await findings(svc('image: a:1\ndepends_on: [dbb]'))).toEqual(['error REFERENCE_UNKNOWN 4:18']);
  });
});

describe('DEPENDENCY_CYCLE', () => {
  it('reports the entry that closes the cycle', async () => {
    const yaml = 'services:\n  a:\n    image: a:1\n    depends_on: [b]\n  b:\n    image: b:1\n    depends_on: [a]\n';
    expect(await findings(yaml)).toEqual(['error DEPENDENCY_CYCLE 7:18']);
  });
});

describe('DEPENDENCY_NEVER_COMPLETES: 05-services depends_on "service_completed_successfully specifies that a dependency is expected to run to successful completion" — of a service that is started again whenever it exits', () => {
  const waitOn = (target: string) => `services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_completed_successfully\n  db:\n    image: b:1\n${target}`;
  it.each([
    ['restart: always', '    restart: always\n', 'restart is "always"'],
    ['restart: unless-stopped', '    restart: unless-stopped\n', 'restart is "unless-stopped"'],
    ['deploy.restart_policy.condition any (wins over restart)', '    restart: "no"\n    deploy: { restart_policy: { condition: any } }\n', 'deploy.restart_policy.condition is any'],
  ])('%s: a warning at the condition, on every target', async (_, target, why) => {
    for (const t of [undefined, 'ecs', 'cloudformation', 'kubernetes'] as const) {
      const { diagnostics } = await validate({ files: [{ path: '/p/compose.yaml', contents: waitOn(target) }], env: {}, ...(t ? { target: t } : {}) });
      const d = diagnostics.filter((x) => x.code === 'DEPENDENCY_NEVER_COMPLETES');
      expect(d.map((x) => `${x.severity} ${x.line}:${x.column}`)).toEqual(['warning 6:20']);
      expect(d[0]?.message).toContain(`db never completes (${why}`);
      expect(d[0]?.message.includes('START')).toBe(t === 'ecs' || t === 'cloudformation');
    }
  });
  it.each([
    ['the default restart (a one-shot)', ''],
    ['restart: on-failure', '    restart: on-failure\n'],
    ['restart always, but x-ecs.job: true', '    restart: always\n    x-ecs: { job: true }\n'],
    ['restart always, deploy.mode replicated-job', '    restart: always\n    deploy: { mode: replicated-job }\n'],
    ['restart always, restart_policy none', '    restart: always\n    deploy: { restart_policy: { condition: none } }\n'],
  ])('%s: quiet', async (_, target) => {
    expect((await findings(waitOn(target), { target: 'ecs' })).filter((f) => f.includes('DEPENDENCY_NEVER_COMPLETES'))).toEqual([]);
  });
});

describe('HEALTHCHECK_MISSING: service_healthy on a service without a healthcheck', () => {
  const dep = 'services:\n  web:\n    image: a:1\n    depends_on:\n      db: { condition: service_healthy }\n  db:\n    image: b:1\n';
  it('in one ECS task (project layout) an error without a healthcheck, or with one disabled: the dependsOn HEALTHY would never be met', async () => {
    expect(await findings(dep, { layout: 'project' })).toEqual(['error HEALTHCHECK_MISSING 5:11']);
    expect(await findings(dep + '    healthcheck: { disable: true }\n', { layout: 'project' })).toEqual(['error HEALTHCHECK_MISSING 5:11']);
  });
  it('across ECS tasks (service layout, the default) a warning: no container waits for HEALTHY there, so nothing never starts; the wait is lost, and the message says how to get it back', async () => {
    expect(await findings(dep)).toEqual(['warning HEALTHCHECK_MISSING 5:11']);
    const { diagnostics } = await validate({ files: [{ path: '/p/compose.yaml', contents: dep }], env: {} });
    expect(diagnostics.find((d) => d.code === 'HEALTHCHECK_MISSING')?.message).toBe(
      'services.web.depends_on.db waits for service_healthy, but it defines no healthcheck, and db runs in another ECS task ("db"), where ECS reads no image HEALTHCHECK either: nothing makes web wait until db is healthy as under compose; add services.db.healthcheck (the CloudFormation stack then waits for db\'s deployment to be healthy before web\'s) or use service_started',
    );
  });
  it('on Kubernetes a warning, not an error (the gluetun/qbittorrent pattern, whose image has a HEALTHCHECK): no container there waits for HEALTHY, so nothing never starts; the wait just ends when the service runs', async () => {
    const k8s = (await findings(dep, { target: 'kubernetes' })).filter((f) => f.includes('HEALTHCHECK_MISSING'));
    expect(k8s).toEqual(['warning HEALTHCHECK_MISSING 5:11']);
    const { diagnostics } = await validate({ files: [{ path: '/p/compose.yaml', contents: dep }], env: {}, target: 'kubernetes' });
    expect(diagnostics.find((d) => d.code === 'HEALTHCHECK_MISSING')?.message).not.toContain('ECS');
    expect((await findings(dep, { target: 'ecs', layout: 'project' })).filter((f) => f.includes('HEALTHCHECK_MISSING'))).toEqual(['error HEALTHCHECK_MISSING 5:11']);
  });
  it('is quiet with a healthcheck (compose or x-ecs), or with service_started', async () => {
    expect(await findings(dep + '    healthcheck: { test: [CMD, pg_isready] }\n')).toEqual([]);
    expect(await findings(dep + '    x-ecs: { healthcheck: { command: [CMD, pg_isready] } }\n')).toEqual([]);
    expect(await findings(dep.replace('service_healthy', 'service_started'))).toEqual([]);
  });
});

describe('PORT_CONFLICT: two services publish one host port', () => {
  const two = (a: string, b: string) => `services:\n  a:\n    image: a:1\n    ports: ["${a}"]\n  b:\n    image: b:1\n    ports: ["${b}"]\n`;
  it('is an error at the second one', async () => {
    expect(await findings(two('8080:80', '8080:8080'))).toEqual(['error PORT_CONFLICT 7:13']);
    expect(await findings(two('127.0.0.1:8080:80', '8080:81'))).toEqual(['error PORT_CONFLICT 7:13']);
  });
  it('allows other protocols, other addresses, and unpublished or ranged ports', async () => {
    expect(await findings(two('8080:80', '8080:80/udp'))).toEqual([]);
    expect(await findings(two('127.0.0.1:8080:80', '127.0.0.2:8080:80'))).toEqual([]);
    expect(await findings(two('80', '80'))).toEqual([]);
    expect(await findings(two('8000-8010:80', '8000-8010:80'))).toEqual([]);
  });
});

describe('IMAGE_BUILD_ONLY and IMAGE_UNPINNED', () => {
  it('a service with build and no image is an error at build', async () => {
    expect(await findings(svc('build: .'))).toEqual(['error IMAGE_BUILD_ONLY 3:5']);
    expect(await findings(svc('build: .\nimage: me/app:1.0'))).toEqual([]);
  });
  it('an untagged or latest image is a warning; a tag or digest is fine', async () => {
    expect(await findings(svc('image: nginx'))).toEqual(['warning IMAGE_UNPINNED 3:12']);
    expect(await findings(svc('image: registry:5000/nginx:latest'))).toEqual(['warning IMAGE_UNPINNED 3:12']);
    expect(await findings(svc('image: registry:5000/nginx:1.27'))).toEqual([]);
    expect(await findings(svc('image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'))).toEqual([]);
  });
  it.each([
    ['nginx', undefined],
    ['nginx:1.27', '1.27'],
    ['registry:5000/app', undefined],
    ['registry:5000/app:2', '2'],
    ['app@sha256:abc', null],
  ])('imageTag(%s) is %s', (image, tag) => expect(imageTag(image)).toBe(tag));
});

describe('RESOURCE_RESERVATION_ABOVE_LIMIT and RESOURCE_BEYOND_FARGATE', () => {
  it('a memory or CPU reservation above the limit is an error at the reservation', async () => {
    expect(await findings(svc('image: a:1\nmem_limit: 256m\nmem_reservation: 512m'))).toEqual(['error RESOURCE_RESERVATION_ABOVE_LIMIT 5:22']);
    expect(await findings(svc('image: a:1\ndeploy:\n  resources:\n    limits: { cpus: "0.5" }\n    reservations: { cpus: "1" }'))).toEqual(['error RESOURCE_RESERVATION_ABOVE_LIMIT 7:31']);
    expect(await findings(svc('image: a:1\nmem_limit: 512m\nmem_reservation: 256m'))).toEqual([]);
  });
  it('a task beyond the largest Fargate size is a warning on EC2 and an error on Fargate', async () => {
    const big = svc('image: a:1\ncpus: 32\nmem_limit: 64g');
    expect(await findings(big)).toEqual(['warning RESOURCE_BEYOND_FARGATE 2:3']);
    expect(await findings(big, { launchType: 'FARGATE' })).toEqual(['error RESOURCE_BEYOND_FARGATE 2:3']);
    expect(await findings(svc('image: a:1\ncpus: 16\nmem_limit: 120g'))).toEqual([]);
  });
  it('sums the services of one task in project layout', async () => {
    const two = 'services:\n  a:\n    image: a:1\n    mem_limit: 100g\n  b:\n    image: b:1\n    mem_limit: 100g\n';
    expect(await findings(two)).toEqual([]);
    expect(await findings(two, { layout: 'project' })).toEqual(['warning RESOURCE_BEYOND_FARGATE 2:3']);
  });
});

describe('SECRET_IN_ENVIRONMENT: a literal secret in environment', () => {
  it('warns about a literal value, in map and list syntax', async () => {
    expect(await findings(svc('image: a:1\nenvironment:\n  DB_PASSWORD: hunter2'))).toEqual(['warning SECRET_IN_ENVIRONMENT 5:20']);
    expect(await findings(svc('image: a:1\nenvironment:\n  - GITHUB_TOKEN=ghp_123'))).toEqual(['warning SECRET_IN_ENVIRONMENT 5:9']);
  });
  it('is quiet for interpolated values, values from the environment, references and non-secret names', async () => {
    const env = { DB_PASSWORD: 'x', API_KEY: 'y' };
    expect(await findings(svc('image: a:1\nenvironment:\n  DB_PASSWORD: ${DB_PASSWORD}\n  API_KEY: "$API_KEY"'), { env })).toEqual([]);
    expect(await findings(svc('image: a:1\nenvironment:\n  - DB_PASSWORD'), { env })).toEqual([]);
    expect(await findings(svc('image: a:1\nenvironment:\n  POSTGRES_PASSWORD_FILE: /run/secrets/db\n  DB_PASSWORD: arn:aws:secretsmanager:x\n  CACHE_KEY: users\n  PWD: /app'))).toEqual([]);
  });
  it('09-secrets / 12-interpolation: warns about a secret that reaches environment from the project\'s .env file or a default written in the file', async () => {
    const compose = svc('image: a:1\nenvironment:\n  POSTGRES_PASSWORD: ${DB_PASSWORD}\n  LOG_LEVEL: ${LOG_LEVEL}');
    const host = memoryHost({ '/p/compose.yaml': compose, '/p/.env': 'DB_PASSWORD=hunter2\nLOG_LEVEL=debug\n' }, '/p');
    const fromDotEnv = await validate({ host, files: ['/p/compose.yaml'], env: {} });
    expect(fromDotEnv.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['SECRET_IN_ENVIRONMENT 5:26']);
    expect(fromDotEnv.diagnostics[0]?.message).toContain('.env');
    // The same variable from the caller's environment is the deploy's own: quiet.
    expect((await validate({ host, files: ['/p/compose.yaml'], env: { DB_PASSWORD: 'x' } })).diagnostics).toEqual([]);
    expect(await findings(svc('image: a:1\nenvironment:\n  DB_PASSWORD: ${DB_PASSWORD:-hunter2}'))).toEqual(['warning SECRET_IN_ENVIRONMENT 5:20']);
  });
  it('05-services env_file: warns about secrets a service reads from its env_file (mastodon .env.production, immich .env): the task definition holds them in plain text too; once per env_file entry, at the entry', async () => {
    const compose = 'services:\n  web:\n    image: a:1\n    env_file: app.env\n  worker:\n    image: a:1\n    env_file:\n      - app.env\n      - path: log.env\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n';
    const host = memoryHost({ '/p/compose.yaml': compose, '/p/app.env': 'DB_HOST=db\nDB_PASSWORD=app\nSECRET_KEY_BASE=abc\nOTP_SECRET=\n', '/p/log.env': 'LOG_LEVEL=debug\n' }, '/p');
    const r = await validate({ host, files: ['/p/compose.yaml'], env: { DB_PASSWORD: 'from-ci' } });
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['SECRET_IN_ENVIRONMENT 4:15', 'SECRET_IN_ENVIRONMENT 8:9']);
    // web gets both from the file; worker's DB_PASSWORD comes from the deploy environment (an empty OTP_SECRET holds nothing).
    expect(r.diagnostics[0]?.message).toContain('DB_PASSWORD, SECRET_KEY_BASE');
    expect(r.diagnostics[1]?.message).toContain('SECRET_KEY_BASE');
    expect(r.diagnostics[1]?.message).not.toContain('DB_PASSWORD');
  });
  it('05-services env_file long syntax (apache/superset: `- path: docker/.env`, `required: true`): the message names the file as written relative to the project, not a path of the converting machine', async () => {
    const compose = 'services:\n  web:\n    image: a:1\n    env_file:\n      - path: docker/.env\n        required: true\n      - path: docker/.env-local\n        required: false\n';
    const host = memoryHost({ '/p/compose.yaml': compose, '/p/docker/.env': 'DATABASE_PASSWORD=superset\n' }, '/p');
    const r = await validate({ host, files: ['/p/compose.yaml'], env: {} });
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['SECRET_IN_ENVIRONMENT 5:9']);
    expect(r.diagnostics[0]?.message).toContain('services.web.env_file[0] (docker/.env) gives DATABASE_PASSWORD');
  });
  it('is quiet about env_file secrets that x-ecs.environment_files keeps in S3 objects (not in the task definition), but not on Kubernetes, which reads no x-ecs', async () => {
    const compose = 'x-ecs:\n  environment_files: { s3_prefix: "arn:aws:s3:::envs/prod" }\nservices:\n  web:\n    image: a:1\n    env_file: app.env\n';
    const host = memoryHost({ '/p/compose.yaml': compose, '/p/app.env': 'DB_PASSWORD=hunter2\n' }, '/p');
    const codes = async (target?: 'ecs' | 'kubernetes') => (await validate({ host, files: ['/p/compose.yaml'], env: {}, ...(target ? { target } : {}) })).diagnostics.filter((d) => d.code === 'SECRET_IN_ENVIRONMENT').map((d) => `${d.line}:${d.column}`);
    expect(await codes('ecs')).toEqual([]);
    expect(await codes()).toEqual([]);
    expect(await codes('kubernetes')).toEqual(['6:15']);
    // Kubernetes reads no x-ecs: the remedy is a compose secret (a Secret), not x-ecs.secrets.
    const k8s = (await validate({ host, files: ['/p/compose.yaml'], env: {}, target: 'kubernetes' })).diagnostics.find((d) => d.code === 'SECRET_IN_ENVIRONMENT');
    expect(k8s?.message).toMatch(/stored in plain text in the manifests; keep it out of the env file and give it as compose secrets, which the pods read from a Secret$/);
  });
  it('speaks of the target it checks for: the task definition and x-ecs.secrets on ECS, the manifests and a compose secret on Kubernetes (which reads no x-ecs)', async () => {
    const yaml = svc('image: a:1\nenvironment:\n  DB_PASSWORD: hunter2\n  API_TOKEN: ${TOKEN:-abc}');
    const messages = async (target: 'ecs' | 'kubernetes') => (await validate({ host: memoryHost({ '/p/compose.yaml': yaml }, '/p'), files: ['/p/compose.yaml'], env: {}, target })).diagnostics.filter((d) => d.code === 'SECRET_IN_ENVIRONMENT').map((d) => d.message);
    const ecs = await messages('ecs');
    expect(ecs).toHaveLength(2);
    for (const m of ecs) expect(m).toMatch(/plain text in the task definition; use secrets \(x-ecs\.secrets\) instead/);
    const k8s = await messages('kubernetes');
    expect(k8s).toHaveLength(2);
    for (const m of k8s) {
      expect(m).toMatch(/plain text in the manifests; give it as a compose secret instead, which the pods read from a Secret/);
      expect(m).not.toMatch(/x-ecs|task definition/);
    }
  });
  it('warns about a value that is a credential by its form, whatever the variable is called', async () => {
    expect(await findings(svc('image: a:1\nenvironment:\n  AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n  LOG_LEVEL: debug'))).toEqual(['warning SECRET_IN_ENVIRONMENT 5:26']);
  });
  it.each([
    ['POSTGRES_PASSWORD', true],
    ['githubToken', true],
    ['SECRET_KEY_BASE', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['STRIPE_API_KEY', true],
    ['POSTGRES_PASSWORD_FILE', false],
    ['AWS_ACCESS_KEY_ID', false],
    ['CACHE_KEY', false],
    ['TOKEN_URL', false],
    ['PWD', false],
    ['LOG_LEVEL', false],
  ])('looksSecret(%s) is %s', (name, secret) => expect(looksSecret(name)).toBe(secret));
});

describe('fields the --target would drop', () => {
  const yaml = svc('image: a:1\nexpose: ["80"]\ncontainer_name: web');
  it('are reported only with a target, with every other finding convert to it gives (validate --target T is convert --target T)', async () => {
    expect(await findings(yaml)).toEqual([]);
    expect(await findings(yaml, { target: 'ecs' })).toEqual(['info ECS_DEFAULT_APPLIED 3:5', 'info ECS_LOG_GROUP 3:5', 'warning ECS_LOG_REGION_MISSING 3:5', 'warning ECS_UNSUPPORTED_FIELD 4:5', 'warning ECS_UNSUPPORTED_FIELD 5:5']);
  });
  it('come from the chosen backend, a third-party one too', async () => {
    const backend = { name: 'mine', emit: (ir: { diagnostic: (...a: never[]) => Diagnostic }) => ({ outputs: [], diagnostics: [ir.diagnostic(...(['K8S_UNSUPPORTED_FIELD', 'warning', 'no', ['services', 'web', 'expose']] as never[]))] }) };
    expect(await findings(yaml, { target: backend as never })).toEqual(['warning K8S_UNSUPPORTED_FIELD 4:13']);
  });
  it('an unknown built-in target is BACKEND_NOT_FOUND', async () => {
    expect(await findings(yaml, { target: 'nomad' as never })).toEqual(['error BACKEND_NOT_FOUND undefined:undefined']);
  });
});

describe('errors that would stop convert to the --target', () => {
  const secret = 'services:\n  api:\n    image: a:1\n    secrets: [db]\nsecrets:\n  db:\n    file: ./db.txt\n';
  it('are reported with a target, so that validate fails where convert would (a config over the size a task definition carries)', async () => {
    const config = 'services:\n  api:\n    image: a:1\n    mem_limit: 64m\n    configs: [app]\nconfigs:\n  app:\n    content: ${BIG}\n';
    const env = { BIG: 'x'.repeat(17 * 1024) };
    expect(await findings(config, { env })).toEqual([]);
    expect((await findings(config, { env, target: 'ecs' })).filter((f) => f.startsWith('error'))).toEqual(['error ECS_LIMIT 5:15']);
    expect((await findings(config, { env, target: 'cloudformation' })).filter((f) => f.startsWith('error'))).toEqual(['error ECS_LIMIT 5:15']);
  });
  it('a secret without an ARN is not one of them (issue 19): it is read from the SSM parameter /<project>/<secret>', async () => {
    expect((await findings(secret, { target: 'ecs' })).filter((f) => f.startsWith('error'))).toEqual([]);
    expect(await findings(secret, { target: 'ecs' })).toContain('warning ECS_SECRET_MUST_EXIST 7:5');
  });
  it('from a third-party backend too, with its warnings, as convert reports them', async () => {
    const backend = {
      name: 'mine',
      emit: (ir: { diagnostic: (...a: never[]) => Diagnostic }) => ({
        outputs: [],
        diagnostics: [ir.diagnostic(...(['ECS_LIMIT', 'error', 'too big', ['services', 'api', 'image']] as never[])), ir.diagnostic(...(['ECS_LIMIT', 'warning', 'big', ['services', 'api']] as never[]))],
      }),
    };
    expect(await findings(secret, { target: backend as never })).toEqual(['error ECS_LIMIT 3:12', 'warning ECS_LIMIT 3:5']);
  });
  it('two services that become one Kubernetes name are K8S_INVALID', async () => {
    expect(await findings('services:\n  my_web:\n    image: a:1\n  my-web:\n    image: a:1\n', { target: 'kubernetes' })).toEqual(['error K8S_INVALID 3:5']);
  });
  it('a finding a rule already reports at the same place is not repeated (IMAGE_BUILD_ONLY, not also ECS_NO_IMAGE)', async () => {
    const yaml = svc('build: .');
    expect(await findings(yaml)).toEqual(['error IMAGE_BUILD_ONLY 3:5']);
    const errors = async (o: Partial<ValidateOptions>) => (await findings(yaml, o)).filter((f) => f.startsWith('error'));
    for (const target of ['ecs', 'kubernetes'] as const) expect(await errors({ target }), target).toEqual(['error IMAGE_BUILD_ONLY 3:5']);
  });
  it('build.md: a build-only service is no error with a registry, nor for CloudFormation, which takes its image as a parameter', async () => {
    const yaml = svc('build: .');
    for (const target of ['ecs', 'cloudformation', 'kubernetes'] as const) {
      expect((await findings(yaml, { target, registry: 'registry.example.com' })).filter((f) => /error|IMAGE_BUILD_PUSH/.test(f)), target).toEqual(['warning IMAGE_BUILD_PUSH 3:5']);
    }
    expect(await findings(yaml, { target: 'cloudformation' })).toContain('warning IMAGE_BUILD_PUSH 3:5');
    expect((await findings(yaml, { target: 'cloudformation' })).filter((f) => f.startsWith('error'))).toEqual([]);
  });
  it('a rule turned off lets the backend finding through: the error is still reported', async () => {
    expect(await findings(svc('build: .'), { target: 'ecs', disable: ['IMAGE_BUILD_ONLY'] })).toEqual(['error ECS_NO_IMAGE 3:12', 'info ECS_DEFAULT_APPLIED 3:5', 'info ECS_LOG_GROUP 3:5', 'warning ECS_LOG_REGION_MISSING 3:5']);
  });
});

describe('turning rules off', () => {
  const yaml = svc('image: nginx\nenvironment:\n  DB_PASSWORD: hunter2');
  it('with the disable option (the CLI --disable)', async () => {
    expect(await findings(yaml, { disable: ['IMAGE_UNPINNED'] })).toEqual(['warning SECRET_IN_ENVIRONMENT 5:20']);
  });
  it('with x-compose2ecs.disable in the compose file', async () => {
    expect(await findings('x-compose2ecs:\n  disable: [IMAGE_UNPINNED, SECRET_IN_ENVIRONMENT]\n' + yaml)).toEqual([]);
  });
  it('reports an unknown code, or a malformed x-compose2ecs, at its place', async () => {
    expect(await findings('x-compose2ecs:\n  disable: [IMAGE_UNPINED]\n' + svc('image: a:1'))).toEqual(['warning RULE_UNKNOWN 2:13']);
    expect(await findings('x-compose2ecs:\n  disabled: []\n' + svc('image: a:1'))).toEqual(['warning COMPOSE_UNKNOWN_KEY 2:3']);
    expect(await findings('x-compose2ecs: [IMAGE_UNPINNED]\n' + svc('image: a:1'))).toEqual(['warning COMPOSE_INVALID_VALUE 1:16']);
  });
  it('turns off a rule the loader reports (REFERENCE_UNKNOWN), errors included', async () => {
    expect(await findings(svc('image: a:1\ndepends_on: [dbb]'), { disable: ['REFERENCE_UNKNOWN'] })).toEqual([]);
  });
  it('turns off warnings of the loader, but not its errors', async () => {
    expect(await findings('version: "3"\n' + svc('image: a:1'), { disable: ['COMPOSE_VERSION_OBSOLETE'] })).toEqual([]);
    expect(await findings(svc('image: a:1\nimagee: b'), { disable: ['COMPOSE_UNKNOWN_KEY', 'COMPOSE_SCHEMA'] })).not.toEqual([]);
  });
});

describe('compose2ecs validate (the CLI)', () => {
  const bad = 'fixtures/cli-validate/compose.yaml';
  const clean = 'fixtures/cli-clean/compose.yaml';

  it('exit 0 for a clean project, 1 with errors, and --strict makes warnings count', async () => {
    expect((await cli(['validate', '-f', clean, '--target', 'ecs'])).code).toBe(0);
    expect((await cli(['validate', '-f', bad])).code).toBe(1);
    const warnOnly = ['validate', '-f', '-'];
    const stdin = svc('image: nginx');
    expect((await cli(warnOnly, { stdin })).code).toBe(0);
    expect((await cli([...warnOnly, '--strict'], { stdin })).code).toBe(1);
  });

  it('reports every rule of the fixture once, with --target ecs every finding of convert to ecs too', async () => {
    const r = await cli(['validate', '-f', bad, '--target', 'ecs', '--format', 'json']);
    const codes = (JSON.parse(r.stdout) as Diagnostic[]).map((d) => d.code).sort();
    expect(codes).toEqual([
      'DEPENDENCY_CYCLE', 'ECS_CROSS_TASK_DEPENDENCY', 'ECS_CROSS_TASK_DEPENDENCY', 'ECS_CROSS_TASK_DEPENDENCY', 'ECS_DEFAULT_APPLIED', 'ECS_DEFAULT_APPLIED',
      'ECS_LOG_GROUP', 'ECS_LOG_REGION_MISSING', 'ECS_NAME_UNRESOLVED', 'HEALTHCHECK_MISSING', 'IMAGE_BUILD_ONLY', 'IMAGE_UNPINNED',
      'PORT_CONFLICT', 'RESOURCE_BEYOND_FARGATE', 'RESOURCE_RESERVATION_ABOVE_LIMIT', 'SECRET_IN_ENVIRONMENT',
    ]);
  });

  it('--disable CODE (repeatable) turns rules off; an unknown code is bad usage', async () => {
    const r = await cli(['validate', '-f', bad, '--format', 'json', '--disable', 'IMAGE_UNPINNED', '--disable', 'PORT_CONFLICT']);
    expect((JSON.parse(r.stdout) as Diagnostic[]).map((d) => d.code)).not.toContain('IMAGE_UNPINNED');
    expect((JSON.parse(r.stdout) as Diagnostic[]).map((d) => d.code)).not.toContain('PORT_CONFLICT');
    const u = await cli(['validate', '-f', bad, '--disable', 'IMAGE_UNPINED']);
    expect(u.code).toBe(2);
    expect(u.stderr).toBe("compose2ecs validate: --disable IMAGE_UNPINED: no such code; did you mean IMAGE_UNPINNED? (the rules are listed by --help)\nRun 'compose2ecs validate --help' for usage.\n");
  });

  it('text: file:line:col, a code frame and a summary; colour only when standard output is a terminal', async () => {
    const plain = await cli(['validate', '-f', '-'], { stdin: svc('image: nginx') });
    expect(plain.stdout).toBe(
      'stdin:3:12: warning IMAGE_UNPINNED: services.web.image "nginx" has no tag (docker pulls :latest): each deploy may run a different image; pin a version or a digest\n' +
        '  1 | services:\n  2 |   web:\n> 3 |     image: nginx\n    |            ^^^^^\n1 warning\n',
    );
    expect(plain.stdout).not.toContain('\u001b[');
    const colour = await cli(['validate', '-f', '-'], { stdin: svc('image: nginx'), stdoutColor: true });
    expect(colour.stdout).toContain('\u001b[33mwarning\u001b[0m');
  });

  it('github: one workflow command per finding', async () => {
    const r = await cli(['validate', '-f', '-', '--format', 'github'], { stdin: svc('image: nginx') });
    expect(r.stdout).toBe('::warning file=stdin,line=3,col=12,endLine=3,endColumn=17,title=IMAGE_UNPINNED::services.web.image "nginx" has no tag (docker pulls :latest): each deploy may run a different image; pin a version or a digest\n');
  });

  it('--help lists the rules with their codes and severities', async () => {
    const r = await cli(['validate', '--help']);
    for (const rule of RULES) expect(r.stdout).toMatch(new RegExp(`${rule.code}\\s+${rule.severity}`));
  });
});
