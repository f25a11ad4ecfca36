/**
 * "Did you mean …?" for misspelled keys and values.
 */

/**
 * Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
 * and swaps of two adjacent characters each cost 1.
 *
 * @example editDistance('imgae', 'image') // 1
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  const width = b.length + 1;
  let prev2: number[] = new Array<number>(width).fill(0);
  let prev: number[] = Array.from({ length: width }, (_, j) => j);
  let row: number[] = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row[j] = d;
    }
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate closest to `input`, if one is close enough to be a likely typo: at most
 * max(2, ⌊length/3⌋) edits, compared case-insensitively and with `-` and `_` treated alike.
 * Ties go to the alphabetically first candidate, so the answer never depends on order.
 *
 * @example closestMatch('imagee', ['image', 'init']) // 'image'
 * @example closestMatch('frobnicate', ['image', 'init']) // undefined
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');
  const typed = norm(input);
  const limit = Math.max(2, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const d = editDistance(typed, norm(candidate));
    // Two edits turn any two-letter word into any other: a guess must keep at least one letter.
    if (d > limit || d >= Math.max(input.length, candidate.length)) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
