/**
 * Safe writes to plain objects built from user input: a key named `__proto__` becomes an own
 * property instead of replacing the prototype, so no input can pollute Object.prototype.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Own-property read: never returns something inherited from Object.prototype. */
export function getOwn(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** A plain mapping (not null, not an array). */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Own-property read of a map keyed by names a user wrote (services, secrets, x-ecs maps):
 * `constructor` or `toString` is a name like any other, never a member of Object.prototype.
 *
 * @example
 * ownValue({ db: 'arn:…' }, 'constructor') // undefined
 */
export function ownValue<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}
