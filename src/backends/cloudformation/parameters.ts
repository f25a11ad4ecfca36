/**
 * Parameters for what differs per account and environment, created only when something
 * uses them (an unused parameter is a finding of the validator): the environment name,
 * VPC and subnets, an existing cluster, an existing load balancer listener, image tags.
 */
import type { IR } from '../../ir/ir.js';
import { ref, type Template } from './template.js';

export class StackParams {
  constructor(
    private readonly t: Template,
    private readonly ir: IR,
  ) {}

  environmentName(): { Ref: string } {
    if (!this.t.parameters.EnvironmentName) {
      this.t.parameter('EnvironmentName', {
        Type: 'String',
        Default: this.ir.project.name,
        AllowedPattern: '^[a-zA-Z0-9-]{1,32}$',
        Description: 'Name of this environment (a feature branch, qa, production); prefixes service and log group names',
      });
    }
    return ref('EnvironmentName');
  }

  vpc(): { Ref: string } {
    if (!this.t.parameters.VpcId) this.t.parameter('VpcId', { Type: 'AWS::EC2::VPC::Id', Description: 'VPC of the load balancer, target groups and security groups' });
    return ref('VpcId');
  }

  subnets(): { Ref: string } {
    if (!this.t.parameters.Subnets) this.t.parameter('Subnets', { Type: 'List<AWS::EC2::Subnet::Id>', Description: 'Subnets of the load balancer and of awsvpc tasks (at least two Availability Zones)' });
    return ref('Subnets');
  }

  /** Condition name: true when no cluster name is given, so the stack creates one. */
  createCluster(): string {
    if (!this.t.parameters.ClusterName) {
      const fromFiles = Object.values(this.ir.services).find((s) => s.settings.service?.cluster)?.settings.service?.cluster;
      this.t.parameter('ClusterName', { Type: 'String', Default: fromFiles ?? '', Description: 'An existing ECS cluster to deploy into; empty creates a new cluster' });
      this.t.condition('CreateCluster', { 'Fn::Equals': [ref('ClusterName'), ''] });
    }
    return 'CreateCluster';
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
    this.createLoadBalancer();
    if (!this.t.parameters.ExistingLoadBalancerSecurityGroupId) {
      this.t.parameter('ExistingLoadBalancerSecurityGroupId', { Type: 'String', Default: '', Description: 'Security group of the existing load balancer (awsvpc tasks admit traffic from it)' });
    }
    return ref('ExistingLoadBalancerSecurityGroupId');
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
      this.t.parameter(`${id}ImageTag`, { Type: 'String', Default: tag, Description: `Image tag of ${repo}` });
      return { 'Fn::Sub': `${repo.replace(/\$\{/g, '${!')}:\${${id}ImageTag}` };
    }
    this.t.parameter(`${id}Image`, { Type: 'String', Default: image, Description: 'Image reference' });
    return ref(`${id}Image`);
  }
}
