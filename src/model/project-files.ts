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

/** Where a bind mount's source lives, as far as the output may say. */
export type BindPlace =
  /** Written as an absolute path: the path of the machine that runs the container. */
  | { kind: 'instance'; path: string }
  /** Inside the project: a path relative to it, and what the loader found there. */
  | { kind: 'project'; rel: string; file: ProjectFile | undefined }
  /** A relative path that leads out of the project: only the converting machine knows it. */
  | { kind: 'outside'; rel: string };

const WRITTEN_ABSOLUTE = Symbol('compose2ecs.writtenAbsolute');

/**
 * Marks a bind mount whose source was an absolute path once interpolated (`${DOCKER_SOCKET}:…`
 * with DOCKER_SOCKET=/var/run/docker.sock): a path of the machine that runs the container, as
 * one written out is. The loader marks it (non-enumerable: the model stays plain JSON).
 *
 * @example markWrittenAbsolute(volume)
 */
export function markWrittenAbsolute(volume: object): void {
  Object.defineProperty(volume, WRITTEN_ABSOLUTE, { value: true, enumerable: false, configurable: true });
}

function isMarkedAbsolute(volume: object | undefined): boolean {
  return volume !== undefined && (volume as Record<symbol, unknown>)[WRITTEN_ABSOLUTE] === true;
}

/**
 * Whether the volume entry as written (`/a:/b:ro`, or a mapping with `source: /a`) names `source` itself.
 *
 * @example writtenAbsolute('/var/run/docker.sock:/var/run/docker.sock', '/var/run/docker.sock') // true
 */
export function writtenAbsolute(written: string, source: string): boolean {
  const short = written.trim().replace(/^['"]|['"]$/g, '');
  if (short === source || short.startsWith(source + ':')) return true;
  const long = /(?:^|[\s{,])source:\s*['"]?([^'"\s,}]+)/m.exec(written);
  return long?.[1] === source;
}

/**
 * Places a bind mount's (absolute, resolved) source given the text of its volume entry (and
 * the volume, which the loader marks when its interpolated source was absolute).
 *
 * @example placeBind(project, '/app/site', './site:/usr/share/nginx/html') // { kind: 'project', rel: 'site', … }
 */
export function placeBind(project: Project, source: string, written: string, volume?: object): BindPlace {
  const files = projectFiles(project);
  if (!files) return { kind: 'instance', path: source };
  const dir = files.directory.replace(/\/$/, '');
  const inProject = source === files.directory || source.startsWith(dir + '/');
  if (!inProject && (isMarkedAbsolute(volume) || writtenAbsolute(written, source))) return { kind: 'instance', path: source };
  const rel = relativePath(files.directory, source);
  return inProject ? { kind: 'project', rel, file: files.files.get(source) } : { kind: 'outside', rel };
}

/**
 * The host path of a project path on every machine that runs the containers: under the host
 * root (default `/opt/<project>/`).
 *
 * @example hostPathOf('shop', undefined, 'site') // '/opt/shop/site'
 */
export function hostPathOf(projectName: string, hostRoot: string | undefined, rel: string): string {
  const root = (hostRoot ?? `/opt/${projectName}/`).replace(/\/*$/, '/');
  return rel === '.' ? root.replace(/\/$/, '') || '/' : `${root}${rel}`;
}
