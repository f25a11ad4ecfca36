/**
 * The one module that knows the YAML parser. It yields plain values (objects, arrays,
 * strings, numbers, booleans, null) and records each value's position in the source map,
 * so the rest of the compiler never depends on the parser's node classes.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Node, type Document } from 'yaml';
import type { Reporter } from '../diagnostics/report.js';
import { ensureSource, type NodeSource, type SourceFile, type SourceRange } from '../core/source.js';
import { setOwn } from '../core/own.js';
import { defaultReadLimits, type ReadLimits } from './read-source.js';

export { defaultYamlLimits, type YamlLimits } from './yaml-limits.js';
import { defaultYamlLimits, type YamlLimits } from './yaml-limits.js';

const KNOWN_TAGS = new Set(['!reset', '!override']);

/**
 * Parses every YAML document of a file into plain values. Problems are reported; a document
 * that could not be read at all is left out of the result.
 */
export function parseYaml(file: SourceFile, reporter: Reporter, limits: YamlLimits & Partial<ReadLimits> = defaultYamlLimits): unknown[] {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    // uniqueKeys: false — the parser's own check compares each key with every earlier one
    // (quadratic: a 50,000-key mapping took a minute); Walker.map checks with a Set instead.
    docs = parseAllDocuments(file.text, { uniqueKeys: false, merge: false, lineCounter, prettyErrors: false, strict: true, stringKeys: false }) as Document.Parsed[];
  } catch (e) {
    reporter.error('YAML_SYNTAX', `could not parse YAML: ${(e as Error).message}`, { file, start: 0, end: 0 });
    return [];
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  const out: unknown[] = [];
  for (const doc of docs) {
    let fatal = false;
    for (const err of doc.errors) {
      const range = { file, start: err.pos[0], end: err.pos[1] };
      const msg = err.message.split('\n')[0] ?? err.message;
      if (err.code === 'DUPLICATE_KEY') reporter.error('YAML_DUPLICATE_KEY', 'duplicate key in mapping: each key may appear only once', range);
      else if (err.code === 'RESOURCE_EXHAUSTION') {
        reporter.error('YAML_DEPTH_LIMIT', 'YAML is nested too deeply to read', range);
        fatal = true;
      } else {
        reporter.error('YAML_SYNTAX', msg.replace(/ at line \d+, column \d+:?$/, ''), range);
        fatal = true;
      }
    }
    if (fatal) continue;
    const walker = new Walker(file, reporter, limits, doc);
    const value = walker.value(doc.contents as Node | null, 0);
    if (walker.stopped) continue;
    out.push(value);
  }
  return out;
}

class Walker {
  stopped = false;
  private nodes = 0;
  private expansions = 0;
  /** Values produced by aliases, counted at the outermost alias being expanded. */
  private aliasValues = 0;
  private aliasText = 0;
  private aliasDepth = 0;
  private readonly resolving = new Set<Node>();
  private anchors: AnchorIndex | undefined;

  constructor(
    private readonly file: SourceFile,
    private readonly reporter: Reporter,
    private readonly limits: YamlLimits & Partial<ReadLimits>,
    private readonly doc: Document.Parsed,
  ) {}

  range(node: { range?: [number, number, number] | null | undefined } | null | undefined): SourceRange | undefined {
    const r = node?.range;
    if (!r) return undefined;
    return { file: this.file, start: r[0], end: r[1] };
  }

  value(node: Node | null | undefined, depth: number): unknown {
    if (this.stopped || node == null) return null;
    if (++this.nodes > this.limits.maxNodes) return this.stop('YAML_ALIAS_LIMIT', `the file expands to more than ${this.limits.maxNodes} values (limit maxNodes)`, node);
    if (depth > this.limits.maxDepth) return this.stop('YAML_DEPTH_LIMIT', `nesting deeper than ${this.limits.maxDepth} levels (limit maxDepth)`, node);
    if (isAlias(node)) return this.alias(node, depth);
    if (node.tag && node.tag.startsWith('!') && !KNOWN_TAGS.has(node.tag)) {
      this.reporter.warn('YAML_UNSUPPORTED_TAG', `unknown YAML tag ${node.tag}; its value is read as if untagged`, this.range(node));
    }
    if (isScalar(node)) return this.scalar(node);
    if (isMap(node)) return this.map(node, depth);
    if (isSeq(node)) {
      const arr: unknown[] = [];
      const src = ensureSource(arr, this.range(node));
      node.items.forEach((item, i) => {
        const n = item as Node;
        arr.push(this.value(n, depth + 1));
        this.record(src, i, n);
      });
      return arr;
    }
    return null;
  }

  private scalar(node: Scalar): unknown {
    let v = node.value;
    // The parser reads a plain scalar with a tag it does not know as text; `!reset` and
    // `!override` only say how to merge, so `!override 512` is still the number 512.
    if ((node.tag === '!reset' || node.tag === '!override') && node.type === 'PLAIN' && typeof v === 'string') v = this.untagged(v);
    if (typeof v === 'number' && node.type === 'PLAIN' && typeof node.source === 'string' && /^[-+]?0[0-7]+$/.test(node.source)) {
      // Like the YAML reader of docker compose (go-yaml v3), `0755` is the YAML 1.1 octal 493.
      return parseInt(node.source, 8);
    }
    if (typeof v === 'number') {
      // Keep the text of numbers JavaScript cannot hold exactly (2^53+, NaN, infinities):
      // where a number is required the schema check reports it, elsewhere it stays a string.
      if (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v))) return typeof node.source === 'string' ? node.source : String(v);
      return v;
    }
    if (typeof v === 'bigint') return String(v);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    return String(v);
  }

  private map(node: Extract<Node, { items: unknown[] }> & { items: unknown[] }, depth: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const src = ensureSource(obj, this.range(node));
    const written = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if (isScalar(keyNode) && keyNode.value === '<<' && keyNode.type === 'PLAIN') {
        if (written.has('<<')) this.duplicate(keyNode);
        written.add('<<');
        this.mergeKey(obj, valueNode, depth);
        continue;
      }
      let key: string;
      if (keyNode == null) key = '';
      else if (isScalar(keyNode)) key = keyNode.value === null ? 'null' : String(keyNode.value);
      else if (isAlias(keyNode)) {
        const target = this.target(keyNode);
        key = isScalar(target) ? String(target.value) : '';
      } else {
        this.reporter.error('YAML_SYNTAX', 'a mapping key must be a plain value, not a mapping or sequence', this.range(keyNode));
        continue;
      }
      // Keys are compared as the model holds them, as strings: `1:` and `"1":` are the same key.
      if (written.has(key)) this.duplicate(keyNode ?? valueNode ?? node);
      written.add(key);
      setOwn(obj, key, this.value(valueNode, depth + 1));
      const kr = keyNode?.range;
      if (kr) src.putKey(key, this.file, kr[0], kr[1]);
      this.record(src, key, valueNode);
    }
    return obj;
  }

  private duplicate(at: Node): void {
    this.reporter.error('YAML_DUPLICATE_KEY', 'duplicate key in mapping: each key may appear only once', this.range(at));
  }

  /** A plain scalar's value as the schema resolves it without a tag (as the parser does). */
  private untagged(source: string): unknown {
    for (const tag of this.doc.schema.tags) {
      if (tag.default === true && 'test' in tag && tag.test?.test(source)) {
        // The core schema's bool and null tags resolve to a Scalar node, the others to a value.
        const resolved: unknown = tag.resolve(source, () => undefined, this.doc.options);
        return resolved instanceof Scalar ? resolved.value : resolved;
      }
    }
    return source;
  }

  /**
   * `<<: *a` or `<<: [*a, *b]`: keys not already present are taken, the first source winning;
   * an explicit key written after `<<` replaces the merged one (setOwn overwrites).
   */
  private mergeKey(obj: Record<string, unknown>, valueNode: Node | null, depth: number): void {
    const sources: (Node | null)[] = isSeq(valueNode) ? (valueNode.items as Node[]) : [valueNode];
    const src = ensureSource(obj);
    for (const s of sources) {
      const v = this.value(s, depth + 1);
      if (this.stopped) return;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        this.reporter.error('YAML_MERGE_KEY', 'the merge key << takes a mapping or a list of mappings', this.range(s));
        continue;
      }
      const from = v as Record<string, unknown>;
      const fromSrc = ensureSource(from);
      for (const k of Object.keys(from)) {
        if (Object.hasOwn(obj, k)) continue;
        setOwn(obj, k, from[k]);
        src.values.copy(fromSrc.values, k, k);
        src.keys.copy(fromSrc.keys, k, k);
        const tag = fromSrc.tags?.get(k);
        if (tag) (src.tags ??= new Map()).set(k, tag);
      }
    }
  }

  private alias(node: Alias, depth: number): unknown {
    if (++this.expansions > this.limits.maxAliasExpansions) {
      return this.stop('YAML_ALIAS_LIMIT', `more than ${this.limits.maxAliasExpansions} alias expansions (limit maxAliasExpansions); is this an alias bomb?`, node);
    }
    const target = this.target(node);
    if (!target) {
      this.reporter.error('YAML_SYNTAX', `unknown alias *${node.source}`, this.range(node));
      return null;
    }
    if (this.resolving.has(target)) {
      this.reporter.error('YAML_SYNTAX', `alias *${node.source} refers to a value that contains it`, this.range(node));
      return null;
    }
    // Refuse before walking: an alias to a large value costs its whole size at every use.
    const size = this.index().size.get(target) ?? 0;
    if (this.nodes + size > this.limits.maxNodes) return this.stop('YAML_ALIAS_LIMIT', `the file expands to more than ${this.limits.maxNodes} values (limit maxNodes)`, node);
    const maxAliasNodes = this.limits.maxAliasNodes ?? defaultYamlLimits.maxAliasNodes;
    const maxText = this.limits.maxFileBytes ?? defaultReadLimits.maxFileBytes;
    if (this.aliasDepth === 0) {
      this.aliasValues += size;
      if (this.aliasValues > maxAliasNodes) return this.stop('YAML_ALIAS_LIMIT', `aliases expand to more than ${maxAliasNodes} values (limit maxAliasNodes); is this an alias bomb?`, node);
      // Text copied by aliases counts as if written out: no larger than a file may be.
      this.aliasText += this.index().text.get(target) ?? 0;
      if (this.aliasText > maxText) return this.stop('YAML_ALIAS_LIMIT', `aliases copy more than ${maxText} characters of text (limit maxFileBytes); is this an alias bomb?`, node);
    }
    this.resolving.add(target);
    this.aliasDepth++;
    const v = this.value(target, depth);
    this.aliasDepth--;
    this.resolving.delete(target);
    return v;
  }

  /** The anchored node an alias refers to (yaml's own Alias.resolve walks the whole document per alias). */
  private target(alias: Alias): Node | undefined {
    return this.index().target.get(alias);
  }

  private index(): AnchorIndex {
    return (this.anchors ??= indexAnchors(this.doc.contents as Node | null));
  }

  private record(src: NodeSource, key: string | number, valueNode: Node | null): void {
    const r = valueNode?.range;
    if (r) src.putValue(key, this.file, r[0], r[1]);
    const tag = valueNode && !isAlias(valueNode) ? valueNode.tag : undefined;
    if (tag === '!reset' || tag === '!override') (src.tags ??= new Map()).set(key, tag);
  }

  private stop(code: 'YAML_ALIAS_LIMIT' | 'YAML_DEPTH_LIMIT', message: string, node: Node): null {
    if (!this.stopped) this.reporter.error(code, message, this.range(node));
    this.stopped = true;
    return null;
  }
}

/** Where each alias points, and how much each anchored node expands to. */
interface AnchorIndex {
  target: Map<Alias, Node>;
  /** Values the walker produces for an anchored node, aliases inside it expanded (as it counts them). */
  size: Map<Node, number>;
  /** Characters of the keys and scalars of an anchored node, aliases inside it expanded. */
  text: Map<Node, number>;
}

/** Characters a scalar stands for once copied: its text (a number or boolean, a few). */
function scalarText(node: Node): number {
  return isScalar(node) && typeof node.value === 'string' ? node.value.length : 8;
}

/**
 * One pass over a document, in document order and without recursion: an alias refers to the
 * last node before it with its anchor (YAML 1.2 § 3.2.2.2), and the expanded size of every
 * anchored node is known once its subtree has been left, which is before any alias can
 * refer to it (an alias inside its own anchor is a cycle, which the walker reports). Sizes
 * count what the walker counts: values, not keys; a `<<` list not itself. Text counts the
 * characters of keys and values the walker copies (not those of complex keys, which it skips).
 */
function indexAnchors(root: Node | null): AnchorIndex {
  const latest = new Map<string, Node>();
  const target = new Map<Alias, Node>();
  const size = new Map<Node, number>();
  const text = new Map<Node, number>();
  /** `counted`: a value the walker counts; `copied`: text the walker copies. */
  interface Child { node: Node | null; counted: boolean; copied: boolean; mergeList: boolean }
  interface Frame { node: Node; children: Child[]; i: number; total: number; chars: number; counted: boolean; copied: boolean; mergeList: boolean }
  const open = (node: Node, c: Child): Frame | { total: number; chars: number } => {
    if (isAlias(node)) {
      const t = latest.get(node.source);
      if (t) target.set(node, t);
      return { total: 1 + (t ? (size.get(t) ?? 0) : 0), chars: t ? (text.get(t) ?? 0) : 0 };
    }
    if (node.anchor) latest.set(node.anchor, node);
    if (!isMap(node) && !isSeq(node)) {
      if (node.anchor) {
        size.set(node, 1);
        text.set(node, scalarText(node));
      }
      return { total: 1, chars: scalarText(node) };
    }
    const frame: Frame = { node, children: [], i: 0, total: 1, chars: 0, counted: c.counted, copied: c.copied, mergeList: c.mergeList };
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        frame.children.push({ node: item as Node | null, counted: true, copied: true, mergeList: false });
        continue;
      }
      if (isSeq(node)) {
        frame.total += 1; // a pair in a sequence (!!pairs) is one value the walker does not enter
        continue;
      }
      const key = item.key as Node | null;
      const value = item.value as Node | null;
      const simpleKey = key == null || isScalar(key) || isAlias(key);
      const merge = isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
      frame.children.push({ node: key, counted: false, copied: simpleKey && !merge, mergeList: false });
      frame.children.push({ node: value, counted: simpleKey, copied: simpleKey, mergeList: merge && isSeq(value) });
    }
    return frame;
  };
  const isFrame = (x: Frame | { total: number; chars: number }): x is Frame => 'children' in x;
  const stack: Frame[] = [];
  if (root != null) {
    const first = open(root, { node: root, counted: true, copied: true, mergeList: false });
    if (isFrame(first)) stack.push(first);
  }
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const child = top.children[top.i++];
    if (child) {
      if (child.node == null) continue;
      const opened = open(child.node, child);
      if (isFrame(opened)) stack.push(opened);
      else {
        if (child.counted) top.total += opened.total;
        if (child.copied) top.chars += opened.chars;
      }
      continue;
    }
    stack.pop();
    if (top.node.anchor) {
      size.set(top.node, top.total);
      text.set(top.node, top.chars);
    }
    const parent = stack[stack.length - 1];
    if (parent && top.counted) parent.total += top.total - (top.mergeList ? 1 : 0);
    if (parent && top.copied) parent.chars += top.chars;
  }
  return { target, size, text };
}
