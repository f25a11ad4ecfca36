import type { Host } from './host.js';
import type { YamlLimits } from './yaml-limits.js';
import type { ReadLimits } from './read-source.js';

/** A compose file given by content instead of by path (tests, stdin, browsers). */
export interface InMemoryFile {
  path: string;
  contents: string | Uint8Array;
}

/** Every limit that keeps hostile input from exhausting time or memory, with safe defaults. */
export interface LoaderLimits extends YamlLimits, ReadLimits {
  /** Depth of nested `include`s. Default 16. */
  maxIncludeDepth: number;
  /** Services in the project, every file and include together. Default 10,000. */
  maxServices: number;
}

/**
 * The default limits of the loader (see docs/limits.md).
 *
 * @example
 * await loadProject({ files, limits: { ...defaultLimits, maxFileBytes: 64 * 1024 * 1024 } });
 */
export const defaultLimits: LoaderLimits = {
  maxAliasExpansions: 100_000,
  maxAliasNodes: 250_000,
  maxNodes: 2_000_000,
  maxDepth: 256,
  maxFileBytes: 16 * 1024 * 1024,
  maxIncludeDepth: 16,
  maxServices: 10_000,
};

/**
 * What `loadProject` reads. Names follow `docker compose` flags.
 *
 * @example
 * await loadProject({ files: ['compose.yaml', 'compose.prod.yaml'], profiles: ['web'], env: process.env });
 */
export interface LoadProjectOptions {
  /** Compose files (`-f`), by path or in memory; one file may be given alone (`files: 'compose.yaml'`). Default: compose.yaml (or the other default names) and its override, searched from the current directory upwards. */
  files?: string | InMemoryFile | ReadonlyArray<string | InMemoryFile>;
  /** `--project-directory`: base of relative paths. Default: the first file's directory. */
  projectDirectory?: string;
  /** `-p`: the project name. */
  projectName?: string;
  /** `--profile`: active profiles (`*` for all). Default: COMPOSE_PROFILES. */
  profiles?: readonly string[];
  /** The environment variables of the caller (the CLI passes process.env). Default: none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** `--env-file`: read instead of the project's `.env`, later files winning. */
  envFiles?: readonly string[];
  /** How files are read. Default: the Node file system. */
  host?: Host;
  /** Limits; see LoaderLimits for the defaults. */
  limits?: Partial<LoaderLimits>;
  /** Allow include, extends and env_file to read files outside the project directory. Default false. */
  allowOutsideProject?: boolean;
  /** Home directory for `~` in volume paths. */
  home?: string;
}
