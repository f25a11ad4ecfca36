/**
 * Logical IDs: readable (derived from the compose service name), stable (the same name gives
 * the same ID on every run, so changing one image tag changes only that service's resources),
 * and collision-safe (two names that clean up to the same ID get a short hash of the original).
 *
 * Every ID the stack derives is a base followed by a suffix that starts with a capital
 * (`WebService`, `WebTcp80TargetGroup`), so two bases can only produce the same ID when one is
 * a prefix of the other. That is rare and usually harmless (`Web`, `WebWorker`), so bases stay
 * readable; when a build does collide, it is redone with `strict` bases, where any base that
 * extends another (or a fixed ID of the stack) gets the hash too.
 */

/** `web-python` → `WebPython`; a leading digit gets an `S` prefix (IDs start with a letter). */
export function pascal(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || 'Service';
  return /^[0-9]/.test(id) ? `S${id}` : id;
}

/** FNV-1a, 32 bits, as 6 base-36 characters: short, stable, no crypto needed. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(6, '0').slice(-6).toUpperCase();
}

/** IDs the stack itself uses, which a base must not run into in strict mode. */
export const FIXED_IDS = [
  'AssignPublicIp',
  'CertificateArn',
  'Cluster',
  'ClusterName',
  'EnvironmentName',
  'ExistingListenerArn',
  'ExistingLoadBalancerSecurityGroupId',
  'InstanceSecurityGroupId',
  'Instances',
  'Listener',
  'LoadBalancer',
  'LoadBalancerArn',
  'LoadBalancerSecurityGroup',
  'NetworkLoadBalancer',
  'ServiceDiscoveryNamespace',
  'Subnets',
  'VpcId',
];

/** A logical ID base for each name, unique among them. */
export function logicalIdBases(names: readonly string[], options: { strict?: boolean } = {}): Map<string, string> {
  const unique = [...new Set(names)];
  const byBase = new Map<string, string[]>();
  for (const n of unique) byBase.set(pascal(n), [...(byBase.get(pascal(n)) ?? []), n]);
  const out = new Map<string, string>();
  for (const [base, group] of byBase) {
    for (const n of group) out.set(n, group.length === 1 ? base : `${base}${shortHash(n)}`);
  }
  if (!options.strict) return out;
  const taken = [...out.values()];
  for (const [n, base] of out) {
    const extends_ = (other: string): boolean => other !== base && (base.startsWith(other) || other.startsWith(base));
    if (taken.some(extends_) || FIXED_IDS.some(extends_) || FIXED_IDS.includes(base)) out.set(n, `${pascal(n)}${shortHash(n)}`);
  }
  return out;
}
