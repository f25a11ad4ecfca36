/**
 * The resources of one ECS task: its log group, execution role (image pull, logs, exactly the
 * secrets it references), task definition (the ECS backend's, in CloudFormation casing),
 * security group (awsvpc) and ECS service.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { IR, Task } from '../../ir/ir.js';
import { taskDefinition } from '../ecs/task-definition.js';
import { serviceDefinition } from '../ecs/service.js';
import { toCfnProperties } from './cfn-properties.js';
import type { RouteResources } from './load-balancing.js';
import type { StackParams } from './parameters.js';
import { ingressOf } from './settings.js';
import { fnIf, getAtt, ref, sub, type Json, type Template } from './template.js';

export interface TaskIds {
  id: string;
  /** Logical ID base of each compose service (for image parameters). */
  serviceIds: Map<string, string>;
}

const RETENTION_DAYS = 30;

export function addTask(ir: IR, t: Template, p: StackParams, task: Task, ids: TaskIds, routes: RouteResources | undefined, diagnostics: Diagnostic[]): { serviceId: string; securityGroup?: string } {
  const { id } = ids;
  const logGroup = `${id}LogGroup`;
  t.resource(logGroup, 'AWS::Logs::LogGroup', {
    LogGroupName: sub(`/ecs/\${EnvironmentName}/${task.name}`),
    RetentionInDays: task.settings.logging?.retention_days ?? RETENTION_DAYS,
  });
  p.environmentName();
  t.output(`${id}LogGroupName`, ref(logGroup), `Log group of ${task.name}`);

  const td = toCfnProperties(taskDefinition(ir, task, diagnostics, { managed: true })) as Json;
  const containers = (td.ContainerDefinitions as Json[]) ?? [];
  for (const c of containers) {
    const name = String(c.Name);
    const image = typeof c.Image === 'string' ? c.Image : undefined;
    if (image) c.Image = p.image(ids.serviceIds.get(name) ?? id, image);
    if (!c.LogConfiguration) {
      c.LogConfiguration = { LogDriver: 'awslogs', Options: { 'awslogs-group': ref(logGroup), 'awslogs-region': ref('AWS::Region'), 'awslogs-stream-prefix': name } };
    }
  }
  if ((td.Volumes as unknown[] | undefined)?.length === 0) delete td.Volumes;
  if (!task.settings.execution_role_arn) td.ExecutionRoleArn = getAtt(executionRole(t, id, containers), 'Arn');
  td.Family = sub(`\${EnvironmentName}-${task.family}`);
  t.resource(`${id}TaskDefinition`, 'AWS::ECS::TaskDefinition', td);

  let securityGroup: string | undefined;
  if (task.networkMode === 'awsvpc') securityGroup = securityGroupFor(t, p, task, id, routes);

  const sd = toCfnProperties(serviceDefinition(ir, task, diagnostics, { managed: true })) as Json;
  delete sd.ClientToken;
  delete sd.Role; // CloudFormation services use the service-linked role
  sd.ServiceName = sub(`\${EnvironmentName}-${String(sd.ServiceName)}`);
  sd.TaskDefinition = ref(`${id}TaskDefinition`);
  const createCluster = p.createCluster();
  sd.Cluster = fnIf(createCluster, ref('Cluster'), ref('ClusterName'));
  const lbs = [...((sd.LoadBalancers as Json[] | undefined) ?? []), ...(routes?.loadBalancers ?? [])];
  if (lbs.length) sd.LoadBalancers = lbs;
  else delete sd.HealthCheckGracePeriodSeconds;
  if (task.networkMode === 'awsvpc') {
    const given = (sd.NetworkConfiguration as { AwsvpcConfiguration?: Json } | undefined)?.AwsvpcConfiguration ?? {};
    sd.NetworkConfiguration = {
      AwsvpcConfiguration: {
        Subnets: given.Subnets ?? p.subnets(),
        SecurityGroups: [...((given.SecurityGroups as unknown[]) ?? []), ref(securityGroup as string)],
        AssignPublicIp: given.AssignPublicIp ?? 'DISABLED',
      },
    };
  }
  if (!sd.DeploymentConfiguration) sd.DeploymentConfiguration = {};
  const dc = sd.DeploymentConfiguration as Json;
  dc.DeploymentCircuitBreaker ??= { Enable: true, Rollback: true };
  const serviceId = `${id}Service`;
  t.resource(serviceId, 'AWS::ECS::Service', sd, { dependsOn: routes?.dependsOn ?? [] });
  t.output(`${id}ServiceName`, getAtt(serviceId, 'Name'), `ECS service name of ${task.name}`);
  t.output(`${id}ServiceArn`, ref(serviceId), `ECS service ARN of ${task.name}`);
  return securityGroup ? { serviceId, securityGroup } : { serviceId };
}

function executionRole(t: Template, id: string, containers: Json[]): string {
  const roleId = `${id}ExecutionRole`;
  const secretArns = new Set<string>();
  let registry: string | undefined;
  for (const c of containers) {
    for (const s of (c.Secrets as { ValueFrom: string }[] | undefined) ?? []) secretArns.add(s.ValueFrom);
    const creds = (c.RepositoryCredentials as { CredentialsParameter?: string } | undefined)?.CredentialsParameter;
    if (creds) registry = creds;
  }
  const sorted = [...secretArns].sort();
  const statements: Json[] = [];
  const secretsManager = [...sorted.filter((a) => a.includes(':secretsmanager:')), ...(registry ? [registry] : [])];
  const ssm = sorted.filter((a) => a.includes(':ssm:'));
  if (secretsManager.length) statements.push({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [...new Set(secretsManager)].sort() });
  if (ssm.length) statements.push({ Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ssm });
  t.resource(roleId, 'AWS::IAM::Role', {
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')],
    ...(statements.length ? { Policies: [{ PolicyName: 'secrets', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] } : {}),
  });
  return roleId;
}

/** A security group admitting only the load balancer on the routed ports and the listed sources. */
function securityGroupFor(t: Template, p: StackParams, task: Task, id: string, routes: RouteResources | undefined): string {
  const sgId = `${id}SecurityGroup`;
  const ingress: Json[] = [];
  for (const r of routes?.ingress ?? []) {
    const rule: Json = { IpProtocol: r.protocol, FromPort: r.port, ToPort: r.port, Description: 'from the load balancer' };
    if (r.cidr) ingress.push({ ...rule, CidrIp: r.cidr });
    else {
      // From the load balancer the stack creates, or from the existing one's group: one
      // conditional rule each, so neither refers to a resource or value that may be absent.
      const create = p.createLoadBalancer();
      t.resource(`${id}FromLoadBalancerIngress${r.port}`, 'AWS::EC2::SecurityGroupIngress', { GroupId: ref(sgId), SourceSecurityGroupId: ref('LoadBalancerSecurityGroup'), ...rule }, { condition: create });
      t.resource(`${id}FromExistingLoadBalancerIngress${r.port}`, 'AWS::EC2::SecurityGroupIngress', { GroupId: ref(sgId), SourceSecurityGroupId: p.existingLoadBalancerSecurityGroup(), ...rule }, { condition: p.hasExistingLoadBalancerSecurityGroup() });
    }
  }
  for (const rule of ingressOf(task.settings)) {
    const port = rule.port;
    const base: Json = { IpProtocol: 'tcp', FromPort: port ?? 0, ToPort: port ?? 65535, Description: 'listed in x-ecs.ingress' };
    if (rule.cidr) ingress.push({ ...base, CidrIp: rule.cidr });
    if (rule.security_group) ingress.push({ ...base, SourceSecurityGroupId: rule.security_group });
  }
  t.resource(sgId, 'AWS::EC2::SecurityGroup', {
    GroupDescription: `Tasks of ${task.name}`,
    VpcId: p.vpc(),
    ...(ingress.length ? { SecurityGroupIngress: ingress } : {}),
  });
  return sgId;
}
