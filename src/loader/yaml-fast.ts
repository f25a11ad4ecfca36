/**
 * A small, fast reader for the plain YAML that nearly every compose file is written in:
 * block mappings and sequences, plain and quoted one-line scalars, `|` and `>` block
 * scalars, one-line flow collections, comments, anchors, aliases and `<<` merge keys.
 *
 * Why it exists: the full parser (`yaml`, behind yaml-source.ts) costs ~40 ms to load and
 * ~70 ms for its first, cold parse, which made a small `npx compose2ecs convert` ten times
 * slower than starting node (docs/performance.md). This reader starts in well under a
 * millisecond. It is all-or-nothing: at the first thing outside its subset, or anything
 * doubtful (tags, multi-line plain or quoted scalars, tabs, CR, duplicate keys, several
 * documents, anything near a limit, anything the full parser would report), it gives up
 * and the caller uses the full parser, which then produces the diagnostics. When it does
 * answer, the values and every recorded position (yaml's `range[0]` and `range[1]`) are
 * exactly those of the full parser: test/loader/yaml-fast.test.ts checks that on every
 * fixture and on generated files.
 */
import { ensureSource, type NodeSource, setSource, sourceOf, type SourceFile, type SourceRange } from '../core/source.js';
import { setOwn } from '../core/own.js';
import type { YamlLimits } from './yaml-limits.js';
import type { ReadLimits } from './read-source.js';
import { BAIL, bail, escape, resolvePlain, valueOfPlain } from './yaml-scalars.js';

/** What `readSimpleYaml` returns for text outside its subset. */
export const NOT_SIMPLE: unique symbol = Symbol('not simple YAML');

/** Characters that send the whole file to the full parser: tabs, CR, controls, BOM, odd line breaks. */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARS = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
/** Directives and document markers: several documents are the full parser's job. */
const DOCUMENT_MARKERS = /^(?:---|\.\.\.|%)/m;

/**
 * Reads `file` if it is in the simple subset, recording positions in the source map as the
 * full parser's walker does; NOT_SIMPLE otherwise (nothing reported either way).
 *
 * @example
 * const value = readSimpleYaml(new SourceFile('compose.yaml', 'services:\n  web:\n    image: nginx\n'), defaultYamlLimits);
 * if (value !== NOT_SIMPLE) console.log(value); // { services: { web: { image: 'nginx' } } }
 */
export function readSimpleYaml(file: SourceFile, limits: YamlLimits & Partial<ReadLimits>): unknown {
  const text = file.text;
  if (UNSUPPORTED_CHARS.test(text) || DOCUMENT_MARKERS.test(text)) return NOT_SIMPLE;
  try {
    return new Reader(file, limits).document();
  } catch (e) {
    if (e === BAIL) return NOT_SIMPLE;
    throw e;
  }
}


const SPACE = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Where a node may start: after `key:`, after `- `, or at the start of a line (block/document). */
type Ctx = 'map' | 'seq' | 'block';

interface Anchor {
  value: unknown;
  done: boolean;
}

class Reader {
  private readonly t: string;
  private readonly n: number;
  // The last node read: its range (yaml's range[0], range[1], range[2]) and the next content.
  private r0 = 0;
  private r1 = 0;
  private r2 = 0;
  /** Position of the next content character after the last node (a line's first non-space), or -1 at the end. */
  private next = -1;
  private nextIndent = -1;
  private readonly anchors = new Map<string, Anchor>();
  private nodes = 0;
  private expansions = 0;
  private aliasValues = 0;
  private aliasText = 0;
  private readonly maxNodes: number;
  private readonly maxDepth: number;
  private readonly maxExpansions: number;
  private readonly maxAliasValues: number;
  private readonly maxAliasText: number;

  constructor(
    private readonly file: SourceFile,
    limits: YamlLimits & Partial<ReadLimits>,
  ) {
    this.t = file.text;
    this.n = this.t.length;
    // Half of each limit: the counts here are close to the full parser's but not identical,
    // so a file anywhere near a limit goes to the full parser, which reports it exactly.
    this.maxNodes = limits.maxNodes / 2;
    this.maxDepth = Math.min(limits.maxDepth / 2, 64);
    this.maxExpansions = limits.maxAliasExpansions / 2;
    this.maxAliasValues = limits.maxAliasNodes / 2;
    this.maxAliasText = (limits.maxFileBytes ?? 16 * 1024 * 1024) / 2;
  }

  document(): unknown {
    this.seekContent(0);
    if (this.next < 0) bail(); // empty: the full parser's business
    const v = this.node(this.next, -1, 'block', 0);
    if (this.next >= 0) bail(); // content after the root node
    return v;
  }

  private range(start: number, end: number): SourceRange {
    return { file: this.file, start, end };
  }

  /** Sets `next`/`nextIndent` to the first content at or after `p` (a line start), skipping blank and comment lines. */
  private seekContent(p: number): void {
    const t = this.t;
    let lineStart = p;
    while (lineStart < this.n) {
      let q = lineStart;
      while (q < this.n && t.charCodeAt(q) === SPACE) q++;
      const c = t.charCodeAt(q);
      if (q < this.n && c !== NL && c !== HASH) {
        this.next = q;
        this.nextIndent = q - lineStart;
        return;
      }
      const e = t.indexOf('\n', q);
      if (e < 0) break;
      lineStart = e + 1;
    }
    this.next = -1;
    this.nextIndent = -1;
  }

  private lineEnd(p: number): number {
    const e = this.t.indexOf('\n', p);
    return e < 0 ? this.n : e;
  }

  private column(p: number): number {
    return p - (this.t.lastIndexOf('\n', p - 1) + 1);
  }

  private skipSpaces(p: number): number {
    while (p < this.n && this.t.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** After a one-line value ending at `p`: only spaces and a comment may follow on the line. Sets r2 and next. */
  private endLine(p: number, indent: number): void {
    const q = this.skipSpaces(p);
    if (q < this.n) {
      const c = this.t.charCodeAt(q);
      if (c === HASH) {
        if (q === p) bail(); // `a#b` is text, not a comment: the scanner stopped wrongly
      } else if (c !== NL) bail();
    }
    this.afterLine(this.lineEnd(q), indent);
  }

  /**
   * Sets r2 and next for a one-line value whose line ends at `e`: the full parser counts the
   * comment lines right below it that are indented deeper than its collection (`indent`)
   * as part of its end, blank lines between them included.
   */
  private afterLine(e: number, indent: number): void {
    const t = this.t;
    let r2 = e < this.n ? e + 1 : this.n;
    for (let p = r2; p < this.n; ) {
      const q = this.skipSpaces(p);
      const c = t.charCodeAt(q);
      if (q < this.n && c !== NL && c !== HASH) break;
      if (c === HASH && q - p <= indent) break;
      const end = t.indexOf('\n', q);
      const next = end < 0 ? this.n : end + 1;
      if (c === HASH) r2 = next;
      p = next;
    }
    this.r2 = r2;
    this.seekContent(r2);
  }

  private isBlank(p: number): boolean {
    return p >= this.n || this.t.charCodeAt(p) === SPACE || this.t.charCodeAt(p) === NL;
  }

  private isSeqEntry(p: number): boolean {
    return this.t.charCodeAt(p) === DASH && this.isBlank(p + 1);
  }

  private count(depth: number): void {
    if (++this.nodes > this.maxNodes || depth > this.maxDepth) bail();
  }

  /**
   * A node starting at or after `p` (after `key:` or `- `, or a content position for
   * 'block'), inside a collection at `indent`.
   */
  private node(p: number, indent: number, ctx: Ctx, depth: number): unknown {
    this.count(depth);
    let q = this.skipSpaces(p);
    let anchor: string | undefined;
    if (this.t.charCodeAt(q) === 38 /* & */) {
      const end = this.nameEnd(q + 1);
      anchor = this.t.slice(q + 1, end);
      if (anchor === '') bail();
      q = this.skipSpaces(end);
      if (q === end && q < this.n && this.t.charCodeAt(q) !== NL) bail();
      // An anchor followed by a key or `- ` on its line belongs to the key: not handled.
      if (q < this.n && (this.isSeqEntry(q) || this.keyAt(q) !== undefined)) bail();
      const existing = this.anchors.get(anchor);
      if (existing && !existing.done) bail();
      this.anchors.set(anchor, { value: undefined, done: false });
    }
    const v = this.bare(q, indent, ctx, depth, anchor !== undefined);
    if (anchor !== undefined) this.anchors.set(anchor, { value: v, done: true });
    return v;
  }

  private bare(q: number, indent: number, ctx: Ctx, depth: number, anchored: boolean): unknown {
    const t = this.t;
    const c = q < this.n ? t.charCodeAt(q) : NL;
    if (c === NL || c === HASH) return this.nextLines(q, indent, ctx, depth, anchored);
    switch (c) {
      case 33: // ! tags
      case 38: // & a second anchor
      case 63: // ? complex keys
      case 37: // %
      case 64: // @
      case 96: // `
      case 44: // ,
      case 93: // ]
      case 125: // }
        return bail();
      case 42: // * alias
        return this.alias(q, indent);
      case 124: // |
      case 62: // >
        return this.blockScalar(q, indent);
      case 91: // [
      case 123: {
        // {
        const v = this.flow(q, depth);
        this.r0 = q;
        this.r1 = this.flowEnd;
        this.endLine(this.flowEnd, indent);
        if (this.t.charCodeAt(this.skipSpaces(this.flowEnd)) === COLON) bail();
        return v;
      }
    }
    const col = this.column(q);
    if (this.isSeqEntry(q)) {
      if (ctx === 'map') bail();
      return this.sequence(q, col, depth);
    }
    if (ctx !== 'map' && this.keyAt(q) !== undefined) return this.mapping(q, col, depth);
    if (c === 34 || c === 39) {
      const v = c === 34 ? this.doubleQuoted(q) : this.singleQuoted(q);
      this.r0 = q;
      this.r1 = this.quoteEnd;
      this.endLine(this.quoteEnd, indent);
      return v;
    }
    return this.plainValue(q, indent);
  }

  /** Nothing on the line after the indicator: the node is on the next lines, or empty. */
  private nextLines(q: number, indent: number, ctx: Ctx, depth: number, anchored: boolean): unknown {
    const e = this.lineEnd(q);
    this.seekContent(e < this.n ? e + 1 : this.n);
    const p = this.next;
    if (p >= 0 && (this.nextIndent > indent || (ctx === 'map' && this.nextIndent === indent && this.isSeqEntry(p)))) {
      if (ctx === 'block') bail(); // `- &a` then a node below: fine in YAML, rare here
      const col = this.nextIndent;
      if (this.isSeqEntry(p)) return this.sequence(p, col, depth);
      if (this.keyAt(p) !== undefined) return this.mapping(p, col, depth);
      if (anchored) bail();
      // A scalar on its own line below its key: multi-line plain text is not handled.
      return this.bare(p, indent, 'map', depth, false);
    }
    // Empty: null at the end of the spaces after the indicator.
    this.r0 = q;
    this.r1 = q;
    // Comments after an empty value (on its line or below) are part of it, up to the next content.
    const stop = p >= 0 ? p : this.n;
    const hash = this.t.indexOf('#', q);
    this.r2 = hash >= 0 && hash < stop ? stop : q;
    return null;
  }

  private nameEnd(p: number): number {
    const t = this.t;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      if (c === SPACE || c === NL || c === 44 || c === 91 || c === 93 || c === 123 || c === 125) break;
      p++;
    }
    return p;
  }

  private alias(q: number, indent: number): unknown {
    const v = this.aliased(q);
    const end = this.r1;
    this.endLine(end, indent);
    if (this.t.charCodeAt(this.skipSpaces(end)) === COLON) bail();
    return v;
  }

  /** The value of the alias `*name` at `q` (a copy of its anchor's); sets r0 and r1. */
  private aliased(q: number): unknown {
    const end = this.nameEnd(q + 1);
    const a = this.anchors.get(this.t.slice(q + 1, end));
    if (!a || !a.done) bail();
    if (++this.expansions > this.maxExpansions) bail();
    this.r0 = q;
    this.r1 = end;
    return this.copy(a.value);
  }

  /** A fresh copy of an anchored value with its positions, as the full parser's walker makes for every alias. */
  private copy(v: unknown): unknown {
    if (++this.aliasValues > this.maxAliasValues || ++this.nodes > this.maxNodes) bail();
    if (typeof v === 'string') {
      this.aliasText += v.length;
      if (this.aliasText > this.maxAliasText) bail();
      return v;
    }
    if (typeof v !== 'object' || v === null) return v;
    const out: unknown = Array.isArray(v) ? v.map((x) => this.copy(x)) : this.copyMap(v as Record<string, unknown>);
    const s = sourceOf(v);
    if (s) {
      setSource(out as object, s.clone());
    }
    return out;
  }

  private copyMap(v: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      this.aliasText += k.length;
      setOwn(out, k, this.copy(v[k]));
    }
    return out;
  }

  private sequence(p: number, col: number, depth: number): unknown[] {
    const arr: unknown[] = [];
    const src = ensureSource(arr);
    const start = p;
    let previous = p;
    for (;;) {
      const v = this.node(p + 1, col, 'seq', depth + 1);
      // An empty item right after a comment line: the full parser's range for it is odd.
      if (v === null && this.r0 === this.r1 && this.t.lastIndexOf('#', p) >= previous) bail();
      src.putValue(arr.length, this.file, this.r0, this.r1);
      arr.push(v);
      const last = this.r2;
      if (this.next < 0 || this.nextIndent < col || (this.nextIndent === col && !this.isSeqEntry(this.next))) {
        src.range = this.range(start, last);
        this.r0 = start;
        this.r1 = last;
        this.r2 = this.trailingEnd(last, col);
        return arr;
      }
      if (this.nextIndent > col) bail();
      previous = last;
      p = this.next;
    }
  }

  private mapping(p: number, col: number, depth: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const src = ensureSource(obj);
    const start = p;
    const written = new Set<string>();
    for (;;) {
      const key = this.keyAt(p);
      if (key === undefined) bail();
      const keyStart = p;
      const keyEnd = this.keyEnd;
      const merge = key === '<<' && this.keyPlain;
      if (written.has(key)) bail(); // duplicate: the full parser reports it
      written.add(key);
      const v = this.node(this.keyColon + 1, col, 'map', depth + 1);
      if (merge) this.merge(obj, src, v);
      else {
        setOwn(obj, key, v);
        src.putKey(key, this.file, keyStart, keyEnd);
        src.putValue(key, this.file, this.r0, this.r1);
      }
      const last = this.r2;
      if (this.next < 0 || this.nextIndent < col) {
        src.range = this.range(start, last);
        this.r0 = start;
        this.r1 = last;
        this.r2 = this.trailingEnd(last, col);
        return obj;
      }
      if (this.nextIndent > col) bail();
      p = this.next;
    }
  }

  /**
   * The full parser's range[2] of a block collection at `indent` whose last item ends at
   * `last`: comment lines after it, indented at least as far as the collection, belong to it
   * (its range then runs to the next content); otherwise it ends with its last item.
   * Comment lines on both sides of the indentation give up.
   */
  private trailingEnd(last: number, indent: number): number {
    const t = this.t;
    const stop = this.next < 0 ? this.n : this.next;
    if (last >= stop || t.charCodeAt(last - 1) !== NL) return last;
    let inside = false;
    let outside = false;
    for (let p = last; p < stop; ) {
      const q = this.skipSpaces(p);
      if (q < this.n && t.charCodeAt(q) === HASH) {
        if (q - p >= indent) inside = true;
        else outside = true;
      }
      const e = t.indexOf('\n', q);
      if (e < 0) break;
      p = e + 1;
    }
    if (inside && outside) bail();
    return inside ? stop : last;
  }

  /** `<<: *a` or `<<: [*a, *b]`: keys not already present are taken, the first source winning. */
  private merge(obj: Record<string, unknown>, src: NodeSource, v: unknown): void {
    const sources = Array.isArray(v) ? v : [v];
    for (const from of sources) {
      if (typeof from !== 'object' || from === null || Array.isArray(from)) bail();
      const fromSrc = sourceOf(from);
      for (const k of Object.keys(from)) {
        if (Object.hasOwn(obj, k)) continue;
        setOwn(obj, k, (from as Record<string, unknown>)[k]);
        if (fromSrc) {
          src.values.copy(fromSrc.values, k, k);
          src.keys.copy(fromSrc.keys, k, k);
        }
      }
    }
  }

  // Set by keyAt: the end of the key text, the position of its colon, and whether it was plain.
  private keyEnd = 0;
  private keyColon = 0;
  private keyPlain = false;

  /** The key of an implicit `key:` entry at `p`, as the model holds it (a string), or undefined. */
  private keyAt(p: number): string | undefined {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      let v: string;
      try {
        v = c === 34 ? this.doubleQuoted(p) : this.singleQuoted(p);
      } catch (e) {
        if (e === BAIL) return undefined;
        throw e;
      }
      const after = this.quoteEnd;
      if (t.charCodeAt(after) !== COLON || !this.isBlank(after + 1)) {
        if (t.charCodeAt(this.skipSpaces(after)) === COLON) bail(); // `"a" : 1`
        return undefined;
      }
      this.keyEnd = after;
      this.keyColon = after;
      this.keyPlain = false;
      return v;
    }
    if (!this.plainStart(p)) return undefined;
    const e = this.lineEnd(p);
    for (let i = p + 1; i < e; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && t.charCodeAt(i - 1) === SPACE) return undefined;
      if (ch === COLON && (i + 1 >= e || t.charCodeAt(i + 1) === SPACE)) {
        if (t.charCodeAt(i - 1) === SPACE) bail(); // `a : 1`
        if (i - p > 1000) bail(); // implicit keys are limited to 1024 characters
        this.keyEnd = i;
        this.keyColon = i;
        this.keyPlain = true;
        const text = t.slice(p, i);
        const v = resolvePlain(text);
        return v === null ? 'null' : String(v);
      }
    }
    return undefined;
  }

  /** Whether a plain scalar may start at `p` (block context). */
  private plainStart(p: number): boolean {
    const c = this.t.charCodeAt(p);
    if (p >= this.n || c === NL || c === SPACE) return false;
    if ('-?:'.includes(this.t[p] as string)) return !this.isBlank(p + 1);
    return !',[]{}#&*!|>\'"%@`'.includes(this.t[p] as string);
  }

  private plainValue(q: number, indent: number): unknown {
    if (!this.plainStart(q)) bail();
    const t = this.t;
    const e = this.lineEnd(q);
    let end = e;
    for (let i = q + 1; i < e; i++) {
      const ch = t.charCodeAt(i);
      if (ch === HASH && t.charCodeAt(i - 1) === SPACE) {
        end = i;
        break;
      }
      if (ch === COLON && (i + 1 >= e || t.charCodeAt(i + 1) === SPACE)) bail(); // a key where a value belongs
    }
    while (end > q && t.charCodeAt(end - 1) === SPACE) end--;
    const text = t.slice(q, end);
    this.r0 = q;
    this.r1 = end;
    this.afterLine(e, indent);
    return valueOfPlain(text);
  }

  private quoteEnd = 0;

  private singleQuoted(q: number): string {
    const t = this.t;
    let out = '';
    let i = q + 1;
    for (;;) {
      const j = t.indexOf("'", i);
      const nl = t.indexOf('\n', i);
      if (j < 0 || (nl >= 0 && nl < j)) bail(); // multi-line or unterminated
      out += t.slice(i, j);
      if (t.charCodeAt(j + 1) === 39) {
        out += "'";
        i = j + 2;
        continue;
      }
      this.quoteEnd = j + 1;
      return out;
    }
  }

  private doubleQuoted(q: number): string {
    const t = this.t;
    let out = '';
    let i = q + 1;
    for (;;) {
      let j = i;
      while (j < this.n) {
        const c = t.charCodeAt(j);
        if (c === 34 || c === 92 || c === NL) break;
        j++;
      }
      if (j >= this.n || t.charCodeAt(j) === NL) bail(); // multi-line or unterminated
      out += t.slice(i, j);
      if (t.charCodeAt(j) === 34) {
        this.quoteEnd = j + 1;
        return out;
      }
      const [s, len] = escape(t, j + 1);
      out += s;
      i = j + 1 + len;
    }
  }

  private flowEnd = 0;

  /** A one-line flow sequence or mapping at `q`; sets flowEnd. */
  private flow(q: number, depth: number): unknown {
    this.count(depth);
    const t = this.t;
    const isSeq = t.charCodeAt(q) === 91;
    const close = isSeq ? 93 : 125;
    const out: unknown = isSeq ? [] : {};
    const src = ensureSource(out as object);
    let p = this.skipSpaces(q + 1);
    if (t.charCodeAt(p) === close) {
      this.flowEnd = p + 1;
      src.range = this.range(q, p + 1);
      return out;
    }
    const written = new Set<string>();
    for (;;) {
      if (isSeq) {
        const v = this.flowItem(p, depth + 1);
        src.putValue((out as unknown[]).length, this.file, this.r0, this.r1);
        (out as unknown[]).push(v);
      } else {
        const keyStart = p;
        const key = this.flowKey(p);
        const keyEnd = this.r1;
        if (written.has(key) || key === '<<') bail();
        written.add(key);
        const v = this.flowItem(this.skipSpaces(this.flowColon + 1), depth + 1);
        setOwn(out as Record<string, unknown>, key, v);
        src.putKey(key, this.file, keyStart, keyEnd);
        src.putValue(key, this.file, this.r0, this.r1);
      }
      p = this.skipSpaces(this.r1);
      const c = t.charCodeAt(p);
      if (c === close) {
        this.flowEnd = p + 1;
        src.range = this.range(q, p + 1);
        return out;
      }
      if (c !== 44) bail();
      p = this.skipSpaces(p + 1);
      if (t.charCodeAt(p) === close) bail(); // a trailing comma
    }
  }

  private flowColon = 0;

  private flowKey(p: number): string {
    const t = this.t;
    const c = t.charCodeAt(p);
    let key: string;
    if (c === 34 || c === 39) {
      key = c === 34 ? this.doubleQuoted(p) : this.singleQuoted(p);
      this.r1 = this.quoteEnd;
    } else {
      const end = this.flowPlainEnd(p, true);
      const text = t.slice(p, end);
      const v = resolvePlain(text);
      key = v === null ? 'null' : String(v);
      this.r1 = end;
    }
    if (t.charCodeAt(this.r1) !== COLON || t.charCodeAt(this.r1 + 1) !== SPACE) bail();
    this.flowColon = this.r1;
    return key;
  }

  /** End of a plain scalar in a flow collection; anything unusual gives up. */
  private flowPlainEnd(p: number, key = false): number {
    const t = this.t;
    const c0 = t[p] as string;
    if (p >= this.n || '-?:,[]{}#&*!|>\'"%@` \n'.includes(c0)) {
      if (!(c0 === '-' && !this.isBlank(p + 1) && !',[]{}'.includes(t[p + 1] as string))) bail();
    }
    let i = p;
    while (i < this.n) {
      const c = t.charCodeAt(i);
      if (c === 44 || c === 93 || c === 125 || c === NL) break;
      if (key && c === COLON && t.charCodeAt(i + 1) === SPACE) break;
      if (c === COLON || c === HASH || c === 91 || c === 123) bail();
      i++;
    }
    let end = i;
    while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
    if (end === p) bail();
    return end;
  }

  /** A value inside a flow collection; sets r0 and r1. */
  private flowItem(p: number, depth: number): unknown {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === 91 || c === 123) {
      const v = this.flow(p, depth);
      this.r0 = p;
      this.r1 = this.flowEnd;
      return v;
    }
    this.count(depth);
    if (c === 34 || c === 39) {
      const v = c === 34 ? this.doubleQuoted(p) : this.singleQuoted(p);
      this.r0 = p;
      this.r1 = this.quoteEnd;
      return v;
    }
    if (c === 42) return this.aliased(p); // `<<: [*a, *b]`
    const end = this.flowPlainEnd(p);
    this.r0 = p;
    this.r1 = end;
    return valueOfPlain(t.slice(p, end));
  }

  /** `|` or `>` with an optional `-` (strip); the text below, more indented than `indent`. */
  private blockScalar(q: number, indent: number): string {
    const t = this.t;
    const literal = t.charCodeAt(q) === 124;
    let h = q + 1;
    let strip = false;
    if (t.charCodeAt(h) === DASH) {
      strip = true;
      h++;
    }
    const hc = t.charCodeAt(h);
    if (h < this.n && hc !== SPACE && hc !== NL) bail(); // `+`, an indentation digit, …
    const he = this.lineEnd(h);
    const rest = this.skipSpaces(h);
    if (rest < he && (t.charCodeAt(rest) !== HASH || rest === h)) bail();
    if (he >= this.n) bail();
    // The first line sets the indentation; blank lines before it are not handled.
    let lineStart = he + 1;
    let q2 = this.skipSpaces(lineStart);
    const m = q2 - lineStart;
    if (q2 >= this.n || t.charCodeAt(q2) === NL || m <= indent) bail();
    const lines: string[] = [];
    let lastEnd = -1; // after the newline of the last line with text
    let blanks = 0;
    let out = '';
    for (;;) {
      const e = t.indexOf('\n', lineStart);
      q2 = this.skipSpaces(lineStart);
      if (q2 === e) {
        if (e - lineStart > m) bail(); // a blank line with spaces beyond the indentation
        blanks++;
      } else if (q2 - lineStart < m) break;
      else if (e < 0) bail(); // text at the very end without a line break
      else {
        const line = t.slice(lineStart + m, e);
        if (!literal && line.charCodeAt(0) === SPACE) bail(); // folded text with more-indented lines
        if (lines.length > 0) out += literal ? '\n'.repeat(blanks + 1) : blanks > 0 ? '\n'.repeat(blanks) : ' ';
        out += line;
        lines.push(line);
        blanks = 0;
        lastEnd = e + 1;
      }
      lineStart = e + 1;
      if (lineStart >= this.n) break;
    }
    if (!strip) out += '\n';
    this.r0 = q;
    this.r1 = lastEnd;
    this.r2 = lastEnd;
    this.seekContent(lastEnd);
    return out;
  }
}
