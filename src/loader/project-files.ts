/**
 * Reads, bounded, the project files a backend may deliver as files: each `configs.<name>.file`
 * a service uses and each read-only single-file bind mount inside the project. Secret files
 * are never read. What is found is attached beside the model (model/project-files.ts).
 */
import type { Project } from '../model/project.js';
import { attachProjectFiles, FILE_CONTENT_MAX, type ProjectFile } from '../model/project-files.js';
import type { Host } from './host.js';
import { decodeText } from './read-source.js';
import type { Lookup } from './interpolate.js';

function inside(dir: string, path: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

async function readOne(host: Host, dir: string, path: string): Promise<ProjectFile> {
  if (!inside(dir, path)) return { kind: 'outside' };
  try {
    // A link inside the project may point out of it: such a file is not read.
    if (host.realpath) {
      const real = await host.realpath(path);
      const root = await host.realpath(dir).catch(() => dir);
      if (!inside(root, real)) return { kind: 'outside' };
    }
    const bytes = await host.readFile(path, FILE_CONTENT_MAX);
    if (bytes.byteLength > FILE_CONTENT_MAX) return { kind: 'too-big', bytes: bytes.byteLength };
    const text = decodeText(bytes);
    return text === undefined ? { kind: 'binary' } : { kind: 'file', text };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EFBIG') return { kind: 'too-big', bytes: (e as { size?: number }).size ?? FILE_CONTENT_MAX + 1 };
    if (code === 'EISDIR') return { kind: 'directory' };
    return { kind: 'missing' };
  }
}

/**
 * Reads what the backends may deliver and attaches it to `project`.
 *
 * @example await readProjectFiles(project, host, '/app', lookup)
 */
export async function readProjectFiles(project: Project, host: Host, directory: string, lookup: Lookup): Promise<void> {
  const files = new Map<string, ProjectFile>();
  const variables = new Map<string, string | undefined>();
  const used = new Set<string>();
  for (const svc of Object.values(project.services)) for (const c of svc.configs ?? []) used.add(c.source);
  for (const name of [...used].sort()) {
    const cfg = Object.hasOwn(project.configs, name) ? project.configs[name] : undefined;
    if (cfg?.file && !cfg.external && !files.has(cfg.file)) files.set(cfg.file, await readOne(host, directory, cfg.file));
    if (cfg?.environment !== undefined && !cfg.external) variables.set(cfg.environment, lookup(cfg.environment));
  }
  const secretFiles = new Set(Object.values(project.secrets).flatMap((s) => (s.file ? [s.file] : [])));
  for (const svc of Object.values(project.services)) {
    for (const v of svc.volumes ?? []) {
      if (v.type !== 'bind' || !v.source || files.has(v.source)) continue;
      // A secret's file bind-mounted too is never read: the backends refuse to copy it anyway.
      if (secretFiles.has(v.source)) {
        files.set(v.source, { kind: 'file', text: '' });
        continue;
      }
      // A writable mount is never delivered as a copy, but whether it is a directory still matters.
      const found = await readOne(host, directory, v.source);
      files.set(v.source, v.read_only || found.kind !== 'file' ? found : { kind: 'file', text: '' });
    }
  }
  attachProjectFiles(project, { directory, files, variables });
}
