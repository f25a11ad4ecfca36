/**
 * The ECS backend's documents use the ECS API's camelCase names; CloudFormation's
 * AWS::ECS::TaskDefinition and AWS::ECS::Service take the same structures in PascalCase, with
 * a few names of their own. Converting keeps one mapping of compose fields (the ECS backend's)
 * for both targets.
 */

/** Keys whose value is a map of user keys, copied as they are. */
const MAP_VALUED = new Set(['dockerLabels', 'options', 'driverOpts', 'labels']);

/** Names CloudFormation spells differently from the ECS API. */
const RENAMED: Record<string, string> = {
  efsVolumeConfiguration: 'EFSVolumeConfiguration',
  fileSystemId: 'FilesystemId',
  iam: 'IAM',
  placementStrategy: 'PlacementStrategies',
};

function key(k: string): string {
  return Object.hasOwn(RENAMED, k) ? (RENAMED[k] as string) : k.charAt(0).toUpperCase() + k.slice(1);
}

/**
 * A user's string as CloudFormation reads it: `${…}` in a plain string is taken for a missed
 * Fn::Sub (the validator's E1029), so such a string becomes an Fn::Sub whose `${!…}` escape
 * gives the same `${…}` back, e.g. a shell command `echo $${PORT}` wrote as `echo ${PORT}`.
 */
export function literal(s: string): unknown {
  return s.includes('${') ? { 'Fn::Sub': s.replace(/\$\{/g, '${!') } : s;
}

function put(out: Record<string, unknown>, k: string, v: unknown): void {
  // Only `__proto__` needs defineProperty (assigning it would set the prototype). Defining every
  // key was a fifth of the stack's build at 1,000 services and left slower objects behind.
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

/** Recursively converts ECS API JSON to CloudFormation property casing. */
export function toCfnProperties(value: unknown): unknown {
  if (typeof value === 'string') return literal(value);
  if (Array.isArray(value)) return value.map(toCfnProperties);
  if (typeof value !== 'object' || value === null) return value;
  // Keys in code-point order (the order the template is written in), so that stableJson can
  // write these properties as they are instead of copying them (issue 22). Only an order: the
  // writer checks it and sorts whatever a renamed key or a later addition put out of place.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (MAP_VALUED.has(k) && typeof v === 'object' && v !== null) {
      const map: Record<string, unknown> = {};
      for (const mk of Object.keys(v).sort()) {
        const mv = (v as Record<string, unknown>)[mk];
        put(map, mk, typeof mv === 'string' ? literal(mv) : mv);
      }
      put(out, key(k), map);
    } else put(out, key(k), toCfnProperties(v));
  }
  return out;
}
