/**
 * 05-services § extends: a service takes the definition of another service, in the same file
 * or another one, and merges its own keys over it. Chains are followed (the referenced service
 * may itself extend another), across files, each service resolved once.
 */
import type { Reporter } from '../diagnostics/report.js';
import type { Host } from './host.js';
import { getOwn, isMapping, setOwn } from '../core/own.js';
import { copyChildSource, displayPath, ensureSource, sourceOf, type SourceFile, type SourceRange } from '../core/source.js';
import { cloneValue } from './merge-core.js';
import { mergeService } from './merge.js';
import { rebaseServicePaths } from './extends-paths.js';

export { rebaseServicePaths };

/** A parsed, interpolated, schema-checked compose file. */
export interface LoadedFile {
  root: Record<string, unknown>;
  file: SourceFile;
  /** The directory its relative paths start from. */
  dir: string;
}

/**
 * Loads the file at an absolute path; undefined when it could not be (the loader has reported
 * why, at `from`: the `extends.file` value that names it, when given).
 */
export type LoadFile = (path: string, from?: SourceRange) => Promise<LoadedFile | undefined>;

interface FileScope {
  key: string;
  root: Record<string, unknown>;
  file: SourceFile;
  dir: string;
}

/** What resolving one service gave: its definition, or why there is none. */
type Outcome = { service: Record<string, unknown> } | 'missing';

/**
 * Resolves `extends` in every service of `root` and returns the root with those services
 * replaced by their merged definitions (05-services § Merging service definitions; merge
 * rules of merge.ts with `extends: true`). `root` is not modified: the result is a new root
 * and `services` mapping sharing every service that does not use `extends`; `root` itself is
 * returned when none does. Paths of a service taken from another directory are made absolute
 * (rebaseServicePaths). An unknown service reports EXTENDS_NOT_FOUND at its name, a cycle
 * EXTENDS_CYCLE with the chain; such a service keeps its own keys.
 *
 * @example
 * // services: { common: { image: busybox, user: root }, cli: { extends: common, user: app } }
 * const out = await resolveExtends(root, self, loadFile, host, reporter);
 * // out.services.cli → { image: 'busybox', user: 'app' }
 */
export async function resolveExtends(
  root: Record<string, unknown>,
  self: LoadedFile,
  loadFile: LoadFile,
  host: Host,
  reporter: Reporter,
): Promise<Record<string, unknown>> {
  const services = getOwn(root, 'services');
  if (!isMapping(services) || !Object.values(services).some((s) => isMapping(s) && Object.hasOwn(s, 'extends'))) return root;
  const resolver = new Resolver(self, root, loadFile, host, reporter);
  const selfScope = resolver.selfScope;
  const out = copyNode(root);
  const outServices = copyNode(services);
  for (const name of Object.keys(services)) {
    const result = await resolver.resolve(selfScope, name, []);
    if (typeof result === 'object') setOwn(outServices, name, result.service);
  }
  setOwn(out, 'services', outServices);
  return out;
}

/** A shallow copy of a mapping with its positions and tags. */
function copyNode(node: Record<string, unknown>): Record<string, unknown> {
  const src = sourceOf(node);
  const out: Record<string, unknown> = {};
  const outSrc = ensureSource(out, src?.range);
  for (const k of Object.keys(node)) {
    setOwn(out, k, getOwn(node, k));
    copyChildSource(node, k, out, k);
  }
  if (src?.tags) outSrc.tags = new Map(src.tags);
  return out;
}

interface Frame {
  id: string;
  label: string;
}

class Resolver {
  readonly selfScope: FileScope;
  private readonly files = new Map<string, Promise<FileScope | undefined>>();
  private readonly done = new Map<string, Outcome>();

  constructor(
    self: LoadedFile,
    root: Record<string, unknown>,
    private readonly loadFile: LoadFile,
    private readonly host: Host,
    private readonly reporter: Reporter,
  ) {
    const path = self.file.path;
    const key = host.isAbsolute(path) ? host.resolve(path) : host.resolve(self.dir, host.basename(path));
    this.selfScope = { key, root, file: self.file, dir: self.dir };
    this.files.set(key, Promise.resolve(this.selfScope));
  }

  private scope(path: string, from: SourceRange | undefined): Promise<FileScope | undefined> {
    let p = this.files.get(path);
    if (!p) {
      p = this.loadFile(path, from).then((f) => (f ? { key: path, root: f.root, file: f.file, dir: f.dir } : undefined));
      this.files.set(path, p);
    }
    return p;
  }

  private label(scope: FileScope, name: string): string {
    return scope === this.selfScope ? name : `${name} (${scope.file.path})`;
  }

  /**
   * The definition of service `name` of `scope` with its `extends` chain merged in. Services are
   * resolved one after the other, so a service met again while unfinished is on `stack`: a cycle.
   */
  async resolve(scope: FileScope, name: string, stack: readonly Frame[]): Promise<Outcome> {
    const id = `${scope.key}\0${name}`;
    const known = this.done.get(id);
    if (known) return known;
    const svc = getOwn(getOwn(scope.root, 'services'), name);
    if (!isMapping(svc)) return 'missing';
    const ext = getOwn(svc, 'extends');
    if (ext === undefined) return this.finish(id, svc);
    const at = ['services', name];
    const own = () => this.finish(id, mergeService({}, svc, this.reporter, at, { extends: true }));

    const target = readExtends(ext);
    const extRange = sourceOf(svc)?.values.get('extends');
    if (!target) {
      this.reporter.error('EXTENDS_INVALID', `${displayPath([...at, 'extends'])}: extends needs the name of a service (a string, or a mapping with service:)`, extRange, [...at, 'extends']);
      return own();
    }
    const namePath = isMapping(ext) ? [...at, 'extends', 'service'] : [...at, 'extends'];
    const nameRange = (isMapping(ext) ? sourceOf(ext)?.values.get('service') : undefined) ?? extRange;

    const fileRange = isMapping(ext) ? sourceOf(ext)?.values.get('file') : undefined;
    // Always awaited, even for the same file: each level of a long chain then resumes on a
    // fresh stack instead of nesting synchronously (a 10,000-service chain overflowed it).
    const baseScope = await (target.file === undefined ? scope : this.scope(this.host.resolve(scope.dir, target.file), fileRange));
    if (!baseScope) return own(); // the file could not be read; the loader has said why
    const baseId = `${baseScope.key}\0${target.service}`;
    const chain = [...stack, { id, label: this.label(scope, name) }];
    const loop = chain.findIndex((f) => f.id === baseId);
    if (loop >= 0) {
      const labels = [...chain.slice(loop).map((f) => f.label), this.label(baseScope, target.service)];
      this.reporter.error('EXTENDS_CYCLE', `extends cycle: ${labels.join(' → ')}`, nameRange, namePath);
      return own();
    }
    const outcome = await this.resolve(baseScope, target.service, chain);
    if (outcome === 'missing') {
      const where = target.file === undefined ? '' : ` in ${target.file}`;
      this.reporter.error('EXTENDS_NOT_FOUND', `${displayPath(at)} extends service "${target.service}", which is not defined${where}`, nameRange, namePath);
      return own();
    }
    let base = outcome.service;
    if (baseScope.dir !== scope.dir) base = rebaseServicePaths(cloneValue(base, undefined) as Record<string, unknown>, baseScope.dir, this.host);
    return this.finish(id, mergeService(base, svc, this.reporter, at, { extends: true }));
  }

  private finish(id: string, service: Record<string, unknown>): Outcome {
    const outcome = { service };
    this.done.set(id, outcome);
    return outcome;
  }
}

/** `extends: web` or `extends: {service: web, file: common.yml}`. */
function readExtends(ext: unknown): { service: string; file?: string } | undefined {
  if (typeof ext === 'string') return { service: ext };
  if (!isMapping(ext)) return undefined;
  const service = getOwn(ext, 'service');
  const file = getOwn(ext, 'file');
  if (typeof service !== 'string') return undefined;
  return typeof file === 'string' ? { service, file } : { service };
}
