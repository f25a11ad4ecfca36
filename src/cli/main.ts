/**
 * The CLI process: wires the process's streams, environment and file writes to `run()`.
 * Bundled with everything it loads into dist/cli/main.cjs, which dist/cli/bin.cjs (src/cli/bin.ts)
 * starts with V8's code cache.
 */
import { run } from './run.js';
import { nodeOutputIO } from './node-io.js';
import { nodeWatcher } from './node-watch.js';
import type { ImportModule } from './import-module.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** 128 + SIGPIPE: the status a shell shows for git or docker when the reader of their output went away. */
const CLOSED_PIPE_EXIT = 141;

/**
 * `compose2ecs convert … | head -1`: once the reader has closed the pipe, a write to standard
 * output fails with EPIPE, emitted as an 'error' event that would otherwise end the process
 * with a stack trace. Node ignores SIGPIPE, so the process is not killed as git or docker
 * are; it ends the same way instead: at once, silently, with the status a SIGPIPE death shows.
 * A standard error that is closed leaves nowhere to report anything, so its errors are dropped.
 */
function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') process.stderr.write(`compose2ecs: cannot write to standard output: ${e.message}\n`);
    process.exit(e.code === 'EPIPE' ? CLOSED_PIPE_EXIT : 1);
  });
  process.stderr.on('error', () => {});
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
  endQuietlyOnClosedPipe();
  run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    env: process.env,
    ...(options.importModule ? { importModule: options.importModule } : {}),
    cwd: process.cwd(),
    // Whether each stream is a terminal; run() applies FORCE_COLOR, NO_COLOR and --color.
    color: Boolean(process.stderr.isTTY),
    stdoutColor: Boolean(process.stdout.isTTY),
    ...nodeOutputIO(),
    watcher: nodeWatcher(),
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
