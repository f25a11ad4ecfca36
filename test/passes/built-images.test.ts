/**
 * Issue 19, built images: a build-only service (build.md: `build` and no `image`) runs
 * REGISTRY/<project>-<service>:<tag> on every target once a registry is known, and the
 * user is told the exact commands that build and push it, with paths relative to the compose
 * file: the converting machine's absolute paths never appear.
 */
import { describe, expect, it } from 'vitest';
import { build, load } from './build-ir.js';
import { buildCommands, builtImage, ecrCommands } from '../../src/passes/built-images.js';
import { relative } from '../../src/core/path-posix.js';
import { convert } from '../../src/convert.js';
import { validate } from '../../src/validate.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { cli, ROOT } from '../cli/cli-harness.js';

const DIR = '/home/alice/src/shop';

/** A project at DIR (an absolute path of "the converting machine") with `compose` as its compose.yaml. */
function project(compose: string) {
  return { host: memoryHost({ [`${DIR}/compose.yaml`]: compose }, DIR), files: [`${DIR}/compose.yaml`], env: {} };
}

const API = `
name: shop
services:
  api:
    build:
      context: ./api
      dockerfile: docker/Dockerfile.prod
      target: runtime
      args:
        VERSION: "1.2"
        GIT_SHA: abc123
  db:
    image: postgres:16.4
`;

describe('build.md: the image a build-only service runs', () => {
  it('is REGISTRY/<project>-<service>:<tag>, lowercase, the tag latest unless given', () => {
    expect(builtImage('shop', 'Web_App', 'registry.example.com/team/', undefined)).toEqual({ image: 'registry.example.com/team/shop-web_app:latest', registry: 'registry.example.com/team', tag: 'latest', tagDefaulted: true });
    expect(builtImage('shop', 'api', 'ghcr.io/acme', '1.4.0')?.image).toBe('ghcr.io/acme/shop-api:1.4.0');
    expect(builtImage('shop', 'api', undefined, '1.4.0')).toBeUndefined();
  });

  it('comes from --registry / --image-tag over x-ecs.registry / image_tag, only for services without image', async () => {
    const text = `${API}x-ecs:\n  registry: 123456789012.dkr.ecr.eu-west-1.amazonaws.com\n  image_tag: from-file\n`;
    const fromFile = await build(text);
    expect(fromFile.ir.services.api?.builtImage?.image).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-api:from-file');
    expect(fromFile.ir.services.db?.builtImage).toBeUndefined();
    const flags = await build(text, { registry: 'ghcr.io/acme', imageTag: 'v2' });
    expect(flags.ir.services.api?.builtImage?.image).toBe('ghcr.io/acme/shop-api:v2');
    // The target-neutral core knows only the flag (Kubernetes reads no x-ecs).
    expect(flags.ir.workloads.api?.builtImage?.image).toBe('ghcr.io/acme/shop-api:v2');
    expect(fromFile.ir.workloads.api?.builtImage).toBeUndefined();
  });
});

describe('build.md: the commands that make the image exist', () => {
  it('docker build with the dockerfile (from the working directory), target and args in name order, then docker push', async () => {
    const { project: p } = await load(API);
    expect(buildCommands(p, 'api', 'r.example.com/shop-api:1')).toEqual([
      'docker build -t r.example.com/shop-api:1 -f ./api/docker/Dockerfile.prod --target runtime --build-arg GIT_SHA=abc123 --build-arg VERSION=1.2 ./api',
      'docker push r.example.com/shop-api:1',
    ]);
  });

  it('a context outside the compose file\'s directory stays relative; the default context is .; values with spaces are quoted', async () => {
    const { project: p } = await load('services:\n  a:\n    build: ../lib\n  b:\n    build:\n      args:\n        GREETING: hello world\n');
    expect(buildCommands(p, 'a', 'x/a:1')[0]).toBe('docker build -t x/a:1 ../lib');
    expect(buildCommands(p, 'b', 'x/b:1')[0]).toBe("docker build -t x/b:1 --build-arg 'GREETING=hello world' .");
  });

  it('an inline Dockerfile is given on standard input', async () => {
    const { project: p } = await load('services:\n  a:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine\n');
    expect(buildCommands(p, 'a', 'x/a:1')[0]).toBe("docker build -t x/a:1 -f - . <<'EOF'\nFROM alpine\nEOF");
  });

  it('an Amazon ECR image: the repository to create and the docker login come first; nothing for other registries', () => {
    expect(ecrCommands('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/shop-api:1.0')).toEqual([
      'aws ecr create-repository --repository-name team/shop-api --region eu-west-1',
      'aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    ]);
    expect(ecrCommands('ghcr.io/acme/shop-api:1.0')).toEqual([]);
  });

  it('relative() is the path between two absolute directories', () => {
    expect(relative('/a/b', '/a/b')).toBe('.');
    expect(relative('/a/b', '/a/b/c/d')).toBe('c/d');
    expect(relative('/a/b', '/a/x')).toBe('../x');
  });
});

describe('build.md through convert: findings, outputs, and no absolute path of the converting machine', () => {
  it('ecs: IMAGE_BUILD_PUSH at the build key lists the commands; IMAGE_TAG_DEFAULT once when no tag is given', async () => {
    const r = await convert({ ...project(API), target: 'ecs', registry: 'r.example.com', region: 'eu-west-1' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const push = r.diagnostics.filter((d) => d.code === 'IMAGE_BUILD_PUSH');
    expect(push.map((d) => [d.path, d.line])).toEqual([['/services/api/build', 5]]);
    expect(push[0]?.message).toContain('docker build -t r.example.com/shop-api:latest -f ./api/docker/Dockerfile.prod --target runtime');
    expect(push[0]?.message).toContain('docker push r.example.com/shop-api:latest');
    expect(r.diagnostics.filter((d) => d.code === 'IMAGE_TAG_DEFAULT')).toHaveLength(1);
    const td = JSON.parse(r.outputs.find((o) => o.path === 'api.task-definition.json')?.contents ?? '{}') as { containerDefinitions: { image: string }[] };
    expect(td.containerDefinitions[0]?.image).toBe('r.example.com/shop-api:latest');
    for (const text of [...r.outputs.map((o) => o.contents), ...r.diagnostics.map((d) => d.message)]) expect(text).not.toContain(DIR);
  });

  it('ecs without a registry: IMAGE_BUILD_ONLY names --registry, and nothing is written', async () => {
    const r = await convert({ ...project(API), target: 'ecs' });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.path])).toEqual([['IMAGE_BUILD_ONLY', '/services/api/build']]);
    expect(errors[0]?.message).toContain('--registry');
    expect(r.outputs).toEqual([]);
  });

  it('cloudformation without a registry: an ApiImage parameter without default is the container image', async () => {
    const r = await convert({ ...project(API), target: 'cloudformation' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const t = JSON.parse(r.outputs[0]?.contents ?? '{}') as { Parameters: Record<string, { Default?: string }>; Resources: Record<string, { Type: string; Properties: { ContainerDefinitions?: { Name: string; Image: unknown }[] } }> };
    expect(t.Parameters.ApiImage).toBeDefined();
    expect(t.Parameters.ApiImage?.Default).toBeUndefined();
    const api = Object.values(t.Resources).flatMap((res) => res.Properties.ContainerDefinitions ?? []).find((c) => c.Name === 'api');
    expect(api?.Image).toEqual({ Ref: 'ApiImage' });
    expect(r.diagnostics.find((d) => d.code === 'IMAGE_BUILD_PUSH')?.message).toContain('docker build -t REGISTRY/shop-api:TAG');
    expect(r.outputs[0]?.contents).not.toContain(DIR);
  });

  it('kubernetes with --registry runs the same image name', async () => {
    const r = await convert({ ...project(API), target: 'kubernetes', registry: 'r.example.com', imageTag: '3' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.outputs.map((o) => o.contents).join('\n')).toContain('image: r.example.com/shop-api:3');
  });

  it('validate --target T agrees with convert --target T', async () => {
    for (const target of ['ecs', 'cloudformation', 'kubernetes'] as const) {
      for (const registry of [undefined, 'r.example.com']) {
        const options = { ...project(API), target, ...(registry ? { registry } : {}) };
        const errors = (ds: readonly { severity: string; code: string; path?: string }[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path ?? ''}`);
        expect(errors((await validate(options)).diagnostics), `${target} ${registry ?? ''}`).toEqual(errors((await convert(options)).diagnostics));
      }
    }
  });
});

describe('the CLI flags --registry and --image-tag', () => {
  const flask = 'fixtures/ecs-awesome-flask-redis/compose.yaml';

  it('a new user: convert refuses and names --registry; with it, convert writes the task definitions', async () => {
    const first = await cli(['convert', '-f', flask, '--region', 'eu-west-1', '-o', '/tmp/out']);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('IMAGE_BUILD_ONLY');
    expect(first.stderr).toContain('--registry');
    const second = await cli(['convert', '-f', flask, '--region', 'eu-west-1', '--registry', 'r.example.com', '--image-tag', '1.0.0', '-o', '/tmp/out'], { writeFile: async () => {} });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('docker build -t r.example.com/flask-redis-web:1.0.0 --target builder --build-arg FLASK_ENV=production ./app');
    expect(second.stderr).not.toContain(ROOT);
  });

  it('a registry or tag Docker would refuse is bad usage', async () => {
    expect((await cli(['convert', '-f', flask, '--registry', 'Not A Registry'])).code).toBe(2);
    expect((await cli(['convert', '-f', flask, '--registry', 'r.example.com', '--image-tag', '-bad'])).code).toBe(2);
  });
});
