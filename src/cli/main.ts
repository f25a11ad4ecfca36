/**
 * The CLI process: wires the process's streams, environment and file writes to `run()`.
 * Bundled with everything it loads into dist/cli/main.cjs, which dist/cli/bin.cjs (src/cli/bin.ts)
 * starts with V8's code cache.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { run } from './run.js';
import type { ImportModule } from './import-module.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs the command line of this process and sets its exit code. `importModule` is how a
 * backend module named by `--target` is imported: code run through node:vm (the launcher)
 * cannot use `import()` itself.
 *
 * @example
 * main({ importModule: (url) => import(url) });
 */
export function main(options: { importModule?: ImportModule } = {}): void {
  // https://no-color.org: NO_COLOR set to anything but the empty string turns colour off.
  const noColor = Boolean(process.env.NO_COLOR);
  const made = new Set<string>();
  run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    env: process.env,
    ...(options.importModule ? { importModule: options.importModule } : {}),
    cwd: process.cwd(),
    color: Boolean(process.stderr.isTTY) && !noColor,
    stdoutColor: Boolean(process.stdout.isTTY) && !noColor,
    // Synchronous: a CLI run writes a handful of small files, and node:fs/promises would add
    // its start-up and a round trip per file (docs/performance.md).
    async writeFile(path, contents) {
      const dir = dirname(path);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      writeFileSync(path, contents);
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
}
