import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { run } from '../../src/cli/run.js';
import { shellCommands } from '../support/markdown.js';

describe('docs/guide.md: every command of the walkthrough runs', () => {
  const guide = readFileSync(join(__dirname, '..', '..', 'docs', 'guide.md'), 'utf8');
  const commands = shellCommands(guide);

  it('has the commands of every step', () => {
    expect(commands.map((c) => c.argv[0])).toEqual(['config', 'validate', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert', 'convert']);
  });

  for (const c of commands) {
    it(c.line, async () => {
      const files = new Map<string, string>();
      const stdout: string[] = [];
      const stderr: string[] = [];
      const code = await run(c.argv, {
        stdout: (s) => stdout.push(s),
        stderr: (s) => stderr.push(s),
        env: c.env,
        writeFile: async (path, contents) => {
          files.set(path, contents);
        },
      });
      expect(code, stderr.join('')).toBe(0);
      expect(stderr.join('')).not.toMatch(/\berror\b/);
      if (c.argv.includes('--out')) expect(files.size).toBeGreaterThan(0);
      else expect(stdout.join('').length).toBeGreaterThan(0);
    });
  }

  it('3. Production: "/boot to the Spring Boot service, everything else to the web app", with the WebPythonUrl and BootUrl outputs', async () => {
    // boot publishes "8080" without a host port (05-services ports: "just the container port"); its x-ecs.routing path routes it.
    const files = new Map<string, string>();
    const code = await run(['convert', '-f', 'docs/guide/compose.yaml', '-f', 'docs/guide/compose.prod.yaml', '--target', 'cloudformation', '--out', 'build/prod'], { stdout: () => {}, stderr: () => {}, env: {}, writeFile: async (p, s) => void files.set(p, s) });
    expect(code).toBe(0);
    const template = JSON.parse([...files.values()][0] ?? '{}') as { Resources: Record<string, { Type: string; Properties: any }>; Outputs: Record<string, unknown> };
    const rules = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule');
    const paths = Object.fromEntries(rules.map(([, r]) => [r.Properties.Actions[0].TargetGroupArn.Ref, r.Properties.Conditions[0].PathPatternConfig.Values]));
    expect(paths).toEqual({ BootTargetGroup: ['/boot', '/boot/*'], WebPythonTargetGroup: ['/*'] });
    expect(Object.keys(template.Outputs)).toEqual(expect.arrayContaining(['LoadBalancerDnsName', 'WebPythonUrl', 'BootUrl']));
  });

  it('5. Images built from source: without --registry convert stops at IMAGE_BUILD_ONLY, as the guide shows', async () => {
    const stderr: string[] = [];
    const code = await run(['convert', '-f', 'docs/guide/built/compose.yaml'], { stdout: () => {}, stderr: (s) => stderr.push(s), env: {}, writeFile: async () => {} });
    expect(code).toBe(1);
    expect(stderr.join('')).toContain('docs/guide/built/compose.yaml:6:5: error IMAGE_BUILD_ONLY: services.web has build and no image');
    expect(guide).toContain('docs/guide/built/compose.yaml:6:5: error IMAGE_BUILD_ONLY: services.web has build and no image');
  });

  it('5. the build and push commands the guide shows are the ones convert gives', async () => {
    const stderr: string[] = [];
    const argv = ['convert', '-f', 'docs/guide/built/compose.yaml', '--registry', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', '--image-tag', '1.0.0', '--region', 'eu-west-1', '--out', 'build/counter'];
    expect(await run(argv, { stdout: () => {}, stderr: (s) => stderr.push(s), env: {}, writeFile: async () => {} })).toBe(0);
    for (const line of ['docker build -t 123456789012.dkr.ecr.eu-west-1.amazonaws.com/counter-web:1.0.0 --build-arg PYTHON_VERSION=3.12 ./web', 'docker push 123456789012.dkr.ecr.eu-west-1.amazonaws.com/counter-web:1.0.0', 'aws ecr create-repository --repository-name counter-web --region eu-west-1']) {
      expect(stderr.join('')).toContain(line);
      expect(guide).toContain(line);
    }
  });

  it('6. Logs: AWS_REGION of the environment is the awslogs Region, and the log group command is the one shown', async () => {
    const files = new Map<string, string>();
    const stderr: string[] = [];
    const code = await run(['convert', '-f', 'docs/guide/compose.yaml', '--target', 'ecs', '--out', 'build/logs', '--verbose'], { stdout: () => {}, stderr: (s) => stderr.push(s), env: { AWS_REGION: 'eu-west-1' }, writeFile: async (p, s) => void files.set(p, s) });
    expect(code).toBe(0);
    const td = JSON.parse([...files].find(([p]) => p.endsWith('boot.task-definition.json'))?.[1] ?? '{}');
    expect(td.containerDefinitions[0].logConfiguration).toEqual({ logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/multi-env', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'boot' } });
    expect(stderr.join('')).toContain('aws logs create-log-group --log-group-name /ecs/multi-env --region eu-west-1');
    expect(guide).toContain('aws logs create-log-group --log-group-name /ecs/multi-env --region eu-west-1');
  });

  it('the QA environment is one task with links, named after the branch', async () => {
    const files = new Map<string, string>();
    const code = await run(['convert', '-f', 'docs/guide/compose.yaml', '-f', 'docs/guide/compose.qa.yaml', '-p', 'feature-login', '--out', 'build/qa'], {
      stdout: () => {},
      stderr: () => {},
      env: {},
      writeFile: async (p, s) => void files.set(p, s),
    });
    expect(code).toBe(0);
    const written = new Map([...files].map(([p, s]) => [p.replace(/^.*?(build\/qa\/)/, '$1'), s]));
    expect([...written.keys()].sort()).toEqual(['build/qa/feature-login.service.json', 'build/qa/feature-login.task-definition.json']);
    const td = JSON.parse(written.get('build/qa/feature-login.task-definition.json') as string);
    const web = td.containerDefinitions.find((c: { name: string }) => c.name === 'web-python');
    expect(web.links).toEqual(['redis', 'boot']);
    expect(web.portMappings).toEqual([{ containerPort: 5000, hostPort: 0 }]);
  });

  it('Jobs and init steps, on Kubernetes: the migrate job and the pre_start step run before web, in that order, and migrate has no object of its own', async () => {
    const files = new Map<string, string>();
    const code = await run(['convert', '-f', 'docs/examples/jobs/compose.yaml', '--target', 'kubernetes', '--set', 'waitForDependencies=true', '--out', 'build/jobs-k8s'], {
      stdout: () => {},
      stderr: () => {},
      env: {},
      writeFile: async (p, s) => void files.set(p, s),
    });
    expect(code).toBe(0);
    const items = [...files.values()].flatMap((s) => parseAllDocuments(s).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: any }));
    expect(items.filter((o) => o.metadata.name === 'migrate')).toEqual([]);
    const web = items.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web');
    expect(web?.spec.template.spec.initContainers.map((c: { name: string }) => c.name)).toEqual(['wait-for-db', 'migrate', 'web-pre-start-1']);
  });

  it('6. secrets and files: the password reaches /run/secrets/db_password through the writer, and its value no output', async () => {
    const files = new Map<string, string>();
    const code = await run(['convert', '-f', 'docs/guide/compose.files.yaml', '--target', 'ecs', '--out', 'build/files'], {
      stdout: () => {},
      stderr: () => {},
      env: {},
      writeFile: async (p, s) => void files.set(p.replace(/^.*?(build\/files\/)/, '$1'), s),
    });
    expect(code).toBe(0);
    const td = JSON.parse(files.get('build/files/db.task-definition.json') as string);
    const writer = td.containerDefinitions.find((c: { name: string }) => c.name === 'compose2ecs-files');
    expect(writer.secrets).toEqual([{ name: 'COMPOSE2ECS_FILE_0', valueFrom: '/multi-env/db_password' }]);
    const db = td.containerDefinitions.find((c: { name: string }) => c.name === 'db');
    expect(db.mountPoints).toEqual([{ sourceVolume: 'db-files-run-secrets', containerPath: '/run/secrets', readOnly: true }]);
    expect([...files.values()].join('\n')).not.toContain('example-only-not-a-real-password');
  });
  /** The files and stderr of one guide command (argv after `npx compose2ecs`). */
  async function convertNetwork(argv: string[]): Promise<{ files: Map<string, string>; stderr: string }> {
    const files = new Map<string, string>();
    const stderr: string[] = [];
    const code = await run(['convert', '-f', 'docs/guide/compose.network.yaml', ...argv], { stdout: () => {}, stderr: (s) => stderr.push(s), env: {}, writeFile: async (p, s) => void files.set(p.replace(/^.*?(build\/)/, '$1'), s) });
    expect(code).toBe(0);
    return { files, stderr: stderr.join('') };
  }

  it('9. Networking, ECS: db advertised as db and database, cache (no port) still a client; the warning shown is the one convert prints', async () => {
    const { files, stderr } = await convertNetwork(['--target', 'ecs', '--region', 'eu-west-1', '--security-groups', 'sg-0a1b2c3d', '--subnets', 'subnet-ae0f49ca', '--out', 'build/network-ecs']);
    const db = JSON.parse(files.get('build/network-ecs/db.service.json') ?? '{}');
    expect(db.serviceConnectConfiguration.services.map((s: { clientAliases: { dnsName: string }[] }) => s.clientAliases[0]?.dnsName)).toEqual(['db', 'database']);
    expect(JSON.parse(files.get('build/network-ecs/cache.service.json') ?? '{}').serviceConnectConfiguration).toEqual({ enabled: true, namespace: 'shop' });
    const shown = /^docs\/guide\/compose\.network\.yaml:\d+:\d+: warning ECS_NAME_UNRESOLVED: .*$/m.exec(guide)?.[0] as string;
    expect(stderr).toContain(shown);
  });

  it('9. Networking, CloudFormation: a security group per network and an HTTP namespace, none with --cloud-map-namespace', async () => {
    const made = await convertNetwork(['--target', 'cloudformation', '--out', 'build/network-cfn']);
    const resources = (JSON.parse([...made.files.values()][0] ?? '{}') as { Resources: Record<string, { Type: string }> }).Resources;
    expect(Object.keys(resources).filter((id) => /^Network.*SecurityGroup$/.test(id)).sort()).toEqual(['NetworkBackSecurityGroup', 'NetworkFrontSecurityGroup']);
    expect(resources.ServiceConnectNamespace?.Type).toBe('AWS::ServiceDiscovery::HttpNamespace');
    const own = await convertNetwork(['--target', 'cloudformation', '--cloud-map-namespace', 'shop-prod', '--out', 'build/network-own']);
    const template = JSON.parse([...own.files.values()][0] ?? '{}') as { Resources: Record<string, { Type: string; Properties?: { ServiceConnectConfiguration?: { Namespace?: unknown } } }> };
    expect(template.Resources.ServiceConnectNamespace).toBeUndefined();
    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::ECS::Service').map((r) => r.Properties?.ServiceConnectConfiguration?.Namespace)).toEqual(['shop-prod', 'shop-prod', 'shop-prod', 'shop-prod']);
  });

  it('9. Networking, Kubernetes: the alias database is a Service selecting db\'s pods', async () => {
    const { files } = await convertNetwork(['--target', 'kubernetes', '--out', 'build/network-k8s']);
    const docs = [...files.values()].flatMap((text) => parseAllDocuments(text).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: { selector: Record<string, string> } }));
    const database = docs.find((d) => d.kind === 'Service' && d.metadata.name === 'database');
    expect(database?.spec.selector['app.kubernetes.io/name']).toBe('db');
  });
});
