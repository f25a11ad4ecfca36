/**
 * 12-interpolation: `$VAR`, `${VAR}` and the `${VAR<op>arg}` forms, as docker compose reads them
 * (compose-go `template`). A hand-written scanner, not a regular expression: one pass over the
 * text, recursion only into nested `${…}` (capped at MAX_NESTING), so hostile input costs
 * linear time and bounded stack.
 */
import type { Reporter } from '../diagnostics/report.js';
import type { Severity } from '../diagnostics/types.js';
import { displayPath, locate, type SourceRange } from '../core/source.js';
import { getOwn, setOwn } from '../core/own.js';

/** Resolves a variable; `undefined` means unset (as opposed to set to ''). */
export type Lookup = (name: string) => string | undefined;

/** A problem found while interpolating one string. */
export interface InterpolationIssue {
  code: 'INTERPOLATION_SYNTAX' | 'INTERPOLATION_REQUIRED' | 'INTERPOLATION_UNSET';
  message: string;
  variable?: string;
  /** Offsets [start, end) in the input of the `$…` expression concerned. */
  start: number;
  end: number;
}

/** How deeply `${A:-${B:-…}}` may nest before the string is rejected. */
export const MAX_NESTING = 64;

/**
 * The longest value interpolation may produce (16 Mi characters): env-file values that each
 * use the previous one twice would otherwise double up to the engine's string limit.
 */
export const MAX_EXPANSION = 16 * 1024 * 1024;

/**
 * How many characters interpolation may add to one load's values in all (16 Mi): thousands
 * of env files or aliases each expanding one variable to MAX_EXPANSION would otherwise
 * multiply it. Charged per Reporter, which is one per load.
 */
export const MAX_TOTAL_EXPANSION = 16 * 1024 * 1024;

/**
 * Charges the growth of one interpolated value to the load of `reporter`. Returns false, and
 * reports it the first time, when the load is over MAX_TOTAL_EXPANSION: the caller then keeps
 * the value as written.
 */
export function chargeExpansion(reporter: Reporter, from: string, to: string, where: { range?: SourceRange | undefined; path?: readonly (string | number)[] }): boolean {
  const before = reporter.meter('interpolation-growth');
  const total = reporter.charge('interpolation-growth', Math.max(0, to.length - from.length));
  if (total <= MAX_TOTAL_EXPANSION) return true;
  if (before <= MAX_TOTAL_EXPANSION) {
    reporter.report('INTERPOLATION_SYNTAX', 'error', `interpolation has added more than ${MAX_TOTAL_EXPANSION} characters to this project's values; this and later values are kept as written`, where);
  }
  return false;
}

/** Severity docker compose gives each issue: unset is a warning, the rest stop the run. */
export function severityOf(code: InterpolationIssue['code']): Severity {
  return code === 'INTERPOLATION_UNSET' ? 'warning' : 'error';
}

/**
 * Interpolates one string. Never throws; on a syntax error the input is returned unchanged.
 *
 * @example
 * interpolateString('${TAG:-latest}', () => undefined) // { value: 'latest', issues: [] }
 * interpolateString('$$HOME', () => 'x')               // { value: '$HOME', issues: [] }
 */
export function interpolateString(input: string, lookup: Lookup): { value: string; issues: InterpolationIssue[] } {
  if (!input.includes('$')) return { value: input, issues: [] };
  const scanner = new Scanner(input, lookup);
  const { value } = scanner.text(0, 0, false, true);
  // After a syntax error nothing is substituted, so only that error is worth reporting.
  if (scanner.failed) return { value: input, issues: scanner.issues.filter((i) => i.code === 'INTERPOLATION_SYNTAX') };
  return { value, issues: scanner.issues };
}

/**
 * Interpolates every string value below `root` in place; mapping keys are left alone (the spec:
 * "Interpolation applies only to YAML values, not to keys"). Like compose-go, which interpolates
 * the whole document, values under `x-` extension keys are interpolated too. Each issue is
 * reported at the string's position, with its path.
 *
 * @example
 * interpolateTree(doc, (n) => env[n], reporter) // doc.services.web.image: '${TAG}' → 'v1'
 */
export function interpolateTree(root: unknown, lookup: Lookup, reporter: Reporter): void {
  if (typeof root !== 'object' || root === null) return;
  // An explicit stack keeps document order without recursion; `seen` stops a value shared by
  // two parents from being interpolated twice (`$$X` would become `$X`, then '').
  const seen = new WeakSet<object>();
  // Copies of one string (YAML aliases share it) are expanded once and stay one string.
  const memo = new Map<string, ReturnType<typeof interpolateString>>();
  interface Frame { node: object; keys: (string | number)[]; i: number; path: (string | number)[] }
  const frame = (node: object, path: (string | number)[]): Frame => {
    seen.add(node);
    return { node, keys: Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node), i: 0, path };
  };
  const stack: Frame[] = [frame(root, [])];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const key = top.keys[top.i++];
    if (key === undefined) {
      stack.pop();
      continue;
    }
    const isArray = Array.isArray(top.node);
    const value: unknown = isArray ? (top.node as unknown[])[key as number] : getOwn(top.node, key as string);
    if (typeof value === 'object' && value !== null) {
      if (!seen.has(value)) stack.push(frame(value, [...top.path, key]));
      continue;
    }
    if (typeof value !== 'string') continue;
    let result = memo.get(value);
    if (!result) {
      result = interpolateString(value, lookup);
      memo.set(value, result);
    }
    if (result.value !== value) {
      // Every copy counts: each one reaches the output on its own.
      if (!chargeExpansion(reporter, value, result.value, { range: locate(root, [...top.path, key]), path: [...top.path, key] })) continue;
      if (isArray) (top.node as unknown[])[key as number] = result.value;
      else setOwn(top.node as Record<string, unknown>, key as string, result.value);
    }
    if (result.issues.length === 0) continue;
    const path = [...top.path, key];
    const range = locate(root, path);
    for (const issue of result.issues) {
      reporter.report(issue.code, severityOf(issue.code), `${displayPath(path)}: ${issue.message}`, { range, path });
    }
  }
}

const isNameStart = (c: number): boolean => c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57);

class Scanner {
  readonly issues: InterpolationIssue[] = [];
  failed = false;
  readonly #unset = new Set<string>();

  constructor(
    private readonly s: string,
    private readonly lookup: Lookup,
  ) {}

  /**
   * Expands text from `i` to the end of input, or (`braced`) to the `}` closing the current
   * `${`. When `live` is false the text is only checked for syntax: it is a default, message
   * or alternative that is not used, so its variables are neither looked up nor reported.
   */
  text(i: number, depth: number, braced: boolean, live: boolean): { value: string; end: number; closed: boolean } {
    const s = this.s;
    // Pieces joined once at the end: `+=` of many small pieces (every `$$`) would leave a
    // deep rope in the model, and the joined length is checked as substitutions grow it.
    const out: string[] = [];
    let length = 0;
    const put = (piece: string): void => {
      out.push(piece);
      length += piece.length;
    };
    let from = i;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (braced && c === 125 /* } */) return { value: out.join('') + s.slice(from, i), end: i + 1, closed: true };
      if (c !== 36 /* $ */) {
        i++;
        continue;
      }
      put(s.slice(from, i));
      const next = s.charCodeAt(i + 1);
      if (next === 36) {
        put('$');
        i += 2;
      } else if (next === 123 /* { */) {
        const r = this.braced(i, depth + 1, live);
        if (this.failed) return { value: out.join(''), end: s.length, closed: false };
        put(r.value);
        i = r.end;
      } else if (isNameStart(next)) {
        let j = i + 2;
        while (isNameChar(s.charCodeAt(j))) j++;
        if (live) put(this.resolve(s.slice(i + 1, j), i, j));
        i = j;
      } else {
        // The spec: a `$` that does not start a valid name or `${` is kept as written.
        put('$');
        i++;
      }
      if (length > MAX_EXPANSION) {
        this.fail(i, `the value expands to more than ${MAX_EXPANSION} characters`);
        return { value: '', end: s.length, closed: false };
      }
      from = i;
    }
    return { value: out.join('') + s.slice(from), end: s.length, closed: !braced };
  }

  /** `${…}` starting at `start` (the `$`). */
  private braced(start: number, depth: number, live: boolean): { value: string; end: number } {
    const s = this.s;
    if (depth > MAX_NESTING) return this.fail(start, `more than ${MAX_NESTING} nested \${...} expressions`);
    let j = start + 2;
    if (j >= s.length) return this.fail(start, 'unterminated "${": add the closing "}" or write $$ for a literal $');
    if (!isNameStart(s.charCodeAt(j))) return this.invalid(start);
    while (isNameChar(s.charCodeAt(j))) j++;
    const name = s.slice(start + 2, j);
    if (j >= s.length) return this.unterminated(start);
    if (s[j] === '}') return { value: live ? this.resolve(name, start, j + 1) : '', end: j + 1 };
    const colon = s[j] === ':';
    const op = colon ? s[j + 1] : s[j];
    if (op !== '-' && op !== '+' && op !== '?') return this.invalid(start);
    // `:` forms treat an empty value like an unset one.
    const v = live ? this.lookup(name) : undefined;
    const present = colon ? v !== undefined && v !== '' : v !== undefined;
    const argUsed = op === '+' ? present : !present;
    const arg = this.text(j + (colon ? 2 : 1), depth, true, live && argUsed);
    if (this.failed) return { value: '', end: s.length };
    if (!arg.closed) return this.unterminated(start);
    const end = arg.end;
    if (!live) return { value: '', end };
    if (op === '-') return { value: present ? (v ?? '') : arg.value, end };
    if (op === '+') return { value: present ? arg.value : (v ?? ''), end };
    if (present) return { value: v ?? '', end };
    const message = `required variable ${name} is missing a value` + (arg.value ? `: ${arg.value}` : '');
    this.issues.push({ code: 'INTERPOLATION_REQUIRED', message, variable: name, start, end });
    return { value: '', end };
  }

  private resolve(name: string, start: number, end: number): string {
    const v = this.lookup(name);
    if (v !== undefined) return v;
    if (!this.#unset.has(name)) {
      this.#unset.add(name);
      this.issues.push({ code: 'INTERPOLATION_UNSET', message: `variable ${name} is not set; substituting an empty string`, variable: name, start, end });
    }
    return '';
  }

  private invalid(start: number): { value: string; end: number } {
    const close = this.s.indexOf('}', start);
    const text = this.s.slice(start, close < 0 ? this.s.length : close + 1);
    const shown = text.length > 60 ? text.slice(0, 57) + '...' : text;
    return this.fail(start, `invalid interpolation "${shown}": use $VAR, \${VAR}, \${VAR:-default}, \${VAR-default}, \${VAR:?error}, \${VAR?error}, \${VAR:+alt} or \${VAR+alt}; write $$ for a literal $`);
  }

  private unterminated(start: number): { value: string; end: number } {
    const text = this.s.slice(start, start + 40);
    return this.fail(start, `unterminated "${text}${this.s.length > start + 40 ? '...' : ''}": add the closing "}" or write $$ for a literal $`);
  }

  private fail(start: number, message: string): { value: string; end: number } {
    this.failed = true;
    this.issues.push({ code: 'INTERPOLATION_SYNTAX', message, start, end: this.s.length });
    return { value: '', end: this.s.length };
  }
}
