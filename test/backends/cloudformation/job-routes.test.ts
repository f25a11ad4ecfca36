/**
 * Issue 18 with the load balancer: a job runs to completion, inside each waiter's task when it is
 * waited on, so the stack routes none of its ports (found by the never-throws property: a job
 * publishing a port, embedded in two tasks, got its target group and listener rule twice).
 */
import { describe, expect, it } from 'vitest';
import { compile, ofType } from './compile.js';

describe('05-services depends_on service_completed_successfully: a job is not routed', () => {
  it('a published job embedded in two tasks: no target group or rule for it, one note, a valid stack', async () => {
    const c = await compile(`name: shop
services:
  web:
    image: nginx:1.27
    ports: ["80:80"]
    depends_on: {migrate: {condition: service_completed_successfully}}
  worker:
    image: nginx:1.27
    depends_on: {migrate: {condition: service_started}}
  migrate:
    image: shop/migrate:1
    ports: ["9000:9000"]
`, { layout: 'service' });
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const groups = Object.keys(ofType(c.template, 'AWS::ElasticLoadBalancingV2::TargetGroup'));
    expect(groups).toEqual(['WebTargetGroup']);
    const notes = c.diagnostics.filter((d) => d.code === 'CFN_UNSUPPORTED_FIELD' && d.path === '/services/migrate/ports/0');
    expect(notes.map((d) => d.severity)).toEqual(['info']);
    expect(notes[0]?.message).toContain('runs to completion');
  });
});
