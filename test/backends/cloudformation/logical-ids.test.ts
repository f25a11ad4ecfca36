import { describe, expect, it } from 'vitest';
import { logicalIdBases, pascal, shortHash } from '../../../src/backends/cloudformation/logical-ids.js';
import { compile, type Json, templateValidity } from './compile.js';

/** Each compiled stack passes cloudformation-validate (one validator for the file). */
const valid = templateValidity();

/** Logical IDs (resources, parameters, outputs) whose definition differs between two templates. */
function changed(a: Json, b: Json): string[] {
  const out: string[] = [];
  for (const section of ['Parameters', 'Resources', 'Outputs', 'Conditions']) {
    const ids = new Set([...Object.keys(a[section] ?? {}), ...Object.keys(b[section] ?? {})]);
    for (const id of ids) if (JSON.stringify(a[section]?.[id]) !== JSON.stringify(b[section]?.[id])) out.push(`${section}.${id}`);
  }
  return out.sort();
}

const SHOP = (apiTag: string) => `name: shop
x-ecs: { launch_type: FARGATE }
services:
  web: { image: "example/web:1.0.0", ports: ["80:8080"], depends_on: [api] }
  api: { image: "example/api:${apiTag}", ports: ["8000:8000"], x-ecs: { routing: { path: /api/* } } }
`;

describe('readable: derived from the compose service name', () => {
  it('web-python → WebPython; a leading digit gets a letter; nothing left → Service', () => {
    expect(pascal('web-python')).toBe('WebPython');
    expect(pascal('2fa')).toBe('S2fa');
    expect(pascal('---')).toBe('Service');
  });
});

describe('collision-safe', () => {
  it('web-app and web_app (both WebApp) each get a short hash of their own name', async () => {
    const bases = logicalIdBases(['web-app', 'web_app', 'api']);
    expect(bases.get('api')).toBe('Api');
    expect(bases.get('web-app')).toBe(`WebApp${shortHash('web-app')}`);
    expect(bases.get('web_app')).toBe(`WebApp${shortHash('web_app')}`);
    expect(bases.get('web-app')).not.toBe(bases.get('web_app'));
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  web-app: { image: example/a:1, ports: ["80:80"], x-ecs: { routing: { path: /a/* } } }\n  web_app: { image: example/b:1, ports: ["80:80"], x-ecs: { routing: { path: /b/* } } }\n`);
    expect(c.template.Resources[`${bases.get('web-app')}Service`].Properties.ServiceName).toEqual({ 'Fn::Sub': '${EnvironmentName}-web-app' });
    expect(c.template.Resources[`${bases.get('web_app')}Service`].Properties.ServiceName).toEqual({ 'Fn::Sub': '${EnvironmentName}-web_app' });
    await valid(c);
  });

  it('one name running into another\'s IDs (dns on UDP 53 → DnsUdp53TargetGroup, and dns-udp53 → DnsUdp53 + TargetGroup) is rebuilt with hashed IDs', async () => {
    const c = await compile(`x-ecs: { launch_type: FARGATE }\nservices:\n  dns: { image: example/dns:1, ports: ["53:53/udp"] }\n  dns-udp53: { image: example/web:1, ports: ["80:80"] }\n`);
    const groups = Object.keys(c.template.Resources).filter((id) => c.template.Resources[id].Type === 'AWS::ElasticLoadBalancingV2::TargetGroup');
    expect(groups.sort()).toEqual([`Dns${shortHash('dns')}Udp53TargetGroup`, `DnsUdp53${shortHash('dns-udp53')}TargetGroup`].sort());
    expect(c.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
    await valid(c);
  });

  it('strict bases hash a name that extends another or a fixed ID of the stack', () => {
    const strict = logicalIdBases(['web', 'web-worker', 'load-balancer', 'db'], { strict: true });
    expect(strict.get('db')).toBe('Db');
    expect(strict.get('web')).toMatch(/^Web[0-9A-Z]{6}$/);
    expect(strict.get('web-worker')).toMatch(/^WebWorker[0-9A-Z]{6}$/);
    expect(strict.get('load-balancer')).toMatch(/^LoadBalancer[0-9A-Z]{6}$/);
  });
});

describe('stable: the same name gives the same ID on every run', () => {
  it('compiling twice gives byte-identical templates', async () => {
    const [a, b] = await Promise.all([compile(SHOP('2.0.0')), compile(SHOP('2.0.0'))]);
    expect(a.contents).toBe(b.contents);
  });

  it('changing one image tag changes only that service\'s image tag parameter default', async () => {
    const a = await compile(SHOP('2.0.0'));
    const b = await compile(SHOP('2.1.0'));
    expect(changed(a.template, b.template)).toEqual(['Parameters.ApiImageTag']);
    expect(b.template.Parameters.ApiImageTag.Default).toBe('2.1.0');
    // The task definition takes the tag from the parameter: a new value is a new revision of this task only.
    expect(a.template.Resources.ApiTaskDefinition.Properties.ContainerDefinitions[0].Image).toEqual({ 'Fn::Sub': 'example/api:${ApiImageTag}' });
  });

  it('adding a service changes no logical ID of the others', async () => {
    const a = await compile(SHOP('2.0.0'));
    const b = await compile(SHOP('2.0.0') + '  worker: { image: "example/worker:1" }\n');
    for (const id of Object.keys(a.template.Resources)) expect(b.template.Resources[id], id).toBeDefined();
  });
});
