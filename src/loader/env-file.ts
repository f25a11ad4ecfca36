/**
 * 05-services, "Env_file format": `VAR[=[VAL]]` lines, read as docker compose reads them
 * (compose-go `dotenv`), and `format: raw`, read as `docker run --env-file` reads them
 * (docker/cli `kvfile`). A problem on one line is reported and the next line is read.
 */
import type { Reporter } from '../diagnostics/report.js';
import type { SourceFile, SourceRange } from '../core/source.js';
import { chargeExpansion, interpolateString, severityOf, type Lookup } from './interpolate.js';

export interface EnvFileOptions {
  /** `format: raw`: values verbatim, no quotes, escapes, comments after values or interpolation. */
  raw?: boolean;
  /** Resolves `${VAR}` in values, and the value of a bare `VAR` line. */
  lookup?: Lookup;
  /**
   * When a value refers to a variable both set earlier in this file and known to `lookup`:
   * `'lookup'` (default) uses the lookup's value, as docker compose has done since
   * compose-go#403 (so `.env` values agree with the environment that overrides them);
   * `'file'` uses the file's own earlier value, as a shell would.
   */
  precedence?: 'lookup' | 'file';
}

/**
 * Parses env-file text into its variables, in file order (a repeated name keeps its first
 * place and its last value). Never throws.
 *
 * @example
 * parseEnvFile(new SourceFile('.env', 'A=1\nB="${A}-x" # note\n'), reporter) // Map { A → '1', B → '1-x' }
 */
export function parseEnvFile(file: SourceFile, reporter: Reporter, options: EnvFileOptions = {}): Map<string, string> {
  const parser = new EnvParser(file, reporter, options);
  return options.raw ? parser.raw() : parser.dotenv();
}

const BLANK = /[ \t\v\f\r\u00a0\u0085]/;
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
// KEY_CHAR for ASCII, where \p{L} is A-Z and a-z and \p{N} is 0-9: nearly every key is ASCII,
// and V8 builds the Unicode tables of KEY_CHAR the first time it runs (~0.5 ms of a CLI run).
const ASCII_KEY_CHAR = /[A-Za-z0-9_.\-[\]]/;

/**
 * Whether one character (a code point, as a string) may appear in a variable name: a letter,
 * a digit, `_`, `.`, `-`, `[` or `]`.
 *
 * @example isKeyChar('é') // true
 */
export function isKeyChar(ch: string): boolean {
  return ch.charCodeAt(0) < 0x80 ? ASCII_KEY_CHAR.test(ch) : KEY_CHAR.test(ch);
}
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', $: '$$' };

class EnvParser {
  readonly vars = new Map<string, string>();
  private readonly text: string;
  private readonly lookup: Lookup;
  constructor(
    private readonly file: SourceFile,
    private readonly reporter: Reporter,
    private readonly options: EnvFileOptions,
  ) {
    this.text = file.text;
    this.lookup = options.lookup ?? (() => undefined);
  }

  dotenv(): Map<string, string> {
    let i = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i < this.text.length) i = this.statement(i, this.eol(i));
    return this.vars;
  }

  raw(): Map<string, string> {
    let i = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i < this.text.length) {
      const eol = this.eol(i);
      // Only the line break is dropped: trailing whitespace is part of a raw value.
      const end = eol > i && this.text[eol - 1] === '\r' ? eol - 1 : eol;
      const line = this.text.slice(i, end);
      const start = i + line.length - line.trimStart().length;
      const eqInLine = line.indexOf('=', start - i);
      const eq = i + eqInLine;
      const hasValue = eqInLine >= 0;
      i = eol + 1;
      if (start >= end || this.text[start] === '#') continue;
      const key = this.text.slice(start, hasValue ? eq : end);
      if (key === '') this.error(start, start + 1, 'missing variable name before "="');
      else if (/[ \t]/.test(key)) this.error(start, start + key.length, `variable name "${key}" contains whitespace`);
      else if (hasValue) this.vars.set(key, this.text.slice(eq + 1, end));
      else this.inherit(key);
    }
    return this.vars;
  }

  /** One `[export] VAR[=[VAL]]` statement starting on the line [start, eol); returns where the next one may start. */
  private statement(start: number, eol: number): number {
    const t = this.text;
    let i = this.skipBlank(start, eol);
    if (i === eol || t[i] === '#') return eol + 1;
    if (t.startsWith('export', i) && BLANK.test(t[i + 6] ?? '')) {
      const after = this.skipBlank(i + 6, eol);
      if (after < eol) i = after;
    }
    const keyStart = i;
    // compose-go also takes the YAML-like `VAR: VAL`.
    while (i < eol && t[i] !== '=' && t[i] !== ':') {
      const ch = String.fromCodePoint(t.codePointAt(i) as number);
      if (!isKeyChar(ch) && !BLANK.test(ch)) {
        this.error(i, i + ch.length, `unexpected character ${JSON.stringify(ch)} in variable name: names use letters, digits, "_", ".", "-", "[" and "]"`);
        return eol + 1;
      }
      i += ch.length;
    }
    const key = t.slice(keyStart, i).trimEnd();
    if (key === '' || /\s/.test(key)) {
      if (key === '') this.error(i, i + 1, 'missing variable name before "="');
      else this.error(keyStart, keyStart + key.length, `variable name "${key}" cannot contain spaces`);
      return eol + 1;
    }
    if (i === eol) {
      this.inherit(key);
      return eol + 1;
    }
    const v = this.skipBlank(i + 1, eol);
    const quote = t[v];
    if (quote === '"' || quote === "'") return this.quoted(key, v, quote, eol);
    let raw = t.slice(v, eol);
    const comment = raw.indexOf(' #');
    if (comment >= 0) raw = raw.slice(0, comment);
    raw = raw.trimEnd();
    this.vars.set(key, this.expand(key, raw, v));
    return eol + 1;
  }

  /** A value in quotes opening at `open`; it may run over several lines. */
  private quoted(key: string, open: number, quote: '"' | "'", eol: number): number {
    const t = this.text;
    // Linear overall: when this search runs off the end, every later quote of this kind is
    // escaped (preceded by `\\`), so no later value can open one and search again.
    let k = open + 1;
    while (k < t.length && t[k] !== quote) k += t[k] === '\\' ? 2 : 1;
    if (k >= t.length) {
      this.error(open, eol, `unterminated ${quote === '"' ? 'double' : 'single'}-quoted value: add the closing ${quote}`);
      return eol + 1;
    }
    const inner = t.slice(open + 1, k).replace(/\r\n/g, '\n');
    const next = this.eol(k + 1);
    const rest = this.skipBlank(k + 1, next);
    if (rest < next && t[rest] !== '#') this.error(rest, next, `unexpected text after the closing ${quote}: a comment after a quoted value starts with "#"`);
    this.vars.set(key, quote === "'" ? unescapeSingle(inner) : this.expand(key, unescapeDouble(inner), open, k + 1));
    return next + 1;
  }

  /**
   * Interpolates a value. Without `quotedEnd` the value is the file's text from `at`, so an issue
   * is placed exactly; in a double-quoted value escapes shift offsets, so the whole value is.
   */
  private expand(key: string, value: string, at: number, quotedEnd?: number): string {
    const own = this.vars;
    const lookup: Lookup =
      this.options.precedence === 'file' ? (n) => (own.has(n) ? own.get(n) : this.lookup(n)) : (n) => this.lookup(n) ?? own.get(n);
    const { value: out, issues } = interpolateString(value, lookup);
    for (const issue of issues) {
      const range: SourceRange =
        quotedEnd === undefined ? { file: this.file, start: at + issue.start, end: at + issue.end } : { file: this.file, start: at, end: quotedEnd };
      this.reporter.report(issue.code, severityOf(issue.code), `${key}: ${issue.message}`, { range });
    }
    const whole: SourceRange = { file: this.file, start: at, end: quotedEnd ?? at + value.length };
    return out === value || chargeExpansion(this.reporter, value, out, { range: whole }) ? out : value;
  }

  /** A bare `VAR`: its value comes from the lookup; unknown there, it stays unset. */
  private inherit(key: string): void {
    const v = this.lookup(key);
    if (v !== undefined) this.vars.set(key, v);
  }

  private eol(i: number): number {
    const n = this.text.indexOf('\n', i);
    return n < 0 ? this.text.length : n;
  }

  private skipBlank(i: number, end: number): number {
    while (i < end && BLANK.test(this.text[i] as string)) i++;
    return i;
  }

  private error(start: number, end: number, message: string): void {
    this.reporter.error('ENV_FILE_SYNTAX', message, { file: this.file, start, end: Math.max(start, end) });
  }
}

/** Single quotes: literal, except that `\'` is a quote (the backslash before anything else stays). */
function unescapeSingle(s: string): string {
  return s.replace(/\\([\s\S])/g, (m, c: string) => (c === "'" ? "'" : m));
}

/**
 * Double quotes: the shell escapes compose-go knows (`\n \r \t \a \b \f \v \\ \" \$` and octal
 * `\0ooo`); any other backslash stays. `\$` becomes `$$` so interpolation keeps a literal `$`.
 */
function unescapeDouble(s: string): string {
  return s.replace(/\\(0[0-7]{3}|[\s\S])/g, (m, c: string) => {
    if (c.length === 4) {
      const code = parseInt(c.slice(1), 8);
      return code <= 0xff ? String.fromCharCode(code) : m;
    }
    return Object.hasOwn(SIMPLE_ESCAPES, c) ? (SIMPLE_ESCAPES[c] as string) : m;
  });
}
