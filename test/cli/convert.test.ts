import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { cli, documents, ROOT, tempProject } from './cli-harness.js';

const BOOT = 'fixtures/seed-boot/compose.yaml';
const QA = 'fixtures/seed-qa/compose.yaml';
const expected = (name: string) => readFileSync(join(ROOT, 'fixtures/seed-boot/expected/ecs', name), 'utf8');

describe('convert --target ecs (the default)', () => {
  it('prints every document on standard output, each after a "# <path>" line', async () => {
    const r = await cli(['convert', '-f', BOOT]);
    expect(r.code).toBe(0);
    const docs = documents(r.stdout);
    expect([...docs.keys()]).toEqual(['boot.task-definition.json', 'boot.service.json']);
    // The log group is named after the project: the fixture runner's folder is /project, the CLI's seed-boot.
    expect(docs.get('boot.task-definition.json')?.replace('/ecs/seed-boot', '/ecs/project')).toBe(expected('boot.task-definition.json'));
    expect(docs.get('boot.service.json')).toBe(expected('boot.service.json'));
  });

  it('--out DIR writes one file per document, relative to the working directory', async () => {
    const r = await cli(['convert', '-f', BOOT, '--out', 'deploy']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect([...r.written.keys()]).toEqual([join(ROOT, 'deploy/boot.task-definition.json'), join(ROOT, 'deploy/boot.service.json')]);
    expect(r.written.get(join(ROOT, 'deploy/boot.service.json'))).toBe(expected('boot.service.json'));
    expect(r.stderr).toContain('wrote 2 files to deploy');
  });

  it('passes --layout, --launch-type and --cluster to the passes', async () => {
    const r = await cli(['convert', '-f', QA, '--layout', 'project', '--launch-type', 'FARGATE', '--cluster', 'qa']);
    expect(r.code).toBe(0);
    const docs = documents(r.stdout);
    const td = JSON.parse(docs.get('multi-env.task-definition.json') ?? '{}');
    expect(td.requiresCompatibilities).toEqual(['FARGATE']);
    expect(td.containerDefinitions.map((c: { name: string }) => c.name)).toEqual(['boot', 'redis', 'web-python']); // by service name
    expect(JSON.parse(docs.get('multi-env.service.json') ?? '{}').cluster).toBe('qa');
  });

  it('passes --cloud-map-namespace to the passes: the Service Connect namespace of every ECS service (issue 17)', async () => {
    const r = await cli(['convert', '-f', QA, '--layout', 'service', '--cloud-map-namespace', 'qa-ns']);
    expect(r.code).toBe(0);
    const services = [...documents(r.stdout)].filter(([k]) => k.endsWith('.service.json')).map(([, v]) => JSON.parse(v));
    expect(services.length).toBeGreaterThan(1);
    for (const s of services) expect(s.serviceConnectConfiguration.namespace).toBe('qa-ns');
  });

  it('passes --region, --account-id, --execution-role and --host-root to the passes (issue 19)', async () => {
    const stdin = `name: shop
x-ecs:
  secret_store: secretsmanager
services:
  db:
    image: postgres:16
    secrets: [pw]
    volumes: ["./data:/var/lib/postgresql/data"]
    mem_limit: 512m
secrets:
  pw:
    environment: PW
`;
    const r = await cli(['convert', '-f', '-', '--region', 'eu-west-1', '--account-id', '123456789012', '--execution-role', 'arn:aws:iam::123456789012:role/exec', '--host-root', '/srv/shop'], { stdin });
    expect(r.code, r.stderr).toBe(0);
    const td = JSON.parse(documents(r.stdout).get('db.task-definition.json') ?? '{}');
    expect(td.executionRoleArn).toBe('arn:aws:iam::123456789012:role/exec');
    expect(td.containerDefinitions[0].secrets[0].valueFrom).toBe('arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/pw');
    expect(td.volumes.find((v: { host?: unknown }) => v.host).host).toEqual({ sourcePath: '/srv/shop/data' });
  });

  it('reads standard input with -f -', async () => {
    const r = await cli(['convert', '-f', '-', '-p', 'piped'], { stdin: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 64m\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(documents(r.stdout).get('web.task-definition.json') ?? '{}').containerDefinitions[0].image).toBe('nginx:1.27');
  });
});

describe('convert --target cloudformation and kubernetes', () => {
  it('cloudformation writes one JSON stack, or YAML with --format yaml', async () => {
    const json = await cli(['convert', '-f', BOOT, '--target', 'cloudformation']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).Resources).toBeTypeOf('object');
    const yaml = await cli(['convert', '-f', BOOT, '--target', 'cloudformation', '--format', 'yaml', '--out', 'out']);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect([...yaml.written.keys()].map((p) => p.slice(ROOT.length + 1))).toEqual(['out/seed-boot.template.yaml']);
  });

  it('kubernetes takes its options through --set; several YAML files make one YAML stream', async () => {
    const r = await cli(['convert', '-f', QA, '-t', 'kubernetes', '--set', 'namespace=shop', '--set', 'split=true']);
    expect(r.code, r.stderr).toBe(0);
    const streams = parseAllDocuments(r.stdout);
    expect(streams.length).toBeGreaterThan(1);
    for (const doc of streams) expect((doc.toJS() as { metadata: { namespace: string } }).metadata.namespace).toBe('shop');
    expect(r.stdout.startsWith('--- # ')).toBe(true);
  });
});

describe('convert --target with a third-party backend module', () => {
  const compose = 'fixtures/cli-third-party-backend/compose.yaml';
  const inventory = 'web example/web:1.0.0 8080:80\nworker example/worker:1.0.0 -\n';

  it('imports ./backend.mjs relative to the working directory and writes what it emits', async () => {
    const r = await cli(['convert', '-f', compose, '--target', './fixtures/cli-third-party-backend/backend.mjs']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(inventory);
  });

  it('takes an absolute path, and passes --set options to the backend', async () => {
    const backend = join(ROOT, 'fixtures/cli-third-party-backend/backend.mjs');
    const r = await cli(['convert', '-f', compose, '--target', backend, '--set', 'prefix=stock', '--out', 'out']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.written.get(join(ROOT, 'out/stock.inventory.txt'))).toBe(inventory);
  });

  it('takes an installed package by name (ESM-only exports), and a default export', async () => {
    const dir = tempProject({
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'node_modules/c2e-names/package.json': JSON.stringify({ name: 'c2e-names', type: 'module', exports: { '.': { import: './index.js' } } }),
      'node_modules/c2e-names/index.js': "export default { name: 'names', emit: (ir) => ({ outputs: [{ path: 'names.txt', value: null, contents: Object.keys(ir.workloads).join(',') + '\\n' }], diagnostics: [] }) };\n",
    });
    const r = await cli(['convert', '--target', 'c2e-names'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('web\n');
  });

  it('a module that is not there, or exports no backend, is bad usage (exit 2)', async () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n', 'nothing.mjs': 'export const x = 1;\n' });
    for (const target of ['./missing.mjs', './nothing.mjs', 'no-such-backend-package', 'ecss']) {
      const r = await cli(['convert', '--target', target], { cwd: dir });
      expect(r.code, target).toBe(2);
      expect(r.stderr, target).toContain(`--target ${target}`);
      expect(r.stderr, target).toContain("Run 'compose2ecs convert --help' for usage.");
    }
  });

  it('a backend that fails to load, throws or emits a path outside --out is reported as BACKEND_FAILED (exit 1)', async () => {
    const dir = tempProject({
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'broken.mjs': 'throw new Error("cannot start");\n',
      'throws.mjs': "export const backend = { name: 'throws', emit() { throw new Error('boom'); } };\n",
      'escape.mjs': "export const backend = { name: 'escape', emit: () => ({ outputs: [{ path: '../evil.txt', value: 1, contents: 'x' }], diagnostics: [] }) };\n",
      'garbage.mjs': "export const backend = { name: 'garbage', emit: () => 42 };\n",
    });
    for (const target of ['./broken.mjs', './throws.mjs', './escape.mjs', './garbage.mjs']) {
      const r = await cli(['convert', '--target', target, '--diagnostics-format', 'json', '--out', 'out'], { cwd: dir });
      expect(r.code, target).toBe(1);
      expect(JSON.parse(r.stderr).map((d: { code: string }) => d.code), target).toContain('BACKEND_FAILED');
      expect(r.written.size, target).toBe(0);
    }
  });
});

describe('convert --ecs-params', () => {
  it('reads an ecs-cli ecs-params.yml as x-ecs settings under the compose file', async () => {
    const dir = tempProject({
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
      'ecs-params.yml': 'version: 1\ntask_definition:\n  ecs_network_mode: host\n  task_role_arn: myCustomRole\n  services:\n    web:\n      mem_limit: 500m\n',
    });
    const r = await cli(['convert', '--ecs-params', 'ecs-params.yml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // ecs-params.yml means one task for the project, as ecs-cli made.
    const [path, text] = [...documents(r.stdout)].find(([p]) => p.endsWith('.task-definition.json')) ?? ['', '{}'];
    expect(path).toMatch(/^compose2ecs-cli-.*\.task-definition\.json$/);
    const td = JSON.parse(text);
    expect(td.networkMode).toBe('host');
    expect(td.taskRoleArn).toBe('myCustomRole');
    expect(td.containerDefinitions[0].memory).toBe(500);
  });

  it('a missing file is an error of the input (exit 1, FILE_NOT_FOUND)', async () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
    const r = await cli(['convert', '--ecs-params', 'nope.yml', '--diagnostics-format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).map((d: { code: string }) => d.code)).toEqual(['FILE_NOT_FOUND']);
    expect(r.stdout).toBe('');
  });
});

describe('convert exit codes and usage errors', () => {
  it('--strict turns warnings into errors (exit 1, no output)', async () => {
    const loose = await cli(['convert', '-f', QA]);
    expect(loose.code).toBe(0);
    // links across tasks to services without a port: their names do not resolve through Service Connect.
    expect(loose.stderr).toContain('warning ECS_NAME_UNRESOLVED');
    const strict = await cli(['convert', '-f', QA, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
  });

  it('an input error is exit 1 with the finding on standard error', async () => {
    const r = await cli(['convert', '-f', '-'], { stdin: 'services:\n  web:\n    image: [\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^stdin:\d+:\d+: error YAML_SYNTAX/);
  });

  // Both converted with exit 0 and wrote nothing.
  it.each([
    ['empty standard input', ['-f', '-'], ''],
    ['standard input of blank lines and comments', ['-f', '-'], '\n# nothing yet\n\n'],
  ])('%s is an error that says so (exit 1, FILE_EMPTY at the file)', async (_, argv, stdin) => {
    const r = await cli(['convert', ...argv], { stdin });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stdin:1:1: error FILE_EMPTY: compose file \S*stdin is empty/);
    expect(r.stdout).toBe('');
  });

  it('an empty compose file is an error that says so (exit 1, FILE_EMPTY at the file)', async () => {
    const dir = tempProject({ 'compose.yaml': '' });
    const r = await cli(['convert'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/compose\.yaml:1:1: error FILE_EMPTY/);
  });

  it('services: {} converts to nothing with a warning (exit 0, NO_SERVICES)', async () => {
    const r = await cli(['convert', '-f', '-'], { stdin: 'services: {}\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/stdin:1:1: warning NO_SERVICES: the project defines no services/);
    expect(r.stdout).toBe('');
  });

  it('services all left out by the profiles: a warning naming the profiles that would enable them', async () => {
    const stdin = 'services:\n  web:\n    image: nginx:1.27\n    profiles: [debug]\n  db:\n    image: postgres:16\n    profiles: [dev, debug]\n';
    const r = await cli(['convert', '-f', '-', '--profile', 'prod'], { stdin });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning NO_SERVICES: every service is left out by the active profiles (prod), so there is nothing to convert; profiles that would enable services: debug, dev');
    const enabled = await cli(['convert', '-f', '-', '--profile', 'dev'], { stdin });
    expect(enabled.stderr).not.toContain('NO_SERVICES');
    expect(enabled.stdout).not.toBe('');
  });

  it.each([
    [['--tagret', 'ecs'], 'unknown flag --tagret (did you mean --target?)'],
    [['--set', 'namespace'], '--set takes KEY=VALUE (got "namespace")'],
    [['--format', 'xml'], '--format must be one of: json, yaml (got "xml")'],
    [['--layout', 'tasks'], '--layout must be one of: project, service (got "tasks")'],
    [['extra'], 'unexpected argument "extra": convert compiles one project: name its compose files with -f (validate takes compose files as arguments, one project each)'],
  ])('%j is bad usage (exit 2) that says what was wrong and how to get help', async (argv, message) => {
    const r = await cli(['convert', '-f', BOOT, ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`compose2ecs convert: ${message}\nRun 'compose2ecs convert --help' for usage.\n`);
  });

  it('--help lists every flag', async () => {
    const r = await cli(['convert', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--file', '--target', '--set', '--format', '--out', '--strict', '--ecs-params', '--layout', '--launch-type', '--cluster', '--diagnostics-format']) expect(r.stdout).toContain(flag);
  });

  it('an unknown command suggests the closest one', async () => {
    const r = await cli(['convet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "convet" (did you mean convert?)');
  });
});
