import { readFile, stat, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import type { Host } from './host.js';

/** The Host that reads the real file system; the default on Node. */
export const nodeHost: Host = {
  async readFile(p) {
    return readFile(p);
  },
  resolve: (base, ...segments) => path.resolve(base, ...segments),
  dirname: (p) => path.dirname(p),
  basename: (p) => path.basename(p),
  isAbsolute: (p) => path.isAbsolute(p),
  cwd: () => process.cwd(),
  async exists(p) {
    try {
      return (await stat(p)).isFile();
    } catch {
      return false;
    }
  },
  realpath: (p) => realpath(p),
};
