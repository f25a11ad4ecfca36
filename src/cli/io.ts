import type { Host } from '../loader/host.js';

/** What the CLI needs from its process; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, for `-f -`. */
  readStdin?(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  /** Directory that paths in messages are shown relative to. */
  cwd?: string;
  /** Colour in diagnostics (a TTY without NO_COLOR). */
  color?: boolean;
  /** Writes an output file (creating its directory), for --out. */
  writeFile?(path: string, contents: string): Promise<void>;
  /** File access; default the Node file system. */
  host?: Host;
}
