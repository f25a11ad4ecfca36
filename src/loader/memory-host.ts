import type { Host } from './host.js';
import * as posix from '../core/path-posix.js';

/**
 * A Host over in-memory files, for tests and for running the compiler without a disk.
 *
 * @example
 * const host = memoryHost({ '/app/compose.yaml': 'services: {web: {image: nginx}}' }, '/app');
 * const { project } = await loadProject({ host });
 */
export function memoryHost(files: Record<string, string | Uint8Array>, cwd = '/'): Host {
  const table = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  for (const [path, contents] of Object.entries(files)) {
    table.set(posix.resolve(cwd, path), typeof contents === 'string' ? encoder.encode(contents) : contents);
  }
  const dirs = new Set<string>();
  for (const p of table.keys()) for (let d = posix.dirname(p); d !== '/'; d = posix.dirname(d)) dirs.add(d);
  return {
    async readFile(path, maxBytes) {
      const abs = posix.resolve(cwd, path);
      const data = table.get(abs);
      if (data && maxBytes !== undefined && data.byteLength > maxBytes) {
        throw Object.assign(new Error(`EFBIG: ${abs} is ${data.byteLength} bytes`), { code: 'EFBIG', size: data.byteLength });
      }
      if (data) return data;
      const err = new Error(`${dirs.has(abs) ? 'EISDIR: is a directory' : 'ENOENT: no such file'}: ${abs}`) as Error & { code: string };
      err.code = dirs.has(abs) ? 'EISDIR' : 'ENOENT';
      throw err;
    },
    resolve: posix.resolve,
    dirname: posix.dirname,
    basename: posix.basename,
    isAbsolute: posix.isAbsolute,
    cwd: () => cwd,
    async exists(path) {
      return table.has(posix.resolve(cwd, path));
    },
  };
}
