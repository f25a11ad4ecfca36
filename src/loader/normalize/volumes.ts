/**
 * Service `volumes` (short and long syntax) and `tmpfs` (05-services.md). The short syntax
 * `SOURCE:TARGET[:MODE]` is split as compose-go's `format.ParseVolume` splits it: a colon
 * after a single letter belongs to a Windows drive (`C:\data`), and colons inside `${…}` do
 * not separate fields.
 */
import type { Reporter } from '../../diagnostics/report.js';
import type { ServiceVolume } from '../../model/service-parts.js';

export type { ServiceVolume } from '../../model/service-parts.js';
import { displayPath, sourceOf, type SourceRange } from '../../core/source.js';
import { getOwn, isMapping, setOwn } from '../../core/own.js';
import { normalize as cleanPosix } from '../../core/path-posix.js';
import { parseBytes } from '../../core/units.js';
import { markWrittenAbsolute } from '../../model/project-files.js';


/** How relative and `~` bind sources are made absolute. */
export interface PathContext {
  /** absolute project directory */
  workingDir: string;
  resolve(base: string, ...segments: string[]): string;
  isAbsolute(p: string): boolean;
  /** home directory for `~`, if known */
  home?: string;
}

type Path = readonly (string | number)[];
type Fields = Record<string, unknown>;
const TYPES = new Set(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image']);
const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);
const CONSISTENCIES = new Set(['consistent', 'cached', 'delegated']);
const ORDER = ['type', 'source', 'target', 'read_only', 'consistency', 'bind', 'volume', 'tmpfs', 'image'];
// Option schema of the long syntax's sub-mappings (key → kind of value), in compose-go's order.
type Kind = 'bool' | 'string' | 'propagation' | 'selinux' | 'recursive' | 'labels' | 'size' | 'mode';
const OPTIONS: Record<string, Record<string, Kind>> = {
  bind: { selinux: 'selinux', propagation: 'propagation', create_host_path: 'bool', recursive: 'recursive' },
  volume: { nocopy: 'bool', subpath: 'string', labels: 'labels' },
  tmpfs: { size: 'size', mode: 'mode' },
  image: { subpath: 'string' },
};

/**
 * One `volumes` entry → a long-syntax mount; undefined (after reporting) when invalid.
 * @example normalizeVolume('./data:/data:ro,z', { workingDir: '/p', … }, r, range, path)
 * // { type: 'bind', source: '/p/data', target: '/data', read_only: true, bind: { selinux: 'z', create_host_path: true } }
 */
export function normalizeVolume(entry: unknown, ctx: PathContext, reporter: Reporter, range: SourceRange | undefined, path: Path): ServiceVolume | undefined {
  const issue = (message: string, at: Path = path, where = range, severity: 'error' | 'warning' = 'error'): undefined => {
    reporter.report('COMPOSE_INVALID_VALUE', severity, `${displayPath(at)}: ${message}`, { range: where, path: at });
    return undefined;
  };
  let v: Fields | undefined;
  if (typeof entry === 'string') v = parseShortVolume(entry, (m, severity) => issue(m, path, range, severity));
  else if (isMapping(entry)) v = readLongVolume(entry, reporter, range, path);
  else return issue('a volume must be a string or a mapping');
  if (!v) return undefined;
  // A short-syntax entry is one string: its problems are reported at the entry itself.
  const at = (key: string): Path => (isMapping(entry) ? [...path, key] : path);
  const where = (key: string): SourceRange | undefined => (isMapping(entry) ? sourceOf(entry)?.values.get(key) : undefined) ?? range;
  const target = v.target;
  if (typeof target !== 'string' || target === '') return issue('the mount target (path in the container) is required', at('target'), where('target'));
  if (!isAbsolutePath(target)) return issue(`the mount target '${target}' must be an absolute path`, at('target'), where('target'));
  v.target = /^[A-Za-z]:|^\\\\/.test(target) ? target : cleanPosix(target);
  // Docker compose warns about and ignores options meant for another type of mount (say
  // `vol:/data:z`, or `bind:` on a volume); so do we, which keeps normalizing idempotent.
  for (const key of Object.keys(OPTIONS)) {
    if (v[key] !== undefined && key !== v.type) {
      issue(`${key} options are ignored for a mount of type ${String(v.type)}`, at(key), where(key), 'warning');
      delete v[key];
    }
  }
  const source = v.source;
  let absolute = false;
  if (v.type === 'bind' && typeof source === 'string') {
    absolute = isAbsolutePath(source);
    let s = source;
    if (s.startsWith('~')) {
      if (ctx.home === undefined) issue(`cannot expand '~' in '${s}': the home directory is not known`, at('source'), where('source'), 'warning');
      else s = ctx.resolve(ctx.home, s.slice(1).replace(/^[/\\]+/, '') || '.');
    }
    if (!isAbsolutePath(s) && !ctx.isAbsolute(s) && !s.startsWith('~')) s = ctx.resolve(ctx.workingDir, s);
    v.source = s;
  }
  for (const key of Object.keys(OPTIONS)) if (v[key] !== undefined) v[key] = ordered(v[key] as Fields, Object.keys(OPTIONS[key] ?? {}));
  const out = ordered(v, ORDER) as unknown as ServiceVolume;
  if (absolute) markWrittenAbsolute(out);
  return out;
}

/** A copy with `keys` first, in that order (as docker compose prints them), then extensions. */
function ordered(v: Fields, keys: readonly string[]): Fields {
  const out: Fields = {};
  for (const key of keys) if (v[key] !== undefined) out[key] = v[key];
  for (const key of Object.keys(v)) if (key.startsWith('x-')) setOwn(out, key, v[key]);
  return out;
}

// A short-syntax source that is a path: relative (`.`, `~`, `/`), a UNC path or a drive letter.
const BIND_SOURCE = /^[.~/]|^\\\\|^\p{L}:/u;
// BIND_SOURCE for a source that starts with ASCII, where \p{L} is A-Z and a-z: V8 builds the
// Unicode tables of BIND_SOURCE the first time it runs (~0.2 ms of a CLI run).
const ASCII_BIND_SOURCE = /^[.~/]|^\\\\|^[A-Za-z]:/;

/**
 * Whether the source of a short-syntax volume (`SOURCE:TARGET`) names a path on the host (a
 * bind mount) rather than a named volume.
 *
 * @example isBindSource('./data') // true
 * @example isBindSource('data') // false
 */
export function isBindSource(source: string): boolean {
  return source.charCodeAt(0) < 0x80 ? ASCII_BIND_SOURCE.test(source) : BIND_SOURCE.test(source);
}

function parseShortVolume(spec: string, issue: (message: string, severity?: 'error' | 'warning') => undefined): Fields | undefined {
  if (spec === '') return issue('a volume cannot be empty');
  const fields: string[] = [];
  let buffer = '';
  let depth = 0; // inside ${…}, a colon does not separate fields
  const chars = Array.from(spec);
  for (let i = 0; i <= chars.length; i++) {
    const c = chars[i];
    if (c === '$' && chars[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if ((c === ':' || c === undefined) && depth === 0 && !(c === ':' && /^\p{L}$/u.test(buffer))) {
      if (buffer === '') return issue(`invalid volume '${spec}': empty section between colons`);
      fields.push(buffer);
      buffer = '';
      continue;
    }
    if (c !== undefined) buffer += c;
  }
  if (fields.length > 3) return issue(`invalid volume '${spec}': too many colons`);
  if (fields.length === 1) return { type: 'volume', target: fields[0], volume: {} };
  const [source = '', target, mode] = fields;
  const v: Fields = { source, target };
  const bind: Fields = {};
  const volume: Fields = {};
  for (const option of mode === undefined ? [] : mode.split(',')) {
    if (option === 'ro' || option === 'rw') v.read_only = option === 'ro';
    else if (option === 'nocopy') volume.nocopy = true;
    else if (PROPAGATIONS.has(option)) bind.propagation = option;
    else if (option === 'z' || option === 'Z') bind.selinux = option;
    else if (CONSISTENCIES.has(option)) v.consistency = option;
    else issue(`unknown volume option '${option}' ignored (ro, rw, z, Z, nocopy, a propagation or a consistency)`, 'warning');
  }
  if (v.read_only !== true) delete v.read_only;
  if (isBindSource(source)) {
    v.type = 'bind';
    bind.create_host_path = true;
  } else v.type = 'volume';
  if (Object.keys(bind).length > 0) v.bind = bind;
  if (v.type === 'volume' || Object.keys(volume).length > 0) v.volume = volume;
  return v;
}

function readLongVolume(entry: Fields, reporter: Reporter, range: SourceRange | undefined, path: Path): Fields | undefined {
  let ok = true;
  const report: Report = (node, key, at, message, severity = 'error', code = 'COMPOSE_INVALID_VALUE') => {
    const where = (code === 'COMPOSE_UNKNOWN_KEY' ? sourceOf(node)?.keys.get(key) : sourceOf(node)?.values.get(key)) ?? range;
    reporter.report(code, severity, `${displayPath(at)}: ${message}`, { range: where, path: at });
    if (severity === 'error') ok = false;
  };
  const type = getOwn(entry, 'type');
  const v: Fields = { type };
  if (typeof type !== 'string' || !TYPES.has(type)) report(entry, 'type', [...path, 'type'], `unknown mount type ${JSON.stringify(type)} (${[...TYPES].join(', ')})`);
  for (const key of Object.keys(entry)) {
    const value = entry[key];
    const at = [...path, key];
    if (key === 'type' || value === undefined || value === null || (key === 'source' && value === '')) continue;
    if (key.startsWith('x-')) setOwn(v, key, value);
    else if (key === 'source' || key === 'target' || key === 'consistency') {
      if (typeof value === 'string') v[key] = value;
      else report(entry, key, at, 'must be a string');
    } else if (key === 'read_only') {
      const b = parseBool(value);
      if (b === undefined) report(entry, key, at, 'must be true or false');
      else if (b) v.read_only = true;
    } else if (Object.hasOwn(OPTIONS, key)) {
      if (!isMapping(value)) report(entry, key, at, 'must be a mapping');
      else v[key] = readOptions(value, OPTIONS[key] ?? {}, at, report);
    } else report(entry, key, at, 'unknown key in a volume', 'error', 'COMPOSE_UNKNOWN_KEY');
  }
  const source = v.source;
  const needsSource = type === 'bind' || type === 'npipe' || type === 'image';
  if (needsSource && (typeof source !== 'string' || source === '')) report(entry, 'source', [...path, 'source'], `a mount of type ${type} needs a source`);
  if (type === 'tmpfs' && source !== undefined) report(entry, 'source', [...path, 'source'], 'a tmpfs mount has no source');
  if (type === 'bind') {
    const bind = (v.bind ?? {}) as Fields;
    v.bind = { create_host_path: true, ...bind }; // the spec's default for bind mounts
  }
  return ok ? v : undefined;
}

type Report = (node: Fields, key: string, at: Path, message: string, severity?: 'error' | 'warning', code?: 'COMPOSE_INVALID_VALUE' | 'COMPOSE_UNKNOWN_KEY') => void;

function readOptions(node: Fields, schema: Record<string, Kind>, path: Path, report: Report): Fields {
  const out: Fields = {};
  for (const key of Object.keys(node)) {
    const value = node[key];
    const at = [...path, key];
    const kind = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (key.startsWith('x-')) setOwn(out, key, value);
    else if (value === undefined || value === null) continue;
    else if (kind === undefined) report(node, key, at, `unknown key in ${String(path[path.length - 1])} options`, 'error', 'COMPOSE_UNKNOWN_KEY');
    else {
      const [expected, read] = KINDS[kind];
      const parsed = read(value);
      if (parsed === undefined) report(node, key, at, `invalid value ${JSON.stringify(value)}: ${expected}`);
      else out[key] = parsed;
    }
  }
  return out;
}

const oneOf = (values: readonly string[]) => (v: unknown) => (typeof v === 'string' && values.includes(v) ? v : undefined);
// What each kind of option accepts: [description for messages, reader returning undefined when invalid].
const KINDS: Record<Kind, [string, (value: unknown) => unknown]> = {
  bool: ['expected true or false', (v) => parseBool(v)],
  string: ['expected a string', (v) => (typeof v === 'string' ? v : undefined)],
  propagation: [`expected one of ${[...PROPAGATIONS].join(', ')}`, oneOf([...PROPAGATIONS])],
  selinux: ['expected z or Z', oneOf(['z', 'Z'])],
  recursive: ['expected enabled, disabled, writable or readonly', oneOf(['enabled', 'disabled', 'writable', 'readonly'])],
  labels: ['expected a mapping or a list of KEY=VALUE', (v) => readLabels(v)],
  size: ['expected a byte value such as 64m or a number of bytes', (v) => {
    const bytes = typeof v === 'string' || typeof v === 'number' ? parseBytes(v) : undefined;
    return bytes !== undefined && bytes >= 0 ? bytes : undefined;
  }],
  mode: ['expected Unix permission bits, as a number or octal text such as "1777"', (v) => parseMode(v)],
};

/** Permission bits: a number is taken as it is (as docker compose does); text is octal, as the spec says. */
function parseMode(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 0o7777 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^(?:0o)?([0-7]{1,5})$/i.exec(value);
  const bits = m ? parseInt(m[1] as string, 8) : NaN;
  return bits <= 0o7777 ? bits : undefined;
}

function readLabels(value: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'string') return undefined;
      const eq = item.indexOf('=');
      setOwn(out, eq < 0 ? item : item.slice(0, eq), eq < 0 ? '' : item.slice(eq + 1));
    }
  } else if (isMapping(value)) {
    for (const [k, v] of Object.entries(value)) setOwn(out, k, v === null || v === undefined ? '' : String(v));
  } else return undefined;
  return out;
}

/** Go's strconv.ParseBool, which compose-go applies to booleans written as text. */
function parseBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** A POSIX absolute path, a Windows drive path (`C:\x`, `c:/x`, `D:`) or a UNC / named pipe path (`\\.\pipe\x`). */
function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:([\\/]|$)/.test(p) || p.startsWith('\\\\');
}

/**
 * Service-level `tmpfs` (a path or a list of `PATH[:OPTIONS]`) → the list of strings docker
 * compose keeps (it does not turn them into mounts). Checks that each path is absolute and
 * that `size`, `mode`, `uid` and `gid` options are well formed; other options pass through.
 * @example normalizeTmpfs('/run', r, range, path) // ['/run']
 */
export function normalizeTmpfs(entry: unknown, reporter: Reporter, range: SourceRange | undefined, path: Path): string[] {
  const items = Array.isArray(entry) ? entry : [entry];
  const out: string[] = [];
  items.forEach((item, i) => {
    const at = Array.isArray(entry) ? [...path, i] : path;
    const where = (Array.isArray(entry) ? sourceOf(entry)?.values.get(i) : undefined) ?? range;
    const problem = checkTmpfs(item);
    if (problem === undefined) out.push(item as string);
    else reporter.error('COMPOSE_INVALID_VALUE', `${displayPath(at)}: ${problem}`, where, at);
  });
  return out;
}

function checkTmpfs(item: unknown): string | undefined {
  if (typeof item !== 'string') return 'a tmpfs entry must be a string';
  const colon = item.indexOf(':');
  const target = colon < 0 ? item : item.slice(0, colon);
  if (!isAbsolutePath(target)) return `the tmpfs path '${target}' must be an absolute path`;
  for (const option of colon < 0 ? [] : item.slice(colon + 1).split(',')) {
    const [name = '', value] = option.split('=', 2);
    if (name === 'size' && !/^\d+%$/.test(value ?? '') && (value === undefined || (parseBytes(value) ?? -1) < 0)) return `invalid tmpfs size '${value ?? ''}'`;
    if (name === 'mode' && !/^[0-7]{1,4}$/.test(value ?? '')) return `invalid tmpfs mode '${value ?? ''}' (octal, such as 1777)`;
    if ((name === 'uid' || name === 'gid') && !/^\d+$/.test(value ?? '')) return `invalid tmpfs ${name} '${value ?? ''}'`;
  }
  return undefined;
}
