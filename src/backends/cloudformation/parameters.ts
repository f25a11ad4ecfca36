/**
 * Parameters for what differs per account and environment, created only when something
 * uses them (an unused parameter is a finding of the validator): the environment name,
 * VPC and subnets, the cluster, an existing load balancer listener, image tags.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR } from '../../ir/ir.js';
import { fnIf, ref, type Template } from './template.js';

/** The pattern EnvironmentName must match: it prefixes service names, families and log groups. */
export const ENVIRONMENT_NAME_PATTERN = '^[a-zA-Z0-9-]{1,32}$';

export class StackParams {
  constructor(
    private readonly t: Template,
    private readonly ir: EcsIR,
    private readonly diagnostics: Diagnostic[],
  ) {}

  environmentName(): { Ref: string } {
    if (!this.t.parameters.EnvironmentName) {
      // Compose project names may hold `_` and run longer than 32 characters; the default must match.
      const fallback = this.ir.project.name.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 32) || 'default';
      this.t.parameter('EnvironmentName', {
        Type: 'String',
        Default: fallback,
        AllowedPattern: ENVIRONMENT_NAME_PATTERN,
        Description: 'Name of this environment (a feature branch, qa, production); prefixes service names, task families and log groups',
      });
    }
    return ref('EnvironmentName');
  }

  vpc(): { Ref: string } {
    if (!this.t.parameters.VpcId) {
      const given = this.ir.settings.vpc_id;
      this.t.parameter('VpcId', { Type: 'AWS::EC2::VPC::Id', ...(given ? { Default: given } : {}), Description: 'VPC of the load balancer, target groups, security groups and service discovery namespace' });
    }
    return ref('VpcId');
  }

  subnets(): { Ref: string } {
    if (!this.t.parameters.Subnets) this.t.parameter('Subnets', { Type: 'List<AWS::EC2::Subnet::Id>', Description: 'Subnets of the load balancer and of awsvpc tasks (at least two Availability Zones)' });
    return ref('Subnets');
  }

  /** Whether Fargate tasks get public IPs: needed in public subnets (no NAT gateway) to pull images. */
  assignPublicIp(): { Ref: string } {
    if (!this.t.parameters.AssignPublicIp) {
      this.t.parameter('AssignPublicIp', {
        Type: 'String',
        AllowedValues: ['DISABLED', 'ENABLED'],
        Default: 'DISABLED',
        Description: 'ENABLED gives Fargate tasks public IPs: needed when the Subnets are public ones (no NAT gateway), or the tasks cannot pull their images',
      });
    }
    return ref('AssignPublicIp');
  }

  /**
   * Whether the stack may create the cluster: only when every task runs on Fargate. EC2 and
   * EXTERNAL tasks need container instances, which a new empty cluster does not have.
   */
  mayCreateCluster(): boolean {
    return this.ir.tasks.every((task) => task.launchType === 'FARGATE');
  }

  /** The cluster the services run in: the one the stack creates, or the ClusterName parameter. */
  cluster(): unknown {
    if (!this.t.parameters.ClusterName) {
      const fromFiles = Object.values(this.ir.services).find((s) => s.settings.service?.cluster)?.settings.service?.cluster;
      if (this.mayCreateCluster()) {
        this.t.parameter('ClusterName', { Type: 'String', Default: fromFiles ?? '', Description: 'An existing ECS cluster to deploy into; empty creates a new cluster' });
        this.t.condition('CreateCluster', { 'Fn::Equals': [ref('ClusterName'), ''] });
      } else {
        this.t.parameter('ClusterName', {
          Type: 'String',
          ...(fromFiles ? { Default: fromFiles } : {}),
          MinLength: 1,
          Description: 'The ECS cluster to deploy into; EC2 tasks need its container instances, which this stack does not create',
        });
      }
    }
    return this.t.conditions.CreateCluster ? fnIf('CreateCluster', ref('Cluster'), ref('ClusterName')) : ref('ClusterName');
  }

  /** Condition name: true when no existing listener is given, so the stack creates the load balancer. */
  createLoadBalancer(): string {
    if (!this.t.parameters.ExistingListenerArn) {
      this.t.parameter('ExistingListenerArn', { Type: 'String', Default: '', Description: 'Listener of an existing Application Load Balancer to add the routes to; empty creates a load balancer' });
      this.t.condition('CreateLoadBalancer', { 'Fn::Equals': [ref('ExistingListenerArn'), ''] });
    }
    return 'CreateLoadBalancer';
  }

  existingListener(): { Ref: string } {
    this.createLoadBalancer();
    return ref('ExistingListenerArn');
  }

  /** Condition name: an existing load balancer's security group was given. */
  hasExistingLoadBalancerSecurityGroup(): string {
    this.existingLoadBalancerSecurityGroup();
    if (!this.t.conditions.HasExistingLoadBalancerSecurityGroup) {
      this.t.condition('HasExistingLoadBalancerSecurityGroup', { 'Fn::Not': [{ 'Fn::Equals': [ref('ExistingLoadBalancerSecurityGroupId'), ''] }] });
    }
    return 'HasExistingLoadBalancerSecurityGroup';
  }

  existingLoadBalancerSecurityGroup(): { Ref: string } {
    if (!this.t.parameters.ExistingLoadBalancerSecurityGroupId) {
      this.t.parameter('ExistingLoadBalancerSecurityGroupId', { Type: 'String', Default: '', Description: 'Security group of the existing load balancer: the tasks (and the container instances) admit traffic from it' });
    }
    return ref('ExistingLoadBalancerSecurityGroupId');
  }

  /**
   * Condition name: the container instances' security group was given, so the stack admits the
   * load balancer to the instances' dynamic host ports (the stack cannot know the group itself).
   */
  hasInstanceSecurityGroup(): string {
    if (!this.t.parameters.InstanceSecurityGroupId) {
      this.t.parameter('InstanceSecurityGroupId', {
        Type: 'String',
        Default: '',
        Description: 'Security group of the cluster\'s container instances; given, the stack admits the load balancer to the ports its EC2 tasks listen on (bridge mode: 32768-65535). Empty: open them yourself',
      });
      this.t.condition('HasInstanceSecurityGroup', { 'Fn::Not': [{ 'Fn::Equals': [ref('InstanceSecurityGroupId'), ''] }] });
    }
    return 'HasInstanceSecurityGroup';
  }

  /** A condition true when both named conditions are, created once. */
  both(a: string, b: string): string {
    const id = `${a}And${b.replace(/^Has/, '')}`;
    if (!this.t.conditions[id]) this.t.condition(id, { 'Fn::And': [{ Condition: a }, { Condition: b }] });
    return id;
  }

  /**
   * An existing resource the files name by ARN, for a property whose name ends in `Arn`, as a
   * parameter without a default: AWS's validator flags any ARN such a property resolves to,
   * parameter defaults included (W9002), so the value is passed at deploy time; an info
   * diagnostic gives the override to pass.
   */
  existingArn(id: string, value: string, setting: string, description: string, at: (string | number)[] | undefined): { Ref: string } {
    if (!this.t.parameters[id]) {
      this.t.parameter(id, { AllowedPattern: '^arn:aws[a-z-]*:.+$', Description: `${description} (${setting} in the compose files: ${value})`, Type: 'String' });
      this.diagnostics.push(
        this.ir.diagnostic('CFN_UNSUPPORTED_FIELD', 'info', `${setting} is not written into the template (AWS's validator flags ARNs written there) but becomes the parameter ${id}, which has no default: deploy with --parameter-overrides ${id}=${value}`, at),
      );
    }
    return ref(id);
  }

  /** x-ecs.load_balancer.arn: the existing load balancer the stack puts its listeners on. */
  loadBalancerArn(arn: string): { Ref: string } {
    return this.existingArn('LoadBalancerArn', arn, 'x-ecs.load_balancer.arn', 'The existing load balancer the stack adds its listeners to', ['x-ecs', 'load_balancer', 'arn']);
  }

  /** x-ecs.load_balancer.certificate_arn: the ACM certificate of the HTTPS (or TLS) listeners. */
  certificate(arn: string): { Ref: string } {
    if (!this.t.parameters.CertificateArn) this.t.parameter('CertificateArn', { Type: 'String', Default: arn, Description: 'ACM certificate of the HTTPS and TLS listeners (x-ecs.load_balancer.certificate_arn)' });
    return ref('CertificateArn');
  }

  /**
   * The image of a build-only service when no registry is known: a parameter without a
   * default, which the deploy fills in with the reference its build was pushed as.
   */
  builtImage(id: string, service: string): { Ref: string } {
    this.t.parameter(`${id}Image`, { Type: 'String', MinLength: 1, Description: `Image of ${service}, built from its compose build section and pushed (docker build -t IMAGE …; docker push IMAGE)` });
    return ref(`${id}Image`);
  }

  /**
   * The image of a container as a parameter: the tag alone when the image has one (so a new
   * release changes one parameter and rolls one service), else the whole reference.
   */
  image(id: string, image: string): unknown {
    const at = image.lastIndexOf('@');
    const colon = image.lastIndexOf(':');
    const slash = image.lastIndexOf('/');
    if (at < 0 && colon > slash) {
      const repo = image.slice(0, colon);
      const tag = image.slice(colon + 1);
      this.once(`${id}ImageTag`, { Default: tag, Description: `Image tag of ${repo}`, Type: 'String' });
      return { 'Fn::Sub': `${repo.replace(/\$\{/g, '${!')}:\${${id}ImageTag}` };
    }
    this.once(`${id}Image`, { Default: image, Description: 'Image reference', Type: 'String' });
    return ref(`${id}Image`);
  }

  /**
   * A parameter declared again with the very same definition is the same parameter: a job runs
   * in the task of each service that waits for it, and a pre_start step without an image runs
   * its service's, so one image parameter serves them all (one release, one change).
   */
  private once(id: string, def: { Default: string; Description: string; Type: string }): void {
    // Keys written in the template's order (stableJson copies none of these); compared field by
    // field rather than through two JSON texts per image.
    const old = this.t.parameters[id];
    if (old && Object.keys(old).length === 3 && old.Default === def.Default && old.Description === def.Description && old.Type === def.Type) return;
    this.t.parameter(id, def);
  }
}
