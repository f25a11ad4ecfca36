/**
 * docs/backends.md as written: its example backend runs through convert and the CLI, declares
 * its own code (which `--disable` and SARIF then know), and the page's TypeScript examples
 * type-check against the package's public types.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { convert } from '../../src/convert.js';
import type { Backend } from '../../src/backends/backend.js';
import { run } from '../../src/cli/run.js';

const root = resolve(__dirname, '..', '..');
const page = readFileSync(join(root, 'docs', 'backends.md'), 'utf8');
const example = join(root, 'docs', 'examples', 'summary-backend.mjs');
const seedQa = join(root, 'fixtures', 'seed-qa', 'compose.yaml');

async function summary(): Promise<Backend> {
  return ((await import(example)) as { backend: Backend }).backend;
}

describe('docs/backends.md: the example backend runs through convert', () => {
  it('emits the summary the page shows, with its own code for services without healthchecks', async () => {
    const { outputs, diagnostics } = await convert({ files: [seedQa], target: await summary(), layout: 'project', backendOptions: { requireHealthchecks: 'true' } });
    const shown = /It prints:\n\n```text\n([\s\S]*?)```/.exec(page)![1]!;
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.contents.trim()).toBe(shown.trim());
    // The task's services come by name (the compose `services` mapping has no order).
    expect(diagnostics.filter((d) => d.message.includes('has no healthcheck')).map((d) => [d.code, d.path, d.line])).toEqual([
      ['SUMMARY_NO_HEALTHCHECK', '/services/boot', 18],
      ['SUMMARY_NO_HEALTHCHECK', '/services/redis', 22],
      ['SUMMARY_NO_HEALTHCHECK', '/services/web-python', 6],
    ]);
  });

  it('declares the code it reports in `codes`', async () => {
    expect(Object.keys((await summary()).codes ?? {})).toEqual(['SUMMARY_NO_HEALTHCHECK']);
  });
});

describe('docs/backends.md: the CLI knows a backend’s own codes', () => {
  async function validate(...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const argv = ['validate', '-f', seedQa, '--layout', 'project', '--target', example, '--set', 'requireHealthchecks=true', ...extra];
    const code = await run(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: root, env: {} });
    return { code, stdout, stderr };
  }

  it('validate --disable accepts a code the --target backend declares', async () => {
    const r = await validate('--disable', 'SUMMARY_NO_HEALTHCHECK', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { code: string }[]).map((d) => d.code)).not.toContain('SUMMARY_NO_HEALTHCHECK');
  });

  it('validate --disable still refuses a code nobody declares, suggesting the backend’s', async () => {
    const r = await validate('--disable', 'SUMMARY_NO_HEALTHCHEK');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--disable SUMMARY_NO_HEALTHCHEK: no such code; did you mean SUMMARY_NO_HEALTHCHECK?');
  });

  it('SARIF describes the backend’s code with the docs it declares (validate, and convert’s --diagnostics-format)', async () => {
    let stderr = '';
    const argv = ['convert', '-f', seedQa, '--layout', 'project', '--target', example, '--set', 'requireHealthchecks=true', '--diagnostics-format', 'sarif'];
    await run(argv, { stdout: () => {}, stderr: (s) => void (stderr += s), cwd: root, env: {}, writeFile: async () => {} });
    for (const sarif of [(await validate('--format', 'sarif')).stdout, stderr]) sarifDescribes(sarif, (await summary()).codes!.SUMMARY_NO_HEALTHCHECK!);
  });
});

/** The SARIF log lists the code among its rules, described by `docs`. */
function sarifDescribes(log: string, docs: string): void {
  const rules = (JSON.parse(log) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] }).runs[0]!.tool.driver.rules;
  const own = rules.find((x) => x.id === 'SUMMARY_NO_HEALTHCHECK');
  expect(own?.shortDescription.text).toBe(docs);
}

describe('docs/backends.md: its TypeScript examples type-check against the package', () => {
  const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const dir = mkdtempSync(join(tmpdir(), 'compose2ecs-backends-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has examples', () => expect(blocks.length).toBeGreaterThan(0));

  it('each type-checks with the project’s compiler options', () => {
    // 'compose2ecs' is the package's entry, src/index.ts: the types a user of the package sees.
    const files = blocks.map((code, i) => {
      const file = join(dir, `example-${i}.mts`);
      writeFileSync(file, code.replace(/from 'compose2ecs'/g, `from '${join(root, 'src', 'index.js')}'`));
      return file;
    });
    const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(files, { ...options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false });
    const problems = files.flatMap((file, i) => {
      const source = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => `example ${i}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    });
    expect(problems).toEqual([]);
  });
});
