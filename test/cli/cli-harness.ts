/** Runs the CLI in process, as `run(argv, io)`, and collects what it prints and writes. */
import { afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';

export const ROOT = join(__dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Files written through io.writeFile, by absolute path. */
  written: Map<string, string>;
}

export async function cli(argv: readonly string[], io: Partial<CliIO> & { stdin?: string } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const { stdin, ...rest } = io;
  const code = await run(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: {},
    cwd: ROOT,
    color: false,
    stdoutColor: false,
    async writeFile(path, contents) {
      written.set(path, contents);
    },
    ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
    ...rest,
  });
  return { code, stdout, stderr, written };
}

const made: string[] = [];

// Every test file that makes temporary projects removes them when it ends: a test run leaves
// nothing in the system's temporary directory.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory with the given files (paths relative to it), removed after the test file. */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'compose2ecs-cli-'));
  made.push(dir);
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

/** Splits convert's standard output into its documents: `# <path>` lines before each. */
export function documents(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = stdout.split(/^# (\S+)\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    const body = parts[i + 1] ?? '';
    // Documents are joined by one blank line.
    out.set(parts[i] as string, i + 2 < parts.length ? body.slice(0, -1) : body);
  }
  return out;
}
