/**
 * POSIX path arithmetic without `node:path`, for hosts that have no Node (browsers, tests
 * with in-memory files).
 */

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** Normalizes `.` and `..` segments and repeated slashes. */
export function normalize(p: string): string {
  const abs = isAbsolute(p);
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const body = out.join('/');
  if (abs) return '/' + body;
  return body === '' ? '.' : body;
}

/** Resolves segments from left to right; an absolute segment restarts the path. */
export function resolve(base: string, ...segments: string[]): string {
  let acc = base;
  for (const s of segments) acc = isAbsolute(s) ? s : acc + '/' + s;
  return normalize(acc);
}

export function dirname(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return n.slice(0, i);
}

export function basename(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf('/');
  return i < 0 ? n : n.slice(i + 1);
}

/** True when `child` is `parent` itself or lies below it (both absolute and normalized). */
export function isInside(parent: string, child: string): boolean {
  const p = parent.endsWith('/') ? parent : parent + '/';
  return child === parent || child.startsWith(p);
}

/**
 * The path from `from` to `to`, both absolute and normalized: `.` for the same directory.
 *
 * @example relative('/work/shop', '/work/shop/app') // 'app'
 * @example relative('/work/shop', '/work/lib') // '../lib'
 */
export function relative(from: string, to: string): string {
  const a = normalize(from).split('/').filter(Boolean);
  const b = normalize(to).split('/').filter(Boolean);
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  const parts = [...a.slice(same).map(() => '..'), ...b.slice(same)];
  return parts.length ? parts.join('/') : '.';
}
