/**
 * The cross-document ECS checker (ecs-semantics.ts) finds each fault it claims to: one broken
 * document per rule, next to a sound one. The rules are the ECS API reference's (named in the
 * checker beside each).
 */
import { describe, expect, it } from 'vitest';
import { checkEcsDocuments, checkTaskDefinition } from './ecs-semantics.js';

const web = { name: 'web', image: 'nginx', essential: true, memory: 128, portMappings: [{ containerPort: 80, hostPort: 0, name: 'web-80-tcp' }] };
const td = (over: Record<string, unknown> = {}) => ({ family: 'web', containerDefinitions: [web], ...over });
const job = { name: 'migrate', image: 'app', essential: false, memory: 64 };

describe('ECS task definition rules', () => {
  it('a sound task definition has no problem', () => {
    expect(checkTaskDefinition(td({ containerDefinitions: [job, { ...web, dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] }] }))).toEqual([]);
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['no essential container', { containerDefinitions: [{ ...web, essential: false }] }, /no essential container/],
    ['two containers of one name', { containerDefinitions: [web, web] }, /two containers are named "web"/],
    ['dependsOn an unknown container', { containerDefinitions: [{ ...web, dependsOn: [{ containerName: 'db', condition: 'START' }] }] }, /names "db", no container/],
    ['SUCCESS on an essential container (ContainerDependency)', { containerDefinitions: [{ ...job, essential: true }, { ...web, dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] }] }, /migrate is essential/],
    ['HEALTHY on a container without healthCheck', { containerDefinitions: [job, { ...web, dependsOn: [{ containerName: 'migrate', condition: 'HEALTHY' }] }] }, /has no healthCheck/],
    ['a dependsOn cycle', { containerDefinitions: [{ ...job, essential: true, dependsOn: [{ containerName: 'web', condition: 'START' }] }, { ...web, dependsOn: [{ containerName: 'migrate', condition: 'START' }] }] }, /dependsOn cycle/],
    ['a mount of an undefined volume', { containerDefinitions: [{ ...web, mountPoints: [{ sourceVolume: 'data', containerPath: '/d' }] }] }, /volume "data"/],
    ['links in awsvpc', { networkMode: 'awsvpc', containerDefinitions: [job, { ...web, links: ['migrate'], portMappings: [] }] }, /links in network mode awsvpc/],
    ['hostPort ≠ containerPort in awsvpc (PortMapping.hostPort)', { networkMode: 'awsvpc', containerDefinitions: [{ ...web, portMappings: [{ containerPort: 80, hostPort: 8080 }] }] }, /hostPort 8080/],
    ['a port mapping name twice', { containerDefinitions: [{ ...web, portMappings: [{ containerPort: 80, name: 'p' }, { containerPort: 81, name: 'p' }] }] }, /"p" used twice/],
    ['no memory anywhere (EC2)', { containerDefinitions: [{ ...web, memory: undefined }] }, /neither memory nor memoryReservation/],
    ['memoryReservation above memory', { containerDefinitions: [{ ...web, memoryReservation: 256 }] }, /exceeds memory/],
    ['a health check outside the ranges', { containerDefinitions: [{ ...web, healthCheck: { command: ['curl'], interval: 1 } }] }, /not CMD or CMD-SHELL[\s\S]*interval 1 outside 5–300/],
    ['Fargate in bridge mode, without task size', { requiresCompatibilities: ['FARGATE'] }, /Fargate requires awsvpc[\s\S]*without task-level cpu and memory/],
  ];
  for (const [what, over, expected] of cases) {
    it(what, () => expect(checkTaskDefinition(td(over)).join('\n')).toMatch(expected));
  }
});

describe('ECS services and run-task inputs against their task definition', () => {
  const awsvpc = td({ networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ ...web, portMappings: [{ containerPort: 80, hostPort: 80, name: 'web-80-tcp' }] }] });
  const docs = (service: Record<string, unknown>) => [
    { path: 'web.task-definition.json', value: awsvpc },
    { path: 'web.service.json', value: { serviceName: 'web', taskDefinition: 'web', ...service } },
  ];
  const net = { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } };

  it('a sound service has no problem', () => {
    expect(checkEcsDocuments(docs({ ...net, launchType: 'FARGATE', loadBalancers: [{ containerName: 'web', containerPort: 80, targetGroupArn: 'arn:tg' }] }))).toEqual([]);
  });
  it('awsvpc without networkConfiguration, unless a warning says to give one', () => {
    expect(checkEcsDocuments(docs({})).join()).toMatch(/no networkConfiguration/);
    const told = [{ severity: 'warning', message: 'the ECS service of task "web" uses awsvpc networking, which needs subnets: … create-service must be given --network-configuration' }];
    expect(checkEcsDocuments(docs({}), told)).toEqual([]);
  });
  it('a load balancer on a port the container does not map', () => {
    expect(checkEcsDocuments(docs({ ...net, loadBalancers: [{ containerName: 'web', containerPort: 8080 }] })).join()).toMatch(/does not map/);
  });
  it('a Service Connect portName the task does not have, and a client alias held twice in the namespace', () => {
    const sc = { enabled: true, namespace: 'shop', services: [{ portName: 'nope', clientAliases: [{ dnsName: 'web', port: 80 }] }, { portName: 'web-80-tcp', discoveryName: 'x', clientAliases: [{ dnsName: 'web', port: 80 }] }] };
    const out = checkEcsDocuments(docs({ ...net, serviceConnectConfiguration: sc })).join('\n');
    expect(out).toMatch(/portName "nope"/);
    expect(out).toMatch(/client alias web:80 is also/);
  });
  it('two services whose Service Connect entries default to one discovery name (the port name)', () => {
    const sc = { enabled: true, namespace: 'shop', services: [{ portName: 'web-80-tcp', clientAliases: [{ dnsName: 'web', port: 80 }] }] };
    const sc2 = { enabled: true, namespace: 'shop', services: [{ portName: 'web-80-tcp', clientAliases: [{ dnsName: 'web2', port: 80 }] }] };
    const out = checkEcsDocuments([...docs({ ...net, serviceConnectConfiguration: sc }), { path: 'web2.service.json', value: { serviceName: 'web2', taskDefinition: 'web', ...net, serviceConnectConfiguration: sc2 } }]);
    expect(out).toEqual(['web2.service.json: discovery name "web-80-tcp" is also web.service.json\'s in namespace shop']);
  });
  it('a service naming a task definition the output does not hold', () => {
    expect(checkEcsDocuments([{ path: 'a.service.json', value: { serviceName: 'a', taskDefinition: 'ghost' } }])).toEqual(['a.service.json: taskDefinition "ghost" is no task definition of this output']);
  });
});
