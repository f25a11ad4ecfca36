/**
 * A 100,000-service file, loaded and converted in a process of its own (scale-100k.run.ts): it
 * takes about 90 s on 2 cores, so it runs under `npm run test:fuzz`, not `npm test`. No time is
 * asserted: the process timeout below is only a hang guard; speed lives in `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');

/** Hang guard for the child process (a run takes about 90 s). */
const HANG_GUARD_MS = 600_000;

interface Result { services: number; outputs: number; errors: string[]; codes: string[] }

/** Runs scale-100k.run.ts in its own process and returns its last JSON line. */
async function run100k(args: string[]): Promise<Result> {
  const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'vite-node'), [join(__dirname, 'scale-100k.run.ts'), ...args], {
    cwd: ROOT,
    timeout: HANG_GUARD_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Result;
}

describe('a 100,000-service file', () => {
  it('is refused with SERVICE_LIMIT under the default maxServices (10,000), before interpolation and the schema check', async () => {
    const result = await run100k(['100000']);
    expect(result.codes).toEqual(['SERVICE_LIMIT']);
    expect(result.errors[0]).toContain('100000 services, over the limit of 10000');
    expect(result.services).toBe(0);
    expect(result.outputs).toBe(0);
  }, HANG_GUARD_MS);

  it('with maxServices raised, loads and converts to ECS with no error', async () => {
    const result = await run100k(['100000', '100000']);
    expect(result.errors).toEqual([]);
    expect(result.services).toBe(100_000);
    expect(result.outputs).toBe(200_000); // a task definition and a service each
  }, HANG_GUARD_MS);
});
