/** Rules about the image a service runs: it must exist in a registry, and be pinned. */
import { ruleCode, type Rule } from './rule.js';
import type { BuiltImage, IR } from '../ir/ir.js';
import type { Project, Service } from '../model/project.js';
import { buildCommands, DEFAULT_IMAGE_TAG, ecrCommands, isBuildOnly } from '../passes/built-images.js';
import { byName } from '../passes/by-name.js';

/** The image a build-only service runs in this run: ECS facts (x-ecs.registry and the flags), else the core's (--registry). */
function builtFor(ir: IR | undefined, name: string): BuiltImage | undefined {
  return (ir?.ecs?.services[name] ?? ir?.workloads[name])?.builtImage;
}

/** Build-only services, by name: the order of findings must not follow the file's. */
function buildOnly(project: Project): string[] {
  return Object.keys(project.services)
    .filter((name) => isBuildOnly(project.services[name] as Service))
    .sort(byName);
}

export const imageBuildOnly: Rule = {
  ...ruleCode('IMAGE_BUILD_ONLY'),
  check(project, ctx) {
    // The CloudFormation stack takes such an image as a parameter (IMAGE_BUILD_PUSH says so).
    if (ctx.target === 'cloudformation') return;
    const ir = ctx.ir();
    for (const name of buildOnly(project)) {
      if (builtFor(ir, name)) continue;
      const how = ctx.target === 'kubernetes' ? '--registry REGISTRY' : '--registry REGISTRY (or x-ecs.registry)';
      ctx.report(
        `services.${name} has build and no image: a deploy target runs pushed images; give ${how} and it runs REGISTRY/${project.name}-${name.toLowerCase()}:<tag> (compose2ecs then lists the docker build and push commands), or set image: to the tag your build pushes`,
        ['services', name, 'build'],
        { key: true },
      );
    }
  },
};

export const imageBuildPush: Rule = {
  ...ruleCode('IMAGE_BUILD_PUSH'),
  check(project, ctx) {
    const ir = ctx.ir();
    for (const name of buildOnly(project)) {
      const built = builtFor(ir, name);
      if (built) {
        const commands = buildCommands(project, name, built.image);
        const ecr = ecrCommands(built.image);
        const first = ecr.length ? ` (an ECR repository must exist and docker be logged in first, once:\n  ${ecr.join('\n  ')})` : '';
        ctx.report(`services.${name} runs ${built.image}, which compose builds: build and push it before deploying (from the compose file's directory)${first}:\n  ${commands.join('\n  ')}`, ['services', name, 'build'], { key: true });
      } else if (ctx.target === 'cloudformation') {
        const image = `REGISTRY/${project.name}-${name.toLowerCase()}:TAG`;
        const commands = buildCommands(project, name, image);
        ctx.report(
          `services.${name} has build and no image: the stack takes its image as a parameter (<Service>Image); build and push it, then pass the reference (or give --registry to fill it in):\n  ${commands.join('\n  ')}`,
          ['services', name, 'build'],
          { key: true },
        );
      }
    }
  },
};

export const imageTagDefault: Rule = {
  ...ruleCode('IMAGE_TAG_DEFAULT'),
  check(project, ctx) {
    const ir = ctx.ir();
    // Once for the project, at the first build-only service by name: the tag is one setting.
    const name = buildOnly(project).find((n) => builtFor(ir, n)?.tagDefaulted);
    if (name === undefined) return;
    ctx.report(`the images of build-only services are tagged ${DEFAULT_IMAGE_TAG}: each deploy may run a different image and a rollback cannot go back; give --image-tag TAG (a version or a commit, or x-ecs.image_tag)`, ['services', name, 'build'], { key: true });
  },
};

/**
 * The tag of an image reference, if any: after the last `:` of the last path segment (a
 * registry port such as `host:5000/app` is not a tag). `null` when pinned by digest.
 *
 * @example imageTag('nginx:1.27') // '1.27'
 * @example imageTag('registry:5000/app') // undefined
 */
export function imageTag(image: string): string | undefined | null {
  if (image.includes('@')) return null;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon < 0 ? undefined : last.slice(colon + 1);
}

export const imageUnpinned: Rule = {
  ...ruleCode('IMAGE_UNPINNED'),
  check(project, ctx) {
    for (const [name, svc] of Object.entries(project.services)) {
      if (svc.image === undefined || svc.image === '') continue;
      const tag = imageTag(svc.image);
      if (tag === null || (tag !== undefined && tag !== 'latest')) continue;
      const what = tag === undefined ? 'has no tag (docker pulls :latest)' : 'is tagged latest';
      ctx.report(`services.${name}.image "${svc.image}" ${what}: each deploy may run a different image; pin a version or a digest`, ['services', name, 'image']);
    }
  },
};
