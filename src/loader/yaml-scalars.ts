/**
 * Scalars of the fast YAML reader (yaml-fast.ts): double-quoted escapes, and plain scalars
 * resolved as the full parser resolves them (YAML 1.2 core schema, then yaml-source.ts's
 * adjustments). A text outside what is handled here gives up through `bail`.
 */
/** Thrown to give up (yaml-fast.ts catches it and answers NOT_SIMPLE). */
export const BAIL: unique symbol = Symbol('give up');

/** Gives up on the whole file. */
export function bail(): never {
  throw BAIL;
}

/** A double-quoted escape after the backslash at `p - 1`: its text and how many characters it used. */
export function escape(t: string, p: number): [string, number] {
  const c = t[p];
  switch (c) {
    case '\\':
      return ['\\', 1];
    case '"':
      return ['"', 1];
    case '/':
      return ['/', 1];
    case 'n':
      return ['\n', 1];
    case 't':
      return ['\t', 1];
    case 'r':
      return ['\r', 1];
    case '0':
      return ['\0', 1];
    case 'b':
      return ['\b', 1];
    case 'f':
      return ['\f', 1];
    case 'x':
    case 'u': {
      const len = c === 'x' ? 2 : 4;
      const hex = t.slice(p + 1, p + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) bail();
      const code = parseInt(hex, 16);
      if (code >= 0xd800 && code <= 0xdfff) bail();
      return [String.fromCharCode(code), 1 + len];
    }
    default:
      return bail();
  }
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const OCTAL_11 = /^[-+]?0[0-7]+$/;

/** A plain scalar resolved by the YAML 1.2 core schema, in the order the full parser tries its tags. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Fast exit for ordinary words: no core-schema tag starts with these.
  if ((c >= 97 && c <= 122 && c !== 102 && c !== 110 && c !== 116) || (c >= 65 && c <= 90 && c !== 70 && c !== 78 && c !== 84)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.slice(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.slice(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** A plain scalar as a value of the model, with the full parser walker's adjustments (yaml-source.ts). */
export function valueOfPlain(s: string): unknown {
  const v = resolvePlain(s);
  if (typeof v !== 'number') return v;
  if (OCTAL_11.test(s)) return parseInt(s, 8);
  if (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v))) return s;
  return v;
}
