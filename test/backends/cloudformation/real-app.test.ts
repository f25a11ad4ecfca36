/**
 * Issue 17, "a real app … converts for ECS and CloudFormation so that all three reach what they
 * reach under compose": fixtures/cfn-real-app-web-db-admin. Under `docker compose up` web and
 * admin reach db by its name on the default network (no depends_on needed), web answers on
 * host port 80 and admin on 8081. The facts are asserted on the outputs, not on golden text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { brief, compile, ofType, type Json } from './compile.js';

const compose = readFileSync(new URL('../../../fixtures/cfn-real-app-web-db-admin/compose.yaml', import.meta.url), 'utf8');

/** The Service Connect alias a service advertises: `name:port`. */
const aliases = (sc: Json | undefined): string[] => (sc?.services ?? sc?.Services ?? []).flatMap((s: Json) => (s.clientAliases ?? s.ClientAliases).map((a: Json) => `${a.dnsName ?? a.DnsName}:${a.port ?? a.Port}`));

describe('06-networks "services reach each other by name on a shared network", 05-services ports: the real app as CloudFormation', () => {
  it('db is reachable by name from web and admin; web answers on listener 80, admin on 8081', async () => {
    const c = await compile(compose, { layout: 'service' });
    expect(brief(c.diagnostics).filter((d) => / (error|warning) /.test(d))).toEqual([]);
    const r = c.template.Resources as Json;
    const services = { web: r.WebService, admin: r.AdminService, db: r.DbService };

    // Name: db advertises db:5432, and every service is a client of the same namespace.
    expect(aliases(services.db.Properties.ServiceConnectConfiguration)).toEqual(['db:5432']);
    for (const s of Object.values(services)) {
      expect(s.Properties.ServiceConnectConfiguration).toMatchObject({ Enabled: true, Namespace: r.DbService.Properties.ServiceConnectConfiguration.Namespace });
    }
    // Network: one group for the default network, on all three, admitting its members on 5432.
    const groups = Object.values(services).map((s) => s.Properties.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups.map((g: Json) => g.Ref));
    const shared = (groups[0] as string[]).filter((g) => groups.every((gs) => gs.includes(g)));
    expect(shared).toHaveLength(1);
    const toDb = Object.values(ofType(c.template, 'AWS::EC2::SecurityGroupIngress')).filter((i) => i.Properties.GroupId.Ref === shared[0] && i.Properties.SourceSecurityGroupId?.Ref === shared[0] && i.Properties.FromPort <= 5432 && i.Properties.ToPort >= 5432);
    expect(toDb).toHaveLength(1);

    // Published ports: a listener on 80 forwarding to web:8000, one on 8081 forwarding to admin:80.
    const listeners = ofType(c.template, 'AWS::ElasticLoadBalancingV2::Listener');
    const routes = Object.values(ofType(c.template, 'AWS::ElasticLoadBalancingV2::ListenerRule')).map((rule) => {
      const listener = listeners[rule.Properties.ListenerArn['Fn::If'][1].Ref] as Json;
      const tg = rule.Properties.Actions[0].TargetGroupArn.Ref;
      const owner = Object.entries(services).find(([, s]) => (s.Properties.LoadBalancers ?? []).some((l: Json) => l.TargetGroupArn.Ref === tg)) as [string, Json];
      const lb = owner[1].Properties.LoadBalancers.find((l: Json) => l.TargetGroupArn.Ref === tg);
      return `${listener.Properties.Port} → ${lb.ContainerName}:${lb.ContainerPort}`;
    });
    expect(routes.sort()).toEqual(['80 → web:8000', '8081 → admin:80']);
    expect(r.DbService.Properties.LoadBalancers).toBeUndefined();
    // web's target group checks what its healthcheck checks.
    expect(r.WebTargetGroup.Properties).toMatchObject({ HealthCheckPath: '/health', Matcher: { HttpCode: '200-399' } });
  });
});

describe('the real app as ECS JSON (service layout)', () => {
  it('db is advertised as db:5432; web and admin are clients of the same namespace with their container ports mapped', async () => {
    const host = memoryHost({ '/p/compose.yaml': compose }, '/p');
    const { outputs, diagnostics } = await convert({ host, target: 'ecs', layout: 'service' } as ConvertOptions);
    expect(diagnostics.filter((d) => d.severity === 'error' || d.code === 'ECS_NAME_UNRESOLVED')).toEqual([]);
    const file = (name: string): Json => JSON.parse(outputs.find((o) => o.path.endsWith(name))?.contents ?? '{}') as Json;
    const db = file('db.service.json');
    expect(aliases(db.serviceConnectConfiguration)).toEqual(['db:5432']);
    for (const s of ['web', 'admin']) expect(file(`${s}.service.json`).serviceConnectConfiguration).toMatchObject({ enabled: true, namespace: db.serviceConnectConfiguration.namespace });
    const ports = (s: string): number[] => file(`${s}.task-definition.json`).containerDefinitions.flatMap((c: Json) => (c.portMappings ?? []).map((m: Json) => m.containerPort));
    expect(ports('web')).toContain(8000);
    expect(ports('admin')).toContain(80);
  });
});
