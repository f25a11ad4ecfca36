/**
 * ECS deploy-time failures a registry schema cannot see, each from the AWS documentation page
 * named beside it (the tests in cloudformation-semantics.test.ts cite them too).
 */
import { chosen, dependencies, isObject, type Deployment, type Json, type JsonObject, type Resource, type SemanticFinding, type TemplateModel } from './cloudformation-semantics.js';

/** Every deploy-time finding of a read template. */
export function deployFindings(model: TemplateModel): SemanticFinding[] {
  const out: SemanticFinding[] = [];
  for (const r of model.resources.values()) {
    if (r.type === 'AWS::ECS::Service') {
      out.push(...loadBalancerAttached(model, r), ...targetTypes(model, r), ...serviceConnectNamespace(model, r), ...ingressCoversTargets(model, r), ...launchTypeFits(model, r));
      out.push(...networkConfiguration(model, r), ...containersNamed(model, r));
    }
    if (r.type === 'AWS::ECS::TaskDefinition') out.push(...fargateTask(r), ...executionRoleAllows(model, r), ...containerDependencies(r), ...awslogsOptions(model, r));
  }
  out.push(...listenerRulePriorities(model), ...scalingOrder(model));
  return out;
}

// --- helpers over values ---------------------------------------------------------------

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` value names, if it names a resource of the template. */
function resourceOf(model: TemplateModel, v: Json | undefined): Resource | undefined {
  if (!isObject(v)) return undefined;
  const ref = v.Ref;
  if (typeof ref === 'string') return model.resources.get(ref);
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return model.resources.get(att[0]);
  if (typeof att === 'string') return model.resources.get(att.split('.')[0]!);
  return undefined;
}

function list(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function objects(v: Json | undefined): JsonObject[] {
  return list(v).filter(isObject);
}

/** The task definition a service runs, when the template makes it. */
function taskDefinitionOf(model: TemplateModel, service: Resource): Resource | undefined {
  const td = resourceOf(model, service.props.TaskDefinition);
  return td?.type === 'AWS::ECS::TaskDefinition' ? td : undefined;
}

/** ECS's default network mode on Linux is bridge (TaskDefinition NetworkMode docs). */
function networkMode(td: Resource): string {
  return typeof td.props.NetworkMode === 'string' ? td.props.NetworkMode : 'bridge';
}

/** The target groups a listener's default actions or a rule's actions forward to. */
function forwardedTargetGroups(model: TemplateModel, actions: Json | undefined): Resource[] {
  const out: Resource[] = [];
  for (const a of objects(actions)) {
    const direct = resourceOf(model, a.TargetGroupArn);
    if (direct) out.push(direct);
    const forward = isObject(a.ForwardConfig) ? a.ForwardConfig : {};
    for (const tg of objects(forward.TargetGroups)) {
      const r = resourceOf(model, tg.TargetGroupArn);
      if (r) out.push(r);
    }
  }
  return out;
}

// --- the checks ------------------------------------------------------------------------

/**
 * ECS CreateService, loadBalancers: "the container instance and port combination is registered as
 * a target in the target group"; a target group no listener or rule uses yet has no load balancer,
 * and CreateService fails ("The target group ... does not have an associated load balancer").
 * The service must depend, in every deployment, on a listener or rule that forwards to it.
 */
function loadBalancerAttached(model: TemplateModel, service: Resource): SemanticFinding[] {
  const out: SemanticFinding[] = [];
  for (const lb of objects(service.props.LoadBalancers)) {
    const tg = resourceOf(model, lb.TargetGroupArn);
    if (!tg) continue; // a target group from outside the stack is attached already, or not our business
    const attachers = [...model.resources.values()].filter(
      (r) =>
        (r.type === 'AWS::ElasticLoadBalancingV2::Listener' && forwardedTargetGroups(model, r.props.DefaultActions).includes(tg)) ||
        (r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && forwardedTargetGroups(model, r.props.Actions).includes(tg)),
    );
    const unattached = model.deployments.find((d) => d.exists(service.id) && !attachers.some((a) => d.exists(a.id) && dependencies(d.edges, service.id).has(a.id)));
    if (unattached)
      out.push({ check: 'LoadBalancerAttached', at: service.id, message: `with ${unattached.label}, the service does not depend on a listener or rule that forwards to ${tg.id} (${attachers.map((a) => a.id).join(', ') || 'none does'})` });
  }
  return out;
}

/**
 * ECS Developer Guide, "Use an Application Load Balancer for Amazon ECS" / CloudFormation
 * AWS::ECS::Service LoadBalancer: awsvpc tasks need target type ip; bridge and host tasks register
 * as instance and port (TargetType defaults to instance).
 */
function targetTypes(model: TemplateModel, service: Resource): SemanticFinding[] {
  const td = taskDefinitionOf(model, service);
  if (!td) return [];
  const want = networkMode(td) === 'awsvpc' ? 'ip' : 'instance';
  const out: SemanticFinding[] = [];
  for (const lb of objects(service.props.LoadBalancers)) {
    const tg = resourceOf(model, lb.TargetGroupArn);
    if (tg?.type !== 'AWS::ElasticLoadBalancingV2::TargetGroup') continue;
    const have = typeof tg.props.TargetType === 'string' ? tg.props.TargetType : 'instance';
    if (have !== want) out.push({ check: 'TargetType', at: tg.id, message: `${service.id} runs ${networkMode(td)} tasks (${td.id}): its target group must have TargetType ${want}, not ${have}` });
  }
  return out;
}

/** Fargate task sizes: CPU units → the memory MiB allowed (ECS Developer Guide, "Amazon ECS task definition parameters for Fargate", Task size). */
function fargateMemoryAllowed(cpu: number, memory: number): boolean {
  const range = (lo: number, hi: number, step: number) => memory >= lo && memory <= hi && (memory - lo) % step === 0;
  switch (cpu) {
    case 256: return [512, 1024, 2048].includes(memory);
    case 512: return range(1024, 4096, 1024);
    case 1024: return range(2048, 8192, 1024);
    case 2048: return range(4096, 16384, 1024);
    case 4096: return range(8192, 30720, 1024);
    case 8192: return range(16384, 61440, 4096);
    case 16384: return range(32768, 122880, 8192);
    default: return false;
  }
}

/** Fargate task definitions: awsvpc, and a task-level Cpu/Memory pair from the valid table (same page). */
function fargateTask(td: Resource): SemanticFinding[] {
  const compat = list(td.props.RequiresCompatibilities);
  if (!compat.includes('FARGATE')) return [];
  const out: SemanticFinding[] = [];
  if (networkMode(td) !== 'awsvpc') out.push({ check: 'Fargate', at: td.id, message: `a FARGATE task definition must use NetworkMode awsvpc, not ${networkMode(td)}` });
  const cpu = td.props.Cpu;
  const memory = td.props.Memory;
  if (cpu === undefined || memory === undefined) return [...out, { check: 'Fargate', at: td.id, message: 'a FARGATE task definition needs Cpu and Memory at task level' }];
  const c = Number(cpu);
  const m = Number(memory);
  // A size given by a parameter or a condition is chosen at deploy time; only literal sizes are checked.
  if ((typeof cpu === 'string' || typeof cpu === 'number') && (typeof memory === 'string' || typeof memory === 'number') && !fargateMemoryAllowed(c, m))
    out.push({ check: 'Fargate', at: td.id, message: `Cpu ${cpu} with Memory ${memory} is not a Fargate task size` });
  return out;
}

/** A FARGATE launch type needs a task definition that declares FARGATE compatibility (RegisterTaskDefinition, requiresCompatibilities). */
function launchTypeFits(model: TemplateModel, service: Resource): SemanticFinding[] {
  const td = taskDefinitionOf(model, service);
  if (!td || service.props.LaunchType !== 'FARGATE') return [];
  if (list(td.props.RequiresCompatibilities).includes('FARGATE')) return [];
  return [{ check: 'Fargate', at: service.id, message: `LaunchType FARGATE, but ${td.id} does not list FARGATE in RequiresCompatibilities` }];
}

/**
 * ECS Developer Guide, "Amazon ECS Service Connect configuration overview": a service joins the
 * namespace of its serviceConnectConfiguration (or the cluster's default), which must exist when
 * the service is created: a namespace the stack makes must come before the service.
 */
function serviceConnectNamespace(model: TemplateModel, service: Resource): SemanticFinding[] {
  const sc = service.props.ServiceConnectConfiguration;
  if (!isObject(sc) || sc.Enabled !== true) return [];
  const namespaces = [...model.resources.values()].filter((r) => r.type === 'AWS::ServiceDiscovery::HttpNamespace' || r.type === 'AWS::ServiceDiscovery::PrivateDnsNamespace' || r.type === 'AWS::ServiceDiscovery::PublicDnsNamespace');
  if (namespaces.length === 0) return [];
  const early = model.deployments.find((d) => d.exists(service.id) && !namespaces.some((n) => d.exists(n.id) && dependencies(d.edges, service.id).has(n.id)));
  if (!early) return [];
  return [{ check: 'ServiceConnect', at: service.id, message: `with ${early.label}, Service Connect is on but the service depends on none of the stack's namespaces (${namespaces.map((n) => n.id).join(', ')}): it may be created before its namespace` }];
}

/**
 * A load balancer reaches an awsvpc task through the task's security groups (ECS Developer Guide,
 * "Use an Application Load Balancer for Amazon ECS": the tasks' security group must admit the
 * container port from the load balancer). In every deployment, some ingress rule of the service's
 * groups admits each targeted port from the load balancer: from one of its security groups, from a
 * group given as a parameter when the load balancer is not the stack's, or from a CIDR range (a
 * load balancer without security groups, a Network Load Balancer, is admitted only so). A rule
 * from the service's own groups (members of a compose network) does not admit the load balancer.
 */
function ingressCoversTargets(model: TemplateModel, service: Resource): SemanticFinding[] {
  const td = taskDefinitionOf(model, service);
  if (!td || networkMode(td) !== 'awsvpc') return []; // bridge/host: the instances' groups, outside what the template says
  const out: SemanticFinding[] = [];
  for (const lb of objects(service.props.LoadBalancers)) {
    const port = lb.ContainerPort;
    const tg = resourceOf(model, lb.TargetGroupArn);
    if (typeof port !== 'number' || !tg) continue;
    const protocol = typeof tg.props.Protocol === 'string' && /^(UDP|TCP_UDP)$/.test(tg.props.Protocol) ? 'udp' : 'tcp';
    const closed = model.deployments.find((d) => {
      if (!d.exists(service.id)) return false;
      const sources = loadBalancerSources(model, tg, d);
      return !ingressRules(model, service, d).some((rule) => admitsPort(rule, protocol, port) && admitsSource(model, rule, sources));
    });
    if (closed) out.push({ check: 'Ingress', at: service.id, message: `with ${closed.label}, no security group of the service admits the load balancer of ${tg.id} on ${protocol} port ${port}` });
  }
  return out;
}

/** The ingress rules of a service's security groups in one deployment (inline and AWS::EC2::SecurityGroupIngress). */
function ingressRules(model: TemplateModel, service: Resource, d: Deployment): JsonObject[] {
  const config = chosen(service.props.NetworkConfiguration, d.conditions);
  const vpc = isObject(config) && isObject(config.AwsvpcConfiguration) ? config.AwsvpcConfiguration : {};
  const groups = list(vpc.SecurityGroups).map((g) => resourceOf(model, g)).filter((g): g is Resource => g?.type === 'AWS::EC2::SecurityGroup' && d.exists(g.id));
  const rules: JsonObject[] = [];
  for (const g of groups) rules.push(...objects(chosen(g.props.SecurityGroupIngress, d.conditions)));
  for (const r of model.resources.values()) {
    const props = chosen(r.props, d.conditions);
    if (r.type === 'AWS::EC2::SecurityGroupIngress' && d.exists(r.id) && isObject(props) && groups.some((g) => g === resourceOf(model, props.GroupId))) rules.push(props);
  }
  return rules;
}

function admitsPort(rule: JsonObject, protocol: 'tcp' | 'udp', port: number): boolean {
  const p = String(rule.IpProtocol);
  if (p === '-1') return true;
  if (p !== protocol && !(protocol === 'tcp' && p === '6') && !(protocol === 'udp' && p === '17')) return false;
  return typeof rule.FromPort === 'number' && typeof rule.ToPort === 'number' && rule.FromPort <= port && port <= rule.ToPort;
}

/** Where a target group's traffic comes from in one deployment: the security groups of the stack's load balancers that forward to it, and whether some forwarding load balancer is outside the stack. */
interface Sources {
  readonly groups: ReadonlySet<Resource>;
  readonly external: boolean;
}

function loadBalancerSources(model: TemplateModel, tg: Resource, d: Deployment): Sources {
  const groups = new Set<Resource>();
  let external = false;
  const fromLoadBalancer = (arn: Json | undefined): void => {
    const lb = resourceOf(model, arn);
    if (!lb) return void (external = true);
    for (const g of list(chosen(lb.props.SecurityGroups, d.conditions))) {
      const group = resourceOf(model, g);
      if (group) groups.add(group);
      else external = true; // a group given as a parameter
    }
  };
  for (const r of model.resources.values()) {
    if (!d.exists(r.id)) continue;
    if (r.type === 'AWS::ElasticLoadBalancingV2::Listener' && forwardedTargetGroups(model, r.props.DefaultActions).includes(tg)) fromLoadBalancer(chosen(r.props.LoadBalancerArn, d.conditions));
    if (r.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && forwardedTargetGroups(model, r.props.Actions).includes(tg)) {
      const listener = resourceOf(model, chosen(r.props.ListenerArn, d.conditions));
      if (listener) fromLoadBalancer(chosen(listener.props.LoadBalancerArn, d.conditions));
      else external = true;
    }
  }
  return { groups, external };
}

function admitsSource(model: TemplateModel, rule: JsonObject, sources: Sources): boolean {
  if (rule.CidrIp !== undefined || rule.CidrIpv6 !== undefined || rule.SourcePrefixListId !== undefined) return true;
  const source = rule.SourceSecurityGroupId;
  if (source === undefined) return false;
  const group = resourceOf(model, source);
  if (group) return sources.groups.has(group);
  return sources.external && isObject(source) && typeof source.Ref === 'string' && model.parameters.has(source.Ref);
}

/**
 * ECS CreateService, networkConfiguration: "required for task definitions that use the awsvpc
 * network mode ... not supported for other network modes".
 */
function networkConfiguration(model: TemplateModel, service: Resource): SemanticFinding[] {
  const td = taskDefinitionOf(model, service);
  if (!td) return [];
  const has = service.props.NetworkConfiguration !== undefined;
  const awsvpc = networkMode(td) === 'awsvpc';
  if (awsvpc && !has) return [{ check: 'NetworkConfiguration', at: service.id, message: `${td.id} uses awsvpc: the service needs NetworkConfiguration.AwsvpcConfiguration` }];
  if (!awsvpc && has) return [{ check: 'NetworkConfiguration', at: service.id, message: `${td.id} uses ${networkMode(td)}: NetworkConfiguration is for awsvpc tasks only` }];
  return [];
}

/**
 * ECS CreateService: a load balancer's ContainerName and ContainerPort are a container of the task
 * definition and one of its port mappings ("The container name must be as it appears in a
 * container definition"); a Service Connect service's portName is the name of a port mapping
 * (ECS Developer Guide, "Amazon ECS Service Connect configuration overview").
 */
function containersNamed(model: TemplateModel, service: Resource): SemanticFinding[] {
  const td = taskDefinitionOf(model, service);
  if (!td) return [];
  const containers = new Map(objects(td.props.ContainerDefinitions).map((c) => [String(c.Name), c]));
  const out: SemanticFinding[] = [];
  for (const lb of objects(service.props.LoadBalancers)) {
    const c = containers.get(String(lb.ContainerName));
    if (!c) out.push({ check: 'Container', at: service.id, message: `LoadBalancers names the container ${String(lb.ContainerName)}, which ${td.id} does not have` });
    else if (!objects(c.PortMappings).some((m) => m.ContainerPort === lb.ContainerPort))
      out.push({ check: 'Container', at: service.id, message: `LoadBalancers sends to port ${String(lb.ContainerPort)} of ${String(lb.ContainerName)}, which maps no such container port` });
  }
  const sc = service.props.ServiceConnectConfiguration;
  const portNames = new Set([...containers.values()].flatMap((c) => objects(c.PortMappings).map((m) => m.Name)).filter((n) => typeof n === 'string'));
  for (const svc of objects(isObject(sc) ? sc.Services : undefined))
    if (!portNames.has(svc.PortName as string)) out.push({ check: 'Container', at: service.id, message: `Service Connect names the port ${String(svc.PortName)}, which no port mapping of ${td.id} is named` });
  return out;
}

/** RegisterTaskDefinition, dependsOn: each containerName is a container of the same task definition. */
function containerDependencies(td: Resource): SemanticFinding[] {
  const names = new Set(objects(td.props.ContainerDefinitions).map((c) => String(c.Name)));
  const out: SemanticFinding[] = [];
  for (const c of objects(td.props.ContainerDefinitions))
    for (const d of objects(c.DependsOn))
      if (!names.has(String(d.ContainerName))) out.push({ check: 'Container', at: td.id, message: `${String(c.Name)} depends on the container ${String(d.ContainerName)}, which the task definition does not have` });
  return out;
}

/**
 * ECS Developer Guide, "Using the awslogs log driver": awslogs-group and awslogs-region are
 * required, awslogs-stream-prefix too on Fargate; the group must exist when the task starts
 * unless awslogs-create-group is true, so a group the stack makes is named by Ref (the task
 * definition then waits for it), not by its name written again.
 */
function awslogsOptions(model: TemplateModel, td: Resource): SemanticFinding[] {
  const fargate = list(td.props.RequiresCompatibilities).includes('FARGATE');
  const groups = [...model.resources.values()].filter((r) => r.type === 'AWS::Logs::LogGroup');
  const out: SemanticFinding[] = [];
  for (const c of objects(td.props.ContainerDefinitions)) {
    const log = isObject(c.LogConfiguration) ? c.LogConfiguration : {};
    if (log.LogDriver !== 'awslogs') continue;
    const options = isObject(log.Options) ? log.Options : {};
    const required = ['awslogs-group', 'awslogs-region', ...(fargate ? ['awslogs-stream-prefix'] : [])];
    for (const key of required) if (options[key] === undefined) out.push({ check: 'Awslogs', at: td.id, message: `${String(c.Name)} logs with awslogs without ${key}` });
    const group = options['awslogs-group'];
    const named = groups.find((g) => g.props.LogGroupName !== undefined && JSON.stringify(g.props.LogGroupName) === JSON.stringify(group));
    if (named && String(options['awslogs-create-group']) !== 'true')
      out.push({ check: 'Awslogs', at: td.id, message: `${String(c.Name)} names the log group of ${named.id} by its name, not by Ref: the task may start before the group exists` });
  }
  return out;
}

/**
 * Application Auto Scaling User Guide, "Amazon ECS and Application Auto Scaling": a scalable
 * target (service/<cluster>/<service>) registers an existing ECS service, and "requires a
 * scalable target before you can create scaling policies". In every deployment, an ecs scalable
 * target depends on an ECS service of the stack, and a scaling policy on a scalable target.
 */
function scalingOrder(model: TemplateModel): SemanticFinding[] {
  const out: SemanticFinding[] = [];
  const ofType = (type: string) => [...model.resources.values()].filter((r) => r.type === type);
  const services = ofType('AWS::ECS::Service');
  const targets = ofType('AWS::ApplicationAutoScaling::ScalableTarget');
  const needs = (r: Resource, on: Resource[], what: string) => {
    if (on.length === 0) return;
    const d = model.deployments.find((x) => x.exists(r.id) && !on.some((o) => x.exists(o.id) && dependencies(x.edges, r.id).has(o.id)));
    if (d) out.push({ check: 'Scaling', at: r.id, message: `with ${d.label}, it depends on no ${what} of the stack: it may be created first` });
  };
  for (const t of targets) if (t.props.ServiceNamespace === 'ecs') needs(t, services, 'ECS service');
  for (const p of ofType('AWS::ApplicationAutoScaling::ScalingPolicy')) needs(p, targets, 'scalable target');
  return out;
}

/** ELBv2 CreateRule, Priority: "Each rule must have a unique priority" on its listener. */
function listenerRulePriorities(model: TemplateModel): SemanticFinding[] {
  const seen = new Map<string, string>();
  const out: SemanticFinding[] = [];
  for (const r of model.resources.values()) {
    if (r.type !== 'AWS::ElasticLoadBalancingV2::ListenerRule') continue;
    const key = `${JSON.stringify(r.props.ListenerArn)} ${JSON.stringify(r.props.Priority)}`;
    const other = seen.get(key);
    if (other) out.push({ check: 'Priority', at: r.id, message: `priority ${JSON.stringify(r.props.Priority)} is also ${other}'s on the same listener` });
    else seen.set(key, r.id);
  }
  return out;
}

/** The actions AmazonECSTaskExecutionRolePolicy allows, on every resource (ECS Developer Guide, "Amazon ECS task execution IAM role"). */
const TASK_EXECUTION_POLICY_ACTIONS = ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'];

interface Grant {
  readonly actions: readonly string[];
  readonly resources: readonly Json[];
}

/**
 * ECS Developer Guide, "Amazon ECS task execution IAM role", and "Required IAM permissions for
 * Amazon ECS secrets": the execution role pulls ECR images, writes awslogs streams (and creates the
 * group when awslogs-create-group is true: "Using the awslogs log driver"), and reads the secrets
 * and private-registry credentials the containers name.
 */
function executionRoleAllows(model: TemplateModel, td: Resource): SemanticFinding[] {
  const needs: { action: string; resource: Json | undefined; why: string }[] = [];
  for (const c of objects(td.props.ContainerDefinitions)) {
    const name = String(c.Name);
    const image = JSON.stringify(c.Image ?? '');
    if (/\.dkr\.ecr\.[^"]*\.amazonaws\.com/.test(image))
      for (const action of ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']) needs.push({ action, resource: undefined, why: `${name} pulls from ECR` });
    const log = isObject(c.LogConfiguration) ? c.LogConfiguration : {};
    if (log.LogDriver === 'awslogs') {
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) needs.push({ action, resource: undefined, why: `${name} logs with awslogs` });
      const options = isObject(log.Options) ? log.Options : {};
      if (String(options['awslogs-create-group']) === 'true') needs.push({ action: 'logs:CreateLogGroup', resource: undefined, why: `${name} sets awslogs-create-group` });
    }
    for (const s of [...objects(c.Secrets), ...objects(log.SecretOptions)]) needs.push(secretNeed(s.ValueFrom, `${name} reads the secret ${String(s.Name)}`));
    const creds = isObject(c.RepositoryCredentials) ? c.RepositoryCredentials.CredentialsParameter : undefined;
    if (creds !== undefined) needs.push(secretNeed(creds, `${name} pulls with registry credentials`));
  }
  if (needs.length === 0) return [];
  const roleValue = td.props.ExecutionRoleArn;
  if (roleValue === undefined) return [{ check: 'ExecutionRole', at: td.id, message: `no ExecutionRoleArn, but ${needs[0]!.why}` }];
  const role = resourceOf(model, roleValue);
  if (!role) return []; // a role from outside the stack: its policies are not in the template
  const grants = grantsOf(model, role);
  const out: SemanticFinding[] = [];
  for (const need of needs) {
    if (!grants.some((g) => g.actions.some((a) => glob(a, need.action)) && (need.resource === undefined || g.resources.some((r) => covers(r, need.resource!)))))
      out.push({ check: 'ExecutionRole', at: td.id, message: `${role.id} does not allow ${need.action}${need.resource !== undefined ? ` on ${JSON.stringify(need.resource)}` : ''}: ${need.why}` });
  }
  return out;
}

/** What reading a secret needs: Secrets Manager ARNs (a JSON key after the name reads the whole secret), else an SSM parameter. */
function secretNeed(valueFrom: Json | undefined, why: string): { action: string; resource: Json | undefined; why: string } {
  const text = typeof valueFrom === 'string' ? valueFrom : isObject(valueFrom) && typeof valueFrom['Fn::Sub'] === 'string' && !valueFrom['Fn::Sub'].replace(/\$\{!/g, '').includes('${') ? valueFrom['Fn::Sub'].replace(/\$\{!/g, '${') : undefined;
  if (text === undefined) return { action: valueFrom !== undefined && JSON.stringify(valueFrom).includes('secretsmanager') ? 'secretsmanager:GetSecretValue' : 'secretsmanager:GetSecretValue|ssm:GetParameters', resource: valueFrom, why };
  if (text.includes(':secretsmanager:')) return { action: 'secretsmanager:GetSecretValue', resource: text.split(':').slice(0, 7).join(':'), why };
  return { action: 'ssm:GetParameters', resource: text.startsWith('arn:') ? text : `parameter/${text.replace(/^\//, '')}`, why };
}

function grantsOf(model: TemplateModel, role: Resource): Grant[] {
  const grants: Grant[] = [];
  const statementsOf = (doc: Json | undefined) => {
    for (const s of objects(isObject(doc) ? doc.Statement : undefined)) {
      if (s.Effect !== 'Allow') continue;
      grants.push({ actions: list(s.Action).filter((a): a is string => typeof a === 'string'), resources: list(s.Resource) });
    }
  };
  for (const p of objects(role.props.Policies)) statementsOf(p.PolicyDocument);
  for (const arn of list(role.props.ManagedPolicyArns))
    if (JSON.stringify(arn).endsWith(':policy/service-role/AmazonECSTaskExecutionRolePolicy"}') || JSON.stringify(arn).endsWith(':policy/service-role/AmazonECSTaskExecutionRolePolicy"'))
      grants.push({ actions: TASK_EXECUTION_POLICY_ACTIONS, resources: ['*'] });
  for (const r of model.resources.values())
    if ((r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') && list(r.props.Roles).some((x) => resourceOf(model, x) === role)) statementsOf(r.props.PolicyDocument);
  return grants;
}

/** An IAM pattern (`*`, `?`) against a value; `a|b` in the value means either. */
function glob(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return value.split('|').some((v) => re.test(v));
}

/** Whether a statement's Resource entry covers what a secret needs. */
function covers(resource: Json, need: Json): boolean {
  if (JSON.stringify(resource) === JSON.stringify(need)) return true;
  // A secret named by a stack parameter: an ARN built from that same parameter (Fn::Sub or Fn::Join).
  if (isObject(need) && typeof need.Ref === 'string') {
    const sub = isObject(resource) ? resource['Fn::Sub'] : undefined;
    const join = isObject(resource) ? resource['Fn::Join'] : undefined;
    if (typeof sub === 'string') return sub.includes(`\${${need.Ref}}`);
    if (Array.isArray(join) && Array.isArray(join[1])) return join[1].some((part) => JSON.stringify(part) === JSON.stringify(need));
    return resource === '*';
  }
  const text = typeof resource === 'string' ? resource : isObject(resource) && typeof resource['Fn::Sub'] === 'string' ? resource['Fn::Sub'] : undefined;
  if (text === undefined || typeof need !== 'string') return text === '*';
  if (need.startsWith('parameter/')) return text === '*' || text.endsWith(`:${need}`);
  // A Sub's ${AWS::…} parts stand for anything; ${!x} is the literal ${x}.
  const pattern = text.replace(/\$\{!/g, '\u0000').replace(/\$\{[^}]*\}/g, '*').replace(/\u0000/g, '${');
  return glob(pattern, need);
}
