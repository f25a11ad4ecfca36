/**
 * `--watch` for convert and validate: run once, watch every file that run read, run again
 * when one changes (debounced), until the watcher says stop (SIGINT in the process). A run
 * that fails, even on a half-saved file, reports and keeps watching. The files are the ones
 * the loader asked the host for (the -f files, .env, env_file, include, extends, the
 * ecs-params file), recorded by a wrapping host: the core stays free of fs and process.
 */
import { flagValues, UsageError, type FlagSpec, type ParsedArgs } from './args.js';
import type { CliIO, FileWatcher } from './io.js';

export type { FileWatcher } from './io.js';
import { hostOf } from './common.js';
import type { Host } from '../loader/host.js';

/** How long a burst of changes (an editor's save) settles before the next run. */
export const WATCH_DEBOUNCE_MS = 200;

/** The exit status of a watch ended by SIGINT: 128 + 2, as a shell shows it. */
export const INTERRUPTED_EXIT = 130;

/**
 * A host that remembers the paths read through it (every attempt, found or not: a file
 * removed mid-save is still the one to watch) and the paths probed that exist.
 *
 * @example const { host, paths } = recordingHost(nodeHost); await loadProject({ host, … }); paths // Set { '/p/compose.yaml', … }
 */
export function recordingHost(inner: Host): { host: Host; paths: Set<string> } {
  const paths = new Set<string>();
  const host: Host = {
    readFile: (path, maxBytes) => {
      paths.add(path);
      return inner.readFile(path, maxBytes);
    },
    resolve: (base, ...segments) => inner.resolve(base, ...segments),
    dirname: (path) => inner.dirname(path),
    basename: (path) => inner.basename(path),
    isAbsolute: (path) => inner.isAbsolute(path),
    cwd: () => inner.cwd(),
    exists: async (path) => {
      const found = await inner.exists(path);
      if (found) paths.add(path);
      return found;
    },
  };
  if (inner.realpath) host.realpath = inner.realpath.bind(inner);
  return { host, paths };
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * Runs `once` with a recording host, then again after each change, until the watcher stops.
 * Findings of each run are printed by `once`; an exception of a later run is printed and the
 * watch goes on.
 *
 * @example return args.flags.has('watch') ? watchRuns(io, (runIo) => convertOnce(args, runIo)) : convertOnce(args, io);
 */
export async function watchRuns(io: CliIO, once: (io: CliIO) => Promise<number>): Promise<number> {
  const watcher = io.watcher;
  if (!watcher) throw new UsageError('--watch needs a file system to watch');
  const delay = watcher.delay ?? ((ms, fn) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); });
  const base = await hostOf(io);
  let unwatch = (): void => {};
  let pending: (() => void) | undefined;
  let running: Promise<void> = Promise.resolve();
  const cycle = async (first: boolean): Promise<void> => {
    const rec = recordingHost(base);
    if (!first) io.stderr(`──── ${clock()} a file changed: running again ────\n`);
    try {
      const code = await once({ ...io, host: rec.host });
      io.stderr(`[watch] exit ${code}; watching ${rec.paths.size} file${rec.paths.size === 1 ? '' : 's'} (Ctrl-C ends)\n`);
    } catch (e) {
      if (first && e instanceof UsageError) throw e;
      io.stderr(`compose2ecs: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    unwatch();
    unwatch = watcher.watch([...rec.paths].sort(), changed);
  };
  const changed = (): void => {
    pending?.();
    pending = delay(WATCH_DEBOUNCE_MS, () => {
      pending = undefined;
      running = running.then(() => cycle(false));
    });
  };
  await cycle(true);
  await watcher.stopped();
  pending?.();
  await running;
  unwatch();
  return INTERRUPTED_EXIT;
}

/** The --watch flag of convert and validate. */
export const WATCH_FLAG: FlagSpec = { name: 'watch', help: 'run again whenever a file the project read changes (Ctrl-C ends)' };

/**
 * The command's run, once or (--watch) again on every change.
 *
 * @example return watchOrOnce(args, io, (runIo) => convertOnce(args, runIo));
 */
export function watchOrOnce(args: ParsedArgs, io: CliIO, once: (io: CliIO) => Promise<number>): Promise<number> {
  if (!args.flags.has('watch')) return once(io);
  if (flagValues(args, 'file').includes('-')) throw new UsageError('--watch cannot watch standard input (-f -)');
  return watchRuns(io, once);
}
