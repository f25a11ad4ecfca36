/**
 * JSON paths for validator messages, in the `$.a.b[0]["odd-key"]` form, so every
 * problem names the exact spot in the document.
 *
 * @example
 * childPath(childPath('$', 'containerDefinitions'), 0) // '$.containerDefinitions[0]'
 */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Turns a JSON Pointer (ajv's `instancePath`, e.g. `/spec/ports/0`) into a path under `root`.
 *
 * @example
 * pointerToPath('$', '/spec/ports/0') // '$.spec.ports[0]'
 */
export function pointerToPath(root: string, pointer: string): string {
  if (pointer === '') return root;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((path, token) => childPath(path, /^\d+$/.test(token) ? Number(token) : token), root);
}

/**
 * A short description of a JSON value for "expected X, got Y" messages.
 *
 * @example
 * describeJson('512') // 'string "512"'
 */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * The closest candidate within edit distance 2, for "did you mean" hints on unknown keys.
 *
 * @example
 * closestName('containerDefinitons', ['family', 'containerDefinitions']) // 'containerDefinitions'
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** True for a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
