/**
 * Compose files for the CloudFormation target: `ecsComposeFile()` (what ECS can take) plus the
 * `x-ecs` settings only a stack uses, at project and service level: the shared load balancer
 * (application or network, its scheme and listener), routing by path and host with health
 * checks, autoscaling, Cloud Map discovery, ECS Exec, deployment circuit breakers, task roles
 * and log retention. Values are the shapes the cfn-* fixtures use.
 *
 * @example
 * fc.assert(fc.asyncProperty(cfnComposeFile(), async (doc) => { await convert({ host: memoryHost(withFiles(doc), DIR), target: 'cloudformation' }); }));
 */
import fc from 'fast-check';
import type { ComposeDoc } from '../support/arbitraries.js';
import { ecsComposeFile } from './ecs-arbitrary.js';

const projectXEcs = fc.record(
  {
    service_discovery: fc.boolean(),
    load_balancer: fc.record(
      { type: fc.constantFrom('application', 'network'), scheme: fc.constantFrom('internet-facing', 'internal'), listener_port: fc.constantFrom(80, 8080, 8443) },
      { requiredKeys: [] },
    ),
    logging: fc.record({ retention_days: fc.constantFrom(1, 7, 30, 365), create_group: fc.boolean(), stream_prefix: fc.constant('app') }, { requiredKeys: [] }),
    vpc_id: fc.constant('vpc-0a1b2c3d4e5f60718'),
  },
  { requiredKeys: [] },
);

const healthCheck = fc.record(
  { path: fc.constantFrom('/healthz', '/ready'), interval: fc.constantFrom(10, 30), timeout: fc.constantFrom(5, 6), healthy_threshold: fc.integer({ min: 2, max: 5 }), matcher: fc.constantFrom('200', '200-299') },
  { requiredKeys: [] },
);

const serviceXEcs = fc.record(
  {
    routing: fc.record(
      {
        path: fc.oneof(fc.constant<string | string[]>('/*'), fc.constant<string | string[]>(['/api/*', '/v2/*'])),
        host: fc.constantFrom('app.example.com', 'billing.example.com'),
        health_check: healthCheck,
        deregistration_delay: fc.constantFrom(0, 10, 30),
      },
      { requiredKeys: [] },
    ),
    autoscaling: fc.record(
        {
          // every min ≤ every max: with layout project, one task takes its services' settings
          min: fc.integer({ min: 1, max: 2 }),
          max: fc.integer({ min: 2, max: 10 }),
          cpu_percent: fc.constantFrom(50, 60, 75.5),
          memory_percent: fc.constantFrom(70, 80),
          requests_per_target: fc.constantFrom(100, 500),
          scale_in_cooldown: fc.constantFrom(60, 300),
          scale_out_cooldown: fc.constantFrom(30, 60),
        },
        { requiredKeys: ['max'] },
      ),
    service: fc.record(
      {
        enable_execute_command: fc.boolean(),
        deployment: fc.record({ maximum_percent: fc.constantFrom(200, 150), minimum_healthy_percent: fc.constantFrom(50, 100), circuit_breaker: fc.record({ enable: fc.boolean(), rollback: fc.boolean() }) }, { requiredKeys: [] }),
        propagate_tags: fc.constantFrom('TASK_DEFINITION', 'SERVICE', 'NONE'),
      },
      { requiredKeys: [] },
    ),
    task_role: fc.record(
      {
        managed_policy_arns: fc.constant(['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess']),
        policy_document: fc.constant({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::media-uploads/*' }] }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** An `ecsComposeFile()` with x-ecs stack settings on the project (half the time) and on its services. */
export function cfnComposeFile(): fc.Arbitrary<ComposeDoc> {
  return ecsComposeFile().chain((doc) =>
    fc
      .tuple(fc.option(projectXEcs, { nil: undefined }), fc.tuple(...Object.keys(doc.services).map(() => fc.option(serviceXEcs, { nil: undefined }))), fc.boolean())
      .map(([project, services, pathList]) => {
        const copy = structuredClone(doc);
        if (project && Object.keys(project).length) copy['x-ecs'] = project;
        Object.values(copy.services).forEach((svc, i) => {
          const x = services[i];
          if (!x || !Object.keys(x).length) return;
          // One shape of routing.path per file: extends merges a base's path with its
          // extender's, and a list does not merge into a text (MERGE_TYPE_MISMATCH).
          const path = x.routing?.path;
          if (x.routing && path !== undefined) x.routing = { ...x.routing, path: pathList ? [path].flat() : [path].flat()[0] ?? '/*' };
          svc['x-ecs'] = x;
        });
        return copy;
      }),
  );
}
