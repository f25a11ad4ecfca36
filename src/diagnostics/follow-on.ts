/**
 * Follow-on findings: a later stage's error about a place where an earlier stage already found
 * an error is the same mistake seen again. After `imgae: nginx` the loader reports the unknown
 * key (did you mean image?), and a backend would go on to report that the service has no
 * image; the typo is reported alone. The loader's normalizer drops its own follow-ons the same
 * way (a value the schema check rejected is not reported again).
 */
import type { Diagnostic } from './types.js';

/**
 * `later` without the errors at a place (a JSON pointer at least two levels deep, such as
 * `/services/web`) where, or inside which, `earlier` holds an error.
 *
 * @example
 * withoutFollowOns([{ code: 'COMPOSE_UNKNOWN_KEY', severity: 'error', message: '…', path: '/services/web/imgae' }],
 *   [{ code: 'ECS_NO_IMAGE', severity: 'error', message: '…', path: '/services/web' }]) // []
 */
export function withoutFollowOns(earlier: readonly Diagnostic[], later: readonly Diagnostic[]): Diagnostic[] {
  const places = new Set<string>();
  for (const d of earlier) {
    if (d.severity !== 'error' || d.path === undefined) continue;
    // The pointer and every ancestor of it with two or more levels: /services/web/imgae gives
    // /services/web/imgae and /services/web.
    const parts = d.path.split('/');
    for (let n = parts.length; n >= 3; n--) places.add(parts.slice(0, n).join('/'));
  }
  if (places.size === 0) return [...later];
  return later.filter((d) => d.severity !== 'error' || d.path === undefined || !places.has(d.path));
}
