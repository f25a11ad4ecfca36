/**
 * A small YAML writer for the plain data the property tests generate: block mappings and
 * sequences, strings plain where YAML 1.2 (core schema) reads them back as the same string and
 * double-quoted otherwise. It writes what `yaml`'s stringify writes for such data, give or take
 * quoting, at a fraction of the cost: the generated files of the fuzz runs spent ~17 % of
 * their time in `yaml`'s stringify. yaml-writer.test.ts holds it to `yaml`'s parser: any
 * JSON-like value written here reads back equal.
 *
 * Like `yaml`'s stringify, a mapping entry whose value is `undefined` is left out and an
 * `undefined` item of a sequence is written as null.
 */

/** YAML text of a plain value (mappings, arrays, strings, numbers, bigints, booleans, null). */
export function writeYaml(value: unknown): string {
  const out: string[] = [];
  if (isFilledMapping(value)) mapping(value, '', out);
  else if (isFilledArray(value)) sequence(value, '', out);
  else out.push(scalar(value));
  return out.join('\n') + '\n';
}

function isFilledMapping(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const k of Object.keys(v)) if ((v as Record<string, unknown>)[k] !== undefined) return true;
  return false;
}

function isFilledArray(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0;
}

function mapping(obj: Record<string, unknown>, pad: string, out: string[]): void {
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) continue;
    const key = pad + text(k);
    if (isFilledMapping(v)) {
      out.push(key + ':');
      mapping(v, pad + '  ', out);
    } else if (isFilledArray(v)) {
      out.push(key + ':');
      sequence(v, pad + '  ', out);
    } else out.push(key + ': ' + scalar(v));
  }
}

function sequence(arr: readonly unknown[], pad: string, out: string[]): void {
  const inner = pad + '  ';
  for (const item of arr) {
    if (isFilledMapping(item) || isFilledArray(item)) {
      // The item's first line goes after the dash; the rest keep the item's indentation.
      const first = out.length;
      if (Array.isArray(item)) sequence(item, inner, out);
      else mapping(item, inner, out);
      out[first] = pad + '- ' + out[first]!.slice(inner.length);
    } else out.push(pad + '- ' + scalar(item));
  }
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (v === Infinity) return '.inf';
    if (v === -Infinity) return '-.inf';
    return Object.is(v, -0) ? '-0' : String(v);
  }
  if (typeof v === 'string') return text(v);
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object') return '{}';
  throw new TypeError(`writeYaml: cannot write a ${typeof v}`);
}

// Words and numbers the core schema resolves to something other than a string, and the merge key.
const TYPED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|<<|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
// Printable ASCII that cannot start a plain scalar, never `: ` or ` #` inside, no edge spaces.
const PLAIN = /^(?![-?:](?:[ ]|$))(?![,[\]{}#&*!|>'"%@` ])(?!---|\.\.\.)(?!.*(?:: | #))[\x20-\x7e]*[\x21-\x39\x3b-\x7e]$/;

/** A string as a plain scalar when it reads back as itself, else double-quoted. */
function text(s: string): string {
  if (PLAIN.test(s) && !TYPED.test(s)) return s;
  // JSON's escapes are YAML's; YAML also wants DEL, C1 controls, line/paragraph separators,
  // the byte order mark and the non-characters U+FFFE/U+FFFF escaped.
  return JSON.stringify(s).replace(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
