import type { ImportModule } from './import-module.js';
import type { Host } from '../loader/host.js';

/** What the CLI needs from its process; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, for `-f -`. */
  readStdin?(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  /** The working directory: relative paths (-f, --out, --target ./x.mjs) start here, and messages show paths relative to it. Default: the process's. */
  cwd?: string;
  /** Standard error is a terminal: colour in diagnostics there, unless FORCE_COLOR, NO_COLOR (in `env`) or --color say otherwise. */
  color?: boolean;
  /** Standard output is a terminal: colour in reports there (`validate`), unless FORCE_COLOR, NO_COLOR or --color say otherwise. */
  stdoutColor?: boolean;
  /** Writes an output file (creating its directory), for --out. */
  writeFile?(path: string, contents: string): Promise<void>;
  /**
   * Writes an output given in parts (Output#parts: their concatenation, as UTF-8) and returns
   * the SHA-256 of what it wrote, as hex; without it, such an output is written whole with
   * writeFile. For a large output made a part at a time: the whole text is never held (issue 22).
   */
  writeParts?(path: string, parts: Iterable<string>): Promise<string>;
  /** The SHA-256 of a text's UTF-8 bytes or of bytes, as hex, for --out's record; default Web Crypto (output-manifest.ts). */
  sha256?(contents: string | Uint8Array): Promise<string>;
  /** Removes a file, for --out: a file an earlier run wrote that this one no longer writes. Without it, --out keeps no record and removes nothing. */
  removeFile?(path: string): Promise<void>;
  /** What a path names, for --out: a 'file', a 'directory', 'other' (a device, a socket), or undefined when nothing is there. */
  fileKind?(path: string): Promise<'file' | 'directory' | 'other' | undefined>;
  /** File access; default the Node file system. */
  host?: Host;
  /** How --watch waits for changes to the project's files; without one, --watch is bad usage. */
  watcher?: FileWatcher;
  /** How a backend module named by --target is imported; default `import()`. */
  importModule?: ImportModule;
  /**
   * Set by the run (on its own copy of the io): the project's first compose file, where SARIF
   * locates findings that have no file of their own.
   */
  reportArtifact?: string;
}

/** How --watch waits for changes; the process's is node:fs.watch, tests pass their own. */
export interface FileWatcher {
  /** Calls `onChange` when a file at one of `paths` is written, replaced, created or removed; returns what stops it. */
  watch(paths: readonly string[], onChange: (path: string) => void): () => void;
  /** Settles when watching should end (SIGINT). */
  stopped(): Promise<void>;
  /** Calls `fn` after `ms` unless cancelled; default setTimeout. */
  delay?(ms: number, fn: () => void): () => void;
}
