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
  /** Colour in diagnostics on standard error (a TTY without NO_COLOR). */
  color?: boolean;
  /** Colour in reports on standard output (`validate`, `explain`): a TTY without NO_COLOR. */
  stdoutColor?: boolean;
  /** Writes an output file (creating its directory), for --out. */
  writeFile?(path: string, contents: string): Promise<void>;
  /** File access; default the Node file system. */
  host?: Host;
  /** How a backend module named by --target is imported; default `import()`. */
  importModule?: ImportModule;
}
