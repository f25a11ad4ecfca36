import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { Reporter } from '../../src/diagnostics/report.js';
import { createPassContext } from '../../src/passes/context.js';
import { readXAws } from '../../src/passes/migrate-x-aws.js';
import { validate } from '../../src/generated/x-ecs-validator.js';

async function migrate(contents: string) {
  const loaded = await loadProject({ files: [{ path: '/p/compose.yaml', contents }], host: memoryHost({}, '/p') });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const reporter = new Reporter();
  const result = readXAws(createPassContext(loaded.project!, reporter, {}));
  // Whatever is migrated must be valid x-ecs.
  expect(validate(result.project), JSON.stringify(validate.errors)).toBe(true);
  for (const s of Object.values(result.services)) expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
  return { result, diagnostics: reporter.diagnostics };
}

const codes = (ds: { code: string; severity: string; line?: number; column?: number }[]) => ds.map((d) => `${d.severity} ${d.code} ${d.line}:${d.column}`);

// Samples from Docker's "Deploying Docker containers on ECS" (docs.docker.com, cloud/ecs-integration.md)
// and docker/compose-cli docs/ecs-compose-examples.md.
describe('Using existing AWS network resources', () => {
  it('x-aws-cluster and x-aws-vpc (ecs-compose-examples.md)', async () => {
    const { result, diagnostics } = await migrate('x-aws-vpc: "vpc-25435e"\nx-aws-cluster: "ClusterName"\n\nservices:\n  app:\n    image: nginx\n    ports:\n      - 80:80\n');
    expect(result).toEqual({ project: { vpc_id: 'vpc-25435e', service: { cluster: 'ClusterName' } }, services: {} });
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 1:1', 'info ECS_MIGRATION 2:1']);
    expect(diagnostics[1]?.message).toBe('x-aws-cluster is read as x-ecs.service.cluster');
  });

  it('x-aws-vpc as an ARN gives its ID, as the integration did', async () => {
    const { result } = await migrate('x-aws-vpc: arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc123\nservices:\n  app: { image: nginx }\n');
    expect(result.project.vpc_id).toBe('vpc-0abc123');
  });

  it('x-aws-loadbalancer (an existing load balancer) is not migrated: compose2ecs creates its own', async () => {
    const { result, diagnostics } = await migrate('x-aws-loadbalancer: "LoadBalancerName"\nservices:\n  app:\n    image: nginx\n    ports:\n      - 80:80\n');
    expect(result).toEqual({ project: {}, services: {} });
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 1:1']);
  });
});

describe('Private Docker images', () => {
  it('x-aws-pull_credentials is read as repository_credentials', async () => {
    const { result, diagnostics } = await migrate('services:\n  worker:\n    image: mycompany/privateimage\n    x-aws-pull_credentials: "arn:aws:secretsmanager:eu-west-3:12345:secret:DockerHubAccessToken"\n');
    expect(result.services).toEqual({ worker: { repository_credentials: 'arn:aws:secretsmanager:eu-west-3:12345:secret:DockerHubAccessToken' } });
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 4:5']);
  });
});

describe('IAM roles', () => {
  it('x-aws-policies and x-aws-role become the task role', async () => {
    const { result, diagnostics } = await migrate(
      [
        'services:',
        '  foo:',
        '    image: nginx',
        '    x-aws-policies:',
        '      - "arn:aws:iam::aws:policy/AmazonS3FullAccess"',
        '    x-aws-role:',
        '      Version: "2012-10-17"',
        '      Statement:',
        '        - Effect: "Allow"',
        '          Action:',
        '            - "some_aws_service"',
        '          Resource:',
        '            - "*"',
      ].join('\n'),
    );
    expect(result.services).toEqual({
      foo: {
        task_role: {
          managed_policy_arns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'],
          policy_document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['some_aws_service'], Resource: ['*'] }] },
        },
      },
    });
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 4:5', 'info ECS_MIGRATION 6:5']);
  });

  it('x-aws-iam names an existing role, which overrides x-aws-role', async () => {
    const { result, diagnostics } = await migrate('services:\n  test:\n    image: nginx\n    x-aws-iam: arn:aws:iam::123456789:role/applicationTaskRole\n    x-aws-role: { Version: "2012-10-17", Statement: [] }\n');
    expect(result.services.test?.task_role_arn).toBe('arn:aws:iam::123456789:role/applicationTaskRole');
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 4:5', 'info ECS_MIGRATION 5:5', 'warning ECS_MIGRATION 4:5']);
  });

  it('x-aws-role must be a policy document', async () => {
    const { diagnostics } = await migrate('services:\n  test:\n    image: nginx\n    x-aws-role: arn:aws:iam::123456789:role/r\n');
    expect(codes(diagnostics)).toEqual(['error COMPOSE_SCHEMA 4:17']);
  });
});

describe('Auto scaling', () => {
  it('deploy.x-aws-autoscaling with a CPU target, and the integration\'s 60 s cooldowns', async () => {
    const { result, diagnostics } = await migrate('services:\n  foo:\n    image: nginx\n    deploy:\n      x-aws-autoscaling:\n        min: 1\n        max: 10 #required\n        cpu: 75\n        # mem: - mutualy exlusive with cpu\n');
    expect(result.services).toEqual({ foo: { autoscaling: { min: 1, max: 10, cpu_percent: 75, scale_in_cooldown: 60, scale_out_cooldown: 60 } } });
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 5:7']);
  });

  it('max is required; the documented `mem` is read as memory with a warning', async () => {
    const missing = await migrate('services:\n  foo:\n    image: nginx\n    deploy:\n      x-aws-autoscaling: { cpu: 50 }\n');
    expect(missing.result.services).toEqual({});
    expect(codes(missing.diagnostics)).toEqual(['error COMPOSE_SCHEMA 5:26']);
    const mem = await migrate('services:\n  foo:\n    image: nginx\n    deploy:\n      x-aws-autoscaling: { max: 4, mem: 80 }\n');
    expect(mem.result.services.foo?.autoscaling).toEqual({ min: 0, max: 4, memory_percent: 80, scale_in_cooldown: 60, scale_out_cooldown: 60 });
    expect(codes(mem.diagnostics)).toEqual(['warning ECS_MIGRATION 5:36', 'info ECS_MIGRATION 5:7']);
  });

  it('the early scalar form is not migrated (no range)', async () => {
    const { result, diagnostics } = await migrate('services:\n  foo:\n    image: nginx\n    deploy:\n      x-aws-autoscaling: 75\n');
    expect(result.services).toEqual({});
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 5:26']);
  });
});

describe('Rolling update', () => {
  it('x-aws-min_percent and x-aws-max_percent in deploy.update_config set the deployment', async () => {
    const { result, diagnostics } = await migrate('services:\n  web:\n    image: nginx\n    deploy:\n      update_config:\n        x-aws-min_percent: 50\n        x-aws-max_percent: 150\n');
    expect(result.services).toEqual({ web: { service: { deployment: { minimum_healthy_percent: 50, maximum_percent: 150 } } } });
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 6:9', 'info ECS_MIGRATION 7:9']);
  });

  it('at the service level, where the integration ignored them, they are read with a warning', async () => {
    const { result, diagnostics } = await migrate('services:\n  web:\n    image: nginx\n    x-aws-min_percent: 100\n');
    expect(result.services.web).toEqual({ service: { deployment: { minimum_healthy_percent: 100 } } });
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 4:5']);
  });
});

describe('View application logs', () => {
  it('x-aws-logs_retention: 10 (the examples page) becomes 14, the next day count CloudWatch accepts', async () => {
    const { result, diagnostics } = await migrate('services:\n  foo:\n    image: nginx\n    logging:\n      options:\n        awslogs-datetime-pattern: "FOO"\n\nx-aws-logs_retention: 10\n');
    expect(result.project).toEqual({ logging: { retention_days: 14 } });
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 8:23', 'info ECS_MIGRATION 8:1']);
  });

  it('an accepted day count is kept; 0 (forever) sets nothing', async () => {
    expect((await migrate('x-aws-logs_retention: 30\nservices: { a: { image: nginx } }\n')).result.project).toEqual({ logging: { retention_days: 30 } });
    expect((await migrate('x-aws-logs_retention: 0\nservices: { a: { image: nginx } }\n')).result.project).toEqual({});
  });
});

describe('Exposing ports: x-aws-protocol (ecs-compose-features.md)', () => {
  it('an HTTP port is routed through the application load balancer', async () => {
    const { result, diagnostics } = await migrate('services:\n  test:\n    image: mycompany/webapp\n    ports:\n      - target: 8080\n        x-aws-protocol: http\n');
    expect(result.services).toEqual({ test: { routing: { protocol: 'HTTP', port: 8080 } } });
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 5:9']);
  });

  it('https also meant an HTTP listener; one port per service is routed; other values had no meaning', async () => {
    const { result, diagnostics } = await migrate(
      'services:\n  test:\n    image: nginx\n    ports:\n      - target: 8443\n        x-aws-protocol: https\n      - target: 9000\n        x-aws-protocol: http\n      - target: 53\n        protocol: udp\n        x-aws-protocol: dns\n',
    );
    expect(result.services).toEqual({ test: { routing: { protocol: 'HTTP', port: 8443 } } });
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 5:9', 'warning ECS_MIGRATION 7:9', 'warning ECS_UNSUPPORTED_FIELD 9:9']);
  });
});

describe('keys with no meaning in the output', () => {
  it('x-aws-cloudformation overlays (Tuning the CloudFormation template) are unsupported', async () => {
    const { result, diagnostics } = await migrate(
      'services:\n  webapp:\n    image: acme/webapp\n    ports:\n      - "80:80"\n\nx-aws-cloudformation:\n  Resources:\n    WebappTCP80TargetGroup:\n      Properties:\n        HealthCheckPath: /health\n        Matcher:\n          HttpCode: 200-499\n',
    );
    expect(result).toEqual({ project: {}, services: {} });
    expect(codes(diagnostics)).toEqual(['warning ECS_UNSUPPORTED_FIELD 8:3']);
  });

  it('a key read at another level, an unknown x-aws key, x-aws-keys and x-aws-securitygroup', async () => {
    const { result, diagnostics } = await migrate(
      [
        'x-aws-role: { Version: "2012-10-17" }',
        'services:',
        '  app:',
        '    image: nginx',
        '    x-aws-frobnicate: 1',
        '    networks: [back]',
        '    secrets: [foo]',
        'networks:',
        '  back:',
        '    x-aws-securitygroup: sg-1234abcd',
        'secrets:',
        '  foo:',
        '    name: "arn:aws:secretsmanager:eu-west-3:1234:secret:foo-ABC123"',
        '    external: true',
        '    x-aws-keys: ["bar"]',
      ].join('\n'),
    );
    expect(result).toEqual({ project: {}, services: {} });
    expect(codes(diagnostics)).toEqual(['warning ECS_UNSUPPORTED_FIELD 1:1', 'warning ECS_UNSUPPORTED_FIELD 5:5', 'warning ECS_MIGRATION 10:26', 'warning ECS_UNSUPPORTED_FIELD 15:17']);
    expect(diagnostics[0]?.message).toBe('x-aws-role has no meaning here: the ECS integration read x-aws-role only in a service');
    expect(diagnostics[2]?.message).toContain('external: true with name: sg-1234abcd');
  });
});

describe('paths', () => {
  it('a diagnostic names the path as written, x-aws keys outside extensions', async () => {
    const { diagnostics } = await migrate('services:\n  foo:\n    image: nginx\n    deploy:\n      x-aws-autoscaling: { max: 3, cpu: 40 }\n');
    expect(diagnostics[0]?.path).toBe('/services/foo/deploy/x-aws-autoscaling');
    expect(diagnostics[0]?.file).toBe('/p/compose.yaml');
  });
});
