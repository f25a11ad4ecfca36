/**
 * The "would it deploy" checker itself: a small stack it accepts, and for each check one change
 * that a deployment would fail on, which it must report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCfnRegistry, type CfnRegistry } from './cfn-registry.js';
import { checkTemplate, type SemanticFinding } from './cloudformation-semantics.js';

let registry: CfnRegistry;
beforeAll(() => {
  registry = loadCfnRegistry();
});

/** A Fargate web service behind a load balancer the stack may create (ExistingListenerArn empty), or an existing listener's. */
function stack(): Record<string, any> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: {
      VpcId: { Type: 'AWS::EC2::VPC::Id' },
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
      ExistingListenerArn: { Type: 'String', Default: '' },
      ExistingLoadBalancerSecurityGroupId: { Type: 'String', Default: '' },
    },
    Conditions: {
      CreateLoadBalancer: { 'Fn::Equals': [{ Ref: 'ExistingListenerArn' }, ''] },
      HasExistingLoadBalancerSecurityGroup: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExistingLoadBalancerSecurityGroupId' }, ''] }] },
    },
    Rules: {
      ExistingLoadBalancerSecurityGroup: {
        RuleCondition: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExistingListenerArn' }, ''] }] },
        Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExistingLoadBalancerSecurityGroupId' }, ''] }] } }],
      },
    },
    Resources: {
      Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ServiceConnectDefaults: { Namespace: { 'Fn::GetAtt': ['Namespace', 'Arn'] } } } },
      Namespace: { Type: 'AWS::ServiceDiscovery::HttpNamespace', Properties: { Name: 'shop' } },
      LoadBalancerSecurityGroup: { Condition: 'CreateLoadBalancer', Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'lb', VpcId: { Ref: 'VpcId' } } },
      LoadBalancer: { Condition: 'CreateLoadBalancer', Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: { Ref: 'Subnets' }, SecurityGroups: [{ Ref: 'LoadBalancerSecurityGroup' }] } },
      Listener: {
        Condition: 'CreateLoadBalancer',
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: { LoadBalancerArn: { Ref: 'LoadBalancer' }, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] },
      },
      WebTargetGroup: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 8080, Protocol: 'HTTP', TargetType: 'ip', VpcId: { Ref: 'VpcId' } } },
      WebListenerRule: {
        Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
        Properties: {
          ListenerArn: { 'Fn::If': ['CreateLoadBalancer', { Ref: 'Listener' }, { Ref: 'ExistingListenerArn' }] },
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'WebTargetGroup' } }],
        },
      },
      WebSecurityGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'web', VpcId: { Ref: 'VpcId' } } },
      WebFromLoadBalancer: {
        Condition: 'CreateLoadBalancer',
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { GroupId: { Ref: 'WebSecurityGroup' }, IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' } },
      },
      WebFromExistingLoadBalancer: {
        Condition: 'HasExistingLoadBalancerSecurityGroup',
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { GroupId: { Ref: 'WebSecurityGroup' }, IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { Ref: 'ExistingLoadBalancerSecurityGroupId' } },
      },
      WebLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
      WebExecutionRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' }],
          Policies: [
            {
              PolicyName: 'secrets',
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf'] }] },
            },
          ],
        },
      },
      WebTaskDefinition: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Cpu: '512',
          Memory: '1024',
          NetworkMode: 'awsvpc',
          RequiresCompatibilities: ['FARGATE'],
          ExecutionRoleArn: { 'Fn::GetAtt': ['WebExecutionRole', 'Arn'] },
          ContainerDefinitions: [
            {
              Name: 'web',
              Image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.0',
              PortMappings: [{ ContainerPort: 8080, Name: 'web-8080-tcp' }],
              Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf:password::' }],
              LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': { Ref: 'WebLogGroup' }, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'web' } },
            },
          ],
        },
      },
      WebService: {
        Type: 'AWS::ECS::Service',
        DependsOn: ['WebListenerRule'],
        Properties: {
          Cluster: { Ref: 'Cluster' },
          LaunchType: 'FARGATE',
          TaskDefinition: { Ref: 'WebTaskDefinition' },
          LoadBalancers: [{ ContainerName: 'web', ContainerPort: 8080, TargetGroupArn: { Ref: 'WebTargetGroup' } }],
          NetworkConfiguration: { AwsvpcConfiguration: { Subnets: { Ref: 'Subnets' }, SecurityGroups: [{ Ref: 'WebSecurityGroup' }] } },
          ServiceConnectConfiguration: { Enabled: true, Namespace: { 'Fn::GetAtt': ['Namespace', 'Arn'] }, Services: [{ PortName: 'web-8080-tcp' }] },
        },
      },
    },
    Outputs: {
      WebUrl: { Condition: 'CreateLoadBalancer', Value: { 'Fn::Sub': 'http://${LoadBalancer.DNSName}/' } },
      ServiceName: { Value: { 'Fn::GetAtt': ['WebService', 'Name'] } },
    },
  };
}

/** The findings of a changed stack, as `check at` pairs. */
function findings(change: (t: Record<string, any>) => void): string[] {
  const t = stack();
  change(t);
  return checkTemplate(t, registry).map((f: SemanticFinding) => `${f.check} ${f.at}`);
}

const R = (t: Record<string, any>) => t.Resources;

describe('the bundled registry schemas', () => {
  it('are read: GetAtt names are the readOnlyProperties of each type', () => {
    expect(registry.size).toBeGreaterThan(1000);
    expect([...registry.attributes('AWS::ECS::Service')!].sort()).toEqual(['Name', 'ServiceArn']);
    expect(registry.attributes('AWS::RDS::DBInstance')!.has('Endpoint.Address')).toBe(true);
    expect(registry.attributes('AWS::Not::AType')).toBeUndefined();
  });
});

describe('the base stack deploys', () => {
  it('has no finding', () => {
    expect(checkTemplate(stack(), registry)).toEqual([]);
  });
});

describe('CloudFormation User Guide, "Ref" and "Pseudo parameters reference": a Ref names a parameter, a resource or a pseudo parameter', () => {
  it('reports a Ref to nothing', () => expect(findings((t) => (R(t).WebService.Properties.Cluster = { Ref: 'Clustr' }))).toEqual(['Ref WebService']));
  it('accepts AWS::Region and AWS::NoValue', () => expect(findings((t) => (R(t).WebService.Properties.PlatformVersion = { 'Fn::If': ['CreateLoadBalancer', { Ref: 'AWS::NoValue' }, { Ref: 'AWS::Region' }] }))).toEqual([]));
  it('reports a Ref inside a condition to a resource', () => expect(findings((t) => (t.Conditions.Bad = { 'Fn::Equals': [{ Ref: 'Cluster' }, ''] }))).toEqual(['Condition Conditions.Bad']));
});

describe('CloudFormation User Guide, "Fn::GetAtt": the resource exists and its type has the attribute (the registry schema\'s readOnlyProperties)', () => {
  it('reports an attribute the type does not have', () => expect(findings((t) => (t.Outputs.ServiceName.Value = { 'Fn::GetAtt': ['WebService', 'ServiceName'] }))).toEqual(['GetAtt Outputs.ServiceName']));
  it('reports a GetAtt of a parameter', () => expect(findings((t) => (t.Outputs.ServiceName.Value = { 'Fn::GetAtt': ['VpcId', 'Id'] }))).toEqual(['GetAtt Outputs.ServiceName']));
  it('reads the dotted string form', () => expect(findings((t) => (t.Outputs.ServiceName.Value = { 'Fn::GetAtt': 'WebTargetGroup.TargetGroupNam' }))).toEqual(['GetAtt Outputs.ServiceName']));
});

describe('CloudFormation User Guide, "Fn::Sub": each ${Name} and ${Resource.Attribute} resolves like Ref and GetAtt; ${!Literal} and the variable map are left alone', () => {
  it('reports a Sub variable naming nothing', () => expect(findings((t) => (t.Outputs.WebUrl.Value = { 'Fn::Sub': 'http://${LoadBalancr.DNSName}/' }))).toEqual(['GetAtt Outputs.WebUrl']));
  it('reports a Sub attribute the type lacks', () => expect(findings((t) => (t.Outputs.WebUrl.Value = { 'Fn::Sub': 'http://${LoadBalancer.Dns}/' }))).toEqual(['GetAtt Outputs.WebUrl']));
  it('accepts ${!Literal} and a variable of the map', () => expect(findings((t) => (t.Outputs.WebUrl.Value = { 'Fn::Sub': ['${!NotAThing}${Host}', { Host: { 'Fn::GetAtt': ['LoadBalancer', 'DNSName'] } }] }))).toEqual([]));
});

describe('CloudFormation User Guide, "DependsOn attribute" and "Conditions": what they name exists', () => {
  it('reports DependsOn on a missing resource', () => expect(findings((t) => R(t).WebService.DependsOn.push('WebListenerRul'))).toContain('DependsOn WebService'));
  it('reports a missing resource Condition', () => expect(findings((t) => (R(t).Listener.Condition = 'CreateLB'))).toContain('Condition Listener'));
  it('reports an Fn::If on a missing condition', () => expect(findings((t) => (R(t).WebListenerRule.Properties.ListenerArn['Fn::If'][0] = 'Create'))).toContain('Condition WebListenerRule'));
  it('reports an output without Value', () => expect(findings((t) => delete t.Outputs.ServiceName.Value)).toEqual(['Output Outputs.ServiceName']));
});

describe('CloudFormation User Guide, "Conditions": nothing created refers to a resource its condition leaves out', () => {
  it('reports an unconditional resource that refers to a conditional one', () => expect(findings((t) => (R(t).WebListenerRule.Properties.ListenerArn = { Ref: 'Listener' }))).toContain('Created WebListenerRule'));
  it('reports an output without the condition of what it reads', () => expect(findings((t) => delete t.Outputs.WebUrl.Condition)).toEqual(['Created Outputs.WebUrl']));
  it('accepts a reference inside the branch of the same condition', () => expect(findings((t) => (t.Outputs.ServiceName.Value = { 'Fn::If': ['CreateLoadBalancer', { Ref: 'LoadBalancer' }, ''] }))).toEqual([]));
});

describe('CloudFormation User Guide, "DependsOn attribute": resources may not depend on each other in a circle', () => {
  it('reports a cycle of Ref and DependsOn', () => expect(findings((t) => (R(t).WebListenerRule.DependsOn = ['WebService']))).toEqual(['Cycle WebListenerRule']));
});

describe('ECS CreateService, loadBalancers (AWS::ECS::Service LoadBalancer): a target group no listener uses has no load balancer, so the service must depend on the listener or rule that attaches it', () => {
  it('reports a service without that dependency', () => expect(findings((t) => delete R(t).WebService.DependsOn)).toEqual(['LoadBalancerAttached WebService']));
  it('reports a dependency that some deployment lacks (a Listener that exists only when the stack makes the load balancer)', () =>
    expect(
      findings((t) => {
        R(t).Listener.Properties.DefaultActions = [{ Type: 'forward', TargetGroupArn: { Ref: 'WebTargetGroup' } }];
        R(t).WebService.DependsOn = ['Listener'];
        delete R(t).WebListenerRule;
      }),
    ).toContain('LoadBalancerAttached WebService'));
  it('reports a target group nothing forwards to', () => expect(findings((t) => (R(t).WebListenerRule.Properties.Actions = [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }]))).toContain('LoadBalancerAttached WebService'));
});

describe('ECS Developer Guide, "Use an Application Load Balancer for Amazon ECS": awsvpc tasks need target type ip, bridge and host ones instance', () => {
  it('reports an instance target group for awsvpc tasks', () => expect(findings((t) => (R(t).WebTargetGroup.Properties.TargetType = 'instance'))).toEqual(['TargetType WebTargetGroup']));
  it('reports the default (instance) for awsvpc tasks', () => expect(findings((t) => delete R(t).WebTargetGroup.Properties.TargetType)).toEqual(['TargetType WebTargetGroup']));
});

describe('ECS Developer Guide, "Amazon ECS task definition parameters for Fargate" (Network mode, Task size): awsvpc, and a valid task-level CPU and memory pair', () => {
  it('reports bridge mode', () => expect(findings((t) => (R(t).WebTaskDefinition.Properties.NetworkMode = 'bridge'))).toContain('Fargate WebTaskDefinition'));
  it('reports 512 CPU units with 512 MiB', () => expect(findings((t) => (R(t).WebTaskDefinition.Properties.Memory = '512'))).toEqual(['Fargate WebTaskDefinition']));
  it('accepts 8192 CPU units with 20480 MiB and reports 18432', () => {
    expect(findings((t) => Object.assign(R(t).WebTaskDefinition.Properties, { Cpu: '8192', Memory: '20480' }))).toEqual([]);
    expect(findings((t) => Object.assign(R(t).WebTaskDefinition.Properties, { Cpu: '8192', Memory: '18432' }))).toEqual(['Fargate WebTaskDefinition']);
  });
  it('reports a task without task-level memory', () => expect(findings((t) => delete R(t).WebTaskDefinition.Properties.Memory)).toEqual(['Fargate WebTaskDefinition']));
  it('reports LaunchType FARGATE with an EC2-only task definition', () => expect(findings((t) => (R(t).WebTaskDefinition.Properties.RequiresCompatibilities = ['EC2']))).toEqual(['Fargate WebService']));
});

describe('ECS Developer Guide, "Amazon ECS Service Connect configuration overview": the namespace exists before the service joins it', () => {
  it('reports a service that names the namespace by text and does not depend on it', () =>
    expect(
      findings((t) => {
        R(t).WebService.Properties.ServiceConnectConfiguration.Namespace = 'shop';
        R(t).WebService.Properties.Cluster = 'shop-cluster';
      }),
    ).toEqual(['ServiceConnect WebService']));
  it('accepts the namespace reached through the cluster', () => expect(findings((t) => (R(t).WebService.Properties.ServiceConnectConfiguration.Namespace = 'shop'))).toEqual([]));
  it('reports a portName no port mapping has', () => expect(findings((t) => (R(t).WebService.Properties.ServiceConnectConfiguration.Services[0].PortName = 'web'))).toEqual(['Container WebService']));
});

describe('ECS Developer Guide, "Amazon ECS task execution IAM role" and "Required IAM permissions for Amazon ECS secrets": the execution role allows what the task uses', () => {
  it('reports a secret the role may not read', () => expect(findings((t) => (R(t).WebTaskDefinition.Properties.ContainerDefinitions[0].Secrets[0].ValueFrom = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/api-XyZ123'))).toEqual(['ExecutionRole WebTaskDefinition']));
  it('reports an SSM parameter the role may not read', () => expect(findings((t) => (R(t).WebTaskDefinition.Properties.ContainerDefinitions[0].Secrets[0].ValueFrom = '/shop/db'))).toEqual(['ExecutionRole WebTaskDefinition']));
  it('reports awslogs-create-group without logs:CreateLogGroup ("Using the awslogs log driver")', () =>
    expect(findings((t) => (R(t).WebTaskDefinition.Properties.ContainerDefinitions[0].LogConfiguration.Options['awslogs-create-group'] = 'true'))).toEqual(['ExecutionRole WebTaskDefinition']));
  it('reports an ECR image and awslogs without the managed policy', () => expect(findings((t) => delete R(t).WebExecutionRole.Properties.ManagedPolicyArns)).toEqual(Array(5).fill('ExecutionRole WebTaskDefinition')));
  it('reports a task that needs a role and has none', () => expect(findings((t) => delete R(t).WebTaskDefinition.Properties.ExecutionRoleArn)).toEqual(['ExecutionRole WebTaskDefinition']));
});

describe('ECS Developer Guide, "Use an Application Load Balancer for Amazon ECS": the tasks\' security groups admit the container port from the load balancer, in every deployment', () => {
  it('reports a port no rule opens', () => expect(findings((t) => (R(t).WebFromLoadBalancer.Properties.FromPort = R(t).WebFromLoadBalancer.Properties.ToPort = 80))).toEqual(['Ingress WebService']));
  it('reports an existing listener whose load balancer group may be left empty (no Rules assertion)', () => expect(findings((t) => delete t.Rules)).toEqual(['Ingress WebService']));
  it('does not count a rule from the service\'s own group (a compose network) as the load balancer', () =>
    expect(
      findings((t) => {
        delete R(t).WebFromLoadBalancer;
        R(t).WebFromPeers = { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { Ref: 'WebSecurityGroup' }, IpProtocol: '-1', SourceSecurityGroupId: { Ref: 'WebSecurityGroup' } } };
      }),
    ).toEqual(['Ingress WebService']));
  it('reports an inline rule of a group from itself: a circular dependency', () =>
    expect(findings((t) => (R(t).WebSecurityGroup.Properties.SecurityGroupIngress = [{ IpProtocol: '-1', SourceSecurityGroupId: { Ref: 'WebSecurityGroup' } }]))).toEqual(['Cycle WebSecurityGroup']));
});

describe('ECS Developer Guide, "Using the awslogs log driver": the required options, and a stack log group named by Ref', () => {
  const options = (t: Record<string, any>) => R(t).WebTaskDefinition.Properties.ContainerDefinitions[0].LogConfiguration.Options;
  it('reports a Fargate container without awslogs-stream-prefix', () => expect(findings((t) => delete options(t)['awslogs-stream-prefix'])).toEqual(['Awslogs WebTaskDefinition']));
  it('reports a stack log group named by its name', () =>
    expect(
      findings((t) => {
        R(t).WebLogGroup.Properties.LogGroupName = '/ecs/web';
        options(t)['awslogs-group'] = '/ecs/web';
      }),
    ).toEqual(['Awslogs WebTaskDefinition']));
});

describe('ECS CreateService: networkConfiguration is for awsvpc tasks, and the load balancer names a container port of the task', () => {
  it('reports an awsvpc service without NetworkConfiguration', () => expect(findings((t) => delete R(t).WebService.Properties.NetworkConfiguration)).toContain('NetworkConfiguration WebService'));
  it('reports a container port the container does not map', () => expect(findings((t) => (R(t).WebService.Properties.LoadBalancers[0].ContainerPort = 80))).toContain('Container WebService'));
  it('reports a container dependency on a container the task lacks', () => expect(findings((t) => (R(t).WebTaskDefinition.Properties.ContainerDefinitions[0].DependsOn = [{ ContainerName: 'init', Condition: 'SUCCESS' }]))).toEqual(['Container WebTaskDefinition']));
});

describe('Application Auto Scaling User Guide, "Amazon ECS and Application Auto Scaling": the service before its scalable target, the target before its policies', () => {
  const scaling = (t: Record<string, any>, resourceId: unknown, targetId: unknown) => {
    R(t).WebScalableTarget = { Type: 'AWS::ApplicationAutoScaling::ScalableTarget', Properties: { MinCapacity: 1, MaxCapacity: 4, ResourceId: resourceId, ScalableDimension: 'ecs:service:DesiredCount', ServiceNamespace: 'ecs' } };
    R(t).WebCpuScaling = {
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      Properties: { PolicyName: 'cpu', PolicyType: 'TargetTrackingScaling', ScalingTargetId: targetId, TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } },
    };
  };
  const byName = { 'Fn::Sub': 'service/${Cluster}/${WebService.Name}' };
  it('accepts a target that names the service by GetAtt and a policy that refers to the target', () => expect(findings((t) => scaling(t, byName, { Ref: 'WebScalableTarget' }))).toEqual([]));
  it('reports a target whose ResourceId is written as text', () => expect(findings((t) => scaling(t, 'service/shop/web', { Ref: 'WebScalableTarget' }))).toEqual(['Scaling WebScalableTarget']));
  it('reports a policy that names its target by text', () => expect(findings((t) => scaling(t, byName, 'service/shop/web|ecs:service:DesiredCount|ecs'))).toEqual(['Scaling WebCpuScaling']));
});

describe('Elastic Load Balancing CreateRule, Priority: each rule of a listener has its own priority', () => {
  it('reports two rules with one priority on one listener', () =>
    expect(
      findings((t) => {
        R(t).ApiListenerRule = structuredClone(R(t).WebListenerRule);
      }),
    ).toEqual(['Priority ApiListenerRule']));
});
