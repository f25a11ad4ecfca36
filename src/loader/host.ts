/**
 * The core reads files only through this interface, so it runs without a disk (tests, a
 * browser). `nodeHost` in host-node.ts is the default on Node.
 */
export interface Host {
  /**
   * The bytes of a file, or a thrown error with `code` ENOENT, EISDIR, … (the loader reports it).
   * A host that can should also throw, without reading, `code` ENOTREGULAR for what is not a
   * regular file (a FIFO, which would wait for a writer forever; a socket; a device such as
   * /dev/zero, which never ends), and, when `maxBytes` is given, `code` EFBIG as soon as the
   * file is known to hold more (from its size, or while reading it), never reading more than
   * `maxBytes + 1` bytes. The loader checks the size again after a host that does not.
   */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** Joins and normalizes path segments the way the platform does (absolute result when `base` is). */
  resolve(base: string, ...segments: string[]): string;
  /** The directory part of a path. */
  dirname(path: string): string;
  /** The last part of a path. */
  basename(path: string): string;
  /** True for an absolute path. */
  isAbsolute(path: string): boolean;
  /** Current directory (where relative -f paths start). */
  cwd(): string;
  /** True when the path names an existing file (used to find default compose files). */
  exists(path: string): Promise<boolean>;
  /** The canonical path with links resolved, when the host has links; used to keep reads inside the project. */
  realpath?(path: string): Promise<string>;
}
