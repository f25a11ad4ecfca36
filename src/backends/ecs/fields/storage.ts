/**
 * volumes → mountPoints plus task volumes: a named volume becomes a Docker volume (EC2), an
 * EFS file system (x-ecs.volumes.<name>.efs) or task storage (Fargate); a bind mount becomes a
 * host path (EC2 only); a tmpfs mount goes to linuxParameters.tmpfs.
 */
import type { ContainerContext, Json } from '../container-context.js';
import type { ServiceVolume } from '../../../model/project.js';
import { addTmpfs, tmpfsMount } from './linux.js';
import { ownValue } from '../../../core/own.js';
import { projectBind } from './files.js';

/** ECS volume names: letters, digits, `-` and `_`, at most 255. */
export function volumeName(raw: string): string {
  const cleaned = raw.replace(/^[/.~]+/, '').replace(/[^a-zA-Z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return (cleaned || 'volume').slice(0, 255);
}

function addVolume(c: ContainerContext, name: string, def: Json, at: (string | number)[]): boolean {
  const prev = c.taskParts.volumes.get(name);
  if (prev && JSON.stringify(prev) !== JSON.stringify(def)) {
    c.report('ECS_INVALID', 'error', `${c.where(at)}: the task volume "${name}" is already defined differently by another container of the task`, at);
    return false;
  }
  c.taskParts.volumes.set(name, def);
  return true;
}

function namedVolume(c: ContainerContext, source: string, at: (string | number)[]): Json | undefined {
  const top = ownValue(c.ir.project.volumes, source);
  const ecs = ownValue(c.ir.settings.volumes, source);
  const name = volumeName(source);
  if (ecs?.efs) return c.taskParts.volumes.get(name) ?? efsVolume(c, source, name, ecs.efs);
  if (ecs?.host_path) {
    if (c.task.launchType === 'FARGATE') {
      c.report('ECS_LAUNCH_TYPE_RULE', 'error', `x-ecs.volumes.${source}.host_path: Fargate tasks cannot mount host paths`, at);
      return undefined;
    }
    return { name, host: { sourcePath: ecs.host_path } };
  }
  if (c.task.launchType === 'FARGATE') {
    c.report('ECS_UNSUPPORTED_FIELD', 'warning', `${c.where(at)}: Fargate has no Docker volumes; "${source}" becomes task storage that lives as long as the task (set x-ecs.volumes.${source}.efs for data that must persist)`, at);
    return { name };
  }
  const docker: Json = { scope: ecs?.docker?.scope ?? 'shared', autoprovision: ecs?.docker?.autoprovision ?? !top?.external };
  if (top?.driver) docker.driver = top.driver;
  if (top?.driver_opts && Object.keys(top.driver_opts).length) docker.driverOpts = top.driver_opts;
  if (top?.labels && Object.keys(top.labels).length) docker.labels = top.labels;
  if (docker.scope === 'task') delete docker.autoprovision;
  // The Docker volume takes the ECS volume's name: the compose name (<project>_<key>, or the external name).
  return { name: volumeName(top?.name ?? source), dockerVolumeConfiguration: docker };
}

type Efs = NonNullable<NonNullable<NonNullable<ContainerContext['ir']['settings']['volumes']>[string]>['efs']>;

/**
 * x-ecs.volumes.<name>.efs → efsVolumeConfiguration. An access point or IAM authorization
 * needs transit encryption (turned on when unset); with an access point the root directory
 * must be left to the access point; IAM authorization mounts with the task role.
 */
function efsVolume(c: ContainerContext, source: string, name: string, e: Efs): Json | undefined {
  const at = ['x-ecs', 'volumes', source, 'efs'];
  const report = (severity: 'error' | 'warning', message: string, key: string): void => {
    c.diagnostics.push(c.ir.diagnostic('ECS_INVALID', severity, `x-ecs.volumes.${source}.efs.${key}: ${message}`, [...at, key]));
  };
  const efs: Json = { fileSystemId: e.file_system_id };
  const authorized = !!e.access_point_id || e.iam === true;
  if (e.root_directory && e.root_directory !== '/') {
    if (e.access_point_id) report('error', 'an access point sets the root directory itself; leave root_directory out (or "/")', 'root_directory');
    else efs.rootDirectory = e.root_directory;
  }
  if (e.transit_encryption === false && authorized) report('error', 'an access point or IAM authorization needs transit encryption', 'transit_encryption');
  if (e.transit_encryption !== undefined || authorized) efs.transitEncryption = e.transit_encryption === false ? 'DISABLED' : 'ENABLED';
  if (e.transit_encryption_port !== undefined) efs.transitEncryptionPort = e.transit_encryption_port;
  if (e.access_point_id || e.iam !== undefined) {
    efs.authorizationConfig = { ...(e.access_point_id ? { accessPointId: e.access_point_id } : {}), ...(e.iam !== undefined ? { iam: e.iam ? 'ENABLED' : 'DISABLED' } : {}) };
  }
  if (e.iam && !c.task.settings.task_role_arn && !c.task.settings.task_role) report('warning', 'IAM authorization mounts the file system with the task role; set x-ecs.task_role_arn', 'iam');
  return { name, efsVolumeConfiguration: efs };
}

export function volumes(c: ContainerContext): void {
  const mounts: Json[] = [];
  const tmpfs: object[] = [];
  (c.service.volumes ?? []).forEach((v, i) => {
    const at = ['volumes', i];
    let def: Json | undefined;
    if (v.type === 'tmpfs') {
      const mode = v.tmpfs?.mode;
      tmpfs.push(tmpfsMount(c, v.target, v.tmpfs?.size, mode !== undefined ? [`mode=${mode.toString(8)}`] : [], at));
      return;
    }
    // A path of the converting machine: a delivered file, a host path under the host root, or nothing on Fargate.
    const project = v.type === 'bind' && v.source ? projectBind(c, v, at) : null;
    if (v.type === 'volume' && v.source) def = namedVolume(c, v.source, at);
    else if (v.type === 'volume') def = { name: volumeName(`${c.name}/${v.target}`) }; // anonymous: Docker picks a host path (Fargate: task storage)
    else if (project !== null) {
      if (!project) return;
      def = project;
    } else if (v.type === 'bind' && v.source) {
      if (c.task.launchType === 'FARGATE') {
        c.report('ECS_LAUNCH_TYPE_RULE', 'error', `${c.where(at)}: Fargate tasks cannot bind-mount host paths (${v.source}); use a named volume with x-ecs.volumes.<name>.efs`, at);
        return;
      }
      c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(at)}: the bind mount ${v.source} is read from that path on the container instance, not from this machine`, at);
      def = { name: volumeName(v.source), host: { sourcePath: v.source } };
    } else {
      c.unsupported(at, `ECS has no ${v.type} mounts`);
      return;
    }
    if (!def || !addVolume(c, String(def.name), def, at)) return;
    const mp: Json = { sourceVolume: def.name, containerPath: v.target };
    if (v.read_only) mp.readOnly = true;
    mounts.push(mp);
    mountOptions(c, v, at);
  });
  if (mounts.length) c.put('mountPoints', mounts, ['volumes']);
  addTmpfs(c, tmpfs, ['volumes']);
}

/** Mount options ECS has no field for; create_host_path (true) is what ECS does anyway. */
function mountOptions(c: ContainerContext, v: ServiceVolume, at: (string | number)[]): void {
  if (v.volume?.subpath) c.unsupported([...at, 'volume', 'subpath'], 'ECS mounts whole volumes');
  if (v.volume?.nocopy) c.unsupported([...at, 'volume', 'nocopy'], 'ECS mount points have no nocopy option');
  if (v.bind?.propagation) c.unsupported([...at, 'bind', 'propagation'], 'ECS mount points have no bind propagation');
  if (v.bind?.selinux) c.unsupported([...at, 'bind', 'selinux'], 'ECS mount points have no SELinux relabelling');
  if (v.bind?.create_host_path === false) c.unsupported([...at, 'bind', 'create_host_path'], 'Docker on the container instance creates a missing host path');
  if (v.consistency) c.unsupported([...at, 'consistency'], 'consistency only affects Docker Desktop file sharing');
}

export function volumesFrom(c: ContainerContext): void {
  const out: Json[] = [];
  (c.service.volumes_from ?? []).forEach((spec, i) => {
    const at = ['volumes_from', i];
    if (spec.startsWith('container:')) {
      c.unsupported(at, 'ECS can take volumes only from containers of the same task');
      return;
    }
    const [source = '', mode] = (spec.startsWith('service:') ? spec.slice(8) : spec).split(':');
    if (!c.task.services.includes(source)) {
      c.unsupported(at, `${source} runs in another task; ECS takes volumes only from containers of the same task`);
      return;
    }
    out.push({ sourceContainer: source, ...(mode === 'ro' ? { readOnly: true } : {}) });
  });
  if (out.length) c.put('volumesFrom', out, ['volumes_from']);
}
