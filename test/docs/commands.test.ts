import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { shellCommands } from '../support/markdown.js';

const root = join(__dirname, '..', '..');

describe('docs pages: every compose2ecs command they show runs and succeeds', () => {
  for (const page of ['migrating.md', 'backends.md']) {
    const commands = shellCommands(readFileSync(join(root, 'docs', page), 'utf8'));
    it(`${page} shows at least one command`, () => expect(commands.length).toBeGreaterThan(0));
    for (const c of commands) {
      it(`${page}: ${c.line}`, async () => {
        const stderr: string[] = [];
        const stdout: string[] = [];
        const code = await run(c.argv, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s), env: c.env, writeFile: async () => {} });
        expect(code, stderr.join('')).toBe(0);
        expect(stdout.join('').length).toBeGreaterThan(0);
      });
    }
  }
});
