import { describe, expect, it } from 'vitest';
import type { NormalizedSchema } from '@smithy/core/schema';
import {
  DOUBLE_MEMBERS,
  assertValidEcsService,
  assertValidEcsTaskDefinition,
  declaredMembers,
  ecsSchema,
  structureMembers,
  validateCreateService,
  validateRegisterTaskDefinition,
} from './ecs.js';

function fargateTaskDefinition(): Record<string, unknown> {
  return {
    family: 'shop-web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    taskRoleArn: 'arn:aws:iam::123456789012:role/shop-web',
    runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
    containerDefinitions: [
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        essential: true,
        cpu: 256,
        memory: 512,
        portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp', name: 'http', appProtocol: 'http' }],
        environment: [{ name: 'UPSTREAM', value: 'http://localhost:8080' }],
        dependsOn: [{ containerName: 'api', condition: 'HEALTHY' }],
        mountPoints: [{ sourceVolume: 'static', containerPath: '/usr/share/nginx/html', readOnly: true }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/shop', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' },
        },
      },
      {
        name: 'api',
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-api:1.4.2',
        essential: true,
        command: ['node', 'server.js'],
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        secrets: [
          { name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/db-AbCdEf' },
        ],
        healthCheck: {
          command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
          interval: 30,
          timeout: 5,
          retries: 3,
          startPeriod: 10,
        },
        ulimits: [{ name: 'nofile', softLimit: 65536, hardLimit: 65536 }],
        stopTimeout: 30,
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/shop', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'api' },
        },
      },
    ],
    volumes: [
      {
        name: 'static',
        efsVolumeConfiguration: {
          fileSystemId: 'fs-0123456789abcdef0',
          rootDirectory: '/',
          transitEncryption: 'ENABLED',
          transitEncryptionPort: 2049,
          authorizationConfig: { accessPointId: 'fsap-0123456789abcdef0', iam: 'ENABLED' },
        },
      },
    ],
    ephemeralStorage: { sizeInGiB: 30 },
    tags: [{ key: 'app', value: 'shop' }],
  };
}

function fargateService(): Record<string, unknown> {
  return {
    cluster: 'shop',
    serviceName: 'shop-web',
    taskDefinition: 'shop-web',
    desiredCount: 2,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    loadBalancers: [
      {
        targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-web/0123456789abcdef',
        containerName: 'web',
        containerPort: 80,
      },
    ],
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
        securityGroups: ['sg-0123456789abcdef0'],
        assignPublicIp: 'DISABLED',
      },
    },
    deploymentConfiguration: {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    },
    healthCheckGracePeriodSeconds: 60,
    enableExecuteCommand: false,
    propagateTags: 'SERVICE',
    tags: [{ key: 'app', value: 'shop' }],
  };
}

/** A copy of `doc` with `edit` applied, so each case breaks exactly one thing. */
function broken<T>(doc: T, edit: (copy: any) => void): T {
  const copy = structuredClone(doc);
  edit(copy);
  return copy;
}

describe('validateRegisterTaskDefinition', () => {
  it('accepts a Fargate task definition with two containers, EFS, secrets, healthCheck and awslogs', () => {
    expect(validateRegisterTaskDefinition(fargateTaskDefinition())).toEqual([]);
  });

  it('reports an unknown key with its path and the member it probably meant', () => {
    const doc = broken(fargateTaskDefinition(), (d) => {
      d.containerDefinitons = d.containerDefinitions;
      delete d.containerDefinitions;
    });
    expect(validateRegisterTaskDefinition(doc)).toEqual([
      '$.containerDefinitons: unknown member of RegisterTaskDefinitionRequest (did you mean "containerDefinitions"?)',
      '$.containerDefinitions: required member of RegisterTaskDefinitionRequest is missing',
    ]);
  });

  it('reports unknown keys at any depth', () => {
    const doc = broken(fargateTaskDefinition(), (d) => {
      d.containerDefinitions[1].healthCheck.intervall = 10;
      d.volumes[0].efsVolumeConfiguration.authorizationConfig.accessPoint = 'x';
    });
    expect(validateRegisterTaskDefinition(doc)).toEqual([
      '$.containerDefinitions[1].healthCheck.intervall: unknown member of HealthCheck (did you mean "interval"?)',
      '$.volumes[0].efsVolumeConfiguration.authorizationConfig.accessPoint: unknown member of EFSAuthorizationConfig (did you mean "accessPointId"?)',
    ]);
  });

  it('reports missing required members (family, containerDefinitions, a nested one)', () => {
    const doc = broken(fargateTaskDefinition(), (d) => {
      delete d.family;
      delete d.containerDefinitions;
      delete d.volumes[0].efsVolumeConfiguration.fileSystemId;
    });
    expect(validateRegisterTaskDefinition(doc)).toEqual([
      '$.volumes[0].efsVolumeConfiguration.fileSystemId: required member of EFSVolumeConfiguration is missing',
      '$.family: required member of RegisterTaskDefinitionRequest is missing',
      '$.containerDefinitions: required member of RegisterTaskDefinitionRequest is missing',
    ]);
  });

  it('reports wrong JSON types', () => {
    const doc = broken(fargateTaskDefinition(), (d) => {
      d.containerDefinitions[0].memory = '512';
      d.containerDefinitions[0].essential = 'true';
      d.cpu = 512;
      d.requiresCompatibilities = 'FARGATE';
      d.containerDefinitions[0].logConfiguration.options['awslogs-group'] = null;
    });
    expect(validateRegisterTaskDefinition(doc)).toEqual([
      '$.requiresCompatibilities: expected a list, got string "FARGATE"',
      '$.cpu: expected a string, got number 512',
      '$.containerDefinitions[0].essential: expected a boolean, got string "true"',
      '$.containerDefinitions[0].memory: expected a number, got string "512"',
      '$.containerDefinitions[0].logConfiguration.options["awslogs-group"]: expected a string, got null',
    ]);
  });

  it('reports integers where the API wants integers', () => {
    const doc = broken(fargateTaskDefinition(), (d) => {
      d.containerDefinitions[0].memory = 512.5;
      d.containerDefinitions[1].healthCheck.interval = 1.5;
    });
    expect(validateRegisterTaskDefinition(doc)).toEqual([
      '$.containerDefinitions[0].memory: expected an integer, got 512.5',
      '$.containerDefinitions[1].healthCheck.interval: expected an integer, got 1.5',
    ]);
  });

  it('reports values outside an enum, in members, lists and nested structures', () => {
    const doc = broken(fargateTaskDefinition(), (d) => {
      d.networkMode = 'overlay';
      d.requiresCompatibilities = ['FARGATE', 'LAMBDA'];
      d.containerDefinitions[0].logConfiguration.logDriver = 'syslogg';
      d.containerDefinitions[0].portMappings[0].protocol = 'http';
      d.containerDefinitions[0].dependsOn[0].condition = 'READY';
    });
    expect(validateRegisterTaskDefinition(doc)).toEqual([
      '$.networkMode: "overlay" is not a NetworkMode (expected one of: awsvpc, bridge, host, none)',
      '$.requiresCompatibilities[1]: "LAMBDA" is not a Compatibility (expected one of: EC2, EXTERNAL, FARGATE, MANAGED_INSTANCES)',
      '$.containerDefinitions[0].portMappings[0].protocol: "http" is not a TransportProtocol (expected one of: tcp, udp)',
      '$.containerDefinitions[0].dependsOn[0].condition: "READY" is not a ContainerCondition (expected one of: COMPLETE, HEALTHY, START, SUCCESS)',
      '$.containerDefinitions[0].logConfiguration.logDriver: "syslogg" is not a LogDriver (expected one of: awsfirelens, awslogs, fluentd, gelf, journald, json-file, splunk, syslog)',
    ]);
  });

  it('rejects a document that is not an object', () => {
    expect(validateRegisterTaskDefinition([])).toEqual([
      '$: expected a RegisterTaskDefinitionRequest object, got an array',
    ]);
  });
});

describe('validateCreateService', () => {
  it('accepts a Fargate service with a load balancer, awsvpc networking and a circuit breaker', () => {
    expect(validateCreateService(fargateService())).toEqual([]);
  });

  it('accepts fractional values only where the API takes a Double', () => {
    const canary = broken(fargateService(), (d) => {
      d.deploymentConfiguration.strategy = 'CANARY';
      d.deploymentConfiguration.canaryConfiguration = { canaryPercent: 12.5, canaryBakeTimeInMinutes: 10 };
    });
    expect(validateCreateService(canary)).toEqual([]);
    const fractionalBake = broken(canary, (d) => {
      d.deploymentConfiguration.canaryConfiguration.canaryBakeTimeInMinutes = 2.5;
    });
    expect(validateCreateService(fractionalBake)).toEqual([
      '$.deploymentConfiguration.canaryConfiguration.canaryBakeTimeInMinutes: expected an integer, got 2.5',
    ]);
  });

  it('ServiceConnectService.clientAliases: "The maximum number of client aliases that you can have in this list is 1"', () => {
    const one = broken(fargateService(), (d) => {
      d.serviceConnectConfiguration = { enabled: true, namespace: 'shop', services: [{ portName: 'db-5432-tcp', clientAliases: [{ port: 5432, dnsName: 'db' }] }] };
    });
    expect(validateCreateService(one)).toEqual([]);
    const two = broken(one, (d) => {
      d.serviceConnectConfiguration.services[0].clientAliases.push({ port: 5432, dnsName: 'database' });
    });
    expect(validateCreateService(two)).toEqual(['$.serviceConnectConfiguration.services[0].clientAliases: at most 1 client alias per ServiceConnectService, not 2']);
  });

  it('reports unknown keys, missing members, wrong types and bad enums', () => {
    const doc = broken(fargateService(), (d) => {
      delete d.serviceName;
      d.launchType = 'FARGATE_SPOT';
      d.desiredCount = '2';
      d.networkConfiguration.awsvpcConfiguration.subnet = d.networkConfiguration.awsvpcConfiguration.subnets;
      delete d.networkConfiguration.awsvpcConfiguration.subnets;
      d.deploymentConfiguration.deploymentCircuitBreaker = { enable: true };
    });
    expect(validateCreateService(doc)).toEqual([
      '$.desiredCount: expected a number, got string "2"',
      '$.launchType: "FARGATE_SPOT" is not a LaunchType (expected one of: EC2, EXTERNAL, FARGATE, MANAGED_INSTANCES)',
      '$.networkConfiguration.awsvpcConfiguration.subnet: unknown member of AwsVpcConfiguration (did you mean "subnets"?)',
      '$.networkConfiguration.awsvpcConfiguration.subnets: required member of AwsVpcConfiguration is missing',
      '$.deploymentConfiguration.deploymentCircuitBreaker.rollback: required member of DeploymentCircuitBreaker is missing',
      '$.serviceName: required member of CreateServiceRequest is missing',
    ]);
  });
});

describe('assertValidEcsTaskDefinition / assertValidEcsService', () => {
  it('pass silently on valid input', () => {
    expect(() => assertValidEcsTaskDefinition(fargateTaskDefinition())).not.toThrow();
    expect(() => assertValidEcsService(fargateService())).not.toThrow();
  });

  it('throw one error that lists every problem', () => {
    const doc = broken(fargateTaskDefinition(), (d) => {
      d.networkMode = 'overlay';
      d.containerDefinitions[0].memory = '512';
    });
    expect(() => assertValidEcsTaskDefinition(doc)).toThrow(
      /2 problem\(s\)[\s\S]*\$\.networkMode[\s\S]*\$\.containerDefinitions\[0\]\.memory/,
    );
    expect(() => assertValidEcsService({})).toThrow(/\$\.serviceName: required member/);
  });
});

// The validator leans on two facts about the SDK's layout; these prove they hold for every
// structure the two inputs can reach, so an SDK upgrade that breaks them fails here, loudly.
describe('what the validator reads from @aws-sdk/client-ecs', () => {
  function reachableStructures(root: string): Map<string, NormalizedSchema> {
    const found = new Map<string, NormalizedSchema>();
    const visit = (schema: NormalizedSchema): void => {
      if (schema.isListSchema() || schema.isMapSchema()) return visit(schema.getValueSchema());
      if (!schema.isStructSchema()) return;
      const { name } = structureMembers(schema);
      if (found.has(name)) return;
      found.set(name, schema);
      for (const [, member] of schema.structIterator()) visit(member);
    };
    visit(ecsSchema(root));
    return found;
  }
  const structures = new Map([
    ...reachableStructures('RegisterTaskDefinitionRequest'),
    ...reachableStructures('CreateServiceRequest'),
  ]);

  it('declares every reachable structure, with the same members, in dist-types', () => {
    expect(structures.size).toBeGreaterThan(50);
    for (const [name, schema] of structures) {
      const declared = [...declaredMembers(name).keys()].sort();
      expect(declared, name).toEqual([...structureMembers(schema).members].sort());
    }
  });

  it('puts the required members first: exactly the ones the declarations leave without `?`', () => {
    for (const [name, schema] of structures) {
      if (schema.isUnionSchema()) continue;
      const { members, requiredCount } = structureMembers(schema);
      const declared = declaredMembers(name);
      const nonOptional = members.filter((member) => declared.get(member)?.optional === false);
      expect(members.slice(0, requiredCount), name).toEqual(nonOptional);
    }
  });

  it('finds enums for the members compose2ecs emits', () => {
    expect(declaredMembers('LogConfiguration').get('logDriver')?.hint).toMatchObject({ kind: 'enum', name: 'LogDriver' });
    expect(declaredMembers('RegisterTaskDefinitionRequest').get('requiresCompatibilities')?.hint).toMatchObject({
      kind: 'list',
      of: { kind: 'enum', name: 'Compatibility' },
    });
  });

  it('names only numeric members in DOUBLE_MEMBERS', () => {
    for (const entry of DOUBLE_MEMBERS) {
      const [structure = '', member = ''] = entry.split('.');
      expect(ecsSchema(structure).getMemberSchema(member).isNumericSchema(), entry).toBe(true);
    }
  });
});
