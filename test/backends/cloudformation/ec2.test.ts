import { describe, expect, it } from 'vitest';
import { brief, compile, ofType, templateValidity } from './compile.js';

/** Each compiled stack passes cloudformation-validate (one validator for the file). */
const valid = templateValidity();

/** The seed's QA stack: EC2, bridge networking, one task for the project. */
const QA = `name: multi-env
services:
  web-python:
    image: laszlocph/python-dummy:latest
    ports: ["5000:5000"]
    links: [redis]
    mem_limit: 128m
  redis:
    image: redis:3.2
    mem_limit: 64m
`;

describe('EC2 launch type, bridge networking: dynamic host ports behind the load balancer', () => {
  it('a routed container port gets host port 0, with an info diagnostic at the port', async () => {
    const c = await compile(QA, { layout: 'project' });
    const web = c.template.Resources.MultiEnvTaskDefinition.Properties.ContainerDefinitions.find((d: { Name: string }) => d.Name === 'web-python');
    expect(web.PortMappings).toEqual([{ ContainerPort: 5000, HostPort: 0 }]);
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD info /services/web-python/ports/0');
    expect(c.template.Resources.WebPythonTargetGroup.Properties.TargetType).toBe('instance');
    await valid(c);
  });

  // AWS::ECS::TaskDefinition ContainerDefinition PortMappings: items must be unique (F3037).
  it('a routed port also listed unpublished ("5000:5000" and "5000") is one dynamic mapping', async () => {
    const c = await compile(QA.replace('ports: ["5000:5000"]', 'ports: ["5000:5000", "5000"]'), { layout: 'project' });
    const web = c.template.Resources.MultiEnvTaskDefinition.Properties.ContainerDefinitions.find((d: { Name: string }) => d.Name === 'web-python');
    expect(web.PortMappings).toEqual([{ ContainerPort: 5000, HostPort: 0 }]);
    await valid(c);
  });

  it('an unrouted published port keeps its host port (routing.enabled false)', async () => {
    const c = await compile(QA.replace('mem_limit: 128m', 'mem_limit: 128m\n    x-ecs: { routing: { enabled: false } }'), { layout: 'project' });
    const web = c.template.Resources.MultiEnvTaskDefinition.Properties.ContainerDefinitions.find((d: { Name: string }) => d.Name === 'web-python');
    expect(web.PortMappings).toEqual([{ ContainerPort: 5000, HostPort: 5000 }]);
  });

  it('InstanceSecurityGroupId: given, the stack admits the load balancer to the instances on 32768-65535', async () => {
    const c = await compile(QA, { layout: 'project' });
    expect(c.template.Parameters.InstanceSecurityGroupId).toMatchObject({ Type: 'String', Default: '' });
    const rule = c.template.Resources.InstancesFromLoadBalancerDynamicPortsIngress;
    expect(rule.Condition).toBe('HasInstanceSecurityGroupAndCreateLoadBalancer');
    expect(rule.Properties).toMatchObject({ GroupId: { Ref: 'InstanceSecurityGroupId' }, SourceSecurityGroupId: { Ref: 'LoadBalancerSecurityGroup' }, IpProtocol: 'tcp', FromPort: 32768, ToPort: 65535 });
    expect(c.template.Outputs.LoadBalancerSecurityGroupId.Value).toEqual({ Ref: 'LoadBalancerSecurityGroup' });
  });

  it('a fixed health check port cannot follow dynamic host ports: warned', async () => {
    const c = await compile(QA.replace('mem_limit: 128m', 'mem_limit: 128m\n    x-ecs: { routing: { health_check: { port: 5001 } } }'), { layout: 'project' });
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD warning /services/web-python/x-ecs/routing/health_check/port');
  });

  it('host networking: the container port itself is admitted on the instances', async () => {
    const c = await compile(`services:\n  web: { image: example/web:1, network_mode: host, ports: ["8080:8080"] }\n`);
    expect(c.template.Resources.InstancesFromLoadBalancerPort8080Ingress.Properties).toMatchObject({ FromPort: 8080, ToPort: 8080 });
    await valid(c);
  });
});

describe('the cluster', () => {
  it('EC2 tasks need container instances: ClusterName is required (no empty default) and no cluster is created', async () => {
    const c = await compile(QA, { layout: 'project' });
    expect(c.template.Parameters.ClusterName).toMatchObject({ Type: 'String', MinLength: 1 });
    expect(c.template.Parameters.ClusterName.Default).toBeUndefined();
    expect(ofType(c.template, 'AWS::ECS::Cluster')).toEqual({});
    expect(c.template.Resources.MultiEnvService.Properties.Cluster).toEqual({ Ref: 'ClusterName' });
  });

  it('x-ecs.service.cluster (or --cluster) is its default', async () => {
    const c = await compile(QA, { layout: 'project', cluster: 'cluster01' });
    expect(c.template.Parameters.ClusterName.Default).toBe('cluster01');
    await valid(c);
  });

  it('Fargate only: the stack creates a cluster unless ClusterName names one, with the Fargate capacity providers the services use', async () => {
    const c = await compile(`x-ecs:\n  capacity_provider_strategy: [{ capacity_provider: FARGATE_SPOT, weight: 1 }]\n  launch_type: FARGATE\nservices:\n  web: { image: example/web:1 }\n`);
    expect(c.template.Resources.Cluster).toMatchObject({ Condition: 'CreateCluster', Properties: { CapacityProviders: ['FARGATE_SPOT'] } });
    expect(c.template.Parameters.ClusterName.Default).toBe('');
    await valid(c);
  });
});

describe('service links on EC2', () => {
  it('depends_on across tasks becomes DependsOn between the ECS services', async () => {
    const c = await compile(`services:\n  web: { image: example/web:1, depends_on: [db] }\n  db: { image: postgres:16 }\n`);
    expect(c.template.Resources.WebService.DependsOn).toEqual(['DbService']);
    await valid(c);
  });
});
