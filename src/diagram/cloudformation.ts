/**
 * The CloudFormation stack read back: ECS services and their task definitions, Service Connect
 * aliases, listeners, rules and target groups, security groups and who is in them. Logical ids
 * are followed through `Ref`, `Fn::GetAtt` and either branch of `Fn::If`, so a listener the
 * stack may take from a parameter still shows.
 */
import { dataAt, isData, listAt, numberAt, textAt, unique, type Data } from './documents.js';
import type { DeploymentDiagram, DiagramListener, DiagramRule, DiagramSecurityGroup, DiagramTargetGroup } from './model.js';
import type { UnitBuilder } from './units.js';
import { compareText } from '../core/text-order.js';

/** True for a CloudFormation template. */
export function isTemplate(value: unknown): value is Data {
  return isData(value) && isData(value.Resources);
}

interface Resource {
  id: string;
  type: string;
  props: Data;
}

/** Reads one template into the diagram. */
export function readTemplate(template: Data, units: UnitBuilder, out: DeploymentDiagram): void {
  const resources: Resource[] = Object.entries(template.Resources as Data)
    .filter(([, r]) => isData(r) && typeof r.Type === 'string')
    .map(([id, r]) => ({ id, type: (r as Data).Type as string, props: isData((r as Data).Properties) ? ((r as Data).Properties as Data) : {} }))
    .sort((a, b) => compareText(a.id, b.id));
  const known = new Set(resources.map((r) => r.id));
  const refs = (v: unknown) => refsIn(v).filter((id) => known.has(id));
  const ofType = (type: string) => resources.filter((r) => r.type === type);
  const params = isData(template.Parameters) ? (template.Parameters as Data) : {};

  // Task definitions, by logical id, to the unit of their containers.
  const unitOf = new Map<string, string>();
  for (const td of ofType('AWS::ECS::TaskDefinition')) {
    const containers = listAt(td.props, 'ContainerDefinitions').filter(isData).map((c) => ({
      name: textAt(c, 'Name') ?? '',
      essential: dataAt(c, 'Essential') !== false,
      ports: listAt(c, 'PortMappings').flatMap((p) => numberAt(p, 'ContainerPort') ?? []),
      waitsFor: listAt(c, 'DependsOn').flatMap((d) => { const container = textAt(d, 'ContainerName'); return container === undefined ? [] : [{ container, condition: textAt(d, 'Condition') ?? 'START' }]; }),
      links: listAt(c, 'Links').filter((l): l is string => typeof l === 'string'),
    }));
    unitOf.set(td.id, units.fromContainers(td.id, containers, { controller: 'run-task', ...launchTypeOf(td.props) }).id);
  }
  const serviceUnit = new Map<string, string>();
  for (const svc of ofType('AWS::ECS::Service')) {
    const unitId = refs(svc.props.TaskDefinition).map((id) => unitOf.get(id)).find((u) => u !== undefined);
    if (unitId === undefined) continue;
    serviceUnit.set(svc.id, unitId);
    units.update(unitId, { controller: 'ecs-service', service: svc.props.ServiceName === undefined ? svc.id : shown(svc.props.ServiceName, params), ...(numberAt(svc.props, 'DesiredCount') !== undefined ? { replicas: numberAt(svc.props, 'DesiredCount') as number } : {}), ...launchTypeOf(svc.props) });
    for (const s of listAt(svc.props, 'ServiceConnectConfiguration', 'Services')) {
      for (const a of listAt(s, 'ClientAliases')) {
        const name = textAt(a, 'DnsName');
        const port = numberAt(a, 'Port');
        if (name !== undefined && port !== undefined) out.names.push({ name, port, unit: unitId });
      }
    }
    const ns = dataAt(svc.props, 'ServiceConnectConfiguration', 'Namespace');
    if (ns !== undefined && !out.namespace) {
      const nsResource = refs(ns).map((id) => resources.find((r) => r.id === id)).find((r) => r?.type.startsWith('AWS::ServiceDiscovery::'));
      out.namespace = { kind: 'cloud-map', name: shown(nsResource ? nsResource.props.Name : ns, params) };
    }
  }
  out.targetGroups.push(...targetGroups(ofType('AWS::ElasticLoadBalancingV2::TargetGroup'), ofType('AWS::ECS::Service'), serviceUnit, refs));
  out.listeners.push(...listeners(ofType('AWS::ElasticLoadBalancingV2::Listener'), ofType('AWS::ElasticLoadBalancingV2::ListenerRule'), refs));
  out.securityGroups.push(...securityGroups(resources, serviceUnit, refs));
}

function launchTypeOf(props: Data): { launchType?: string } {
  const t = textAt(props, 'LaunchType') ?? listAt(props, 'RequiresCompatibilities').find((x): x is string => typeof x === 'string');
  return t === undefined ? {} : { launchType: t };
}

function targetGroups(groups: Resource[], services: Resource[], serviceUnit: Map<string, string>, refs: (v: unknown) => string[]): DiagramTargetGroup[] {
  return groups.map((g) => {
    const targets = services.flatMap((svc) => {
      const unit = serviceUnit.get(svc.id);
      if (unit === undefined) return [];
      return listAt(svc.props, 'LoadBalancers').flatMap((lb) => {
        const container = textAt(lb, 'ContainerName');
        const port = numberAt(lb, 'ContainerPort');
        return refs(dataAt(lb, 'TargetGroupArn')).includes(g.id) && container !== undefined && port !== undefined ? [{ unit, container, port }] : [];
      });
    });
    const port = numberAt(g.props, 'Port');
    const protocol = textAt(g.props, 'Protocol');
    return { id: g.id, ...(port !== undefined ? { port } : {}), ...(protocol !== undefined ? { protocol } : {}), targets };
  });
}

function listeners(found: Resource[], rules: Resource[], refs: (v: unknown) => string[]): DiagramListener[] {
  return found.map((l) => {
    const own: DiagramRule[] = rules
      .filter((r) => refs(r.props.ListenerArn).includes(l.id))
      .flatMap((r) => forwardsOf(r.props.Actions, refs).map((tg) => ({ id: r.id, ...(numberAt(r.props, 'Priority') !== undefined ? { priority: numberAt(r.props, 'Priority') as number } : {}), conditions: conditionsOf(r.props.Conditions), targetGroup: tg })))
      .sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity) || compareText(a.id, b.id));
    const fallback = forwardsOf(l.props.DefaultActions, refs).map((tg) => ({ id: `${l.id}Default`, conditions: [], targetGroup: tg }));
    return { id: l.id, loadBalancer: refs(l.props.LoadBalancerArn)[0] ?? 'existing', port: numberAt(l.props, 'Port') ?? 0, protocol: textAt(l.props, 'Protocol') ?? 'HTTP', rules: [...own, ...fallback] };
  });
}

/** The target groups of forward actions (one target group, or a weighted ForwardConfig). */
function forwardsOf(actions: unknown, refs: (v: unknown) => string[]): string[] {
  const list = Array.isArray(actions) ? actions : [];
  return unique(list.filter((a) => textAt(a, 'Type') === 'forward').flatMap((a) => [...refs(dataAt(a, 'TargetGroupArn')), ...listAt(a, 'ForwardConfig', 'TargetGroups').flatMap((t) => refs(dataAt(t, 'TargetGroupArn')))]));
}

const CONDITION_WORDS: Record<string, string> = { 'path-pattern': 'path', 'host-header': 'host', 'http-header': 'header', 'http-request-method': 'method', 'query-string': 'query', 'source-ip': 'source' };

function conditionsOf(conditions: unknown): string[] {
  return (Array.isArray(conditions) ? conditions : []).flatMap((c) => {
    const field = textAt(c, 'Field') ?? '';
    const config = Object.entries(isData(c) ? c : {}).find(([k, v]) => k.endsWith('Config') && isData(v))?.[1];
    const values = [...listAt(c, 'Values'), ...listAt(config, 'Values')].map((v) => (isData(v) ? `${textAt(v, 'Key') ?? ''}=${textAt(v, 'Value') ?? ''}` : String(v)));
    const header = textAt(config, 'HttpHeaderName');
    return [`${CONDITION_WORDS[field] ?? field}${header ? ` ${header}` : ''} ${unique(values).join(', ')}`];
  });
}

function securityGroups(resources: Resource[], serviceUnit: Map<string, string>, refs: (v: unknown) => string[]): DiagramSecurityGroup[] {
  const groups = resources.filter((r) => r.type === 'AWS::EC2::SecurityGroup');
  const ingress = resources.filter((r) => r.type === 'AWS::EC2::SecurityGroupIngress');
  return groups.map((g) => {
    const members = unique(resources.filter((r) => r.type === 'AWS::ECS::Service' && refs(dataAt(r.props, 'NetworkConfiguration', 'AwsvpcConfiguration', 'SecurityGroups')).includes(g.id)).flatMap((r) => serviceUnit.get(r.id) ?? []));
    const loadBalancer = resources.some((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && refs(r.props.SecurityGroups).includes(g.id));
    const rules = [...listAt(g.props, 'SecurityGroupIngress'), ...ingress.filter((i) => refs(i.props.GroupId).includes(g.id)).map((i) => i.props)];
    const from = (rule: unknown) => {
      const source = refs(dataAt(rule, 'SourceSecurityGroupId'))[0];
      return source === g.id ? 'self' : source ?? textAt(rule, 'CidrIp') ?? textAt(rule, 'CidrIpv6') ?? textAt(rule, 'SourceSecurityGroupId') ?? 'parameter';
    };
    const description = textAt(g.props, 'GroupDescription');
    return { id: g.id, ...(description !== undefined ? { description } : {}), members, loadBalancer, ingress: mergeIngress(rules.map((r) => ({ from: from(r), ports: portsOf(r) }))) };
  });
}

function portsOf(rule: unknown): string {
  const from = numberAt(rule, 'FromPort');
  const to = numberAt(rule, 'ToPort');
  const proto = String(dataAt(rule, 'IpProtocol') ?? 'tcp');
  if (from === undefined) return proto;
  return `${proto} ${from === to || to === undefined ? from : `${from}-${to}`}`;
}

/** One entry per source, its ports listed once each, in order. */
function mergeIngress(rules: { from: string; ports: string }[]): { from: string; ports: string }[] {
  const bySource = new Map<string, string[]>();
  for (const r of rules) bySource.set(r.from, unique([...(bySource.get(r.from) ?? []), r.ports]));
  return [...bySource].map(([from, ports]) => ({ from, ports: ports.join(', ') }));
}

/** Every logical id a value names through Ref, Fn::GetAtt or inside Fn::If / Fn::Sub. */
function refsIn(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(refsIn);
  if (!isData(v)) return [];
  if (typeof v.Ref === 'string') return [v.Ref];
  const att = v['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return [att[0]];
  if (typeof att === 'string') return [att.split('.')[0] as string];
  return Object.values(v).flatMap(refsIn);
}

/** A name as the stack would make it with its parameters' defaults: `${EnvironmentName}` → `shop`. */
function shown(v: unknown, params: Data): string {
  const fill = (s: string) => s.replace(/\$\{([A-Za-z0-9]+)\}/g, (whole, name: string) => { const d = dataAt(params, name, 'Default'); return typeof d === 'string' || typeof d === 'number' ? String(d) : whole; });
  if (typeof v === 'string') return fill(v);
  const sub = dataAt(v, 'Fn::Sub');
  if (typeof sub === 'string') return fill(sub);
  const ref = textAt(v, 'Ref');
  if (ref !== undefined) return shown(dataAt(params, ref, 'Default') ?? ref, params);
  return '(from the stack)';
}
