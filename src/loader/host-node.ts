import { readFileSync, statSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Host } from './host.js';

/**
 * The Host that reads the real file system; the default on Node. It reads synchronously
 * behind the async interface: compose files are small, and node:fs/promises costs a CLI run
 * ~20 ms of start-up and file-handle round trips (docs/performance.md).
 */
export const nodeHost: Host = {
  async readFile(p) {
    return readFileSync(p);
  },
  resolve: (base, ...segments) => path.resolve(base, ...segments),
  dirname: (p) => path.dirname(p),
  basename: (p) => path.basename(p),
  isAbsolute: (p) => path.isAbsolute(p),
  cwd: () => process.cwd(),
  async exists(p) {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  },
  async realpath(p) {
    return realpathSync.native(p);
  },
};
