/** Backend options (--set, --format): each target declares its own; anything else is exit 2. */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const QA = 'fixtures/seed-qa/compose.yaml';
const SUMMARY = './docs/examples/summary-backend.mjs';
const THIRD_PARTY = './fixtures/cli-third-party-backend/backend.mjs';

describe('--set: an option the target does not declare is a usage error', () => {
  it('ecs takes no --set: --set foo=1 is exit 2, naming the option and the target', async () => {
    const r = await cli(['convert', '-f', QA, '--set', 'foo=1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set foo=1: the ecs target has no option "foo" (it takes no options)');
    expect(r.stdout).toBe('');
  });

  it('kubernetes --set nmespace=x is exit 2 with "did you mean namespace?"', async () => {
    const r = await cli(['convert', '-f', QA, '--target', 'kubernetes', '--set', 'nmespace=x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set nmespace=x: the kubernetes target has no option "nmespace"; did you mean namespace?');
  });

  it('a value of the wrong type is exit 2 too, each problem on its own line', async () => {
    const r = await cli(['convert', '-f', QA, '--target', 'kubernetes', '--set', 'split=maybe', '--set', 'controller=replicaset']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set split=maybe: split must be true or false\n');
    expect(r.stderr).toContain('--set controller=replicaset: controller must be deployment, statefulset, daemonset');
  });

  it('validate checks --set the same way', async () => {
    const r = await cli(['validate', '-f', QA, '--target', 'kubernetes', '--set', 'nmespace=x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean namespace?');
  });

  it('declared options still take kebab-case keys and enum words in any case', async () => {
    const r = await cli(['convert', '-f', QA, '--target', 'kubernetes', '--set', 'wait-for-dependencies=true', '--set', 'serviceType=nodeport']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('type: NodePort');
  });
});

describe('--format: only the formats the target writes', () => {
  it('ecs --format yaml is exit 2, saying ecs writes JSON only', async () => {
    const r = await cli(['convert', '-f', QA, '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format yaml: the ecs target writes json only');
  });

  it('ecs --format json is what it writes anyway', async () => {
    expect((await cli(['convert', '-f', QA, '--format', 'json'])).code).toBe(0);
  });

  it('cloudformation --format yaml writes the stack as YAML', async () => {
    const r = await cli(['convert', '-f', QA, '--target', 'cloudformation', '--format', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('AWSTemplateFormatVersion: "2010-09-09"\n')).toBe(true);
  });

  it('a module that declares options but no format refuses --format', async () => {
    const r = await cli(['convert', '-f', QA, '--target', SUMMARY, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format json: the summary target has no option "format"');
  });
});

describe('third-party backends', () => {
  it('without a declaration, any --set is passed on as text', async () => {
    const r = await cli(['convert', '-f', QA, '--target', THIRD_PARTY, '--set', 'prefix=stock', '--set', 'anything=1']);
    expect(r.code).toBe(0);
  });

  it('with one, an unknown option is refused like a built-in target’s', async () => {
    const r = await cli(['convert', '-f', QA, '--target', SUMMARY, '--set', 'requireHealthcheck=true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean requireHealthchecks?');
  });
});

describe('convert --help lists each target’s options', () => {
  it('the built-in targets, from their declarations', async () => {
    const r = await cli(['convert', '--help']);
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('Target options'));
    expect(section).toContain('  ecs\n    --format json\n');
    expect(section).toContain('  cloudformation\n    --format json|yaml\n');
    expect(section).toContain('    --set namespace=TEXT\n        `metadata.namespace` of every object\n');
    expect(section).toContain('    --set split=true|false\n        one file per object');
  });

  it('with --target MODULE, that module’s options too', async () => {
    const r = await cli(['convert', '--target', SUMMARY, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  summary (${SUMMARY})\n    --set requireHealthchecks=true|false\n        warn about services without a healthcheck (default false)\n`);
  });
});

describe('BUILTIN_OPTIONS: each target declaration loaded on its own, the same object as the backend declares', () => {
  it.each(['ecs', 'cloudformation', 'kubernetes'] as const)('%s', async (target) => {
    const { BUILTIN_OPTIONS, BUILTIN_BACKENDS } = await import('../../src/compile.js');
    expect(await BUILTIN_OPTIONS[target]()).toBe((await BUILTIN_BACKENDS[target]()).options);
  });
});
