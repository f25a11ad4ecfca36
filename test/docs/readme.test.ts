/**
 * README.md as written: every command it shows is run, every output it shows is what the
 * command prints or writes, every claim about a target's output holds, the library example
 * type-checks against the package, and the CLI synopsis names only flags each command has.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { validateCreateService, validateRegisterTaskDefinition } from '../validators/ecs.js';
import { cli, ROOT, tempProject } from '../cli/cli-harness.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function blocks(lang: string): string[] {
  return [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);
}
function block(lang: string, index = 0): string {
  return blocks(lang)[index] as string;
}
/** The words of a command line after `npx compose2ecs` (or `compose2ecs`). */
function argvOf(line: string): string[] {
  return line.replace(/^.*?compose2ecs\s+/, '').trim().split(/\s+/);
}

describe('README.md: the quick start', () => {
  const quick = block('sh').trim().split('\n');

  it('is two commands, one that runs the main job on a shipped example and one that runs the tests', () => {
    expect(quick).toHaveLength(2);
    expect(quick[0]).toMatch(/^npm ci && npx compose2ecs convert -f fixtures\/\S+\/compose\.yaml/);
    expect(quick[1]).toBe('npm test');
  });

  it('its convert command compiles the example into an ECS task definition and service', async () => {
    const r = await cli(argvOf(quick[0]!.replace(/^npm ci && /, '')));
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect([...r.stdout.matchAll(/^# (\S+)$/gm)].map((m) => m[1])).toEqual(['boot.task-definition.json', 'boot.service.json']);
  });
});

describe('README.md: the 30-second example is what the tool prints', () => {
  const compose = block('yaml');
  const command = /`(npx compose2ecs convert --out build)` writes `build\/boot\.task-definition\.json`/.exec(readme)?.[1];

  it('the compose file converts to the task definition shown, and both documents are valid', async () => {
    const { outputs, diagnostics } = await convert({ host: memoryHost({ '/app/compose.yaml': compose }, '/app'), target: 'ecs' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(outputs.map((o) => o.path)).toEqual(['boot.task-definition.json', 'boot.service.json']);
    const td = JSON.parse(outputs[0]!.contents);
    expect(td).toEqual(JSON.parse(block('json')));
    expect(validateRegisterTaskDefinition(td)).toEqual([]);
    expect(validateCreateService(JSON.parse(outputs[1]!.contents))).toEqual([]);
  });

  it('the command shown writes the two files named, the task definition the one shown', async () => {
    expect(command).toBeDefined();
    const dir = tempProject({ 'compose.yaml': compose });
    const r = await cli(argvOf(command!), { cwd: dir });
    expect(r.code).toBe(0);
    expect([...r.written.keys()]).toEqual([join(dir, 'build', 'boot.task-definition.json'), join(dir, 'build', 'boot.service.json')]);
    // The log group is named after the project, which is named after the folder: app in the README.
    const written = r.written.get(join(dir, 'build', 'boot.task-definition.json'))!.replace(`/ecs/${basename(dir).toLowerCase()}`, '/ecs/app');
    expect(JSON.parse(written)).toEqual(JSON.parse(block('json')));
  });

  it('with --target cloudformation: one stack named after the folder, with the task definition, the service behind the named target group, its log group and the execution role', async () => {
    const prose = readme.replace(/\s+/g, ' ');
    expect(prose).toContain("With `--target cloudformation` the same file becomes one stack, `build/<project>.template.json` (the project is named after the folder): the task definition, the service behind the target group named in `x-ecs`, its log group and the task's execution role.");
    const dir = tempProject({ 'compose.yaml': compose });
    const r = await cli([...argvOf(command!), '--target', 'cloudformation'], { cwd: dir });
    expect(r.code).toBe(0);
    const path = join(dir, 'build', `${basename(dir).toLowerCase()}.template.json`);
    expect([...r.written.keys()]).toEqual([path]);
    const resources = Object.values((JSON.parse(r.written.get(path)!) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }).Resources);
    expect(resources.map((x) => x.Type).sort()).toEqual(['AWS::ECS::Service', 'AWS::ECS::TaskDefinition', 'AWS::IAM::Role', 'AWS::Logs::LogGroup']);
    const service = resources.find((x) => x.Type === 'AWS::ECS::Service')!;
    const arn = /target_group_arn: (\S+)/.exec(compose)![1];
    expect(service.Properties.LoadBalancers).toEqual([expect.objectContaining({ TargetGroupArn: arn, ContainerPort: 8080 })]);
    const role = resources.find((x) => x.Type === 'AWS::IAM::Role')!;
    expect(JSON.stringify(role.Properties)).toContain('ecs-tasks.amazonaws.com');
  });
});

describe('README.md: the library example', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compose2ecs-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks against the package’s types (each example: Node, and the browser one)', () => {
    const examples = blocks('ts');
    expect(examples.length).toBeGreaterThan(1);
    const files = examples.map((code, i) => {
      const file = join(dir, `library-${i}.mts`);
      writeFileSync(file, code.replace(/from 'compose2ecs'/g, `from '${join(ROOT, 'src', 'index.js')}'`));
      return file;
    });
    const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const program = ts.createProgram(files, { ...options, noEmit: true, types: ['node'] });
    const problems = files.flatMap((file, i) => {
      const source = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => `example ${i}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    });
    expect(problems).toEqual([]);
  });
});

describe('README.md: the CLI synopsis names only what each command takes', () => {
  const synopsis = blocks('sh').find((b) => b.startsWith('compose2ecs config'))!;
  const commands = synopsis.split(/\n(?=compose2ecs )/).map((c) => ({ name: argvOf(c)[0]!, text: c }));

  it.each(commands.map((c) => [c.name, c.text] as const))('compose2ecs %s: every flag and choice shown is in its --help', async (name, text) => {
    const help = (await cli([name, '--help'])).stdout;
    const flags = [...text.matchAll(/(--?[a-z][a-z-]*)(?:[ =]([\w.|/-]+))?/g)];
    expect(flags.length).toBeGreaterThan(0);
    for (const [, flag, value] of flags) {
      expect(help, `${name} ${flag}`).toContain(flag!);
      // Choices written a|b|c are each a value --help lists (a backend path is an example, not a choice).
      for (const choice of value?.includes('|') ? value.split('|').filter((v) => !v.startsWith('./')) : []) expect(help, `${name} ${flag} ${choice}`).toContain(choice);
    }
  });

  it('the exit codes are the ones stated: 0 success, 1 errors in the input, 2 bad usage', async () => {
    expect(readme).toContain('Exit codes: 0 success (warnings allowed), 1 the input has errors, 2 bad usage.');
    expect((await cli(['convert', '-f', join(ROOT, 'fixtures', 'seed-boot', 'compose.yaml')])).code).toBe(0);
    const bad = tempProject({ 'compose.yaml': 'services:\n  web: {}\n' });
    expect((await cli(['convert'], { cwd: bad })).code).toBe(1);
    expect((await cli(['convert', '--no-such-flag'])).code).toBe(2);
  });
});
