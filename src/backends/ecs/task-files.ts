/**
 * Files the way compose delivers them (secrets at /run/secrets/<name>, configs and read-only
 * project files at their targets), on ECS: a small non-essential init container,
 * `compose2ecs-files`, receives each secret through ECS `secrets` and each config's text
 * through `environment`, and writes them (printf from a variable: no value on a command line)
 * into task volumes with no host path (task storage), which the service's containers mount
 * at the target's directory (read-only for /run/secrets; elsewhere writable, as the image's
 * directory is under compose), starting once the writer has exited with SUCCESS.
 * This is how Docker's retired ECS integration delivered them too.
 */
import type { Task } from '../../ir/ir.js';
import type { Json, Path } from './container-context.js';
import { volumeName } from './fields/storage.js';
import { preStartOf } from './pre-start.js';

/** The writer's image: busybox from the ECR Public mirror of Docker's official images, pinned by tag (no Docker Hub rate limits, a shell, printf, chmod and chown in 1 MB). */
export const FILES_IMAGE = 'public.ecr.aws/docker/library/busybox:1.37';
/** The writer's container name. */
export const FILES_CONTAINER = 'compose2ecs-files';
/** The text all of a task's delivered configs and files may hold: ECS allows 64 KiB per task definition, the rest of which the containers need. */
export const TASK_FILES_MAX = 48 * 1024;
/** Where the writer mounts each volume. */
const WRITER_ROOT = '/compose2ecs';
/** Where compose puts secrets (05-services secrets). */
const SECRETS_DIR = '/run/secrets';

/** One file a container receives. */
export interface FileDelivery {
  /** The container (compose service) that reads it. */
  service: string;
  /** Absolute path in that container. */
  path: string;
  mode?: number;
  uid?: string;
  gid?: string;
  /** A secret's valueFrom (ECS reads it with the execution role), or a config's text. */
  from: { valueFrom: string } | { text: string };
  /** The compose path it comes from, for findings. */
  at: Path;
}

/**
 * Directories where a volume would hide what the image needs there (`/etc/passwd`, the shell,
 * libraries): a file targeted there is not delivered, and a finding says why.
 */
const SYSTEM_DIRECTORIES = new Set(['/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib64', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/sbin', '/var', '/var/lib', '/var/run']);

/** The directory a target lives in, and its file name. */
export function splitTarget(path: string): { dir: string; file: string } {
  const clean = path.replace(/\/+$/, '');
  const i = clean.lastIndexOf('/');
  return { dir: i <= 0 ? '/' : clean.slice(0, i), file: clean.slice(i + 1) };
}

/**
 * Why a target cannot be delivered as a file by a volume mount, or undefined when it can.
 *
 * @example undeliverable('/etc/web.ini') // 'ECS mounts directories, not single files: …'
 */
export function undeliverable(path: string): string | undefined {
  if (!path.startsWith('/') || path.split('/').includes('..')) return `the target ${path} is not an absolute path inside the container`;
  const { dir, file } = splitTarget(path);
  if (!file) return `the target ${path} names no file`;
  if (SYSTEM_DIRECTORIES.has(dir)) return `ECS mounts directories, not single files, and a volume at ${dir} would hide what the image holds there; give it a target in a directory of its own (such as ${dir === '/' ? '' : dir}/${file.replace(/\.[^.]*$/, '') || 'files'}/${file})`;
  return undefined;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The task volume that holds `service`'s files in `dir`. */
function volumeFor(service: string, dir: string): string {
  return volumeName(`${service}-files${dir.replace(/\//g, '-')}`);
}

/**
 * Adds the writer, the volumes and each reader's mount and dependency to a task's containers.
 * Returns the volumes to add to the task definition.
 */
export function addFileWriter(task: Task, containers: Json[], deliveries: readonly FileDelivery[]): Json[] {
  if (!deliveries.length) return [];
  const env: { name: string; value: string }[] = [];
  const secrets: { name: string; valueFrom: string }[] = [];
  const steps: string[] = [];
  const volumes = new Map<string, { service: string; dir: string }>();
  const seen = new Set<string>();
  deliveries.forEach((d, i) => {
    const { dir, file } = splitTarget(d.path);
    const key = `${d.service}\u0000${d.path}`;
    if (seen.has(key)) return; // compose keeps one file per target, too
    seen.add(key);
    const volume = volumeFor(d.service, dir);
    volumes.set(volume, { service: d.service, dir });
    const variable = `COMPOSE2ECS_FILE_${i}`;
    if ('valueFrom' in d.from) secrets.push({ name: variable, valueFrom: d.from.valueFrom });
    else env.push({ name: variable, value: d.from.text });
    const out = quote(`${WRITER_ROOT}/${volume}/${file}`);
    steps.push(`printf '%s' "$${variable}" > ${out}`, `chmod ${(d.mode ?? 0o444).toString(8).padStart(4, '0')} ${out}`);
    if (d.uid !== undefined || d.gid !== undefined) steps.push(`chown ${quote(`${d.uid ?? '0'}:${d.gid ?? '0'}`)} ${out}`);
  });
  const names = [...volumes.keys()].sort();
  // Compose mounts each file on its own and leaves the image's directory around it writable
  // (kong writes ~/kong.yml beside its mounted ~/temp.yml): the volume at the directory is
  // writable by any user, as /tmp is (the sticky bit keeps the delivered files from being
  // replaced); /run/secrets holds only secrets, which no container writes beside.
  const open = names.filter((v) => volumes.get(v)?.dir !== SECRETS_DIR);
  if (open.length) steps.unshift(`chmod 1777 ${open.map((v) => quote(`${WRITER_ROOT}/${v}`)).join(' ')}`);
  const writer: Json = {
    name: FILES_CONTAINER,
    image: FILES_IMAGE,
    essential: false,
    entryPoint: ['sh', '-c'],
    command: [['set -e', ...steps].join('\n')],
    mountPoints: names.map((v) => ({ sourceVolume: v, containerPath: `${WRITER_ROOT}/${v}` })),
  };
  if (env.length) writer.environment = env.sort((a, b) => (a.name < b.name ? -1 : 1));
  if (secrets.length) writer.secrets = secrets.sort((a, b) => (a.name < b.name ? -1 : 1));
  // Without a task-level size every EC2 container needs a memory setting; printf needs little.
  if (task.memory === undefined) writer.memoryReservation = 16;
  for (const c of containers) {
    // pre_start steps (<service>-pre-start-<n>) read the service's files too: they run its code first.
    const owner = preStartOf(String(c.name), task.services)?.service ?? String(c.name);
    const own = names.filter((v) => volumes.get(v)?.service === owner);
    if (!own.length) continue;
    const mounts = (c.mountPoints as Json[] | undefined) ?? [];
    // Read-only where compose leaves nothing writable: /run/secrets, or a read-only root file system.
    const readOnly = (v: string): boolean => volumes.get(v)?.dir === SECRETS_DIR || c.readonlyRootFilesystem === true;
    c.mountPoints = [...mounts, ...own.map((v) => ({ sourceVolume: v, containerPath: volumes.get(v)?.dir, ...(readOnly(v) ? { readOnly: true } : {}) }))];
    c.dependsOn = [{ containerName: FILES_CONTAINER, condition: 'SUCCESS' }, ...((c.dependsOn as Json[] | undefined) ?? [])];
  }
  containers.unshift(writer);
  return names.map((name) => ({ name }));
}
