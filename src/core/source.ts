/**
 * Source positions. Values keep byte offsets into the text they came from; offsets become
 * line:column only when a diagnostic is made or printed.
 */

/** A text the loader read, with the table needed to turn offsets into lines and columns. */
export class SourceFile {
  readonly path: string;
  readonly #text: string;
  #lineStarts: number[] | undefined;

  constructor(path: string, text: string) {
    this.path = path;
    this.#text = text;
  }

  get text(): string {
    return this.#text;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.#lines();
    const at = Math.max(0, Math.min(offset, this.#text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (starts[lo] ?? 0) + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.#lines();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    const end = next === undefined ? this.#text.length : next;
    return this.#text.slice(start, end).replace(/\r?\n$/, '');
  }

  get lineCount(): number {
    return this.#lines().length;
  }

  toJSON(): string {
    return this.path;
  }

  #lines(): number[] {
    if (!this.#lineStarts) {
      const starts = [0];
      const t = this.#text;
      // indexOf, not a loop over every character: this runs cold in a CLI run, once per file.
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }
}

/** Where a value came from: a file and the offsets [start, end) of its node. */
export interface SourceRange {
  file: SourceFile;
  start: number;
  end: number;
}

/** Positions of one mapping or sequence: its own range, and the range of each child's key and value. */
export interface NodeSource {
  range?: SourceRange;
  keys: Map<string | number, SourceRange>;
  values: Map<string | number, SourceRange>;
  /** YAML tags the merge understands (`!reset`, `!override`), by child key. */
  tags?: Map<string | number, '!reset' | '!override'>;
}

// Positions travel with the value they describe, as `yaml` keeps a node's range on the node:
// under a symbol key that is not enumerable, so the model stays plain JSON (JSON.stringify,
// Object.keys and spreads do not see it), a copy made by spreading does not carry stale
// positions, and nothing outlives the value. No table lives at module level.
const POSITIONS = Symbol('compose2ecs.positions');

type Positioned = { [POSITIONS]?: NodeSource };

/** Positions recorded for a mapping or sequence of the model, if any. */
export function sourceOf(node: object): NodeSource | undefined {
  return (node as Positioned)[POSITIONS];
}

/** Records (or replaces) the positions of a mapping or sequence. */
export function setSource(node: object, source: NodeSource): void {
  if (Object.hasOwn(node, POSITIONS)) (node as Positioned)[POSITIONS] = source;
  else if (Object.isExtensible(node)) Object.defineProperty(node, POSITIONS, { value: source, writable: true, configurable: true, enumerable: false });
}

/** Returns the positions of `node`, creating an empty record if it has none. */
export function ensureSource(node: object, range?: SourceRange): NodeSource {
  let s = sourceOf(node);
  if (!s) {
    s = { keys: new Map(), values: new Map() };
    if (range) s.range = range;
    setSource(node, s);
  }
  return s;
}

/**
 * Records that `child` (the value under `key` in `parent`) came from `range`; used when a pass
 * builds a new value and wants it traced to the text it was derived from.
 */
export function setChildSource(parent: object, key: string | number, value?: SourceRange, keyRange?: SourceRange): void {
  const s = ensureSource(parent);
  if (value) s.values.set(key, value);
  if (keyRange) s.keys.set(key, keyRange);
}

/** Copies the recorded position of `from[fromKey]` to `to[toKey]` (value and key ranges). */
export function copyChildSource(from: object, fromKey: string | number, to: object, toKey: string | number): void {
  const s = sourceOf(from);
  if (!s) return;
  setChildSource(to, toKey, s.values.get(fromKey), s.keys.get(fromKey));
}

/**
 * The most precise known range for the value at `path` below `root`: the range of the value
 * itself if it was recorded, else that of its nearest recorded ancestor. With `key: true` the
 * range of the last segment's key is preferred (for "unknown key" findings).
 *
 * @example
 * const range = locate(project, ['services', 'web', 'ports', 0]);
 * if (range) console.log(range.file.path, range.file.position(range.start));
 */
export function locate(root: unknown, path: readonly (string | number)[], options: { key?: boolean } = {}): SourceRange | undefined {
  let best: SourceRange | undefined = isObject(root) ? sourceOf(root)?.range : undefined;
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (!isObject(node)) break;
    const seg = path[i] as string | number;
    const s = sourceOf(node);
    const key = Array.isArray(node) ? Number(seg) : String(seg);
    if (s) {
      const last = i === path.length - 1;
      const r = last && options.key ? (s.keys.get(key) ?? s.values.get(key)) : s.values.get(key);
      if (r) best = r;
    }
    node = (node as Record<string | number, unknown>)[key];
  }
  return best;
}

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** JSON pointer (RFC 6901) of a path. */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Path segments of a JSON pointer. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Human form of a path for messages: `services.web.ports[0]`. */
export function displayPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number' || /^\d+$/.test(String(p))) out += `[${p}]`;
    else out += (out ? '.' : '') + (/^[\w-]+$/.test(String(p)) ? String(p) : JSON.stringify(p));
  }
  return out;
}
