/**
 * 09-secrets in a stack: a secret the files name no ARN for is a stack parameter (its SSM
 * parameter or Secrets Manager secret name), which the containers read, and the execution role
 * may read exactly those secrets, nothing wider.
 */
import { describe, expect, it } from 'vitest';
import { compile, type Compiled, ofType, templateValidity } from './compile.js';

/** Each compiled stack passes cloudformation-validate (one validator for the file). */
const valid = templateValidity();

const shop = (top = '') => `name: shop
x-ecs:
  launch_type: FARGATE
${top}
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets: [db_password]
secrets:
  db_password:
    file: ./db_password.txt
`;

function policy(c: Compiled): any[] {
  const role = Object.values(ofType(c.template, 'AWS::IAM::Role'))[0];
  return role?.Properties.Policies[0].PolicyDocument.Statement;
}

describe('09-secrets: a secret without an ARN in a stack', () => {
  it('SSM: a parameter holds the name /<project>/<secret>; the writer reads it by Ref; the role may read that parameter and decrypt through SSM only', async () => {
    const c = await compile(shop());
    await valid(c);
    expect(c.template.Parameters.SecretDbPassword).toMatchObject({ Type: 'String', Default: '/shop/db_password' });
    const writer = c.template.Resources.DbTaskDefinition.Properties.ContainerDefinitions.find((x: any) => x.Name === 'compose2ecs-files');
    expect(writer.Secrets).toEqual([{ Name: 'COMPOSE2ECS_FILE_0', ValueFrom: { Ref: 'SecretDbPassword' } }]);
    expect(writer.Image).toBe('public.ecr.aws/docker/library/busybox:1.37');
    expect(policy(c)).toEqual([
      { Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${SecretDbPassword}' }] },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' },
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' } } },
      },
    ]);
  });

  it('Secrets Manager: the parameter holds the name <project>/<secret>; valueFrom and the role build its ARN in the stack', async () => {
    const c = await compile(shop('  secret_store: secretsmanager'), { region: 'eu-west-1', accountId: '123456789012' });
    await valid(c);
    expect(c.template.Parameters.SecretDbPassword.Default).toBe('shop/db_password');
    const writer = c.template.Resources.DbTaskDefinition.Properties.ContainerDefinitions.find((x: any) => x.Name === 'compose2ecs-files');
    const arn = (...tail: string[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:', { Ref: 'SecretDbPassword' }, ...tail]] });
    expect(writer.Secrets[0].ValueFrom).toEqual(arn());
    // Secrets Manager appends six random characters to the ARN of the secret it creates.
    expect(policy(c)).toEqual([{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [arn('-??????')] }]);
  });

  it('Secrets Manager in a stack needs no --region or --account-id: the ARN takes the stack\'s Region, as awslogs-region does', async () => {
    // The stack's one Region for the task: awslogs-region is { Ref: AWS::Region }, and so is the secret's ARN.
    const c = await compile(shop('  secret_store: secretsmanager'));
    await valid(c);
    expect(c.diagnostics.filter((d) => d.severity === 'warning' && d.message.includes('read from SSM Parameter Store instead'))).toEqual([]);
    const containers = c.template.Resources.DbTaskDefinition.Properties.ContainerDefinitions;
    const writer = containers.find((x: any) => x.Name === 'compose2ecs-files');
    expect(JSON.stringify(writer.Secrets[0].ValueFrom)).toContain(':secretsmanager:');
    expect(writer.Secrets[0].ValueFrom['Fn::Join'][1][3]).toEqual({ Ref: 'AWS::Region' });
    expect(containers.find((x: any) => x.Name === 'db').LogConfiguration.Options['awslogs-region']).toEqual({ Ref: 'AWS::Region' });
  });

  it('a secret used by two tasks is one parameter and one finding', async () => {
    const c = await compile(shop());
    const two = await compile(shop().replace('secrets:\n  db_password:', `  api:\n    image: api\n    secrets: [db_password]\nsecrets:\n  db_password:`));
    await valid(two);
    expect(Object.keys(two.template.Parameters).filter((k) => k.startsWith('Secret'))).toEqual(['SecretDbPassword']);
    expect(two.diagnostics.filter((d) => d.code === 'ECS_SECRET_MUST_EXIST')).toHaveLength(1);
    expect(c.diagnostics.filter((d) => d.code === 'ECS_SECRET_MUST_EXIST')).toHaveLength(1);
  });
});
