/** Rules about the image a service runs: it must exist in a registry, and be pinned. */
import { ruleCode, type Rule } from './rule.js';

export const imageBuildOnly: Rule = {
  ...ruleCode('IMAGE_BUILD_ONLY'),
  check(project, ctx) {
    for (const [name, svc] of Object.entries(project.services)) {
      if (svc.image !== undefined || svc.build === undefined) continue;
      ctx.report(`services.${name} has only build and no image: ECS and Kubernetes run pushed images; set image: to the tag your build pushes`, ['services', name, 'build'], { key: true });
    }
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
