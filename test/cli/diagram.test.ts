/**
 * `compose2ecs diagram` and `convert --diagram FILE` (issue 21): the deployment diagram from
 * the command line, compiled as convert compiles, with convert's findings and exit codes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, tempProject } from './cli-harness.js';
import { mermaidProblems, xmlProblems } from '../diagram/syntax.js';

const QA = ['-f', 'docs/guide/compose.yaml', '-f', 'docs/guide/compose.qa.yaml'];
const SHOP = ['-f', 'fixtures/cfn-fargate-shop/compose.yaml', '--target', 'cloudformation'];

describe('compose2ecs diagram', () => {
  it('prints the Mermaid of the seed QA project on standard output (the golden file), exit 0', async () => {
    const r = await cli(['diagram', ...QA, '--target', 'cloudformation']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'test/diagram/golden/seed-qa.mmd'), 'utf8'));
  });

  it('the target defaults to ecs, as for convert', async () => {
    const r = await cli(['diagram', ...QA]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('%% multi-env deployed with ecs');
    expect(mermaidProblems(r.stdout)).toEqual([]);
  });

  it('--format svg prints a well-formed SVG', async () => {
    const r = await cli(['diagram', ...SHOP, '--format', 'svg']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<svg ')).toBe(true);
    expect(xmlProblems(r.stdout)).toEqual([]);
  });

  it('an unknown --format is bad usage, exit 2', async () => {
    const r = await cli(['diagram', ...SHOP, '--format', 'png']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('a project with errors: the findings on standard error, nothing drawn, exit 1', async () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    build: .\n' });
    const r = await cli(['diagram', '-f', join(dir, 'compose.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('IMAGE_BUILD_ONLY');
  });

  it('--strict: a warning is an error, as for convert', async () => {
    const plain = await cli(['diagram', ...QA]);
    expect(plain.stderr).toContain('warning');
    expect((await cli(['diagram', ...QA, '--strict'])).code).toBe(1);
  });
});

describe('compose2ecs convert --diagram FILE', () => {
  it('writes the Mermaid to FILE (relative to the working directory) and the documents as without it', async () => {
    const plain = await cli(['convert', ...SHOP]);
    const r = await cli(['convert', ...SHOP, '--diagram', 'deploy/diagram.mmd']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(Object.values((JSON.parse(r.stdout) as { Resources: Record<string, { Type: string }> }).Resources).some((x) => x.Type === 'AWS::ElasticLoadBalancingV2::Listener')).toBe(true);
    const drawn = await cli(['diagram', ...SHOP]);
    expect(r.written.get(join(ROOT, 'deploy/diagram.mmd'))).toBe(drawn.stdout);
    expect(r.stderr).toContain('wrote the deployment diagram to deploy/diagram.mmd');
  });

  it('a FILE ending in .svg gets the SVG; with --out, beside the documents', async () => {
    const r = await cli(['convert', ...SHOP, '--out', 'deploy', '--diagram', 'deploy/diagram.svg']);
    expect(r.code).toBe(0);
    expect([...r.written.keys()]).toContain(join(ROOT, 'deploy/shop.template.json'));
    const svg = r.written.get(join(ROOT, 'deploy/diagram.svg'));
    expect(svg?.startsWith('<svg ')).toBe(true);
    expect(xmlProblems(svg ?? '')).toEqual([]);
  });

  it('errors: nothing written, exit 1', async () => {
    const dir = tempProject({ 'compose.yaml': 'services:\n  web:\n    build: .\n' });
    const r = await cli(['convert', '-f', join(dir, 'compose.yaml'), '--diagram', 'x.mmd']);
    expect(r.code).toBe(1);
    expect(r.written.size).toBe(0);
  });
});
