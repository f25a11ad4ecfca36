/** --watch on the real file system: node:fs.watch on each watched file's directory, SIGINT to stop. */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileWatcher } from './io.js';

/**
 * Watches directories, not files: an editor that saves by writing a new file and renaming it
 * over the old one replaces the inode a file watch holds, and that watch goes quiet.
 *
 * @example run(argv, { ...io, watcher: nodeWatcher() });
 */
export function nodeWatcher(signals: Pick<NodeJS.Process, 'once'> = process): FileWatcher {
  return {
    watch(paths, onChange) {
      const byDir = new Map<string, Set<string>>();
      for (const p of paths) {
        const names = byDir.get(dirname(p)) ?? new Set<string>();
        names.add(basename(p));
        byDir.set(dirname(p), names);
      }
      const watchers: FSWatcher[] = [];
      for (const [dir, names] of byDir) {
        try {
          const w = watch(dir, (_event, name) => {
            if (name !== null && names.has(String(name))) onChange(join(dir, String(name)));
          });
          // A directory removed while watched: nothing more comes from it.
          w.on('error', () => w.close());
          watchers.push(w);
        } catch {
          // A directory that does not exist (a file the project names but nobody made): nothing to watch.
        }
      }
      return () => watchers.forEach((w) => w.close());
    },
    stopped: () => new Promise<void>((resolve) => void signals.once('SIGINT', () => resolve())),
  };
}
