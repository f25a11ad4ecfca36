/**
 * The built CLI as a process meets its surroundings: pipes that close early, the node
 * executable that starts it through the `#!` line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, baseEnv, ensureBuilt, tempDir } from './built-bin.js';

beforeAll(ensureBuilt, 180_000);

/** Runs the bin with standard output read by a reader that goes away after the first chunk, like `| head -1`. */
function runIntoClosingPipe(args: string[], cwd: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('standard output closed by its reader (compose2ecs convert … | head -1)', () => {
  it('ends the process quietly: no EPIPE, no stack trace, the status of a SIGPIPE death (141)', async () => {
    const dir = tempDir('epipe');
    // Large enough that the stack template does not fit in one pipe buffer (64 KiB).
    const services = Array.from({ length: 300 }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    ports: ["${8000 + i}:80"]\n`).join('');
    writeFileSync(join(dir, 'compose.yaml'), `services:\n${services}`);
    const r = await runIntoClosingPipe(['convert', '--target', 'cloudformation', '--diagnostics-format', 'github'], dir);
    expect(r.stderr).not.toMatch(/EPIPE|node:events|^\s+at /m);
    expect(r.stderr).not.toContain('internal error');
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 141, signal: null });
  });
});
