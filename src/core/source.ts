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

/** Where a child's value (VALUE) or key (KEY) range sits in its entry of a NodeSource. */
const VALUE = 1;
const KEY = 4;
/** Slots an entry: key, then file, start, end of the value, then of the key (file undefined: none). */
const SLOTS = 7;
/** Entries a NodeSource searches one by one; larger ones (a project's `services`) get an index. */
const INDEXED = 16;

/**
 * Positions of one mapping or sequence: its own range, and the range of each child's key and
 * value. The children's ranges are stored flat, seven slots an entry in one array, instead of
 * two Maps of range objects: those cost ~48 KB of heap per service, most of the loaded project
 * (issue 22, docs/performance.md). `keys` and `values` read them as a Map of ranges would
 * (insertion order, `0` and `'0'` different keys); a range object is made when one is asked for.
 */
export class NodeSource {
  /** YAML tags the merge understands (`!reset`, `!override`), by child key. */
  tags?: Map<string | number, '!reset' | '!override'>;
  // The node's own range, held inline (no range object a node): file undefined when none.
  #file: SourceFile | undefined;
  #start = 0;
  #end = 0;
  #e: unknown[] | undefined;
  #n = 0;
  #index: Map<string | number, number> | undefined;

  constructor(range?: SourceRange) {
    if (range) this.range = range;
  }

  /** The node's own range. */
  get range(): SourceRange | undefined {
    return this.#file === undefined ? undefined : { file: this.#file, start: this.#start, end: this.#end };
  }

  set range(r: SourceRange | undefined) {
    this.#file = r?.file;
    this.#start = r?.start ?? 0;
    this.#end = r?.end ?? 0;
  }

  /** The ranges of the children's keys. */
  get keys(): RangeTable {
    return new RangeTable(this, KEY);
  }

  /** The ranges of the children's values. */
  get values(): RangeTable {
    return new RangeTable(this, VALUE);
  }

  /** The range of a child's value (as `values.get`, without the view). */
  value(key: string | number): SourceRange | undefined {
    return this.get(VALUE, key);
  }

  /** The range of a child's key (as `keys.get`, without the view). */
  key(key: string | number): SourceRange | undefined {
    return this.get(KEY, key);
  }

  /** Records the range of a child's value from offsets (as `values.put`, without the view). */
  putValue(key: string | number, file: SourceFile, start: number, end: number): void {
    this.put(VALUE, key, file, start, end);
  }

  /** Records the range of a child's key from offsets (as `keys.put`, without the view). */
  putKey(key: string | number, file: SourceFile, start: number, end: number): void {
    this.put(KEY, key, file, start, end);
  }

  /** Records the range of a child's value (`part` VALUE) or key (KEY). */
  put(part: number, key: string | number, file: SourceFile, start: number, end: number): void {
    let j = this.#find(key);
    let e = this.#e;
    if (j < 0) {
      j = this.#n * SLOTS;
      if (!e) e = this.#e = new Array<unknown>(SLOTS);
      else if (j + SLOTS > e.length) {
        // Two entries more while small, half again after: little room left unused in the
        // tables that stay with the project (doubling left a third of them empty).
        const n = this.#n;
        const grown = new Array<unknown>((n < 8 ? n + 2 : n + (n >> 1)) * SLOTS);
        for (let i = 0; i < j; i++) grown[i] = e[i];
        e = this.#e = grown;
      }
      e[j] = key;
      this.#n++;
      if (this.#index) this.#index.set(key, j);
      else if (this.#n > INDEXED) {
        const index = new Map<string | number, number>();
        for (let i = 0; i < this.#n; i++) index.set(e[i * SLOTS] as string | number, i * SLOTS);
        this.#index = index;
      }
    }
    const arr = e as unknown[];
    arr[j + part] = file;
    arr[j + part + 1] = start;
    arr[j + part + 2] = end;
  }

  /** The range of a child's value or key, if recorded. */
  get(part: number, key: string | number): SourceRange | undefined {
    const j = this.#find(key);
    if (j < 0) return undefined;
    const e = this.#e as unknown[];
    const file = e[j + part] as SourceFile | undefined;
    return file === undefined ? undefined : { file, start: e[j + part + 1] as number, end: e[j + part + 2] as number };
  }

  has(part: number, key: string | number): boolean {
    const j = this.#find(key);
    return j >= 0 && (this.#e as unknown[])[j + part] !== undefined;
  }

  /** Copies the range of `from`'s child `fromKey` (value or key) to this node's child `toKey`, without making a range object. */
  copy(part: number, from: NodeSource, fromKey: string | number, toKey: string | number): void {
    const j = from.#find(fromKey);
    if (j < 0) return;
    const e = from.#e as unknown[];
    const file = e[j + part] as SourceFile | undefined;
    if (file !== undefined) this.put(part, toKey, file, e[j + part + 1] as number, e[j + part + 2] as number);
  }

  /** Every child's ranges of `from` recorded here too (over any of the same key). */
  assign(from: NodeSource): void {
    for (let j = 0; j < from.#n * SLOTS; j += SLOTS) {
      const key = (from.#e as unknown[])[j] as string | number;
      this.copy(VALUE, from, key, key);
      this.copy(KEY, from, key, key);
    }
  }

  /** A copy: the node's range and every child's ranges (not the tags). */
  clone(): NodeSource {
    const out = new NodeSource(this.range);
    out.assign(this);
    return out;
  }

  /** Number of children with a range of `part` recorded. */
  count(part: number): number {
    let n = 0;
    for (let j = 0; j < this.#n * SLOTS; j += SLOTS) if ((this.#e as unknown[])[j + part] !== undefined) n++;
    return n;
  }

  *entries(part: number): IterableIterator<[string | number, SourceRange]> {
    for (let j = 0; j < this.#n * SLOTS; j += SLOTS) {
      const e = this.#e as unknown[];
      const file = e[j + part] as SourceFile | undefined;
      if (file !== undefined) yield [e[j] as string | number, { file, start: e[j + part + 1] as number, end: e[j + part + 2] as number }];
    }
  }

  #find(key: string | number): number {
    if (this.#index) return this.#index.get(key) ?? -1;
    const e = this.#e;
    if (!e) return -1;
    for (let j = 0, end = this.#n * SLOTS; j < end; j += SLOTS) if (e[j] === key) return j;
    return -1;
  }
}

/**
 * The key ranges or the value ranges of a NodeSource's children, read like a Map of ranges.
 * A view made on each access: it holds nothing of its own.
 */
export class RangeTable {
  constructor(
    private readonly src: NodeSource,
    private readonly part: number,
  ) {}

  get size(): number {
    return this.src.count(this.part);
  }

  get(key: string | number): SourceRange | undefined {
    return this.src.get(this.part, key);
  }

  has(key: string | number): boolean {
    return this.src.has(this.part, key);
  }

  set(key: string | number, range: SourceRange): this {
    this.src.put(this.part, key, range.file, range.start, range.end);
    return this;
  }

  /** `set` without a range object: the readers record positions from offsets they hold. */
  put(key: string | number, file: SourceFile, start: number, end: number): this {
    this.src.put(this.part, key, file, start, end);
    return this;
  }

  /** Copies the entry `fromKey` of `from` (if any) under `toKey`, without making a range object. */
  copy(from: RangeTable, fromKey: string | number, toKey: string | number): void {
    this.src.copy(this.part, from.src, fromKey, toKey);
  }

  entries(): IterableIterator<[string | number, SourceRange]> {
    return this.src.entries(this.part);
  }

  [Symbol.iterator](): IterableIterator<[string | number, SourceRange]> {
    return this.entries();
  }
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
    s = new NodeSource(range);
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
  if (value) s.put(VALUE, key, value.file, value.start, value.end);
  if (keyRange) s.put(KEY, key, keyRange.file, keyRange.start, keyRange.end);
}

/** Copies the recorded position of `from[fromKey]` to `to[toKey]` (value and key ranges). */
export function copyChildSource(from: object, fromKey: string | number, to: object, toKey: string | number): void {
  const s = sourceOf(from);
  if (!s) return;
  const t = ensureSource(to);
  t.copy(VALUE, s, fromKey, toKey);
  t.copy(KEY, s, fromKey, toKey);
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
      const r = last && options.key ? (s.get(KEY, key) ?? s.get(VALUE, key)) : s.get(VALUE, key);
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
