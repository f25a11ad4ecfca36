/**
 * The common case of yaml-text.ts written directly: plain JSON data (objects, arrays, text,
 * finite numbers, booleans, null) as block YAML, byte for byte what `yaml`'s
 * `Document#toString` writes for it with the options yaml-text.ts uses (YAML 1.1, no line
 * folding, no anchors, ambiguous text double-quoted). Building a `yaml` Document, visiting its
 * scalars and stringifying it was most of the Kubernetes emit (1.4 s of 3.0 at 1,000 services,
 * docs/performance.md, issue 22); this is one walk that appends strings.
 *
 * Each text value goes through a decision table, kept per distinct text: plain, double- or
 * single-quoted, in the order `yaml`'s stringifyString decides. A multi-line text value is a
 * literal block scalar (`|-`), as `yaml`'s blockString writes it at that indentation. What is
 * not covered (multi-line keys, multi-line text ending in a line of blanks, control
 * characters, `---`/`...`/`%` at a line start of a one-line text, keys over 1,024 characters,
 * non-finite numbers, anything that is not plain data) returns undefined, and the caller
 * writes that document with `yaml` as before.
 * test/backends/yaml-text.test.ts compares both writers on generated data.
 */

/** Thrown inside the walk for a value the table does not cover; caught by blockYaml. */
const NOT_COVERED = Symbol('not covered');

// yaml 2.x stringifyString.js: characters that make a text double-quoted whatever its style.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
// yaml 2.x plainString: what a plain scalar may not start with, contain or end with.
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
// yaml 2.x blockString: what it writes double-quoted instead, and the line breaks of a block's end.
const ENDS_IN_BLANKS = /\n[\t ]+$/;
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** How a text is written, decided once per distinct text (a run repeats most of them). */
export interface TextStyles {
  /** false when a YAML 1.1 or 1.2 reader would take the plain text for another type. */
  readsAsText(text: string): boolean;
  /** true when a default tag of the writer's YAML 1.1 schema (not `str`) matches the text. */
  matchesOtherTag(text: string): boolean;
}

const MAX_REMEMBERED = 100_000;

/**
 * Writes `value` as block YAML, or returns undefined when it holds something the decision
 * table leaves to `yaml` (see the file comment).
 *
 * @example
 * blockYaml({ a: ['on', 1], b: {} }, styles) // 'a:\n  - "on"\n  - 1\nb: {}\n'
 */
export function blockYaml(value: unknown, styles: TextStyles, table: TextTable = textTable(styles)): string | undefined {
  try {
    if (Array.isArray(value)) return flat((value.length ? seq(value, '', table) : '[]') + '\n');
    if (isPlainObject(value)) {
      const body = map(value, '', table);
      return flat((body === undefined ? '{}' : body) + '\n');
    }
    return undefined;
  } catch (e) {
    if (e === NOT_COVERED) return undefined;
    throw e;
  }
}

/**
 * The text as one flat string. Appending makes V8 build a tree of pieces (a cons string, about
 * 32 bytes a piece, most pieces a few characters); the Kubernetes documents of 5,000 services
 * held that way took more memory than the text. Converting to a number flattens it (V8 reads a
 * string flat to parse it), and what the tree held becomes garbage.
 */
function flat(text: string): string {
  Number(text);
  return text;
}

/** The decision of each distinct text, remembered for one writer (yaml-text.ts `yamlWriter`). */
export type TextTable = (text: string, key: boolean) => string;

/** A decision table over `styles`, remembering up to MAX_REMEMBERED texts of keys and of values. */
export function textTable(styles: TextStyles): TextTable {
  const values = new Map<string, string>();
  const keys = new Map<string, string>();
  return (text, key) => {
    const memo = key ? keys : values;
    let out = memo.get(text);
    if (out === undefined) {
      out = styleText(text, key, styles);
      if (memo.size >= MAX_REMEMBERED) memo.clear();
      memo.set(text, out);
    }
    return out;
  };
}

/** One text as a scalar, in yaml's order: forced double quotes, plain if allowed, else quoted. */
function styleText(text: string, key: boolean, styles: TextStyles): string {
  if (text.includes('\n') || CONTROL.test(text) || DOCUMENT_MARKER.test(text)) throw NOT_COVERED;
  if (!styles.readsAsText(text)) return JSON.stringify(text);
  if (NOT_PLAIN.test(text) || styles.matchesOtherTag(text)) return quoted(text);
  if (key && text.length > 1024) throw NOT_COVERED;
  return text;
}

/** yaml's quotedString without line breaks: single quotes when the text has only `"`, else double. */
function quoted(text: string): string {
  const hasDouble = text.includes('"');
  if (hasDouble && !text.includes("'")) return `'${text}'`;
  return JSON.stringify(text);
}

/**
 * A multi-line text value as yaml 2.x blockString writes it with no line folding: a literal
 * block whose lines are at `indent` (the indentation of the value's collection plus one step),
 * chomping and indentation indicator from the text's end and start. It depends on the
 * indentation, so it is not kept in the table; such texts are few (scripts, certificates).
 */
function blockText(text: string, indent: string): string {
  // Forced double quotes, and blockString's own fall-back to quotes.
  if (CONTROL.test(text) || ENDS_IN_BLANKS.test(text)) throw NOT_COVERED;
  let value = text;
  let endStart = value.length;
  while (endStart > 0 && ' \t\n'.includes(value[endStart - 1] as string)) endStart--;
  let end = value.substring(endStart);
  const endNl = end.indexOf('\n');
  const chomp = endNl === -1 ? '-' : value === end || endNl !== end.length - 1 ? '+' : '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNl = -1;
  for (; startEnd < value.length; startEnd++) {
    const ch = value[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNl = startEnd;
    else break;
  }
  let start = value.substring(0, startNl < startEnd ? startNl + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? '2' : '') + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function scalar(v: unknown, inner: string, table: TextTable): string {
  switch (typeof v) {
    case 'string':
      return v.includes('\n') ? blockText(v, inner) : table(v, false);
    case 'number':
      if (!Number.isFinite(v)) throw NOT_COVERED;
      return Object.is(v, -0) ? '-0' : JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return 'null';
      throw NOT_COVERED;
  }
}

/** A non-empty map's lines joined at `indent` (undefined when it has no entries: `{}`). */
function map(obj: Record<string, unknown>, indent: string, table: TextTable): string | undefined {
  const inner = indent + '  ';
  let out: string | undefined;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) continue;
    const line = table(k, true) + ':' + after(v, inner, table);
    out = out === undefined ? line : out + '\n' + indent + line;
  }
  return out;
}

/** What follows `key:` — ` scalar`, ` {}`/` []`, or the collection on the next lines at `inner`. */
function after(v: unknown, inner: string, table: TextTable): string {
  if (Array.isArray(v)) return v.length ? '\n' + inner + seq(v, inner, table) : ' []';
  if (typeof v === 'object' && v !== null) {
    if (!isPlainObject(v)) throw NOT_COVERED;
    const body = map(v, inner, table);
    return body === undefined ? ' {}' : '\n' + inner + body;
  }
  return ' ' + scalar(v, inner, table);
}

/** A non-empty sequence's `- ` lines joined at `indent`. */
function seq(items: readonly unknown[], indent: string, table: TextTable): string {
  const inner = indent + '  ';
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    let text: string;
    if (Array.isArray(v)) text = v.length ? seq(v, inner, table) : '[]';
    else if (typeof v === 'object' && v !== null) {
      if (!isPlainObject(v)) throw NOT_COVERED;
      text = map(v, inner, table) ?? '{}';
    } else text = scalar(v, inner, table);
    out += (i === 0 ? '- ' : '\n' + indent + '- ') + text;
  }
  return out;
}
