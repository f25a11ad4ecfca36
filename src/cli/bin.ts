#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { run } from './run.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// https://no-color.org: NO_COLOR set to anything but the empty string turns colour off.
const noColor = Boolean(process.env.NO_COLOR);
run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin,
  env: process.env,
  cwd: process.cwd(),
  color: Boolean(process.stderr.isTTY) && !noColor,
  stdoutColor: Boolean(process.stdout.isTTY) && !noColor,
  async writeFile(path, contents) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, contents);
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`compose2ecs: internal error: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
