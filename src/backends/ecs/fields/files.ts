/**
 * Secrets, configs and project files delivered as compose delivers them: a file at the path
 * compose uses, written by the task's compose2ecs-files container (task-files.ts). A secret
 * the files give no ARN for is read from SSM Parameter Store (or Secrets Manager) under a name
 * derived from the project, and a warning gives the command that creates it; its value is
 * never read. A config's text (content:, the file, the variable) is read, bounded.
 */
import type { ContainerContext, Json, Path } from '../container-context.js';
import type { FileReference, ServiceVolume } from '../../../model/project.js';
import { FILE_CONTENT_MAX, hostPathOf, placeBind, projectFiles, relativePath } from '../../../model/project-files.js';
import { ownValue } from '../../../core/own.js';
import { locate } from '../../../core/source.js';
import { undeliverable } from '../task-files.js';
import { volumeName } from './storage.js';

function arnOf(name: string | undefined): string | undefined {
  return name && name.startsWith('arn:') ? name : undefined;
}

function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A path of the converting machine as the user knows it: relative to the project. */
export function shownPath(c: ContainerContext, path: string): string {
  const files = projectFiles(c.ir.project);
  return files ? relativePath(files.directory, path) : path.replace(/^.*\//, '');
}

/**
 * The valueFrom of a compose secret: its ARN (x-ecs.secrets, or a top-level name that is an
 * ARN), else the SSM parameter `/<project>/<secret>` by name (ECS accepts a parameter's name in
 * the task's Region), or, with x-ecs.secret_store secretsmanager and a known Region and
 * account, the ARN of the secret `<project>/<secret>`. Each derived reference is announced
 * once with the command that creates it.
 */
export function secretReference(c: ContainerContext, source: string): string | undefined {
  const given = ownValue(c.facts.settings.secrets, source) ?? arnOf(ownValue(c.ir.project.secrets, source)?.name);
  if (given) return given;
  const top = ownValue(c.ir.project.secrets, source);
  if (!top) return undefined; // REFERENCE_UNKNOWN says so
  const s = c.ir.settings;
  const project = c.ir.project.name;
  let store: 'ssm' | 'secretsmanager' = s.secret_store === 'secretsmanager' ? 'secretsmanager' : 'ssm';
  // The task's one Region (ir.region: --region, x-ecs.region, AWS_REGION, AWS_DEFAULT_REGION), the
  // one awslogs-region takes too. A stack puts its own Region and account in the ARN (secretRefs).
  const stack = c.taskParts.secretRefs !== undefined;
  const region = stack ? 'stack' : c.ir.region?.value;
  const account = stack ? 'stack' : s.account_id;
  if (store === 'secretsmanager' && (!region || !account)) {
    note(c, `store:${source}`, 'warning', `x-ecs.secret_store is secretsmanager, but ECS reads a Secrets Manager secret only by its ARN, which needs the Region and account: set --account-id (x-ecs.account_id) and the Region (--region, x-ecs.region, AWS_REGION or AWS_DEFAULT_REGION); secret "${source}" is read from SSM Parameter Store instead`, ['secrets', source]);
    store = 'ssm';
  }
  const name = top.external ? top.name : store === 'ssm' ? `/${project}/${source}` : `${project}/${source}`;
  const valueFrom = store === 'ssm' ? name : `arn:${partition(region as string)}:secretsmanager:${region}:${account}:secret:${name}`;
  c.taskParts.secretRefs?.set(valueFrom, { secret: source, store, name });
  note(c, `secret:${source}`, top.external ? 'info' : 'warning', mustExist(c, source, store, name, stack ? undefined : region), ['secrets', source]);
  return valueFrom;
}

/** `region`: the task's, when known and not the stack's, so the command creates the secret where the task reads it (as ECS_LOG_GROUP's command names it). */
function mustExist(c: ContainerContext, source: string, store: 'ssm' | 'secretsmanager', name: string, region: string | undefined): string {
  const top = ownValue(c.ir.project.secrets, source);
  const where = store === 'ssm' ? `the SSM SecureString parameter ${name}` : `the Secrets Manager secret ${name}`;
  if (top?.external) return `secrets.${source} is external: the tasks read ${where}, which must exist in the tasks' Region${region ? ` (${region})` : ''}`;
  const value = top?.file ? `file://${shownPath(c, top.file)}` : top?.environment ? `"$${top.environment}"` : '…';
  const inRegion = region ? ` --region ${region}` : '';
  const command = store === 'ssm' ? `aws ssm put-parameter --type SecureString --name ${name} --value ${value}${inRegion}` : `aws secretsmanager create-secret --name ${name} --secret-string ${value}${inRegion}`;
  return `secrets.${source} has no ARN: the tasks read ${where}, which must exist before they start (its value is never copied into the output); create it from the compose file's source with: ${command}`;
}

/** A finding given once per emit (a secret used by many services is announced once). */
function note(c: ContainerContext, key: string, severity: 'warning' | 'info', message: string, path: Path): void {
  if (c.taskParts.notes.has(key)) return;
  c.taskParts.notes.add(key);
  const d = c.ir.diagnostic(key.startsWith('secret:') ? 'ECS_SECRET_MUST_EXIST' : 'ECS_INVALID', severity, message, path);
  // The stack maps each task on its own: a secret of two tasks is still announced once.
  if (!c.diagnostics.some((x) => x.code === d.code && x.path === d.path)) c.diagnostics.push(d);
}

/** Where compose puts a granted secret: /run/secrets/<source>, or the target (a relative one under /run/secrets). */
export function secretTarget(ref: FileReference): string {
  if (!ref.target) return `/run/secrets/${ref.source}`;
  return ref.target.startsWith('/') ? ref.target : `/run/secrets/${ref.target}`;
}

/** Where compose puts a granted config: /<source>, or the target. */
function configTarget(ref: FileReference): string {
  if (!ref.target) return `/${ref.source}`;
  return ref.target.startsWith('/') ? ref.target : `/${ref.target}`;
}

/**
 * A directory meant to hold the files given to it, which the image does not fill with its own:
 * a drop-in directory (`conf.d`, `docker-entrypoint-initdb.d`: a name ending in `.d`), or
 * run-time and scratch places (/run, /tmp, /var/run).
 */
function dropIn(dir: string): boolean {
  return /\.d$/.test(dir) || /^\/(run|tmp|var\/run)(\/|$)/.test(dir);
}

/** Adds a file for the writer, unless its target cannot be mounted (then a finding says why). */
function deliver(c: ContainerContext, ref: { path: string; mode?: number | undefined; uid?: string | undefined; gid?: string | undefined }, from: { valueFrom: string } | { text: string }, at: Path, what: string): void {
  const why = undeliverable(ref.path);
  if (why) {
    c.report('ECS_UNSUPPORTED_FIELD', 'warning', `${c.where(at)}: ${what} is not delivered as a file at ${ref.path}: ${why}`, at);
    return;
  }
  const dir = ref.path.replace(/\/[^/]*$/, '');
  if (dir !== '/run/secrets' && !c.taskParts.notes.has(`dir:${c.name}:${dir}`)) {
    c.taskParts.notes.add(`dir:${c.name}:${dir}`);
    const hidden = `ECS mounts directories, not single files: ${dir} in the container holds only the files compose2ecs writes there, and what the image holds in ${dir} is hidden (the directory stays writable, the delivered files read-only by their mode)`;
    if (dropIn(dir)) c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(at)}: ${hidden}`, at);
    else {
      // /etc/nginx/nginx.conf: the image's mime.types beside it goes, and nginx exits (real-world review: nextcloud).
      c.report('ECS_UNSUPPORTED_FIELD', 'warning', `${c.where(at)}: ${hidden}; if the image keeps other files there that the process reads (nginx's mime.types beside /etc/nginx/nginx.conf), it will not start as under compose: deliver the file into a directory the image keeps for such files (a conf.d), or give the whole directory as a bind of a project directory`, at);
    }
  }
  c.taskParts.files.push({ service: c.name, path: ref.path, ...(ref.mode !== undefined ? { mode: ref.mode } : {}), ...(ref.uid !== undefined ? { uid: ref.uid } : {}), ...(ref.gid !== undefined ? { gid: ref.gid } : {}), from, at });
}

/** A secret granted to the service, as a file. */
export function secretFile(c: ContainerContext, ref: FileReference, valueFrom: string, at: Path): void {
  deliver(c, { path: secretTarget(ref), mode: ref.mode, uid: ref.uid, gid: ref.gid }, { valueFrom }, at, `secret "${ref.source}"`);
}

/** configs → files at their targets, with their text from content:, the file (bounded) or the variable. */
export function configs(c: ContainerContext): void {
  const files = projectFiles(c.ir.project);
  (c.service.configs ?? []).forEach((ref, i) => {
    const at = ['configs', i];
    const top = ownValue(c.ir.project.configs, ref.source);
    if (!top) return; // REFERENCE_UNKNOWN says so
    const text = configText(c, ref.source, at, files);
    if (text === undefined) return;
    deliver(c, { path: configTarget(ref), mode: ref.mode, uid: ref.uid, gid: ref.gid }, { text }, at, `config "${ref.source}"`);
  });
}

function configText(c: ContainerContext, source: string, at: Path, files: ReturnType<typeof projectFiles>): string | undefined {
  const top = ownValue(c.ir.project.configs, source)!;
  const skip = (why: string, severity: 'warning' | 'error' = 'warning'): undefined => {
    c.report(severity === 'error' ? 'ECS_LIMIT' : 'ECS_UNSUPPORTED_FIELD', severity, `${c.where(at)}: config "${source}" is not delivered: ${why}`, at);
    return undefined;
  };
  if (top.external) return skip('it is external, and ECS has no config store; bake the file into the image or mount it from EFS');
  if (top.content !== undefined) return bounded(top.content, skip);
  if (top.environment !== undefined) {
    const value = files?.variables.get(top.environment);
    return value === undefined ? skip(`the variable ${top.environment} it reads is not set where the files were converted`) : bounded(value, skip);
  }
  if (top.file !== undefined) {
    const f = files?.files.get(top.file);
    const shown = shownPath(c, top.file);
    if (!f) return skip(`its file ${shown} was not read`);
    if (f.kind === 'file') return f.text;
    if (f.kind === 'too-big') return skip(`its file ${shown} is larger than ${FILE_CONTENT_MAX / 1024} KiB, and its text would travel inside the task definition (64 KiB in all); bake it into the image or mount it from EFS`, 'error');
    if (f.kind === 'outside') return skip(`its file ${shown} is outside the project directory, which the compiler does not read`);
    if (f.kind === 'binary') return skip(`its file ${shown} is not UTF-8 text, which an environment variable cannot carry`);
    return skip(`its file ${shown} ${f.kind === 'directory' ? 'is a directory' : 'does not exist'}`);
  }
  return skip('it names no content, file or environment');
}

function bounded(text: string, skip: (why: string, severity?: 'warning' | 'error') => undefined): string | undefined {
  const bytes = new TextEncoder().encode(text).byteLength;
  return bytes > FILE_CONTENT_MAX ? skip(`its text is larger than ${FILE_CONTENT_MAX / 1024} KiB, and it would travel inside the task definition (64 KiB in all)`, 'error') : text;
}

/**
 * A bind mount of a path of the converting machine. A read-only file inside the project is
 * delivered as a file (undefined is returned); a directory or writable path inside the project
 * becomes, on EC2, a host path under the host root (default /opt/<project>/), and on Fargate is
 * not carried over. A path the user wrote as absolute stays the instance's path (`null`: the
 * caller keeps its usual mapping).
 */
export function projectBind(c: ContainerContext, v: ServiceVolume, at: Path): Json | undefined | null {
  const range = locate(c.ir.project, ['services', c.name, ...at]);
  const place = placeBind(c.ir.project, v.source as string, range ? range.file.text.slice(range.start, range.end) : '', v);
  if (place.kind === 'instance') return null;
  const rel = place.rel;
  if (place.kind === 'outside') {
    c.report('ECS_PROJECT_FILES', 'warning', `${c.where(at)}: the bind mount of ${rel} is not carried over: it is outside the project directory, a path of the converting machine; give the path the instances hold as an absolute path, or use a named volume`, at);
    return undefined;
  }
  const source = v.source as string;
  const f = place.file;
  const secretFiles = new Set(Object.values(c.ir.project.secrets).flatMap((s) => (s.file ? [s.file] : [])));
  if (f?.kind === 'file' && v.read_only && !secretFiles.has(source) && !v.target.startsWith('/run/secrets/')) {
    deliver(c, { path: v.target }, { text: f.text }, at, `the file ${rel}`);
    return undefined;
  }
  if (f?.kind === 'too-big' && v.read_only) {
    c.report('ECS_LIMIT', 'error', `${c.where(at)}: the file ${rel} is larger than ${FILE_CONTENT_MAX / 1024} KiB, and its text would travel inside the task definition (64 KiB in all); bake it into the image, mount it from EFS, or drop :ro to read it from the instance`, at);
    return undefined;
  }
  if (f?.kind === 'file' && v.read_only) {
    c.report('ECS_PROJECT_FILES', 'warning', `${c.where(at)}: the file ${rel} looks like a secret (a secret's file, or a target under /run/secrets), so its text is not copied into the task definition: grant it with secrets: instead`, at);
    return undefined;
  }
  const what = f?.kind === 'file' ? 'writable file' : 'directory';
  if (c.task.launchType === 'FARGATE') {
    c.report('ECS_PROJECT_FILES', 'warning', `${c.where(at)}: the bind mount of the project ${what} ${rel} is not carried over: Fargate has no host paths, so the image or an EFS volume (x-ecs.volumes.<name>.efs) must provide ${v.target}`, at);
    return undefined;
  }
  const hostPath = hostPathOf(c.ir.project.name, c.ir.settings.host_root, rel);
  if (!c.taskParts.notes.has(`host:${hostPath}`)) {
    c.taskParts.notes.add(`host:${hostPath}`);
    c.report('ECS_PROJECT_FILES', 'warning', `${c.where(at)}: the project ${what} ${rel} is mounted from ${hostPath} on the container instance: every instance of the cluster needs those files there (copy them, or set --host-root / x-ecs.host_root); the image or EFS is often the better home for them`, at);
  }
  return { name: volumeName(`project-${rel}`), host: { sourcePath: hostPath } };
}
