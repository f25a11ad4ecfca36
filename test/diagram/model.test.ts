/**
 * The deployment diagram's model, read from the IR and the documents each target emits. Each
 * case names what the user must see: the tasks and containers, the jobs run to completion,
 * listeners → rules → target groups → container ports, networks and their security groups,
 * and the Service Connect names (issue 21; the networking is issue 17's).
 */
import { describe, expect, it } from 'vitest';
import { deploymentDiagram } from '../../src/diagram/index.js';
import { compiled, diagramOf, SEED_QA, unit } from './diagram-of.js';

const WEB_DB_MIGRATE = ['test/diagram/projects/web-db-migrate.yaml'];
const PATH_ROUTED = ['fixtures/cfn-fargate-shop/compose.yaml'];

describe('the seed QA project (docs/guide/compose.qa.yaml): the whole stack in one task on EC2', () => {
  it.each(['ecs', 'cloudformation'] as const)('%s: one task, its ECS service, three essential containers, links and start order', async (target) => {
    const d = await diagramOf(SEED_QA, { target });
    expect(d.project).toBe('multi-env');
    expect(d.target).toBe(target);
    expect(d.units.map((u) => u.id)).toEqual(['multi-env']);
    const task = unit(d, 'multi-env');
    expect(task.controller).toBe('ecs-service');
    expect(task.launchType).toBe('EC2');
    expect(task.containers.map((c) => [c.name, c.role, c.essential])).toEqual([
      ['boot', 'app', true],
      ['redis', 'app', true],
      ['web-python', 'app', true],
    ]);
    const web = task.containers.find((c) => c.name === 'web-python');
    expect(web?.ports).toEqual([5000]);
    expect(web?.waitsFor.map((w) => w.container).sort()).toEqual(['boot', 'redis']);
    expect(web?.links.sort()).toEqual(['boot', 'redis']);
    expect(d.names).toEqual([]); // one task: no Service Connect
    expect(d.networks).toEqual([{ name: 'default', internal: false, members: ['multi-env'] }]);
  });
});

describe('05-services depends_on service_completed_successfully: a web app, its database and a migration job', () => {
  it('cloudformation: the job is a non-essential container of the web task, which waits for its SUCCESS', async () => {
    const d = await diagramOf(WEB_DB_MIGRATE, { target: 'cloudformation', layout: 'service' });
    expect(d.units.map((u) => u.id)).toEqual(['db', 'web']);
    const web = unit(d, 'web');
    expect(web.containers.map((c) => [c.name, c.role, c.essential])).toEqual([
      ['migrate', 'job', false],
      ['web', 'app', true],
    ]);
    expect(web.containers[1]?.waitsFor).toEqual([{ container: 'migrate', condition: 'SUCCESS' }]);
    expect(d.jobs).toEqual([{ name: 'migrate', runsIn: ['web'], waitedOnBy: ['web'] }]);
  });

  it('cloudformation: the published port is a listener whose rule forwards to web:8000', async () => {
    const d = await diagramOf(WEB_DB_MIGRATE, { target: 'cloudformation', layout: 'service' });
    expect(d.listeners.map((l) => [l.port, l.protocol])).toEqual([[80, 'HTTP']]);
    const rule = d.listeners[0]?.rules[0];
    const group = d.targetGroups.find((g) => g.id === rule?.targetGroup);
    expect(group?.targets).toEqual([{ unit: 'web', container: 'web', port: 8000 }]);
  });

  it('cloudformation: db answers to its name and its network alias through Service Connect; networks keep their members', async () => {
    const d = await diagramOf(WEB_DB_MIGRATE, { target: 'cloudformation', layout: 'service' });
    expect(d.namespace).toEqual({ kind: 'cloud-map', name: 'shop' });
    expect(d.names.filter((n) => n.unit === 'db')).toEqual([
      { name: 'database', port: 5432, unit: 'db' },
      { name: 'db', port: 5432, unit: 'db' },
    ]);
    expect(d.networks).toEqual([
      { name: 'back', internal: true, members: ['db', 'web'] },
      { name: 'front', internal: false, members: ['web'] },
    ]);
  });

  it('kubernetes: the job is an init container of the web Deployment, the database a Service', async () => {
    const d = await diagramOf(WEB_DB_MIGRATE, { target: 'kubernetes' });
    expect(d.target).toBe('kubernetes');
    const web = unit(d, 'Deployment/web');
    expect(web.controller).toBe('Deployment');
    expect(web.containers.find((c) => c.name === 'migrate')).toMatchObject({ role: 'job', essential: false });
    expect(d.jobs).toEqual([{ name: 'migrate', runsIn: ['Deployment/web'], waitedOnBy: ['web'] }]);
    expect(d.names).toContainEqual({ name: 'db', port: 5432, unit: 'Deployment/db' });
  });
});

describe('a job two services wait for runs in each of their tasks: two units, not one', () => {
  it.each(['ecs', 'cloudformation'] as const)('%s: each task is named after its essential container, the job a step inside both', async (target) => {
    const d = await diagramOf(['test/diagram/projects/job-in-two-tasks.yaml'], { target, layout: 'service' });
    expect(d.units.map((u) => u.id)).toEqual(['api', 'worker']);
    for (const id of ['api', 'worker']) {
      expect(unit(d, id).containers.map((c) => [c.name, c.essential]).sort()).toEqual([['cz', false], [id, true]].sort());
    }
  });
});

describe('a job in two tasks of one project (a run-task and a waiter\'s task): each task is its own unit, found by its family (property finding, seed -1248784057)', () => {
  it('ecs, project layout: every compose service is drawn, the run-task unit too', async () => {
    const d = await diagramOf(['test/diagram/projects/job-run-task-and-embedded.yaml'], { target: 'ecs', layout: 'project', launchType: 'EC2' });
    expect(d.units).toHaveLength(2);
    for (const s of ['seed', 'web', 'report']) expect(d.units.some((u) => u.containers.some((c) => c.service === s)), s).toBe(true);
  });
});

describe('x-ecs routing: two services on one listener, by path (fixtures/cfn-fargate-shop)', () => {
  it('one listener; its rules by priority, each to its target group and container port', async () => {
    const d = await diagramOf(PATH_ROUTED, { target: 'cloudformation' });
    expect(d.listeners).toHaveLength(1);
    const rules = d.listeners[0]?.rules.map((r) => ({ conditions: r.conditions, priority: r.priority, to: d.targetGroups.find((g) => g.id === r.targetGroup)?.targets }));
    expect(rules).toEqual([
      { conditions: ['path /api/*'], priority: 1, to: [{ unit: 'api', container: 'api', port: 8000 }] },
      { conditions: ['path /*'], priority: 50000, to: [{ unit: 'web', container: 'web', port: 8080 }] },
    ]);
  });

  it('the tasks: replicas, the secrets-writing step before api, every service a Service Connect name', async () => {
    const d = await diagramOf(PATH_ROUTED, { target: 'cloudformation' });
    expect(unit(d, 'web').replicas).toBe(2);
    expect(unit(d, 'api').containers.filter((c) => c.role === 'init')).toHaveLength(1);
    expect(d.names.map((n) => `${n.name}:${n.port}→${n.unit}`)).toEqual(['api:8000→api', 'redis:6379→redis', 'web:8080→web']);
  });

  it('the compose network is the security group that lets its members in from itself; the load balancer has its own', async () => {
    const d = await diagramOf(PATH_ROUTED, { target: 'cloudformation' });
    expect(d.networks).toEqual([{ name: 'default', internal: false, members: ['api', 'redis', 'web'], securityGroup: 'NetworkDefaultSecurityGroup' }]);
    expect(d.securityGroups.find((g) => g.loadBalancer)?.ingress).toEqual([{ from: '0.0.0.0/0', ports: 'tcp 80' }]);
  });
});

describe('06-networks "Networks are the layer that allow services to communicate with each other": a security group per compose network (issue 17, fixtures/cfn-networks)', () => {
  it('front holds web and api, back holds api and db; each lets its members in on their ports', async () => {
    const d = await diagramOf(['fixtures/cfn-networks/compose.yaml'], { target: 'cloudformation' });
    expect(d.networks.map((n) => [n.name, n.members, n.securityGroup])).toEqual([
      ['back', ['api', 'db'], 'NetworkBackSecurityGroup'],
      ['front', ['api', 'web'], 'NetworkFrontSecurityGroup'],
    ]);
    expect(d.securityGroups.find((g) => g.id === 'NetworkBackSecurityGroup')?.ingress).toEqual([{ from: 'self', ports: 'tcp 5432, tcp 8000' }]);
  });
});

describe('05-services aliases "declares alternative hostnames for the service on the network": Service Connect names from the ECS service JSON (fixtures/ecs-service-connect)', () => {
  it('a network alias is a name of the task that declares it, in the project namespace', async () => {
    const d = await diagramOf(['fixtures/ecs-service-connect/compose.yaml'], { target: 'ecs', layout: 'service' });
    expect(d.namespace).toEqual({ kind: 'cloud-map', name: 'shop' });
    expect(d.names).toContainEqual({ name: 'sessions', port: 6379, unit: 'cache' });
    expect(d.units.every((u) => u.controller === 'ecs-service')).toBe(true);
  });
});

describe('the Kubernetes target: Services and Ingresses (fixtures/k8s-ingress-option)', () => {
  it('an Ingress routes to a Service port and on to the container; a LoadBalancer Service is a listener of its own', async () => {
    const d = await diagramOf(['fixtures/k8s-ingress-option/compose.yaml'], { target: 'kubernetes', backendOptions: { ingress: 'true', ingressClass: 'alb', serviceType: 'LoadBalancer' } });
    const ingress = d.listeners.find((l) => l.loadBalancer.startsWith('Ingress/'));
    expect(ingress?.rules.length).toBeGreaterThan(0);
    const to = d.targetGroups.find((g) => g.id === ingress?.rules[0]?.targetGroup);
    expect(to?.targets).toEqual([{ unit: 'Deployment/frontend', container: 'frontend', port: 80 }]);
    expect(d.listeners.find((l) => l.loadBalancer === 'Service/dns')).toMatchObject({ port: 53, protocol: 'UDP' });
  });
});

describe('determinism: the same project gives the same model', () => {
  it('compiled twice, and with the documents in reverse order', async () => {
    const a = await compiled(PATH_ROUTED, { target: 'cloudformation' });
    const b = await compiled(PATH_ROUTED, { target: 'cloudformation' });
    expect(JSON.stringify(deploymentDiagram(a))).toBe(JSON.stringify(deploymentDiagram(b)));
    const k = await compiled(WEB_DB_MIGRATE, { target: 'ecs', layout: 'service' });
    expect(JSON.stringify(deploymentDiagram({ ir: k.ir, outputs: [...k.outputs].reverse() }))).toBe(JSON.stringify(deploymentDiagram(k)));
  });

  it('without the IR, the documents alone still give the tasks', async () => {
    const k = await compiled(WEB_DB_MIGRATE, { target: 'ecs', layout: 'service' });
    const d = deploymentDiagram({ outputs: k.outputs });
    expect(d.units.map((u) => u.id)).toEqual(['db', 'web']);
    expect(d.jobs).toEqual([]);
  });
});
