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

/**
 * The ranges of a node's children, by key, as a Map of them would hold them: insertion order,
 * `0` and `'0'` different keys. Stored flat, four slots an entry (key, file, start, end) in one
 * array, instead of a Map entry and a range object per child: a Map with its table and the
 * range objects cost ~48 KB of heap per service, most of the loaded project (issue 22,
 * docs/performance.md). `get` makes the range object when a position is asked for. Past
 * INDEXED entries (a project's `services`), a Map from key to slot keeps lookups constant.
 */
export class RangeTable {
  /** key, file, start, end for each entry; its length is the capacity. */
  #e: unknown[] | undefined;
  #n = 0;
  #index: Map<string | number, number> | undefined;

  get size(): number {
    return this.#n;
  }

  get(key: string | number): SourceRange | undefined {
    const j = this.#find(key);
    if (j < 0) return undefined;
    const e = this.#e as unknown[];
    return { file: e[j + 1] as SourceFile, start: e[j + 2] as number, end: e[j + 3] as number };
  }

  has(key: string | number): boolean {
    return this.#find(key) >= 0;
  }

  set(key: string | number, range: SourceRange): this {
    return this.put(key, range.file, range.start, range.end);
  }

  /** `set` without a range object: the readers record positions from offsets they hold. */
  put(key: string | number, file: SourceFile, start: number, end: number): this {
    let j = this.#find(key);
    let e = this.#e;
    if (j < 0) {
      j = this.#n * 4;
      if (!e) e = this.#e = new Array<unknown>(4);
      else if (j + 4 > e.length) {
        const grown = new Array<unknown>(e.length * 2);
        for (let i = 0; i < j; i++) grown[i] = e[i];
        e = this.#e = grown;
      }
      e[j] = key;
      this.#n++;
      if (this.#index) this.#index.set(key, j);
      else if (this.#n > INDEXED) {
        const index = new Map<string | number, number>();
        for (let i = 0; i < this.#n; i++) index.set(e[i * 4] as string | number, i * 4);
        this.#index = index;
      }
    }
    (e as unknown[])[j + 1] = file;
    (e as unknown[])[j + 2] = start;
    (e as unknown[])[j + 3] = end;
    return this;
  }

  /** Copies the entry `fromKey` of `from` (if any) under `toKey`, without making a range object. */
  copy(from: RangeTable, fromKey: string | number, toKey: string | number): void {
    const j = from.#find(fromKey);
    if (j < 0) return;
    const e = from.#e as unknown[];
    this.put(toKey, e[j + 1] as SourceFile, e[j + 2] as number, e[j + 3] as number);
  }

  /** A copy of the table. */
  clone(): RangeTable {
    const out = new RangeTable();
    const e = this.#e;
    for (let j = 0; j < this.#n * 4; j += 4) out.put((e as unknown[])[j] as string | number, (e as unknown[])[j + 1] as SourceFile, (e as unknown[])[j + 2] as number, (e as unknown[])[j + 3] as number);
    return out;
  }

  *entries(): IterableIterator<[string | number, SourceRange]> {
    for (let j = 0; j < this.#n * 4; j += 4) {
      const e = this.#e as unknown[];
      yield [e[j] as string | number, { file: e[j + 1] as SourceFile, start: e[j + 2] as number, end: e[j + 3] as number }];
    }
  }

  [Symbol.iterator](): IterableIterator<[string | number, SourceRange]> {
    return this.entries();
  }

  #find(key: string | number): number {
    if (this.#index) return this.#index.get(key) ?? -1;
    const e = this.#e;
    if (!e) return -1;
    for (let j = 0, end = this.#n * 4; j < end; j += 4) if (e[j] === key) return j;
    return -1;
  }
}

/** Entries a RangeTable searches one by one; larger tables get an index. */
const INDEXED = 16;

/** Positions of one mapping or sequence: its own range, and the range of each child's key and value. */
export interface NodeSource {
  range?: SourceRange;
  keys: RangeTable;
  values: RangeTable;
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
    s = { keys: new RangeTable(), values: new RangeTable() };
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
  const t = ensureSource(to);
  t.values.copy(s.values, fromKey, toKey);
  t.keys.copy(s.keys, fromKey, toKey);
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
