/**
 * The ECS backend's documents use the ECS API's camelCase names; CloudFormation's
 * AWS::ECS::TaskDefinition takes the same structures in PascalCase, with a few names of its
 * own. Converting keeps one mapping of compose fields (the ECS backend's) for both targets.
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
  return RENAMED[k] ?? k.charAt(0).toUpperCase() + k.slice(1);
}

/** Recursively converts ECS API JSON to CloudFormation property casing. */
export function toCfnProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCfnProperties);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[key(k)] = MAP_VALUED.has(k) ? v : toCfnProperties(v);
  }
  return out;
}
