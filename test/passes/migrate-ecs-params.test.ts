import { describe, expect, it } from 'vitest';
import { readEcsParams } from '../../src/passes/migrate-ecs-params.js';
import { SourceFile } from '../../src/core/source.js';
import { Reporter } from '../../src/diagnostics/report.js';
import { validate } from '../../src/generated/x-ecs-validator.js';

function read(text: string) {
  const reporter = new Reporter();
  const result = readEcsParams(new SourceFile('/p/ecs-params.yml', text), reporter);
  // Whatever is migrated must be valid x-ecs.
  if (result) {
    expect(validate(result.project), JSON.stringify(validate.errors)).toBe(true);
    for (const s of Object.values(result.services)) expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
  }
  const found = reporter.diagnostics.filter((d) => !(d.severity === 'info' && d.line === 1 && d.message.includes('layout: project')));
  return { result, diagnostics: found };
}

const codes = (ds: { code: string; severity: string; line?: number; column?: number }[]) => ds.map((d) => `${d.severity} ${d.code} ${d.line}:${d.column}`);

// The examples are ecs-cli's README, "Using ECS parameters" (aws/amazon-ecs-cli), verbatim
// except where a test says otherwise.
describe('README example ecs-params.yml', () => {
  const text = [
    'version: 1',
    'task_definition:',
    '  ecs_network_mode: host',
    '  task_role_arn: myCustomRole',
    '  services:',
    '    logging:',
    '      essential: false',
    '    wordpress:',
    '      cpu_shares: 100',
    '      mem_limit: 500m',
    '    mysql:',
    '      cpu_shares: 105',
    '      mem_limit: 500m',
    '      mem_reservation: 450m',
    '  docker_volumes:',
    '    - name: database_volume',
    '      scope: shared',
    '      autoprovision: true',
    '      driver: local',
    '',
  ].join('\n');

  it('maps the task and container settings exactly', () => {
    const { result } = read(text);
    expect(result).toEqual({
      project: {
        layout: 'project',
        network_mode: 'host',
        task_role_arn: 'myCustomRole',
        volumes: { database_volume: { docker: { scope: 'shared', autoprovision: true } } },
      },
      services: {
        logging: { essential: false },
        wordpress: { container_cpu: 100, container_memory: 500 },
        mysql: { container_cpu: 105, container_memory: 500, container_memory_reservation: 450 },
      },
    });
  });

  it('docker_volumes driver moves to the compose volume, with a warning at the key', () => {
    const { diagnostics } = read(text);
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 19:7']);
    expect(diagnostics[0]?.message).toContain('volumes: { database_volume: { driver');
  });

  it('says that ecs-cli put every service in one task (layout: project)', () => {
    const reporter = new Reporter();
    readEcsParams(new SourceFile('ecs-params.yml', text), reporter);
    expect(reporter.diagnostics.find((d) => d.severity === 'info')).toMatchObject({ code: 'ECS_MIGRATION', line: 1, column: 1 });
  });
});

describe('README example with network configuration (FARGATE)', () => {
  it('maps task_size, the execution role and awsvpc_configuration', () => {
    const { result, diagnostics } = read(
      [
        'version: 1',
        'task_definition:',
        '  ecs_network_mode: awsvpc',
        '  task_execution_role: myFargateRole',
        '  task_size:',
        '    cpu_limit: 512',
        '    mem_limit: 2GB',
        '  services:',
        '    my_service:',
        '      essential: false',
        '',
        'run_params:',
        '  network_configuration:',
        '    awsvpc_configuration:',
        '      subnets:',
        '        - subnet-feedface',
        '        - subnet-deadbeef',
        '      security_groups:',
        '        - sg-bafff1ed',
        '        - sg-c0ffeefe',
        '      assign_public_ip: ENABLED',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(result).toEqual({
      project: {
        layout: 'project',
        network_mode: 'awsvpc',
        execution_role_arn: 'myFargateRole',
        cpu: 512,
        memory: 2048,
        service: { network_configuration: { subnets: ['subnet-feedface', 'subnet-deadbeef'], security_groups: ['sg-bafff1ed', 'sg-c0ffeefe'], assign_public_ip: true } },
      },
      services: { my_service: { essential: false } },
    });
  });

  it('drops network_configuration with a warning when the network mode is not awsvpc, as ecs-cli did', () => {
    const { result, diagnostics } = read('task_definition:\n  ecs_network_mode: bridge\nrun_params:\n  network_configuration:\n    awsvpc_configuration:\n      subnets: [subnet-1]\n');
    expect(result?.project.service).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 5:5']);
  });
});

describe('README example with task placement', () => {
  it('maps strategy and constraints', () => {
    const { result, diagnostics } = read(
      [
        'version: 1',
        'run_params:',
        '  task_placement:',
        '    strategy:',
        '      - field: memory',
        '        type: binpack',
        '      - field: attribute:ecs.availability-zone',
        '        type: spread',
        '      - type: random',
        '    constraints:',
        '      - expression: attribute:ecs.instance-type =~ t2.*',
        '        type: memberOf',
        '      - type: distinctInstance',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(result?.project).toEqual({
      layout: 'project',
      placement_strategy: [{ type: 'binpack', field: 'memory' }, { type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'random' }],
      placement_constraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' }, { type: 'distinctInstance' }],
    });
  });

  it("the README's stray backtick (type: distinctInstance`) is an invalid type, reported at its value", () => {
    const { result, diagnostics } = read('run_params:\n  task_placement:\n    constraints:\n      - type: distinctInstance`\n');
    expect(result?.project.placement_constraints).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['error COMPOSE_SCHEMA 4:15']);
  });

  it('task-definition constraints come first and duplicates are merged', () => {
    const { result } = read(
      'task_definition:\n  placement_constraints:\n    - type: memberOf\n      expression: attribute:ecs.os-type == linux\nrun_params:\n  task_placement:\n    constraints:\n      - type: memberOf\n        expression: attribute:ecs.os-type == linux\n      - type: distinctInstance\n',
    );
    expect(result?.project.placement_constraints).toEqual([{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }, { type: 'distinctInstance' }]);
  });
});

describe('README example with EFS volume', () => {
  it('maps efs_volumes and a 1.0GB task memory', () => {
    const { result, diagnostics } = read(
      [
        'version: 1',
        'task_definition:',
        '  task_execution_role: ecsTaskExecutionRole',
        '  ecs_network_mode: awsvpc',
        '  task_size:',
        '    mem_limit: 1.0GB',
        '    cpu_limit: 512',
        '  efs_volumes:',
        '    - name: "myEFSVolume"',
        '      filesystem_id: "fs-fedc8554"',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(result?.project).toEqual({
      layout: 'project',
      execution_role_arn: 'ecsTaskExecutionRole',
      network_mode: 'awsvpc',
      memory: 1024,
      cpu: 512,
      volumes: { myEFSVolume: { efs: { file_system_id: 'fs-fedc8554' } } },
    });
  });

  it('maps every EFS field; ENABLED/DISABLED become booleans', () => {
    const { result } = read(
      'task_definition:\n  efs_volumes:\n    - name: data\n      filesystem_id: fs-1\n      root_directory: /srv\n      transit_encryption: ENABLED\n      transit_encryption_port: 2049\n      access_point: fsap-1\n      iam: ENABLED\n',
    );
    expect(result?.project.volumes).toEqual({ data: { efs: { file_system_id: 'fs-1', root_directory: '/srv', transit_encryption: true, transit_encryption_port: 2049, access_point_id: 'fsap-1', iam: true } } });
  });

  it('IAM authorization without transit encryption is refused, as ecs-cli refused it', () => {
    const { diagnostics } = read('task_definition:\n  efs_volumes:\n    - name: data\n      filesystem_id: fs-1\n      iam: ENABLED\n');
    expect(codes(diagnostics)).toEqual(['error COMPOSE_SCHEMA 3:7']);
  });
});

describe('ECS developer guide, Fargate tutorial ecs-params.yml', () => {
  it('task_size mem_limit 0.5GB and cpu_limit 256', () => {
    const { result } = read('version: 1\ntask_definition:\n  task_execution_role: ecsTaskExecutionRole\n  ecs_network_mode: awsvpc\n  task_size:\n    mem_limit: 0.5GB\n    cpu_limit: 256\n');
    expect(result?.project).toMatchObject({ memory: 512, cpu: 256 });
  });
});

describe('units: a bare number is MiB in task_size but bytes in a service', () => {
  it('task_size.mem_limit: 512 is 512 MiB; cpu_limit "1 vCPU" is 1024 units', () => {
    const { result, diagnostics } = read("task_definition:\n  task_size:\n    mem_limit: 512\n    cpu_limit: '1 vCPU'\n");
    expect(diagnostics).toEqual([]);
    expect(result?.project).toMatchObject({ memory: 512, cpu: 1024 });
  });

  it('services.<name>.mem_limit: 512 is 512 bytes: under 1 MiB, ignored by ecs-cli, so not migrated', () => {
    const { result, diagnostics } = read('task_definition:\n  services:\n    web:\n      mem_limit: 512\n');
    expect(result?.services).toEqual({ web: {} });
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 4:18']);
    expect(diagnostics[0]?.message).toMatch(/bytes/);
  });

  it('a bare number of bytes is converted to MiB with a warning', () => {
    const { result, diagnostics } = read("task_definition:\n  services:\n    web:\n      mem_limit: 536870912\n      mem_reservation: '268435456'\n");
    expect(result?.services.web).toEqual({ container_memory: 512, container_memory_reservation: 256 });
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 4:18', 'warning ECS_MIGRATION 5:24']);
  });

  it('byte units are binary and rounded down to whole MiB, as ecs-cli did', () => {
    const { result, diagnostics } = read("task_definition:\n  services:\n    a: { mem_limit: 1.5g }\n    b: { mem_limit: '1.6GB' }\n    c: { mem_limit: 128MB }\n");
    expect(result?.services).toEqual({ a: { container_memory: 1536 }, b: { container_memory: 1638 }, c: { container_memory: 128 } });
    expect(codes(diagnostics)).toEqual(['info ECS_MIGRATION 4:21']);
  });

  it('a task_size the ECS API does not accept is an error at its value', () => {
    const { result, diagnostics } = read("task_definition:\n  task_size:\n    mem_limit: 512MB\n    cpu_limit: '0.3 vCPU'\n");
    expect(result?.project.memory).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['error COMPOSE_SCHEMA 4:16', 'error COMPOSE_SCHEMA 3:16']);
  });
});

describe('services.<name>', () => {
  it('maps depends_on, repository_credentials, healthcheck, firelens, secrets and logging secrets', () => {
    const { result, diagnostics } = read(
      [
        'version: 1',
        'task_definition:',
        '  services:',
        '    app:',
        '      essential: yes',
        '      repository_credentials:',
        '        credentials_parameter: arn:aws:secretsmanager:us-east-1:123456789012:secret:repo-creds',
        '      depends_on:',
        '        - container_name: db',
        '          condition: HEALTHY',
        '        - container_name: migrate',
        '          condition: SUCCESS',
        '      healthcheck:',
        '        test: curl -f http://localhost',
        '        interval: 1m30s',
        '        timeout: 2.5s',
        '        retries: 3',
        '        start_period: 10',
        '      secrets:',
        '        - value_from: /prod/db/password',
        '          name: DB_PASSWORD',
        '      logging:',
        '        secret_options:',
        '          - value_from: arn:aws:ssm:us-east-1:123456789012:parameter/splunk-token',
        '            name: splunk-token',
        '    log_router:',
        '      essential: true',
        '      firelens_configuration:',
        '        type: fluentbit',
        '        options:',
        '          enable-ecs-log-metadata: true',
        '    db:',
        '      healthcheck:',
        '        command: ["CMD", "pg_isready"]',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(result?.services).toEqual({
      app: {
        essential: true,
        repository_credentials: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:repo-creds',
        depends_on: [
          { container_name: 'db', condition: 'HEALTHY' },
          { container_name: 'migrate', condition: 'SUCCESS' },
        ],
        healthcheck: { command: ['CMD-SHELL', 'curl -f http://localhost'], interval: 90, timeout: 2, retries: 3, start_period: 10 },
        environment_secrets: { DB_PASSWORD: '/prod/db/password' },
        logging: { secret_options: { 'splunk-token': 'arn:aws:ssm:us-east-1:123456789012:parameter/splunk-token' } },
      },
      log_router: { essential: true, firelens_configuration: { type: 'fluentbit', options: { 'enable-ecs-log-metadata': 'true' } } },
      db: { healthcheck: { command: ['CMD', 'pg_isready'] } },
    });
  });

  it('gpu and init_process_enabled move to the compose file, with warnings', () => {
    const { result, diagnostics } = read("task_definition:\n  services:\n    ml:\n      gpu: '2'\n      init_process_enabled: true\n");
    expect(result?.services.ml).toEqual({});
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 4:12', 'warning ECS_MIGRATION 5:29']);
    expect(diagnostics[0]?.message).toContain('count: 2');
    expect(diagnostics[1]?.message).toContain('init: true');
  });

  it('a depends_on condition outside START, COMPLETE, SUCCESS, HEALTHY is an error', () => {
    const { diagnostics } = read('task_definition:\n  services:\n    a:\n      depends_on:\n        - container_name: b\n          condition: service_healthy\n');
    expect(codes(diagnostics)).toEqual(['error COMPOSE_SCHEMA 6:22']);
  });
});

describe('run_params.service_discovery (README, "Using Route53 Service Discovery")', () => {
  it('a private namespace by name and VPC becomes x-ecs.service_discovery and vpc_id', () => {
    const { result, diagnostics } = read(
      [
        'version: 1',
        'run_params:',
        '  service_discovery:',
        '    container_name: web',
        '    container_port: 80',
        '    private_dns_namespace:',
        '      vpc: vpc-04deee8176dce7d7d',
        '      name: tutorial',
        '    service_discovery_service:',
        '      dns_config:',
        '        type: A',
        '        ttl: 120',
      ].join('\n'),
    );
    expect(result?.project).toEqual({ layout: 'project', vpc_id: 'vpc-04deee8176dce7d7d', service_discovery: { namespace: 'tutorial' } });
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 4:5', 'warning ECS_MIGRATION 5:5', 'warning ECS_MIGRATION 9:5']);
  });

  it('an existing namespace by ID is not migrated', () => {
    const { result, diagnostics } = read('run_params:\n  service_discovery:\n    private_dns_namespace:\n      id: ns-kvhnzhb5vxplfmls\n');
    expect(result?.project.service_discovery).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 4:7']);
  });
});

describe('unknown keys and malformed values', () => {
  it('unknown keys are warnings at the key, with a suggestion', () => {
    const { diagnostics } = read('version: 1\ntask_definition:\n  servics:\n    web: {}\n  task_size:\n    memory: 512\nrun_param: {}\n');
    expect(codes(diagnostics)).toEqual(['warning COMPOSE_UNKNOWN_KEY 7:1', 'warning COMPOSE_UNKNOWN_KEY 3:3', 'warning COMPOSE_UNKNOWN_KEY 6:5']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "run_param: unknown key in ecs-params.yml, ignored; did you mean 'run_params'?",
      "task_definition.servics: unknown key in task_definition, ignored; did you mean 'services'?",
      'task_definition.task_size.memory: unknown key in task_size, ignored',
    ]);
  });

  it('with the compose services given, an entry for no such service is a warning', () => {
    const reporter = new Reporter();
    readEcsParams(new SourceFile('ecs-params.yml', 'task_definition:\n  services:\n    wordpres:\n      essential: false\n'), reporter, { services: ['wordpress', 'mysql'] });
    expect(reporter.diagnostics.filter((d) => d.severity !== 'info')).toMatchObject([{ code: 'COMPOSE_UNKNOWN_KEY', severity: 'warning', line: 3, column: 5 }]);
    expect(reporter.diagnostics.at(-1)?.message).toContain("did you mean 'wordpress'?");
  });

  it('a value of the wrong type is an error at the value', () => {
    const { diagnostics } = read('task_definition:\n  services:\n    web:\n      cpu_shares: lots\n');
    expect(diagnostics[0]).toMatchObject({ code: 'COMPOSE_SCHEMA', severity: 'error', line: 4, column: 19, path: '/task_definition/services/web/cpu_shares' });
  });

  it('environment references, which ecs-cli expanded, are pointed out', () => {
    const { result, diagnostics } = read('task_definition:\n  task_role_arn: ${TASK_ROLE}\n');
    expect(result?.project.task_role_arn).toBe('${TASK_ROLE}');
    expect(codes(diagnostics)).toEqual(['warning ECS_MIGRATION 2:18']);
  });


  it('a file that is not YAML gives no settings and a positioned syntax error', () => {
    const reporter = new Reporter();
    expect(readEcsParams(new SourceFile('ecs-params.yml', 'task_definition: [\n'), reporter)).toBeUndefined();
    expect(reporter.diagnostics[0]).toMatchObject({ code: 'YAML_SYNTAX', file: 'ecs-params.yml' });
  });

  it('an empty file gives empty settings; a list is not a mapping', () => {
    expect(read('').result).toEqual({ project: {}, services: {} });
    const reporter = new Reporter();
    expect(readEcsParams(new SourceFile('ecs-params.yml', '- a\n'), reporter)).toBeUndefined();
    expect(reporter.diagnostics[0]?.code).toBe('YAML_NOT_MAPPING');
  });
});
