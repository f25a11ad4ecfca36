/**
 * Port ranges (05-services § ports and § expose: "a range of ports", `8080-8085/tcp`) on the
 * CloudFormation and Kubernetes targets. The model holds a range as one entry per port
 * (docker compose config does the same); a security group rule says a range in one piece
 * (FromPort–ToPort), a Kubernetes Service needs a port per port and an EndpointSlice holds at
 * most 100, so a longer range is reported once and left out there. The work is linear in the
 * ports: a service may have 65,536 of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCfnValidator, formatCfnFindings, type CfnValidator } from '../validators/cloudformation.js';
import { compile, ofType } from './cloudformation/compile.js';
import { at, container, find, k8s } from './kubernetes/support.js';

let cfn: CfnValidator;
beforeAll(async () => {
  cfn = await createCfnValidator();
});
afterAll(() => cfn.dispose());

/** Two awsvpc services, web using media; media's ports and expose as given. */
const linked = (ports: string[], expose: string[] = []): string => `name: av
x-ecs: { launch_type: FARGATE }
services:
  web:
    image: example/web:1
    mem_limit: 256m
    depends_on: [media]
  media:
    image: example/media:1
    mem_limit: 256m
    ports: [${ports.map((p) => JSON.stringify(p)).join(', ')}]
${expose.length ? `    expose: [${expose.map((p) => JSON.stringify(p)).join(', ')}]\n` : ''}    x-ecs: { routing: { enabled: false } }
`;

describe('05-services ports and expose on the CloudFormation target: the members of a compose network admit each other on their ports, a range as one rule', () => {
  it('"10000-20000/udp" and "8000-8002": one udp rule 10000-20000 and one tcp rule 8000-8002, not 10,004 resources', async () => {
    const c = await compile(linked(['10000-20000/udp', '8000-8002']));
    const rules = Object.values(ofType(c.template, 'AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties as Record<string, unknown>).filter((p) => String(p.Description).includes('members of compose network default'));
    expect(rules.map((p) => [p.IpProtocol, p.FromPort, p.ToPort])).toEqual([
      ['tcp', 8000, 8002],
      ['udp', 10000, 20000],
    ]);
    expect(formatCfnFindings(await cfn.validate(c.contents, c.path))).toBe('');
  });

  it('an exposed range "8080-8085/tcp" is the whole range, joined with the ports it touches', async () => {
    const c = await compile(linked(['8086'], ['8080-8085/tcp', '9000']));
    const rules = Object.values(ofType(c.template, 'AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties as Record<string, unknown>).filter((p) => String(p.Description).includes('members of compose network default'));
    expect(rules.map((p) => [p.IpProtocol, p.FromPort, p.ToPort])).toEqual([
      ['tcp', 8080, 8086],
      ['tcp', 9000, 9000],
    ]);
  });

  it('issue 17: each routed port of a range is a port mapping of its own (ECS: a port in one mapping only); past ECS\'s five target groups the rest stays one range', async () => {
    const c = await compile(`name: av\nx-ecs: { launch_type: FARGATE }\nservices:\n  media:\n    image: example/media:1\n    mem_limit: 256m\n    ports: ["8000-8003:8000-8003"]\n`);
    const [media] = c.template.Resources.MediaTaskDefinition.Properties.ContainerDefinitions;
    const singles = [8000, 8001, 8002, 8003].map((p) => ({ ContainerPort: p, HostPort: p }));
    expect(media.PortMappings).toEqual(singles);
    expect(c.template.Resources.MediaService.Properties.LoadBalancers.map((lb: { ContainerPort: number }) => lb.ContainerPort)).toEqual([8000, 8001, 8002, 8003]);
    expect(formatCfnFindings(await cfn.validate(c.contents, c.path))).toBe('');

    const wide = await compile(`name: av\nx-ecs: { launch_type: FARGATE }\nservices:\n  media:\n    image: example/media:1\n    mem_limit: 256m\n    ports: ["8000-8009:8000-8009"]\n`);
    const [wideMedia] = wide.template.Resources.MediaTaskDefinition.Properties.ContainerDefinitions;
    expect(wideMedia.PortMappings).toEqual([...[8000, 8001, 8002, 8003, 8004].map((p) => ({ ContainerPort: p, HostPort: p })), { ContainerPortRange: '8005-8009' }]);
    expect(wide.template.Resources.MediaService.Properties.LoadBalancers).toHaveLength(5);
    expect(wide.diagnostics.filter((d) => d.code === 'ECS_LIMIT' && d.severity === 'warning')).toHaveLength(1);
    expect(formatCfnFindings(await cfn.validate(wide.contents, wide.path))).toBe('');
  });

  it('a full range used by another service: one rule', async () => {
    // A quadratic pass once took minutes here: a hang ends in the test's timeout; speed is measured by npm run bench.
    const c = await compile(linked(['1-65535']));
    const rules = Object.values(ofType(c.template, 'AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties as Record<string, unknown>).filter((p) => String(p.Description).includes('members of compose network default'));
    expect(rules).toMatchObject([{ IpProtocol: 'tcp', FromPort: 1, ToPort: 65535 }]);
  });
});

describe('05-services ports on the Kubernetes target: Service ports and containerPorts are one per port', () => {
  // A Service answers on the published port and, as other services reach it under compose, on the container port.
  it('a range of up to 100 ports: Service ports for each published and each container port, one containerPort each', async () => {
    const { objects, k8s: diags } = await k8s('services:\n  media:\n    image: x\n    ports: ["8000-8002:9000-9002"]\n');
    expect(find(objects, 'Service', 'media').spec.ports.map((p: { port: number; targetPort: number }) => [p.port, p.targetPort])).toEqual([
      [8000, 9000],
      [9000, 9000],
      [8001, 9001],
      [9001, 9001],
      [8002, 9002],
      [9002, 9002],
    ]);
    expect(container(find(objects, 'Deployment', 'media')).ports).toHaveLength(3);
    expect(diags.filter((d) => !d.message.includes('ClusterIP'))).toEqual([]);
  });

  it('a range of more than 100 ports is reported once, at its entry, and left out (as for expose)', async () => {
    const { objects, k8s: diags } = await k8s('services:\n  media:\n    image: x\n    ports: ["80", "10000-20000/udp"]\n');
    expect(at(diags)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/media/ports/1']);
    expect(find(objects, 'Service', 'media').spec.ports).toHaveLength(1);
    expect(container(find(objects, 'Deployment', 'media')).ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('host_ip on a range is reported once', async () => {
    const { k8s: diags } = await k8s('services:\n  media:\n    image: x\n    ports: ["127.0.0.1:8000-8009:8000-8009"]\n');
    expect(at(diags.filter((d) => d.message.includes('host_ip')))).toEqual(['K8S_UNSUPPORTED_FIELD@/services/media/ports/0/host_ip']);
  });

  it('more than 100 Service ports: a warning (an EndpointSlice holds at most 100)', async () => {
    const ports = Array.from({ length: 11 }, (_, i) => `${10000 + 20 * i}-${10009 + 20 * i}`);
    const { k8s: diags } = await k8s(`services:\n  media:\n    image: x\n    ports: [${ports.map((p) => `"${p}"`).join(', ')}]\n`);
    expect(at(diags)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/media/ports']);
    expect(diags[0]?.message).toContain('EndpointSlice holds at most 100');
  });

  it('a full range: reported once, at its entry', async () => {
    const { k8s: diags } = await k8s('services:\n  media:\n    image: x\n    ports: ["1-65535"]\n');
    expect(at(diags)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/media/ports/0']);
  });
});
