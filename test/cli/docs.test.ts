/**
 * docs/cli.md stays true: every `$ compose2ecs …` example runs, with the exit code and the
 * standard output it shows, and every flag of every command is documented.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { splitShellWords } from '../../src/loader/normalize/shell-words.js';
import { cli, ROOT } from './cli-harness.js';

const doc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
const ci = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');

interface Example {
  argv: string[];
  line: string;
  output: string[];
  code: number;
}

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const block of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: Example | undefined;
    for (const line of (block[1] as string).split('\n').slice(0, -1)) {
      if (line.startsWith('$ compose2ecs ')) {
        current = { argv: splitShellWords(line.slice('$ compose2ecs '.length))?.words ?? [], line, output: [], code: 0 };
        out.push(current);
      } else if (current) {
        const exit = /^\(exit code (\d)\)$/.exec(line);
        if (exit) current.code = Number(exit[1]);
        else current.output.push(line);
      }
    }
  }
  return out;
}

describe('docs/cli.md examples', () => {
  const all = examples(doc);
  it('has examples of every command', () => {
    for (const command of ['config', 'convert', 'validate', 'explain', 'diagram']) expect(all.some((e) => e.argv[0] === command), command).toBe(true);
  });

  it.each(all.map((e) => [e.line, e] as const))('%s', async (_line, e) => {
    const r = await cli(e.argv);
    expect(r.code, r.stderr).toBe(e.code);
    if (e.output.length === 0) return;
    const expected = e.output.join('\n') + '\n';
    if (e.output[e.output.length - 1] === '…') expect(r.stdout.startsWith(expected.slice(0, -'…\n'.length))).toBe(true);
    else expect(r.stdout).toBe(expected);
  });
});

describe('every flag is documented', () => {
  it.each(['config', 'convert', 'validate', 'explain', 'diagram'])('%s', async (command) => {
    const help = (await cli([command, '--help'])).stdout;
    const options = help.slice(help.indexOf('Options:'));
    const flags = [...new Set([...options.matchAll(/^\s+(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1] as string))];
    expect(flags.length).toBeGreaterThan(3);
    const start = doc.indexOf(`## \`compose2ecs ${command}\``);
    const end = doc.indexOf('\n## ', start + 1);
    const section = doc.slice(start, end < 0 ? undefined : end);
    const common = doc.slice(doc.indexOf('## Flags every command takes'), doc.indexOf('## `compose2ecs config`'));
    for (const flag of flags) expect(section.includes(`--${flag}`) || common.includes(`--${flag}`), `--${flag} of ${command}`).toBe(true);
  });
});

describe('docs/ci.md', () => {
  it('runs validate with --format sarif and uploads with github/codeql-action/upload-sarif, and shows the github variant', () => {
    expect(ci).toContain('npx compose2ecs validate --format sarif > results.sarif');
    expect(ci).toMatch(/uses: github\/codeql-action\/upload-sarif@v3/);
    expect(ci).toContain('sarif_file: results.sarif');
    expect(ci).toContain('npx compose2ecs validate --format github');
  });

  it('the workflow is valid YAML whose steps validate, then upload results.sarif', () => {
    const workflow = parse((/```yaml\n([\s\S]*?)```/.exec(ci) as RegExpExecArray)[1] as string) as { jobs: { validate: { permissions: Record<string, string>; steps: { run?: string; uses?: string; with?: Record<string, string> }[] } } };
    const { steps, permissions } = workflow.jobs.validate;
    expect(permissions['security-events']).toBe('write');
    const run = steps.findIndex((s) => s.run?.includes('compose2ecs validate --format sarif > results.sarif'));
    const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(run).toBeGreaterThanOrEqual(0);
    expect(upload).toBeGreaterThan(run);
    expect(steps[upload]?.with?.sarif_file).toBe('results.sarif');
  });

  it('its commands are valid compose2ecs invocations', async () => {
    for (const m of ci.matchAll(/npx compose2ecs (validate[^\n>|&]*)/g)) {
      const argv = splitShellWords((m[1] as string).trim())?.words ?? [];
      const r = await cli([...argv, '-f', 'fixtures/cli-clean/compose.yaml']);
      expect(r.code, `${m[0]}: ${r.stderr}`).toBe(0);
    }
  });
});
