/**
 * The resources of one ECS task: its log group, roles, task definition (the ECS backend's, in
 * CloudFormation casing), security group (awsvpc), ECS service and autoscaling.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, Task } from '../../ir/ir.js';
import { taskDefinition } from '../ecs/task-definition.js';
import { serviceDefinition } from '../ecs/service.js';
import { serviceConnectNamespace } from '../ecs/service-connect.js';
import { addAutoscaling } from './autoscaling.js';
import { toCfnProperties } from './cfn-properties.js';
import { useDynamicHostPorts } from './host-ports.js';
import { addExecutionRole, addTaskRole } from './iam.js';
import { useSecretParameters } from './secret-parameters.js';
import type { DerivedSecret } from '../ecs/container-context.js';
import { FILES_CONTAINER } from '../ecs/task-files.js';
import { preStartOf } from '../ecs/pre-start.js';
import { finishLogging, stackLogs } from './logs.js';
import type { Frontend, RouteResources } from './load-balancing.js';
import type { StackParams } from './parameters.js';
import { ingressOf, writtenAt } from './settings.js';
import { warnOpenPorts } from './open-ports.js';
import { getAtt, ref, sub, type Json, type Template } from './template.js';

export interface TaskIds {
  id: string;
  /** Logical ID base of each compose service (for image parameters). */
  serviceIds: Map<string, string>;
  /** Compose fields the stack carries itself (EcsEmitOptions.carried). */
  carried?: ReadonlySet<string>;
  /** Notes and findings given once per stack, shared by its tasks (EcsEmitOptions.notes). */
  notes?: Set<string>;
}

export function addTask(ir: EcsIR, t: Template, p: StackParams, task: Task, ids: TaskIds, routes: RouteResources | undefined, frontend: Frontend | undefined, diagnostics: Diagnostic[]): { serviceId?: string; securityGroup?: string } {
  const { id } = ids;
  p.environmentName();
  const routedPorts = new Map<string, Set<number>>();
  for (const { route } of routes?.targetGroups ?? []) routedPorts.set(route.service, (routedPorts.get(route.service) ?? new Set()).add(route.port));
  const secretRefs = new Map<string, DerivedSecret>();
  const td = toCfnProperties(taskDefinition(ir, task, diagnostics, { managed: true, routedPorts, stackLogs: stackLogs(id), secretRefs, ...(ids.carried ? { carried: ids.carried } : {}), ...(ids.notes ? { notes: ids.notes } : {}), imageParameters: true })) as Json;
  const containers = (td.ContainerDefinitions as Json[]) ?? [];
  const { statements } = useSecretParameters(t, secretRefs, containers);
  for (const c of containers) {
    // The file writer's image is pinned by compose2ecs, not a release of the project.
    if (c.Name === FILES_CONTAINER) continue;
    const base = imageOwner(ir, task, ids, String(c.Name), typeof c.Image === 'string' ? c.Image : '', id);
    if (typeof c.Image === 'string') c.Image = p.image(base, c.Image);
    else if (c.Image === undefined && ir.project.services[String(c.Name)]?.build) c.Image = p.builtImage(ids.serviceIds.get(String(c.Name)) ?? id, String(c.Name));
  }
  finishLogging(t, p, task, id, containers);
  useDynamicHostPorts(ir, task, containers, routes, diagnostics);
  if ((td.Volumes as unknown[] | undefined)?.length === 0) delete td.Volumes;
  const s = task.settings;
  const given = (key: 'execution_role_arn' | 'task_role_arn', param: string, value: string): unknown =>
    p.existingArn(`${id}${param}`, value, `x-ecs.${key} of task "${task.name}"`, `The ${key === 'task_role_arn' ? 'task' : 'execution'} role of ${task.name}`, writtenAt(ir, task, key) ?? ['services', task.services[0] as string]);
  td.ExecutionRoleArn = s.execution_role_arn ? given('execution_role_arn', 'ExecutionRoleArn', s.execution_role_arn) : getAtt(addExecutionRole(t, id, containers, statements), 'Arn');
  const taskRole = addTaskRole(ir, t, task, id, td, s.service?.enable_execute_command === true, diagnostics);
  if (s.task_role_arn) td.TaskRoleArn = given('task_role_arn', 'TaskRoleArn', s.task_role_arn);
  else if (taskRole) td.TaskRoleArn = taskRole;
  td.Family = sub(`\${EnvironmentName}-${task.family}`);
  t.resource(`${id}TaskDefinition`, 'AWS::ECS::TaskDefinition', td);
  if (!task.withService) return runTaskOutput(ir, t, p, task, id, diagnostics);

  let securityGroup: string | undefined;
  if (task.networkMode === 'awsvpc') securityGroup = securityGroupFor(ir, t, p, task, id, routes, diagnostics);

  const sd = toCfnProperties(serviceDefinition(ir, forService(ir, task, routes, diagnostics), diagnostics, { managed: true })) as Json;
  delete sd.ClientToken;
  // AWS::ECS::Service PropagateTags takes SERVICE or TASK_DEFINITION; left out, no tags are
  // propagated, which is what the ECS API's NONE asks for.
  if (sd.PropagateTags === 'NONE') delete sd.PropagateTags;
  sd.ServiceName = sub(`\${EnvironmentName}-${String(sd.ServiceName)}`);
  sd.TaskDefinition = ref(`${id}TaskDefinition`);
  sd.Cluster = p.cluster();
  const connect = sd.ServiceConnectConfiguration as Json | undefined;
  if (connect) connect.Namespace = serviceConnectNamespaceRef(ir, t, p);
  const lbs = [...((sd.LoadBalancers as Json[] | undefined) ?? []), ...(routes?.loadBalancers ?? [])];
  if (lbs.length) sd.LoadBalancers = lbs;
  const grace = task.settings.service?.health_check_grace_period;
  if (grace !== undefined && routes?.loadBalancers.length) sd.HealthCheckGracePeriodSeconds = grace;
  else if (routes?.loadBalancers.length) {
    // Issue 17: compose's start_period is how long the app may take to come up; the load
    // balancer's checks must not fail the task before it (AWS::ECS::Service: 0-2147483647 s).
    const start = Math.max(0, ...task.services.map((s) => (ir.project.services[s]?.healthcheck?.disable ? 0 : (ir.project.services[s]?.healthcheck?.start_period ?? 0))));
    if (start > 0) sd.HealthCheckGracePeriodSeconds = Math.min(2147483647, Math.ceil(start));
  }
  if (task.networkMode === 'awsvpc') {
    const given = (sd.NetworkConfiguration as { AwsvpcConfiguration?: Json } | undefined)?.AwsvpcConfiguration ?? {};
    sd.NetworkConfiguration = {
      AwsvpcConfiguration: {
        Subnets: given.Subnets ?? p.subnets(),
        SecurityGroups: [...((given.SecurityGroups as unknown[]) ?? []), ref(securityGroup as string)],
        // Fargate tasks in public subnets without a NAT gateway need a public IP to pull images.
        AssignPublicIp: given.AssignPublicIp ?? (task.launchType === 'FARGATE' ? p.assignPublicIp() : 'DISABLED'),
      },
    };
  }
  const dc = (sd.DeploymentConfiguration ??= {}) as Json;
  dc.DeploymentCircuitBreaker ??= { Enable: true, Rollback: true };
  const serviceId = `${id}Service`;
  addAutoscaling(ir, t, p, { task, id, serviceId, service: sd, ...(routes ? { routes } : {}), ...(frontend ? { frontend } : {}) }, diagnostics);
  t.resource(serviceId, 'AWS::ECS::Service', sd, { dependsOn: routes?.dependsOn ?? [] });
  t.output(`${id}ServiceName`, getAtt(serviceId, 'Name'), `ECS service name of ${task.name}`);
  t.output(`${id}ServiceArn`, ref(serviceId), `ECS service ARN of ${task.name}`);
  return securityGroup ? { serviceId, securityGroup } : { serviceId };
}

/**
 * The task as the ECS backend's service mapping should see it: without the settings the stack
 * handles itself (the service role: CloudFormation services use the ECS service-linked role;
 * the grace period: the load balancers are the stack's, so only it knows whether there are any).
 */
function forService(ir: EcsIR, task: Task, routes: RouteResources | undefined, diagnostics: Diagnostic[]): Task {
  const svc = task.settings.service;
  if (!svc || (svc.role === undefined && svc.health_check_grace_period === undefined)) return task;
  const { role, health_check_grace_period: grace, ...rest } = svc;
  const at = writtenAt(ir, task, 'service');
  if (role !== undefined && at) {
    diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'info', `x-ecs.service.role is left out: services the stack creates use the ECS service-linked role (AWSServiceRoleForECS)`, [...at, 'role']));
  }
  if (grace !== undefined && !routes?.loadBalancers.length && !svc.load_balancers?.length && at) {
    diagnostics.push(ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'warning', `x-ecs.service.health_check_grace_period applies only to services behind a load balancer; task "${task.name}" is not routed, so it is left out`, [...at, 'health_check_grace_period']));
  }
  const keep = svc.load_balancers?.length && grace !== undefined ? { health_check_grace_period: grace } : {};
  return { ...task, settings: { ...task.settings, service: { ...rest, ...keep } } };
}

/**
 * The namespace the services join: the one x-ecs.service_connect names (or
 * --cloud-map-namespace), else an HTTP namespace the stack creates, one per environment (two
 * stacks of one project in an account would otherwise share a name).
 */
function serviceConnectNamespaceRef(ir: EcsIR, t: Template, p: StackParams): unknown {
  const ns = serviceConnectNamespace(ir);
  if (ns.given) return ns.name;
  if (!t.resources.ServiceConnectNamespace) {
    p.environmentName();
    t.resource('ServiceConnectNamespace', 'AWS::ServiceDiscovery::HttpNamespace', { Name: sub('${EnvironmentName}'), Description: `Service Connect namespace of ${ir.project.name}: services reach each other by their compose names` });
    t.output('ServiceConnectNamespaceArn', getAtt('ServiceConnectNamespace', 'Arn'), 'Cloud Map namespace the services reach each other through (Service Connect)');
  }
  return getAtt('ServiceConnectNamespace', 'Arn');
}

/** A security group admitting only the load balancer on the routed ports and the listed sources. */
function securityGroupFor(ir: EcsIR, t: Template, p: StackParams, task: Task, id: string, routes: RouteResources | undefined, diagnostics: Diagnostic[]): string {
  const sgId = `${id}SecurityGroup`;
  const ingress: Json[] = [];
  const seen = new Set<string>();
  const warned = new Set<number>();
  for (const r of routes?.ingress ?? []) {
    const rule: Json = { IpProtocol: r.protocol, FromPort: r.port, ToPort: r.port, Description: 'from the load balancer' };
    const key = `${r.protocol}/${r.port}/${r.cidr ?? ''}`;
    if (r.cidr && !seen.has(key)) {
      ingress.push({ ...rule, CidrIp: r.cidr });
      if (!warned.has(r.port)) warnOpenPorts(ir, diagnostics, r.cidr, r.port, r.port, `the tasks of ${task.name} admit it from the Network Load Balancer, which passes the client's address on`, r.at ?? ['services', task.services[0] as string]);
      warned.add(r.port);
    }
    seen.add(key);
    // One conditional rule per load balancer group, so none refers to a group that may be absent.
    for (const s of r.sources ?? []) {
      const ruleId = `${id}${s.suffix}Ingress${r.port}`;
      if (seen.has(ruleId)) continue;
      seen.add(ruleId);
      t.resource(ruleId, 'AWS::EC2::SecurityGroupIngress', { GroupId: ref(sgId), SourceSecurityGroupId: s.group(), ...rule }, { condition: s.condition() });
    }
  }
  const listed = writtenAt(ir, task, 'ingress') ?? ['services', task.services[0] as string];
  ingressOf(task.settings).forEach((rule, i) => {
    const port = rule.port;
    warnOpenPorts(ir, diagnostics, rule.cidr, port ?? 0, port ?? 65535, `x-ecs.ingress admits it to the tasks of ${task.name}`, [...listed, i]);
    const base: Json = { IpProtocol: 'tcp', FromPort: port ?? 0, ToPort: port ?? 65535, Description: 'listed in x-ecs.ingress' };
    if (rule.cidr) ingress.push({ ...base, CidrIp: rule.cidr });
    if (rule.security_group) ingress.push({ ...base, SourceSecurityGroupId: rule.security_group });
  });
  t.resource(sgId, 'AWS::EC2::SecurityGroup', { GroupDescription: `Tasks of ${task.name}`, VpcId: p.vpc(), ...(ingress.length ? { SecurityGroupIngress: ingress } : {}) });
  return sgId;
}

/**
 * Whose image parameter a container uses: its service's; a pre_start step (`web-pre-start-2`)
 * its service's when it runs the same image (p.image reuses the parameter), else its own
 * (`WebPreStart2`); else the task's.
 */
function imageOwner(ir: EcsIR, task: Task, ids: TaskIds, name: string, image: string, taskId: string): string {
  const own = ids.serviceIds.get(name);
  if (own !== undefined) return own;
  const step = preStartOf(name, task.services);
  if (!step) return taskId;
  const base = ids.serviceIds.get(step.service) ?? taskId;
  return ir.project.services[step.service]?.image === image ? base : `${base}PreStart${step.step}`;
}

/**
 * A task of jobs only (issue 18): no AWS::ECS::Service (it would restart them forever), so
 * nothing may depend on one; an awsvpc task gets its security group, and an Output gives the
 * `aws ecs run-task` command that starts it in the stack's cluster and subnets.
 */
function runTaskOutput(ir: EcsIR, t: Template, p: StackParams, task: Task, id: string, diagnostics: Diagnostic[]): { securityGroup?: string } {
  const vars: Json = { Cluster: p.cluster(), TaskDefinition: ref(`${id}TaskDefinition`) };
  let command = 'aws ecs run-task --cluster ${Cluster} --task-definition ${TaskDefinition}';
  const provider = task.settings.capacity_provider_strategy?.[0]?.capacity_provider;
  command += provider ? ` --capacity-provider-strategy capacityProvider=${provider}` : ` --launch-type ${task.launchType}`;
  let securityGroup: string | undefined;
  if (task.networkMode === 'awsvpc') {
    securityGroup = securityGroupFor(ir, t, p, task, id, undefined, diagnostics);
    vars.Subnets = { 'Fn::Join': [',', p.subnets()] };
    vars.SecurityGroup = ref(securityGroup);
    vars.AssignPublicIp = task.launchType === 'FARGATE' ? p.assignPublicIp() : 'DISABLED';
    command += ' --network-configuration "awsvpcConfiguration={subnets=[${Subnets}],securityGroups=[${SecurityGroup}],assignPublicIp=${AssignPublicIp}}"';
  }
  const what = `${task.services.join(', ')} run to completion: no ECS service; start the task with this command`;
  const cluster = vars.Cluster as { 'Fn::If'?: [string, unknown, unknown] };
  const choice = cluster['Fn::If'];
  if (!choice) {
    t.output(`${id}RunTask`, { 'Fn::Sub': [command, vars] }, what);
  } else {
    // The stack may create the cluster: one Output per case, so none refers to a cluster that
    // may not exist (an Fn::If inside the command is not followed by the validator).
    if (!t.conditions.ExistingCluster) t.condition('ExistingCluster', { 'Fn::Not': [{ Condition: choice[0] }] });
    t.output(`${id}RunTask`, { 'Fn::Sub': [command, { ...vars, Cluster: choice[1] }] }, what, choice[0]);
    t.output(`${id}RunTaskInExistingCluster`, { 'Fn::Sub': [command, { ...vars, Cluster: choice[2] }] }, what, 'ExistingCluster');
  }
  return securityGroup ? { securityGroup } : {};
}
