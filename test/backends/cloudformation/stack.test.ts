import { describe, expect, it } from 'vitest';
import { brief, compile, ofType, templateValidity } from './compile.js';

/** Each compiled stack passes cloudformation-validate (one validator for the file). */
const valid = templateValidity();

const SHOP = `name: shop
x-ecs: { launch_type: FARGATE, service_discovery: true }
services:
  web: { image: "example/web:1.0.0", ports: ["80:8080"], depends_on: [api], x-ecs: { routing: { path: /* } } }
  api: { image: "example/api:2.0.0", ports: ["8000:8000"], depends_on: [redis], x-ecs: { routing: { path: /api/* } } }
  redis: { image: "redis:7.2", expose: ["6379"] }
`;

describe('outputs', () => {
  it('the load balancer DNS name, a URL per routed service, service names and ARNs, log group names', async () => {
    const c = await compile(SHOP);
    const o = c.template.Outputs;
    expect(o.LoadBalancerDnsName).toMatchObject({ Condition: 'CreateLoadBalancer', Value: { 'Fn::GetAtt': ['LoadBalancer', 'DNSName'] } });
    expect(o.WebUrl.Value).toEqual({ 'Fn::Sub': 'http://${LoadBalancer.DNSName}/' });
    expect(o.ApiUrl.Value).toEqual({ 'Fn::Sub': 'http://${LoadBalancer.DNSName}/api/' });
    for (const s of ['Web', 'Api', 'Redis']) {
      expect(o[`${s}ServiceName`].Value).toEqual({ 'Fn::GetAtt': [`${s}Service`, 'Name'] });
      expect(o[`${s}ServiceArn`].Value).toEqual({ Ref: `${s}Service` });
      expect(o[`${s}LogGroupName`].Value).toEqual({ Ref: `${s}LogGroup` });
    }
    await valid(c);
  });
});

describe('--format yaml (backend option format: yaml)', () => {
  it('emits the same template as YAML, which the validator accepts', async () => {
    const json = await compile(SHOP);
    const yaml = await compile(SHOP, { backendOptions: { format: 'yaml' } });
    expect(yaml.path).toBe('shop.template.yaml');
    expect(yaml.template).toEqual(json.template);
    // Quoted: a YAML 1.1 reader takes a plain 2010-09-09 for a timestamp.
    expect(yaml.contents).toMatch(/^AWSTemplateFormatVersion: "2010-09-09"\n/);
    await valid(yaml);
  });
});

describe('depends_on across services', () => {
  it('becomes DependsOn between the ECS services', async () => {
    const c = await compile(SHOP);
    expect(c.template.Resources.WebService.DependsOn).toEqual(['ApiService', 'WebListenerRule']);
    expect(c.template.Resources.ApiService.DependsOn).toEqual(['ApiListenerRule', 'RedisService']);
  });

  it('in awsvpc mode the members of a compose network admit each other on the ports they publish or expose (issue 17: a group per network, not per depends_on); expose is then no longer reported as lost', async () => {
    const c = await compile(SHOP);
    expect(c.template.Resources.RedisFromApiIngress).toBeUndefined();
    const rules = Object.entries(c.template.Resources).filter(([k]) => /^NetworkDefaultIngress/.test(k)).map(([, v]) => (v as { Properties: unknown }).Properties);
    expect(rules).toContainEqual(expect.objectContaining({ GroupId: { Ref: 'NetworkDefaultSecurityGroup' }, SourceSecurityGroupId: { Ref: 'NetworkDefaultSecurityGroup' }, FromPort: 6379, ToPort: 6379 }));
    expect(c.template.Resources.RedisService.Properties.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups).toContainEqual({ Ref: 'NetworkDefaultSecurityGroup' });
    expect(brief(c.diagnostics).filter((d) => d.includes('/services/redis/expose'))).toEqual([]);
  });
});

describe('service discovery (x-ecs.service_discovery)', () => {
  it('one private namespace per environment (<EnvironmentName>.local), an A record per awsvpc service', async () => {
    const c = await compile(SHOP);
    expect(c.template.Resources.ServiceDiscoveryNamespace.Properties).toEqual({ Name: { 'Fn::Sub': '${EnvironmentName}.local' }, Vpc: { Ref: 'VpcId' } });
    expect(c.template.Resources.RedisDiscoveryService.Properties.DnsConfig.DnsRecords).toEqual([{ Type: 'A', TTL: 10 }]);
    expect(c.template.Resources.RedisService.Properties.ServiceRegistries).toEqual([{ RegistryArn: { 'Fn::GetAtt': ['RedisDiscoveryService', 'Arn'] } }]);
  });

  it('bridge mode: SRV records with the container port; a service without ports is left out (info)', async () => {
    const c = await compile(`x-ecs: { service_discovery: { namespace: corp.internal } }\nservices:\n  search: { image: example/search:1, ports: ["9200"] }\n  cron: { image: example/cron:1 }\n`);
    expect(c.template.Resources.ServiceDiscoveryNamespace.Properties.Name).toBe('corp.internal');
    expect(c.template.Resources.SearchService.Properties.ServiceRegistries).toEqual([{ RegistryArn: { 'Fn::GetAtt': ['SearchDiscoveryService', 'Arn'] }, ContainerName: 'search', ContainerPort: 9200 }]);
    expect(c.template.Resources.CronDiscoveryService).toBeUndefined();
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD info /services/cron');
    await valid(c);
  });
});

describe('EnvironmentName', () => {
  it('defaults to the project name, made to fit ^[a-zA-Z0-9-]{1,32}$, and prefixes service names, families and log groups', async () => {
    const c = await compile(`name: my_project_with_a_rather_long_name_indeed\nx-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1 }\n`);
    expect(c.template.Parameters.EnvironmentName.Default).toBe('my-project-with-a-rather-long-na');
    const r = c.template.Resources;
    expect(r.WebService.Properties.ServiceName).toEqual({ 'Fn::Sub': '${EnvironmentName}-web' });
    expect(r.WebTaskDefinition.Properties.Family).toEqual({ 'Fn::Sub': '${EnvironmentName}-web' });
    expect(r.WebLogGroup.Properties.LogGroupName).toEqual({ 'Fn::Sub': '/ecs/${EnvironmentName}/web' });
    await valid(c);
  });
});

describe('logs', () => {
  it('containers without logging write to the task\'s log group (30 days) in the stack\'s Region', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1 }\n`);
    expect(c.template.Resources.WebLogGroup.Properties.RetentionInDays).toBe(30);
    expect(c.template.Resources.WebTaskDefinition.Properties.ContainerDefinitions[0].LogConfiguration).toEqual({
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': { Ref: 'WebLogGroup' }, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'web' },
    });
  });

  it('x-ecs.logging sets retention, stream prefix and secret options; its missing region is the stack\'s, not a warning', async () => {
    const c = await compile(`x-ecs:\n  launch_type: FARGATE\n  logging: { retention_days: 7, stream_prefix: shop }\nservices:\n  web: { image: example/web:1 }\n`);
    expect(c.template.Resources.WebLogGroup.Properties.RetentionInDays).toBe(7);
    expect(c.template.Resources.WebTaskDefinition.Properties.ContainerDefinitions[0].LogConfiguration.Options).toEqual({ 'awslogs-group': { Ref: 'WebLogGroup' }, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'shop' });
    expect(c.diagnostics.filter((d) => d.path === '/x-ecs/logging')).toEqual([]);
    await valid(c);
  });

  it('compose awslogs logging without awslogs-region logs in the stack\'s Region, and on Fargate under the service\'s name (the driver takes the Region where it runs; Fargate requires a prefix)', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  worker:\n    image: example/worker:1\n    logging: { driver: awslogs, options: { awslogs-group: /ecs/worker } }\n`);
    expect(c.template.Resources.WorkerTaskDefinition.Properties.ContainerDefinitions[0].LogConfiguration).toEqual({
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': '/ecs/worker', 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'worker' },
    });
    expect(brief(c.diagnostics).filter((d) => d.includes('/services/worker/logging'))).toEqual([]);
    await valid(c);
  });

  it('compose awslogs logging without awslogs-group is still a warning: the driver needs one under compose too', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  worker:\n    image: example/worker:1\n    logging: { driver: awslogs, options: { awslogs-stream-prefix: w } }\n`);
    expect(brief(c.diagnostics)).toContain('ECS_INVALID warning /services/worker/logging/options');
  });

  it('x-ecs.logging.group names an existing group: the stack creates none; create_group lets the execution role create it', async () => {
    const c = await compile(`x-ecs:\n  launch_type: FARGATE\n  logging: { group: /shared/logs, create_group: true }\nservices:\n  web: { image: example/web:1 }\n`);
    expect(ofType(c.template, 'AWS::Logs::LogGroup')).toEqual({});
    expect(c.template.Resources.WebTaskDefinition.Properties.ContainerDefinitions[0].LogConfiguration.Options).toMatchObject({ 'awslogs-group': '/shared/logs', 'awslogs-create-group': 'true' });
    expect(c.template.Resources.WebExecutionRole.Properties.Policies[0].PolicyDocument.Statement).toContainEqual({ Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: '*' });
    await valid(c);
  });
});

describe('the ECS service', () => {
  it('x-ecs.service.role is left out (services use the service-linked role), reported as info', async () => {
    const c = await compile(`services:\n  boot: { image: example/boot:1, ports: ["8080:8080"], x-ecs: { service: { role: ecsServiceRole, health_check_grace_period: 60 } } }\n`);
    expect(c.template.Resources.BootService.Properties.Role).toBeUndefined();
    expect(c.template.Resources.BootService.Properties.HealthCheckGracePeriodSeconds).toBe(60);
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD info /services/boot/x-ecs/service/role');
    await valid(c);
  });

  it('the deployment circuit breaker rolls back failed deployments unless configured otherwise', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1, deploy: { update_config: { order: start-first } } }\n`);
    expect(c.template.Resources.WebService.Properties.DeploymentConfiguration).toEqual({ MaximumPercent: 200, MinimumHealthyPercent: 100, DeploymentCircuitBreaker: { Enable: true, Rollback: true } });
  });
});

describe('user strings', () => {
  it('${…} in a command (from $${…}) becomes an Fn::Sub with the ${!…} escape, which CloudFormation gives back as written', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web: { image: example/web:1, command: ["sh", "-c", "exec serve --port $\${PORT}"] }\n`);
    expect(c.template.Resources.WebTaskDefinition.Properties.ContainerDefinitions[0].Command).toEqual(['sh', '-c', { 'Fn::Sub': 'exec serve --port ${!PORT}' }]);
    await valid(c);
  });
});

describe('AWS::ECS::Service PropagateTags (SERVICE | TASK_DEFINITION)', () => {
  it('x-ecs.service.propagate_tags NONE, which only the ECS API takes, is left out (no propagation, the default)', async () => {
    const c = await compile(`services:\n  web: { image: example/web:1, x-ecs: { service: { propagate_tags: NONE } } }\n`);
    expect(c.template.Resources.WebService.Properties.PropagateTags).toBeUndefined();
    await valid(c);
  });

  it('SERVICE is kept', async () => {
    const c = await compile(`services:\n  web: { image: example/web:1, x-ecs: { service: { propagate_tags: SERVICE } } }\n`);
    expect(c.template.Resources.WebService.Properties.PropagateTags).toBe('SERVICE');
  });
});

describe('AWS::ECS::Service Tags (Value pattern ^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$)', () => {
  it('a deploy label a tag cannot hold is left out of Tags, with a warning at the label', async () => {
    const c = await compile(`services:\n  web: { image: example/web:1, deploy: { labels: { note: "with # hash", team: a } } }\n`);
    expect(c.template.Resources.WebService.Properties.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    expect(brief(c.diagnostics)).toContain('ECS_UNSUPPORTED_FIELD warning /services/web/deploy/labels/note');
    await valid(c);
  });
});

describe('AWS::ServiceDiscovery::Service Name (DNS labels: no leading or trailing -)', () => {
  it('a task named api- is registered as api, with a warning at the service', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE, service_discovery: true }\nservices:\n  api-: { image: example/api:1 }\n`);
    expect(ofType(c.template, 'AWS::ServiceDiscovery::Service')).toMatchObject({ ApiDiscoveryService: { Properties: { Name: 'api' } } });
    expect(brief(c.diagnostics)).toContain('CFN_UNSUPPORTED_FIELD warning /services/api-');
    await valid(c);
  });

  it('api- next to api: the second to take the name is left out of discovery, with a warning', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE, service_discovery: true }\nservices:\n  api: { image: example/api:1 }\n  api-: { image: example/api:1 }\n`);
    expect(Object.values(ofType(c.template, 'AWS::ServiceDiscovery::Service')).map((r) => r.Properties.Name)).toEqual(['api']);
    expect(brief(c.diagnostics).filter((d) => d.startsWith('CFN_UNSUPPORTED_FIELD warning /services/api'))).toHaveLength(1);
    await valid(c);
  });
});
