/**
 * Images of build-only services (`build:` and no `image:`): compose builds them locally; a
 * deploy target pulls them from a registry, so each gets `REGISTRY/<project>-<service>:<tag>`
 * (`--registry`, x-ecs.registry; `--image-tag`, x-ecs.image_tag, default `latest`), and the
 * user is told the exact commands that build and push it. Paths in those commands are
 * relative to the compose file: the converting machine's absolute paths never reach an output.
 */
import type { BuiltImage } from '../ir/ir.js';
import type { Build, Project, Service } from '../model/project.js';
import { locate } from '../core/source.js';
import { dirname, isAbsolute, normalize, relative } from '../core/path-posix.js';

/** A registry host (with port) and path, as x-ecs.registry's schema takes it. */
export const REGISTRY_PATTERN = /^[a-z0-9]([a-z0-9._:-]*[a-z0-9])?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;
/** A Docker tag: word characters, `.` and `-`, at most 128, not starting with `.` or `-`. */
export const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The tag of built images when none is given. */
export const DEFAULT_IMAGE_TAG = 'latest';

/** A service that compose builds and that names no image to run. */
export function isBuildOnly(svc: Service): boolean {
  return svc.build !== undefined && (svc.image === undefined || svc.image === '');
}

/**
 * The image a build-only service runs once pushed, or undefined without a registry. Image
 * names are lowercase: the service name is lowered, and a trailing `/` of the registry dropped.
 *
 * @example
 * builtImage('shop', 'Web', 'registry.example.com/team', undefined) // { image: 'registry.example.com/team/shop-web:latest', … }
 */
export function builtImage(project: string, service: string, registry: string | undefined, tag: string | undefined): BuiltImage | undefined {
  if (!registry) return undefined;
  const base = registry.replace(/\/+$/, '');
  const name = `${project}-${service}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  const t = tag ?? DEFAULT_IMAGE_TAG;
  return { image: `${base}/${name}:${t}`, registry: base, tag: t, tagDefaulted: tag === undefined };
}

/** Quotes a shell word only when it needs it. */
function sh(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A path of the build section as the commands show it: relative to the directory of the file
 * that wrote it (remote contexts and relative paths as they are).
 */
function shown(project: Project, name: string, path: string): string {
  if (!isAbsolute(path)) return path;
  const file = locate(project, ['services', name, 'build'])?.file.path;
  const base = file && isAbsolute(file) ? dirname(file) : undefined;
  const rel = base ? relative(base, path) : undefined;
  if (rel === undefined) return '.';
  return rel === '.' || rel.startsWith('../') ? rel : `./${rel}`;
}

/** `docker build -f` reads its path from the working directory; compose's dockerfile is relative to the context. */
function dockerfilePath(project: Project, name: string, b: Build): string {
  const file = b.dockerfile ?? 'Dockerfile';
  if (isAbsolute(file)) return shown(project, name, file);
  if (!isAbsolute(b.context)) return file; // a remote context: docker reads the path inside it
  const joined = normalize(`${shown(project, name, b.context)}/${file}`);
  return joined.startsWith('../') || joined.startsWith('/') ? joined : `./${joined}`;
}

/**
 * The commands that make a built image exist: `docker build` with the compose build section's
 * dockerfile, target and args, then `docker push`. An inline Dockerfile is read from stdin.
 *
 * @example
 * buildCommands(project, 'web', 'registry.example.com/shop-web:1.0') // ['docker build -t registry.example.com/shop-web:1.0 ./web', 'docker push registry.example.com/shop-web:1.0']
 */
export function buildCommands(project: Project, name: string, image: string): string[] {
  const svc = project.services[name];
  const b: Build | undefined = svc?.build;
  if (!b) return [];
  const words = ['docker', 'build', '-t', image];
  if (b.dockerfile_inline !== undefined) words.push('-f', '-');
  else if (b.dockerfile && b.dockerfile !== 'Dockerfile') words.push('-f', dockerfilePath(project, name, b));
  if (b.target) words.push('--target', b.target);
  for (const k of Object.keys(b.args ?? {}).sort()) words.push('--build-arg', `${k}=${b.args?.[k] ?? ''}`);
  words.push(shown(project, name, b.context));
  const build = words.map(sh).join(' ') + (b.dockerfile_inline !== undefined ? ' <<\'EOF\'\n' + b.dockerfile_inline.replace(/\n?$/, '\n') + 'EOF' : '');
  return [build, `docker push ${sh(image)}`];
}

/** An Amazon ECR registry host: `<account>.dkr.ecr.<region>.amazonaws.com`. */
const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/**
 * For an Amazon ECR image, what must happen before its first push: the repository exists and
 * docker is logged in to the registry. Nothing for other registries.
 *
 * @example
 * ecrCommands('123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-web:1') // ['aws ecr create-repository --repository-name shop-web --region eu-west-1', 'aws ecr get-login-password …']
 */
export function ecrCommands(image: string): string[] {
  const slash = image.indexOf('/');
  const host = image.slice(0, slash);
  const m = ECR_HOST.exec(host);
  if (!m || slash < 0) return [];
  const repository = image.slice(slash + 1).replace(/:[^/:]*$/, '');
  return [`aws ecr create-repository --repository-name ${repository} --region ${m[2]}`, `aws ecr get-login-password --region ${m[2]} | docker login --username AWS --password-stdin ${host}`];
}
