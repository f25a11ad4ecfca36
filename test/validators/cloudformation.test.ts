import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCfnValidator, formatCfnFindings, type CfnValidator } from './cloudformation.js';

// One engine for the whole file: starting it costs ~3 s.
let cfn: CfnValidator;
beforeAll(async () => {
  cfn = await createCfnValidator();
});
afterAll(() => cfn?.dispose());

function fargateStack(): Record<string, any> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'shop: web service on Fargate',
    Parameters: {
      ClusterName: { Type: 'String', Default: 'shop' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
      SecurityGroup: { Type: 'AWS::EC2::SecurityGroup::Id' },
      ExecutionRoleArn: { Type: 'String' },
      ImageTag: { Type: 'String', Default: '1.27' },
    },
    Resources: {
      LogGroup: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: '/ecs/shop', RetentionInDays: 30 },
      },
      WebTaskDefinition: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Family: 'shop-web',
          Cpu: '512',
          Memory: '1024',
          NetworkMode: 'awsvpc',
          RequiresCompatibilities: ['FARGATE'],
          ExecutionRoleArn: { Ref: 'ExecutionRoleArn' },
          ContainerDefinitions: [
            {
              Name: 'web',
              Image: { 'Fn::Sub': 'public.ecr.aws/nginx/nginx:${ImageTag}' },
              Essential: true,
              PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }],
              HealthCheck: { Command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], Interval: 30, Retries: 3 },
              LogConfiguration: {
                LogDriver: 'awslogs',
                Options: {
                  'awslogs-group': { Ref: 'LogGroup' },
                  'awslogs-region': { Ref: 'AWS::Region' },
                  'awslogs-stream-prefix': 'web',
                },
              },
            },
          ],
        },
      },
      WebService: {
        Type: 'AWS::ECS::Service',
        Properties: {
          Cluster: { Ref: 'ClusterName' },
          ServiceName: 'shop-web',
          TaskDefinition: { Ref: 'WebTaskDefinition' },
          DesiredCount: 2,
          LaunchType: 'FARGATE',
          NetworkConfiguration: {
            AwsvpcConfiguration: {
              Subnets: { Ref: 'Subnets' },
              SecurityGroups: [{ Ref: 'SecurityGroup' }],
              AssignPublicIp: 'DISABLED',
            },
          },
          DeploymentConfiguration: {
            MaximumPercent: 200,
            MinimumHealthyPercent: 100,
            DeploymentCircuitBreaker: { Enable: true, Rollback: true },
          },
        },
      },
    },
    Outputs: {
      ServiceName: { Value: { 'Fn::GetAtt': ['WebService', 'Name'] } },
    },
  };
}

describe('createCfnValidator', () => {
  it('accepts a stack with a log group, a Fargate task definition, a service and parameters', async () => {
    const findings = await cfn.validate(fargateStack(), 'shop.json');
    expect(findings, formatCfnFindings(findings)).toEqual([]);
  });

  it('accepts the same stack given as YAML text', async () => {
    const yaml = [
      'Resources:',
      '  LogGroup:',
      '    Type: AWS::Logs::LogGroup',
      '    Properties:',
      '      RetentionInDays: 30',
    ].join('\n');
    expect(await cfn.validate(yaml, 'shop.yaml')).toEqual([]);
  });

  it('reports an unknown property on AWS::ECS::Service, with entity, path and line', async () => {
    const stack = fargateStack();
    stack.Resources.WebService.Properties.DesiredCont = 2;
    expect(await cfn.validate(stack)).toEqual([
      expect.objectContaining({
        ruleId: 'F3002',
        severity: 'FATAL',
        logicalId: 'WebService',
        resourceType: 'AWS::ECS::Service',
        propertyPath: 'Properties.DesiredCont',
        message: expect.stringContaining("'DesiredCont' was unexpected"),
        line: expect.any(Number),
      }),
    ]);
  });

  it('reports a wrong type', async () => {
    const stack = fargateStack();
    stack.Resources.WebService.Properties.DesiredCount = 'two';
    expect(await cfn.validate(stack)).toEqual([
      expect.objectContaining({ ruleId: 'F3012', logicalId: 'WebService', propertyPath: 'Properties.DesiredCount' }),
    ]);
  });

  it('reports a Ref to nothing', async () => {
    const stack = fargateStack();
    stack.Resources.WebService.Properties.TaskDefinition = { Ref: 'WebTaskDefiniton' };
    const findings = await cfn.validate(stack);
    expect(findings).toContainEqual(
      expect.objectContaining({ ruleId: 'F1020', logicalId: 'WebService', propertyPath: 'Properties.TaskDefinition' }),
    );
  });

  it('reports warnings as errors (strict), e.g. an unused parameter', async () => {
    const stack = fargateStack();
    stack.Parameters.Unused = { Type: 'String' };
    expect(await cfn.validate(stack)).toEqual([
      expect.objectContaining({ ruleId: 'W2001', severity: 'ERROR', logicalId: 'Unused' }),
    ]);
  });

  it('reports unparsable text, and that the analysis did not finish', async () => {
    expect(await cfn.validate('Resources: [oops', 'broken.yaml')).toEqual([
      expect.objectContaining({ ruleId: 'F1101', severity: 'FATAL', message: expect.stringContaining('YAML parse error') }),
      expect.objectContaining({ ruleId: 'status:ERROR', severity: 'FATAL' }),
    ]);
  });

  it('reports a document without Resources', async () => {
    expect(await cfn.validate({})).toEqual([expect.objectContaining({ ruleId: 'F0001' })]);
  });
});
