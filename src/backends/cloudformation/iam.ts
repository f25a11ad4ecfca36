/**
 * The IAM roles of a task. The execution role (what ECS does for the task: pull the image,
 * write logs, read exactly the secrets the containers reference) is always the stack's own
 * unless x-ecs.execution_role_arn names one. The task role (what the containers may do) is
 * created from x-ecs.task_role (x-aws-role / x-aws-policies), or when ECS Exec needs one;
 * x-ecs.task_role_arn keeps a given role.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import { createsLogGroup } from './logs.js';
import { writtenAt } from './settings.js';
import { getAtt, sub, type Json, type Template } from './template.js';
import { literal } from './cfn-properties.js';

const TRUST_ECS_TASKS: Json = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** What ECS Exec (enable_execute_command) needs from the task role. */
const ECS_EXEC_ACTIONS = ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'];

export function addExecutionRole(t: Template, id: string, containers: Json[], extra: readonly Json[] = []): string {
  const roleId = `${id}ExecutionRole`;
  const secretArns = new Set<string>();
  let registry: string | undefined;
  for (const c of containers) {
    for (const s of (c.Secrets as { ValueFrom: unknown }[] | undefined) ?? []) addText(secretArns, s.ValueFrom);
    const log = c.LogConfiguration as { SecretOptions?: { ValueFrom: unknown }[] } | undefined;
    for (const s of log?.SecretOptions ?? []) addText(secretArns, s.ValueFrom);
    const creds = textOf((c.RepositoryCredentials as { CredentialsParameter?: unknown } | undefined)?.CredentialsParameter);
    if (creds) registry = creds;
  }
  const sorted = [...secretArns].sort();
  const statements: Json[] = [];
  // `arn:…:secret:name-AbCdEf:json-key:stage:version` reads the secret `arn:…:secret:name-AbCdEf`.
  const secretsManager = [...sorted.filter((a) => a.includes(':secretsmanager:')), ...(registry ? [registry] : [])].map((a) => a.split(':').slice(0, 7).join(':'));
  // A name rather than an ARN is an SSM parameter of the same Region and account.
  const ssm = sorted.filter((a) => !a.includes(':secretsmanager:')).map((a) => (a.startsWith('arn:') ? literal(a) : sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${a.replace(/^\//, '').replace(/\$\{/g, '${!')}`)));
  if (secretsManager.length) statements.push({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [...new Set(secretsManager)].sort().map(literal) });
  if (ssm.length) statements.push({ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ssm });
  // Secrets the files name no ARN for: read through stack parameters (secret-parameters.ts).
  statements.push(...extra);
  // awslogs-create-group: the managed policy allows writing logs, not creating groups.
  if (createsLogGroup(containers)) statements.push({ Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: '*' });
  t.resource(roleId, 'AWS::IAM::Role', {
    AssumeRolePolicyDocument: TRUST_ECS_TASKS,
    ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')],
    ...(statements.length ? { Policies: [{ PolicyName: 'task-execution', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] } : {}),
  });
  return roleId;
}

/**
 * The text of a value the task definition holds: a string, or the Fn::Sub `literal` made of a
 * string with `${` in it (an ARN written with `$${`, or kept as written after an interpolation
 * error).
 */
function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const s = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['Fn::Sub'] : undefined;
  return typeof s === 'string' ? s.replace(/\$\{!/g, '${') : undefined;
}

function addText(set: Set<string>, v: unknown): void {
  const s = textOf(v);
  if (s !== undefined) set.add(s);
}

/**
 * The task role the stack creates for `task`, as the TaskRoleArn value; undefined when the task
 * has none or keeps a given one (x-ecs.task_role_arn, already in the task definition).
 */
export function addTaskRole(ir: EcsIR, t: Template, task: Task, id: string, td: Json, execCommand: boolean, diagnostics: Diagnostic[]): unknown {
  const s = task.settings;
  if (s.task_role_arn) {
    const at = s.task_role ? writtenAt(ir, task, 'task_role') : undefined;
    if (at) diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `x-ecs.task_role of task "${task.name}" is not created: x-ecs.task_role_arn names the role the task uses`, at));
    return undefined;
  }
  if (!s.task_role && !execCommand) return undefined;
  const policies: Json[] = [];
  const doc = s.task_role?.policy_document;
  if (doc) {
    if (doc.Statement === undefined) {
      const at = writtenAt(ir, task, 'task_role');
      diagnostics.push(ir.diagnostic('ECS_INVALID', 'error', `x-ecs.task_role.policy_document of task "${task.name}" has no Statement: an IAM policy document is { Version: "2012-10-17", Statement: [...] }`, at ? [...at, 'policy_document'] : ['services', task.services[0] as string]));
    } else policies.push({ PolicyName: 'task', PolicyDocument: doc });
  }
  const own: Json[] = [];
  if (execCommand) own.push({ Effect: 'Allow', Action: ECS_EXEC_ACTIONS, Resource: '*' });
  const fileSystems = efsWithIam(td);
  if (fileSystems.length) {
    own.push({
      Effect: 'Allow',
      Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      Resource: fileSystems.map((fs) => sub(`arn:\${AWS::Partition}:elasticfilesystem:\${AWS::Region}:\${AWS::AccountId}:file-system/${fs}`)),
    });
  }
  if (own.length) policies.push({ PolicyName: 'ecs', PolicyDocument: { Version: '2012-10-17', Statement: own } });
  // extends appends lists, so an ARN may come twice; IAM takes each once (first occurrence kept).
  const managed = [...new Set(s.task_role?.managed_policy_arns ?? [])];
  const roleId = `${id}TaskRole`;
  t.resource(roleId, 'AWS::IAM::Role', {
    AssumeRolePolicyDocument: TRUST_ECS_TASKS,
    ...(managed.length ? { ManagedPolicyArns: managed } : {}),
    ...(policies.length ? { Policies: policies } : {}),
  });
  t.output(`${id}TaskRoleArn`, getAtt(roleId, 'Arn'), `IAM role of the containers of ${task.name}`);
  return getAtt(roleId, 'Arn');
}

/** File systems the task mounts with IAM authorization (the task role must be allowed to). */
function efsWithIam(td: Json): string[] {
  const out = new Set<string>();
  for (const v of (td.Volumes as Json[] | undefined) ?? []) {
    const efs = v.EFSVolumeConfiguration as { FilesystemId?: string; AuthorizationConfig?: { IAM?: string } } | undefined;
    if (efs?.FilesystemId && efs.AuthorizationConfig?.IAM === 'ENABLED') out.add(efs.FilesystemId);
  }
  return [...out].sort();
}
