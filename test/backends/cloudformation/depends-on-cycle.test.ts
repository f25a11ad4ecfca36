/**
 * 05-services depends_on "services are started in dependency order", across tasks on the
 * CloudFormation target: the used service's ECS service is created first (DependsOn). Services
 * ordered without a cycle can still put their tasks in one — api (task front) uses queue (task
 * back), and queue's neighbour worker (task back) uses db (task front) — and CloudFormation
 * refuses a stack whose DependsOn form a cycle (cfn-lint F3004). Found by the CloudFormation
 * output property (seed 205561407).
 */
import { describe, expect, it } from 'vitest';
import { brief, compile, type Json } from './compile.js';

const COMPOSE = `
name: cyc
services:
  api:
    image: nginx:1.27
    depends_on: [queue]
    x-ecs: { task: front }
  db:
    image: postgres:16
    x-ecs: { task: front }
  queue:
    image: redis:7
    x-ecs: { task: back }
  worker:
    image: busybox:1.36
    depends_on: [db]
    x-ecs: { task: back }
`;

/** The DependsOn edges between ECS services. */
function serviceOrder(template: Json): string[] {
  return Object.entries(template.Resources as Record<string, Json>)
    .filter(([, r]) => r.Type === 'AWS::ECS::Service')
    .flatMap(([id, r]) => ((r.DependsOn as string[] | undefined) ?? []).filter((d) => (template.Resources as Json)[d]?.Type === 'AWS::ECS::Service').map((d) => `${id} -> ${d}`));
}

describe('05-services depends_on across tasks: DependsOn between ECS services never forms a cycle', () => {
  it('the first use in name order keeps its DependsOn; the one that would close the cycle is an info at its depends_on entry', async () => {
    const c = await compile(COMPOSE, { layout: 'service' });
    expect(serviceOrder(c.template)).toEqual(['FrontService -> BackService']);
    const info = c.diagnostics.filter((d) => d.code === 'ECS_CROSS_TASK_DEPENDENCY' && d.path === '/services/worker/depends_on/db' && d.message.includes('DependsOn cycle'));
    expect(info, brief(c.diagnostics).join('\n')).toHaveLength(1);
    expect(info[0]!.severity).toBe('info');
    expect(info[0]!.line).toBe(16);
  });

  it('without the cycle both uses keep their order', async () => {
    const c = await compile(COMPOSE.replace('depends_on: [db]', 'depends_on: [queue]'), { layout: 'service' });
    expect(serviceOrder(c.template)).toEqual(['FrontService -> BackService']);
    expect(c.diagnostics.filter((d) => d.message.includes('DependsOn cycle'))).toEqual([]);
  });
});
