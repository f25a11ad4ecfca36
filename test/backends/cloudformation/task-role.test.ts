import { describe, expect, it } from 'vitest';
import { brief, compile, templateValidity } from './compile.js';

/** Each compiled stack passes cloudformation-validate (one validator for the file). */
const valid = templateValidity();

const app = (xecs: string) => `x-ecs: { launch_type: FARGATE }
services:
  app:
    image: example/app:1.0.0
    x-ecs:
${xecs}`;

const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

describe('x-ecs.task_role → AWS::IAM::Role and TaskRoleArn', () => {
  it('creates a role ecs-tasks may assume, with the inline policy and the managed policies, and the task uses it', async () => {
    const c = await compile(
      app(`      task_role:
        managed_policy_arns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
        policy_document:
          Version: "2012-10-17"
          Statement:
            - { Effect: Allow, Action: sqs:SendMessage, Resource: "arn:aws:sqs:eu-west-1:123456789012:orders" }
`),
    );
    const role = c.template.Resources.AppTaskRole;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument).toEqual(TRUST);
    expect(role.Properties.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    expect(role.Properties.Policies).toEqual([{ PolicyName: 'task', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:orders' }] } }]);
    expect(c.template.Resources.AppTaskDefinition.Properties.TaskRoleArn).toEqual({ 'Fn::GetAtt': ['AppTaskRole', 'Arn'] });
    expect(c.template.Outputs.AppTaskRoleArn.Value).toEqual({ 'Fn::GetAtt': ['AppTaskRole', 'Arn'] });
    await valid(c);
  });

  it('x-aws-role and x-aws-policies (Docker ECS integration) become the same role', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  app:
    image: example/app:1.0.0
    x-aws-policies: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
    x-aws-role:
      Version: "2012-10-17"
      Statement: [{ Effect: Allow, Action: sqs:SendMessage, Resource: "*" }]
`);
    expect(c.template.Resources.AppTaskRole.Properties.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    expect(c.template.Resources.AppTaskRole.Properties.Policies[0].PolicyDocument.Statement[0].Action).toBe('sqs:SendMessage');
    await valid(c);
  });

  it('a policy document without Statement is an error at the document', async () => {
    const c = await compile(app(`      task_role:\n        policy_document: { Version: "2012-10-17" }\n`));
    expect(brief(c.diagnostics)).toContain('ECS_INVALID error /services/app/x-ecs/task_role/policy_document');
  });

  it('no task_role and no need for one: the task has no task role', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  app:\n    image: example/app:1.0.0\n`);
    expect(c.template.Resources.AppTaskRole).toBeUndefined();
    expect(c.template.Resources.AppTaskDefinition.Properties.TaskRoleArn).toBeUndefined();
  });
});

// AWS::IAM::Role ManagedPolicyArns: a list of unique ARNs (F3037).
describe('x-ecs.task_role.managed_policy_arns → ManagedPolicyArns, each once', () => {
  it('an ARN also in the service it extends (extends appends lists) is listed once, first occurrence first', async () => {
    const c = await compile(
      'services:\n  base:\n    image: nginx\n    x-ecs:\n      task_role:\n        managed_policy_arns: [arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess]\n' +
        '  web:\n    extends: base\n    x-ecs:\n      task_role:\n        managed_policy_arns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess, arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess]\n',
    );
    expect(c.template.Resources.WebTaskRole.Properties.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    await valid(c);
  });
});

describe('x-ecs.task_role_arn keeps a given role', () => {
  it('becomes a parameter without a default (AWS\'s validator flags ARNs in the template), the override given in an info diagnostic', async () => {
    const c = await compile(app('      task_role_arn: arn:aws:iam::123456789012:role/app-task\n'));
    expect(c.template.Resources.AppTaskDefinition.Properties.TaskRoleArn).toEqual({ Ref: 'AppTaskRoleArn' });
    expect(c.template.Parameters.AppTaskRoleArn.Default).toBeUndefined();
    expect(c.template.Parameters.AppTaskRoleArn.Description).toContain('arn:aws:iam::123456789012:role/app-task');
    const info = c.diagnostics.find((d) => d.path === '/services/app/x-ecs/task_role_arn');
    expect(info?.severity).toBe('info');
    expect(info?.message).toContain('--parameter-overrides AppTaskRoleArn=arn:aws:iam::123456789012:role/app-task');
    expect(c.template.Resources.AppTaskRole).toBeUndefined();
    await valid(c);
  });

  it('with task_role too: the role is not created, and the written task_role is reported', async () => {
    const c = await compile(app('      task_role_arn: arn:aws:iam::123456789012:role/app-task\n      task_role: { managed_policy_arns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess] }\n'));
    expect(c.template.Resources.AppTaskRole).toBeUndefined();
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD warning /services/app/x-ecs/task_role');
  });

  it('x-ecs.execution_role_arn likewise replaces the execution role the stack would create', async () => {
    const c = await compile(app('      execution_role_arn: arn:aws:iam::123456789012:role/ecs-exec\n'));
    expect(c.template.Resources.AppExecutionRole).toBeUndefined();
    expect(c.template.Resources.AppTaskDefinition.Properties.ExecutionRoleArn).toEqual({ Ref: 'AppExecutionRoleArn' });
    await valid(c);
  });
});

describe('permissions the stack adds', () => {
  it('ECS Exec (x-ecs.service.enable_execute_command) gets a task role with the ssmmessages actions', async () => {
    const c = await compile(app('      service: { enable_execute_command: true }\n'));
    const statement = c.template.Resources.AppTaskRole.Properties.Policies[0].PolicyDocument.Statement[0];
    expect(statement.Action).toEqual(['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel']);
    expect(c.template.Resources.AppService.Properties.EnableExecuteCommand).toBe(true);
    await valid(c);
  });

  it('an EFS volume mounted with IAM authorization: the task role may mount and write that file system', async () => {
    const c = await compile(`x-ecs:
  launch_type: FARGATE
  volumes:
    data: { efs: { file_system_id: fs-0123456789abcdef0, iam: true, transit_encryption: true } }
services:
  app:
    image: example/app:1.0.0
    volumes: ["data:/data"]
    x-ecs: { task_role: {} }
volumes:
  data: {}
`);
    const statement = c.template.Resources.AppTaskRole.Properties.Policies[0].PolicyDocument.Statement[0];
    expect(statement.Action).toEqual(['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite']);
    expect(statement.Resource).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/fs-0123456789abcdef0' }]);
    await valid(c);
  });

  it('the execution role reads exactly the secrets the containers reference (a JSON key reads its whole secret; a bare name is an SSM parameter)', async () => {
    const c = await compile(app(`      environment_secrets:
        A: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"
        B: arn:aws:ssm:eu-west-1:123456789012:parameter/app/b
        C: app/c
`));
    const [sm, ssm] = c.template.Resources.AppExecutionRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(sm).toEqual({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'] });
    expect(ssm.Resource).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/c' }, 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/b']);
    await valid(c);
  });
});
