import { closeSync, constants, fstatSync, openSync, readSync, statSync, realpathSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { Host } from './host.js';

/**
 * The Host that reads the real file system; the default on Node. It reads synchronously
 * behind the async interface: compose files are small, and node:fs/promises costs a CLI run
 * ~20 ms of start-up and file-handle round trips (docs/performance.md).
 */
export const nodeHost: Host = {
  async readFile(p, maxBytes) {
    return readRegularFile(p, maxBytes ?? Number.MAX_SAFE_INTEGER);
  },
  resolve: (base, ...segments) => path.resolve(base, ...segments),
  dirname: (p) => path.dirname(p),
  basename: (p) => path.basename(p),
  isAbsolute: (p) => path.isAbsolute(p),
  cwd: () => process.cwd(),
  // Anything but a directory: a FIFO named .env or compose.yaml is found, then refused by the
  // read (not a regular file), rather than passed over in silence.
  async exists(p) {
    try {
      return !statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  async realpath(p) {
    return realpathSync.native(p);
  },
};

/**
 * Reads a regular file, refusing anything else before reading a byte, and stopping once the
 * file holds more than `maxBytes`. O_NONBLOCK: opening a FIFO for reading waits for a writer
 * otherwise; the type is then checked on the open descriptor, so it cannot change in between.
 */
function readRegularFile(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw hostError('EISDIR', `EISDIR: is a directory: ${path}`);
    if (!st.isFile()) throw Object.assign(hostError('ENOTREGULAR', `${path} is a ${fileKind(st)}, not a regular file`), { kind: fileKind(st) });
    if (st.size > maxBytes) throw Object.assign(hostError('EFBIG', `${path} is ${st.size} bytes`), { size: st.size });
    // The size is a hint (files under /proc say 0, a file may grow): read until the end, in
    // chunks, and stop one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 64 * 1024), maxBytes + 1 - total, 64 * 1024 * 1024));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw hostError('EFBIG', `${path} is more than ${maxBytes} bytes`);
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function fileKind(st: Stats): string {
  if (st.isFIFO()) return 'FIFO (named pipe)';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  return 'special file';
}

function hostError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
