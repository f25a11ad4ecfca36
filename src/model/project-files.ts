/**
 * What the loader learnt about the project's files for the backends that deliver them as
 * files (configs, read-only single-file bind mounts): the project directory, and the text of
 * each config file or bind-mounted file it read, bounded. Kept beside the model (under a
 * non-enumerable symbol on the project), not in it: the normalized model stays what
 * `docker compose config` prints, and the converting machine's paths only serve to make paths
 * relative. A secret's file is never read.
 */
import type { Project } from './project.js';

/** The bound on one delivered file: its text travels inside the task definition (ECS: 64 KiB in all). */
export const FILE_CONTENT_MAX = 16 * 1024;

/** One project file as the loader found it. */
export type ProjectFile =
  | { kind: 'file'; text: string }
  | { kind: 'too-big'; bytes: number }
  | { kind: 'binary' }
  | { kind: 'directory' }
  | { kind: 'missing' }
  | { kind: 'outside' };

/** The side table: the project directory, files by absolute path, config variables by name. */
export interface ProjectFiles {
  directory: string;
  files: ReadonlyMap<string, ProjectFile>;
  /** Values of the variables `configs.<name>.environment` names, as the loader saw them. */
  variables: ReadonlyMap<string, string | undefined>;
}

const FILES = Symbol('compose2ecs.projectFiles');

/**
 * Attaches the side table to a project (the loader does it once).
 *
 * @example attachProjectFiles(project, { directory: '/app', files: new Map(), variables: new Map() })
 */
export function attachProjectFiles(project: Project, files: ProjectFiles): void {
  Object.defineProperty(project, FILES, { value: files, enumerable: false, configurable: true });
}

/**
 * The side table of a loaded project, when the loader made one.
 *
 * @example projectFiles(project)?.files.get('/app/config/web.ini') // { kind: 'file', text: '…' }
 */
export function projectFiles(project: Project): ProjectFiles | undefined {
  return (project as unknown as Record<symbol, ProjectFiles | undefined>)[FILES];
}

/**
 * A path as the user wrote it relative to the project, never the converting machine's
 * absolute path: `config/web.ini`, `../shared/x` (outside), or the path itself when it was
 * never below a common root.
 *
 * @example relativePath('/app', '/app/config/web.ini') // 'config/web.ini'
 */
export function relativePath(directory: string, path: string): string {
  const from = directory.split('/').filter(Boolean);
  const to = path.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length && from[i] === to[i]) i++;
  const up = from.slice(i).map(() => '..');
  const rel = [...up, ...to.slice(i)].join('/');
  return rel === '' ? '.' : rel;
}
