/** The built CLI (dist/cli/bin.cjs), for tests that run it as a process. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'dist', 'cli', 'bin.cjs');

/** The caller's environment without what would change the CLI's behaviour. */
export const baseEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('COMPOSE_') && !k.startsWith('COMPOSE2ECS_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR' && k !== 'GITHUB_WORKSPACE'),
);

/** Builds dist/ when it is missing (`npm test` builds it first; a lone vitest run may not have). */
export function ensureBuilt(): void {
  if (!existsSync(BIN)) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory, removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `compose2ecs-${prefix}-`));
  made.push(dir);
  return dir;
}
