/**
 * Secrets the compose files name no ARN for: a stack parameter per secret holds its SSM
 * parameter name (default `/<project>/<secret>`) or Secrets Manager secret name (default
 * `<project>/<secret>`), the containers read it through the parameter, and the execution role
 * may read exactly those (ssm:GetParameters, and kms:Decrypt through SSM only, or
 * secretsmanager:GetSecretValue), nothing wider.
 */
import type { DerivedSecret } from '../ecs/container-context.js';
import { pascal, shortHash } from './logical-ids.js';
import { ref, sub, type Json, type Template } from './template.js';

/** The parameter of one derived secret, created once per stack. */
function parameterOf(t: Template, d: DerivedSecret): string {
  const base = `Secret${pascal(d.secret)}`;
  // Two secret names may clean up to one ID (db-password, db_password): the second gets a hash.
  const taken = t.parameters[base] as { Default?: unknown } | undefined;
  const id = !taken || taken.Default === d.name ? base : `${base}${shortHash(d.secret)}`;
  if (!t.parameters[id]) {
    const ssm = d.store === 'ssm';
    t.parameter(id, {
      Type: 'String',
      Default: d.name,
      // A name, not a value; but the validator reads secret-like parameter names as passwords (W2509).
      NoEcho: true,
      AllowedPattern: ssm ? (d.name.startsWith('/') ? '^/[a-zA-Z0-9_.\\-/]+$' : '^[a-zA-Z0-9_.\\-][a-zA-Z0-9_.\\-/]*$') : '^[a-zA-Z0-9/_+=.@\\-]+$',
      Description: ssm ? `Name of the SSM SecureString parameter that holds the compose secret ${d.secret}` : `Name of the Secrets Manager secret that holds the compose secret ${d.secret}`,
    });
  }
  return id;
}

/** The ARN a parameter's value names (`${P}` is the parameter). */
function arnOf(d: DerivedSecret, id: string, suffix = ''): unknown {
  // Fn::Join, not Fn::Sub: the validator reads `${AWS::AccountId}` in an IAM resource as text (E3510).
  if (d.store === 'secretsmanager') return { 'Fn::Join': ['', ['arn:', ref('AWS::Partition'), ':secretsmanager:', ref('AWS::Region'), ':', ref('AWS::AccountId'), `:secret:`, ref(id), ...(suffix ? [suffix] : [])]] };
  return sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${d.name.startsWith('/') ? '' : '/'}\${${id}}`);
}

/**
 * Replaces each derived valueFrom in the containers by the stack parameter's value; returns
 * the execution role statements that allow reading exactly those, and the valueFroms replaced
 * (which the role's own scan of literal ARNs must leave alone).
 */
export function useSecretParameters(t: Template, derived: ReadonlyMap<string, DerivedSecret>, containers: Json[]): { statements: Json[] } {
  const used = new Map<string, { d: DerivedSecret; id: string }>();
  for (const c of containers) {
    for (const s of (c.Secrets as { ValueFrom: unknown }[] | undefined) ?? []) {
      const d = typeof s.ValueFrom === 'string' ? derived.get(s.ValueFrom) : undefined;
      if (!d) continue;
      const id = parameterOf(t, d);
      used.set(id, { d, id });
      // SSM takes the parameter's name in the task's Region; Secrets Manager needs the ARN.
      s.ValueFrom = d.store === 'ssm' ? ref(id) : arnOf(d, id);
    }
  }
  const all = [...used.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ssm = all.filter((u) => u.d.store === 'ssm');
  const sm = all.filter((u) => u.d.store === 'secretsmanager');
  const statements: Json[] = [];
  if (ssm.length) {
    statements.push({ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ssm.map((u) => arnOf(u.d, u.id)) });
    // SecureString values are decrypted with their KMS key, through SSM only.
    statements.push({
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*'),
      Condition: { StringEquals: { 'kms:ViaService': sub('ssm.${AWS::Region}.amazonaws.com') } },
    });
  }
  // Secrets Manager appends 6 random characters to a secret's ARN.
  if (sm.length) statements.push({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: sm.map((u) => arnOf(u.d, u.id, '-??????')) });
  return { statements };
}
