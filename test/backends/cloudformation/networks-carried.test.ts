/**
 * 06-networks "Networks are the layer that allow services to communicate with each other" on
 * the CloudFormation target: when the stack makes a security group per compose network (two or
 * more awsvpc tasks with an ECS service join it), the networks ARE carried — so the ECS mapping's
 * "networks are not carried over" warning must not contradict the stack. Where no group is made
 * (the whole project in one task), the warning stays: nothing isolates the services there.
 */
import { describe, expect, it } from 'vitest';
import { compile, ofType } from './compile.js';

const COMPOSE = `
name: nets
x-ecs: { launch_type: FARGATE }
services:
  web:
    image: nginx:1.27
    networks: [front]
  api:
    image: example/api:1
    expose: ["8080"]
    networks: [front, back]
  db:
    image: postgres:16
    expose: ["5432"]
    networks: [back]
networks:
  front: {}
  back: {}
`;

const networksDropped = (ds: readonly { code: string; path?: string }[]) => ds.filter((d) => d.code === 'ECS_UNSUPPORTED_FIELD' && /^\/services\/[^/]+\/networks$/.test(d.path ?? '')).map((d) => d.path);

describe('06-networks on the CloudFormation target: a network the stack makes a security group for is not reported as dropped', () => {
  it('service layout: a group per network, and no "not carried over" warning at any services.*.networks', async () => {
    const c = await compile(COMPOSE, { layout: 'service' });
    const groups = Object.keys(ofType(c.template, 'AWS::EC2::SecurityGroup')).filter((id) => id.startsWith('Network'));
    expect(groups.sort()).toEqual(['NetworkBackSecurityGroup', 'NetworkFrontSecurityGroup']);
    expect(networksDropped(c.diagnostics)).toEqual([]);
  });

  it('project layout (one task): no group is made, and the warning names each service\'s networks', async () => {
    const c = await compile(COMPOSE, { layout: 'project' });
    expect(Object.keys(ofType(c.template, 'AWS::EC2::SecurityGroup')).filter((id) => id.startsWith('Network'))).toEqual([]);
    expect(networksDropped(c.diagnostics).sort()).toEqual(['/services/api/networks', '/services/db/networks', '/services/web/networks']);
  });
});
