/**
 * Issue 17 (DESIGN "Runs like compose": healthchecks gate dependents and traffic): a routed
 * service's target group checks what its compose healthcheck checks, where that is an HTTP
 * probe of the container; x-ecs.routing.health_check still wins; otherwise the load balancer's
 * default check, with a note. Ranges: AWS::ElasticLoadBalancingV2::TargetGroup
 * (HealthCheckIntervalSeconds 5-300, HealthCheckTimeoutSeconds 2-120 and shorter than the
 * interval, UnhealthyThresholdCount 2-10).
 */
import { describe, expect, it } from 'vitest';
import { compile, ofType, type Json } from './compile.js';

async function targetGroup(service: string, options: { networkMode?: string } = {}): Promise<{ tg: Json; notes: string[] }> {
  const launch = options.networkMode === 'bridge' ? 'x-ecs:\n  launch_type: EC2\n  network_mode: bridge\n' : 'x-ecs:\n  launch_type: FARGATE\n';
  const c = await compile(`name: hc\n${launch}services:\n  web:\n    image: nginx:1.27\n${service}`);
  const groups = Object.values(ofType(c.template, 'AWS::ElasticLoadBalancingV2::TargetGroup'));
  expect(groups).toHaveLength(1);
  return { tg: groups[0]?.Properties as Json, notes: c.diagnostics.filter((d) => d.code === 'CFN_HEALTH_CHECK').map((d) => `${d.path} ${d.message}`) };
}

describe('target-group health check from an HTTP healthcheck', () => {
  // traefik publishing 80 and 443: one target group per port, so one finding per port, each naming its port.
  it('without a healthcheck, a service routed on two ports gets one finding per target group, each naming its port', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }
services:
  web: { image: example/web:1, ports: ["80:80", "8081:8081"] }
`);
    const notes = c.diagnostics.filter((d) => d.code === 'CFN_HEALTH_CHECK').map((d) => d.message);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('GET / on the traffic port (container port 80)');
    expect(notes[1]).toContain('GET / on the traffic port (container port 8081)');
  });

  it('curl of the traffic port: its path, matcher 200-399, the traffic port', async () => {
    const { tg, notes } = await targetGroup('    ports: ["80:8000"]\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/healthz"]\n');
    expect(tg).toMatchObject({ Port: 8000, HealthCheckProtocol: 'HTTP', HealthCheckPath: '/healthz', Matcher: { HttpCode: '200-399' } });
    expect(tg.HealthCheckPort).toBeUndefined();
    expect(notes).toEqual(['/services/web/healthcheck/test services.web.healthcheck is an HTTP probe: its target group checks HTTP /healthz on the traffic port, expecting 200-399']);
  });

  it('another port under awsvpc: checked on that port (ip targets reach it), and the load balancer may reach it', async () => {
    const { tg } = await targetGroup('    ports: ["80:8000"]\n    healthcheck:\n      test: ["CMD-SHELL", "wget -q --spider http://localhost:8081/ready"]\n');
    expect(tg).toMatchObject({ Port: 8000, HealthCheckPath: '/ready', HealthCheckPort: '8081' });
    const c = await compile('name: hc\nx-ecs:\n  launch_type: FARGATE\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["80:8000"]\n    healthcheck:\n      test: ["CMD-SHELL", "wget -q --spider http://localhost:8081/ready"]\n');
    const ingress = Object.values(ofType(c.template, 'AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties as Json).filter((p) => p.Description === 'from the load balancer');
    expect(ingress.map((p) => p.FromPort)).toContain(8081);
  });

  it('another port in bridge mode: the default check and a note (a task is reached only on its dynamic host port)', async () => {
    const { tg, notes } = await targetGroup('    ports: ["80:8000"]\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8081/ready"]\n', { networkMode: 'bridge' });
    expect(tg.HealthCheckPort).toBeUndefined();
    expect(tg.HealthCheckPath).toBe('/');
    expect(notes[0]).toContain('bridge-mode task only on the traffic port');
  });

  it('interval, timeout and retries are carried within the ranges; the timeout is kept shorter than the interval', async () => {
    const { tg, notes } = await targetGroup('    ports: ["80:8000"]\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/"]\n      interval: 2s\n      timeout: 30s\n      retries: 1\n');
    expect(tg).toMatchObject({ HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 4, UnhealthyThresholdCount: 2 });
    expect(notes.map((n) => n.split(' ')[0])).toEqual(['/services/web/healthcheck/interval', '/services/web/healthcheck/retries', '/services/web/healthcheck/timeout', '/services/web/healthcheck/test']);
  });

  it('x-ecs.routing.health_check wins over the compose healthcheck', async () => {
    const { tg, notes } = await targetGroup('    ports: ["80:8000"]\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/healthz"]\n    x-ecs:\n      routing:\n        health_check: { path: /custom }\n');
    expect(tg.HealthCheckPath).toBe('/custom');
    expect(tg.Matcher).toBeUndefined();
    expect(notes).toEqual([]);
  });

  it('no healthcheck, or one that is not an HTTP probe: GET / and a note naming the fix', async () => {
    for (const hc of ['', '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready"]\n', '    healthcheck:\n      disable: true\n']) {
      const { tg, notes } = await targetGroup(`    ports: ["80:8000"]\n${hc}`);
      expect(tg.HealthCheckPath).toBe('/');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toContain('set x-ecs.routing.health_check');
    }
  });

  // Compose keeps a container that runs; the load balancer stops (and ECS replaces) a task whose
  // check fails. GET / of a server that is up often answers 302 (prometheus, grafana, keycloak's
  // /admin/) or 404 (an API): with the load balancer's own matcher (200) those never stay up.
  it('the default check counts any answer below 500 as up (Matcher 200-499); a path of the user\'s keeps the 200 default', async () => {
    const { tg, notes } = await targetGroup('    ports: ["80:8000"]\n');
    expect(tg.Matcher).toEqual({ HttpCode: '200-499' });
    expect(notes[0]).toContain('GET / on the traffic port (container port 8000), expecting any answer below 500 (200-499)');
    const own = await targetGroup('    ports: ["80:8000"]\n    x-ecs:\n      routing:\n        health_check: { path: /ready }\n');
    expect(own.tg.Matcher).toBeUndefined();
    const matcher = await targetGroup('    ports: ["80:8000"]\n    x-ecs:\n      routing:\n        health_check: { matcher: "200" }\n');
    expect(matcher.tg.Matcher).toEqual({ HttpCode: '200' });
  });
});

describe('05-services healthcheck on a service with two routed ports (keycloak: 8080 and the management port 9000)', () => {
  it('a healthcheck that is no HTTP probe: one note per target group, each naming its container port (never the same words twice at one place)', async () => {
    const c = await compile('name: hc\nx-ecs:\n  launch_type: FARGATE\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["8080:8080", "9000:9000"]\n    healthcheck:\n      test: ["CMD-SHELL", "exec 3<>/dev/tcp/127.0.0.1/9000"]\n');
    expect(Object.values(ofType(c.template, 'AWS::ElasticLoadBalancingV2::TargetGroup'))).toHaveLength(2);
    const notes = c.diagnostics.filter((d) => d.code === 'CFN_HEALTH_CHECK');
    expect(notes.map((d) => d.path)).toEqual(['/services/web/healthcheck/test', '/services/web/healthcheck/test']);
    expect(notes.map((d) => /container port (\d+)/.exec(d.message)?.[1])).toEqual(['8080', '9000']);
  });
});
