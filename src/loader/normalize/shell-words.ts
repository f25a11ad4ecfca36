/**
 * Splits a command string into words the way compose does (mattn/go-shellwords, without
 * environment or backtick expansion): blanks separate words; single quotes keep everything;
 * a backslash escapes the next character outside single quotes; `$(…)` and backticks keep
 * their blanks. As in compose, the command ends at an unquoted `;`, `&`, `|`, `<` or `>`.
 */

/** The words, and where the command was cut at a shell operator (the rest is ignored by compose). */
export interface ShellWords {
  words: string[];
  /** The text compose ignores, from the operator on, when there is one. */
  ignored?: string;
}

/**
 * @example splitShellWords(`bundle exec thin -p 3000`).words // ['bundle', 'exec', 'thin', '-p', '3000']
 * @example splitShellWords(`sh -c 'echo "hi $$HOME"'`).words // ['sh', '-c', 'echo "hi $$HOME"']
 * @returns undefined when the string is malformed (an unclosed quote, a trailing backslash, a stray `(`)
 */
export function splitShellWords(line: string): ShellWords | undefined {
  const words: string[] = [];
  let buf = '';
  let escaped = false;
  let dq = false;
  let sq = false;
  let bq = false;
  let dollar = false;
  // 0: no word yet, 1: a word of plain characters, 2: a word that had quotes
  let got = 0;
  let cut: number | undefined;
  const chars = Array.from(line);
  let offset = 0;
  for (const r of chars) {
    const at = offset;
    offset += r.length;
    if (escaped) {
      buf += r;
      escaped = false;
      got = 1;
      continue;
    }
    if (r === '\\') {
      if (sq) buf += r;
      else escaped = true;
      continue;
    }
    if (r === ' ' || r === '\t' || r === '\r' || r === '\n') {
      if (sq || dq || bq || dollar) buf += r;
      else if (got !== 0) {
        words.push(buf);
        buf = '';
        got = 0;
      }
      continue;
    }
    if (r === '`' && !sq && !dq && !dollar) bq = !bq;
    else if (r === ')' && !sq && !dq && !bq) dollar = !dollar;
    else if (r === '(' && !sq && !dq && !bq) {
      if (!dollar && buf.endsWith('$')) {
        dollar = true;
        buf += '(';
        continue;
      }
      return undefined;
    } else if (r === '"' && !sq && !dollar) {
      if (dq) got = 2;
      dq = !dq;
      continue;
    } else if (r === "'" && !dq && !dollar) {
      if (sq) got = 2;
      sq = !sq;
      continue;
    } else if (';&|<>'.includes(r) && !sq && !dq && !bq && !dollar) {
      // `2>file`: the descriptor number belongs to the redirection, not to the words.
      cut = at;
      if (r === '>' && buf.length > 0 && buf[0]! >= '0' && buf[0]! <= '9') {
        got = 0;
        cut = at - buf.length;
      }
      break;
    }
    got = 1;
    buf += r;
  }
  if (got !== 0) words.push(buf);
  if (cut === undefined && (escaped || sq || dq || bq || dollar)) return undefined;
  return cut === undefined ? { words } : { words, ignored: line.slice(cut) };
}
