/**
 * The CloudFormation target on compose files ECS can take, with the x-ecs stack settings
 * (cfn-arbitrary.ts), in both layouts and launch types, as JSON and as YAML: it converts them
 * without error into one template, AWS's validator (@aws/cloudformation-validate, WARN level,
 * strict) finds nothing in it, nor does the "would it deploy" checker
 * (test/validators/cloudformation-semantics.ts), and the same input converted again gives the
 * same bytes.
 *
 * The validator's engine takes seconds to start and ~10–35 ms per template; it is started
 * once for the file and reused by every run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { convert } from '../../src/convert.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { createCfnValidator, formatCfnFindings, type CfnFinding, type CfnValidator } from '../validators/cloudformation.js';
import { loadCfnRegistry, type CfnRegistry } from '../validators/cfn-registry.js';
import { checkTemplate } from '../validators/cloudformation-semantics.js';
import { cfnComposeFile } from './cfn-arbitrary.js';
import { DIR, forLaunchType, withFiles } from './ecs-arbitrary.js';
import { expectNoInternalError } from './ecs-checks.js';
import { params, runs, timeoutFor, turn } from './runs.js';

const layout = fc.constantFrom('service' as const, 'project' as const);
const launchType = fc.constantFrom('FARGATE' as const, 'EC2' as const);
const format = fc.constantFrom('json', 'json', 'json', 'yaml');

/**
 * Findings of open bugs, each pinned by an it.fails below: the property skips these findings
 * (the rest of the template is still checked). Drop an entry once its test passes. None open.
 */
const OPEN_BUGS: ((f: CfnFinding, path: string) => boolean)[] = [];

/** The ports W2508 findings name (a remote-shell or database port open to anyone). */
const openPorts = (findings: readonly CfnFinding[]): number[] =>
  [...new Set(findings.filter((x) => x.ruleId === 'W2508').map((x) => Number(/sensitive port (\d+)/.exec(x.message)?.[1])))].sort((a, b) => a - b);
/** The ports compose2ecs's CFN_OPEN_PORT findings name. */
const reportedOpenPorts = (diagnostics: readonly Diagnostic[]): number[] =>
  [...new Set(diagnostics.filter((d) => d.code === 'CFN_OPEN_PORT').flatMap((d) => [...d.message.matchAll(/(\d+) \(/g)].map((m) => Number(m[1]))))].sort((a, b) => a - b);

let cfn: CfnValidator;
let registry: CfnRegistry;
beforeAll(async () => {
  cfn = await createCfnValidator();
  registry = loadCfnRegistry();
}, 120_000);
afterAll(() => cfn?.dispose());

async function stack(compose: string | Record<string, unknown>, options: { layout?: 'service' | 'project'; launchType?: 'FARGATE' | 'EC2'; format?: string } = {}) {
  const files = typeof compose === 'string' ? { [`${DIR}/compose.yaml`]: compose } : withFiles(compose);
  return convert({
    host: memoryHost(files, DIR),
    env: {},
    target: 'cloudformation',
    ...(options.layout ? { layout: options.layout } : {}),
    ...(options.launchType ? { launchType: options.launchType } : {}),
    backendOptions: options.format === 'yaml' || options.format === 'json' ? { format: options.format } : {},
  });
}

describe('CloudFormation output of compose files ECS can take', () => {
  let conflicts = 0;
  afterAll(() => {
    // Most runs must still reach the validator.
    expect(conflicts, 'runs ending in CFN_ROUTE_CONFLICT').toBeLessThan(Math.max(5, runs(40) / 2));
  });
  it(
    'converts without error into one template that cloudformation-validate finds nothing in, byte-identical when converted again',
    async () => {
      await fc.assert(
        fc.asyncProperty(cfnComposeFile(), layout, launchType, format, async (written, l, lt, f) => {
          const doc = forLaunchType(written, lt);
          await turn();
          const { outputs, diagnostics } = await stack(doc, { layout: l, launchType: lt, format: f });
          expectNoInternalError(diagnostics, 'convert');
          // Generated routing often gives two services the same path and host, or two catch-alls
          // on one listener: CFN_ROUTE_CONFLICT, no template (listeners.test.ts checks those).
          if (diagnostics.some((d) => d.code === 'CFN_ROUTE_CONFLICT')) {
            conflicts++;
            return;
          }
          expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
          expect(outputs.map((o) => o.path)).toEqual([`${doc.name ?? 'p'}.template.${f}`]);
          const output = outputs[0]!;
          const all = (await cfn.validate(output.contents, output.path)).filter((x) => !OPEN_BUGS.some((known) => known(x, output.path)));
          // W2508 (a remote-shell or database port open to anyone) is what the compose file asks
          // for when it publishes such a port: compose2ecs must have said so (CFN_OPEN_PORT),
          // for exactly the ports the validator finds.
          expect(openPorts(all), 'ports W2508 finds = ports CFN_OPEN_PORT reports').toEqual(reportedOpenPorts(diagnostics));
          const findings = all.filter((x) => x.ruleId !== 'W2508');
          expect(formatCfnFindings(findings), output.path).toBe('');
          // An awslogs option the compose file leaves out and the stack cannot know (the group:
          // compose needs one too) is the user's, warned about at the service's logging options
          // (its pre_start containers, `<service>-pre-start-N`, log as it does).
          const warned = (f: { check: string; message: string }) =>
            f.check === 'Awslogs' &&
            diagnostics.some((d) => {
              const service = /^\/services\/(.+)\/logging\/options$/.exec(d.path ?? '')?.[1];
              const container = f.message.split(' ')[0]!;
              return d.code === 'ECS_INVALID' && d.severity === 'warning' && service !== undefined && (container === service || container.startsWith(`${service}-pre-start-`));
            });
          expect(checkTemplate(output.value, registry).filter((f) => !warned(f)), `${output.path} would deploy`).toEqual([]);
          // CloudFormation reads YAML 1.1: every value must read back as written.
          if (f === 'yaml') expect(parseYaml(output.contents, { version: '1.1' }), 'read as YAML 1.1').toEqual(output.value);
          const again = await stack(doc, { layout: l, launchType: lt, format: f });
          expect(again.outputs.map((o) => o.contents), 'the same input converted twice').toEqual([output.contents]);
        }),
        params(40, 80),
      );
    },
    timeoutFor(40, 80),
  );
});

describe('findings of the property, fixed (minimal cases, kept as regression tests)', () => {
  const valid = async (compose: string, launchType?: 'EC2') => {
    const { outputs, diagnostics } = await stack(compose, launchType ? { launchType } : {});
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(formatCfnFindings(await cfn.validate(outputs[0]!.contents, outputs[0]!.path))).toBe('');
  };

  // Two published ports to one container port, through a Network Load Balancer: the target
  // group, listener and output of each were named after the container port, so the stack
  // declared them twice (INTERNAL_ERROR, no template). Now two listeners share one target group.
  it('NLB: two published ports to the same container port', () =>
    valid('x-ecs:\n  load_balancer:\n    type: network\nservices:\n  web:\n    image: nginx\n    ports: ["8080:80", "9090:80"]\n'),
  );

  // On EC2 (bridge), the routed port's mapping gets a dynamic host port (0), and so does the
  // unpublished `80`: the task definition listed { ContainerPort: 80, HostPort: 0 } twice (F3037).
  // Now the two are one mapping.
  it('EC2: a published and an unpublished mapping of one container port', () => valid('services:\n  web:\n    image: nginx\n    ports: ["8080:80", "80"]\n', 'EC2'));

  // CloudFormation reads YAML 1.1, where plain `on`, `1_000` and `0_` are a boolean and
  // numbers: the template quotes them, or FLAG would become "true" and a container named 0_
  // become 0 (W9003, "automatically coerced"). Fixed; kept as a regression test.
  it('format yaml: text values that YAML 1.1 reads as booleans or numbers', async () => {
    const compose = 'services:\n  "0_":\n    image: nginx\n    environment:\n      FLAG: "on"\n      N: "1_000"\n';
    const { outputs } = await stack(compose, { format: 'yaml' });
    expect(formatCfnFindings(await cfn.validate(outputs[0]!.contents, outputs[0]!.path))).toBe('');
    expect(parseYaml(outputs[0]!.contents, { version: '1.1' })).toEqual(outputs[0]!.value);
  });

  // ECS's API takes propagateTags NONE; AWS::ECS::Service takes SERVICE or TASK_DEFINITION only
  // (W3030), so the stack leaves NONE out (the default: no propagation).
  it('x-ecs.service.propagate_tags: NONE', () => valid('services:\n  web:\n    image: nginx\n    x-ecs:\n      service:\n        propagate_tags: NONE\n'));

  // deploy.labels become tags, whose values allow letters, digits, spaces and _.:/=+-@ only (F3031):
  // such a label is left out of the tags, with a warning.
  it('a deploy label value with a # (tags)', () => valid('services:\n  web:\n    image: nginx\n    deploy:\n      labels:\n        note: "with # hash"\n'));

  // A Cloud Map service name is DNS-like: it cannot end with "-" (F3031); compose allows `api-`,
  // which is registered as `api` (with a warning).
  it('service discovery of a service named api-', () => valid('x-ecs:\n  launch_type: FARGATE\n  service_discovery: true\nservices:\n  api-:\n    image: nginx\n'));

  // extends appends x-ecs lists, and the stack kept their duplicates: the task role listed
  // the managed policy twice, the listener rule the path pattern (F3037). Now each is listed once.
  it('a task role whose managed policy is also in the service it extends', () =>
    valid(
      'services:\n  base:\n    image: nginx\n    x-ecs:\n      task_role:\n        managed_policy_arns: [arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess]\n' +
        '  web:\n    extends: base\n    x-ecs:\n      task_role:\n        managed_policy_arns: [arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess]\n',
    ),
  );
  // A published database port behind a Network Load Balancer: the tasks' security group admits
  // it from anywhere (an NLB keeps the client's address), which cfn-lint reports (W2508). The
  // stack is what the file asks for, but compose2ecs now says so where the port is written
  // (fuzz run, seed 1001: 27017). The same for x-ecs.ingress open to anyone.
  it('a published PostgreSQL port behind a Network Load Balancer is reported (CFN_OPEN_PORT)', async () => {
    const { outputs, diagnostics } = await stack('x-ecs:\n  launch_type: FARGATE\n  load_balancer:\n    type: network\nservices:\n  db:\n    image: postgres:16\n    ports: ["5432:5432", "8080:80"]\n');
    const open = diagnostics.filter((d) => d.code === 'CFN_OPEN_PORT');
    expect(open).toMatchObject([{ severity: 'warning', path: '/services/db/ports/0', line: 8 }]);
    expect(open[0]!.message).toContain('port 5432 (PostgreSQL) is open to anyone (0.0.0.0/0)');
    const findings = await cfn.validate(outputs[0]!.contents, outputs[0]!.path);
    expect(openPorts(findings)).toEqual([5432]);
    expect(formatCfnFindings(findings.filter((x) => x.ruleId !== 'W2508'))).toBe('');
  });
  it('x-ecs.ingress open to anyone on every port is reported once, naming each sensitive port', async () => {
    const { outputs, diagnostics } = await stack('x-ecs:\n  launch_type: FARGATE\nservices:\n  web:\n    image: nginx\n    x-ecs:\n      ingress:\n        - cidr: 10.0.0.0/8\n        - cidr: 0.0.0.0/0\n');
    const open = diagnostics.filter((d) => d.code === 'CFN_OPEN_PORT');
    expect(open).toMatchObject([{ path: '/services/web/x-ecs/ingress/1', line: 9 }]);
    expect(reportedOpenPorts(open)).toEqual([22, 1433, 3306, 3389, 5432, 6379, 27017]);
    expect(openPorts(await cfn.validate(outputs[0]!.contents, outputs[0]!.path))).toEqual([22, 1433, 3306, 3389, 5432, 6379, 27017]);
  });
  it('an Application Load Balancer listening on port 22 is reported where the port is set', async () => {
    const { outputs, diagnostics } = await stack('x-ecs:\n  launch_type: FARGATE\n  load_balancer:\n    listener_port: 22\nservices:\n  web:\n    image: nginx\n    ports: ["80:80"]\n');
    expect(diagnostics.filter((d) => d.code === 'CFN_OPEN_PORT')).toMatchObject([{ path: '/x-ecs/load_balancer/listener_port', line: 4 }]);
    expect(openPorts(await cfn.validate(outputs[0]!.contents, outputs[0]!.path))).toEqual([22]);
  });
  it('a routing path that is also in the service it extends', () =>
    valid(
      'x-ecs:\n  launch_type: FARGATE\nservices:\n  base:\n    image: nginx\n    ports: ["80:80"]\n    x-ecs:\n      routing:\n        path: ["/api/*"]\n' +
        // web's own /v2/* keeps its rule apart from base's (the same paths would be CFN_ROUTE_CONFLICT).
        '  web:\n    extends: base\n    x-ecs:\n      routing:\n        path: ["/api/*", "/v2/*"]\n',
    ),
  );
});
