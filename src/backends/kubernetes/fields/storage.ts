/**
 * volumes, tmpfs, secrets and configs → pod volumes and container mounts. A named volume
 * mounts its PersistentVolumeClaim (or, in a StatefulSet that alone uses it, a claim
 * template); an anonymous volume is an emptyDir; tmpfs a memory emptyDir; a bind mount a
 * hostPath on the node. Secrets and configs mount one key of a Secret or ConfigMap named
 * after them (objects.ts says which must exist).
 */
import type { FileReference } from '../../../model/project.js';
import { sharesPodWith, type Json, type Path, type ServiceContext } from '../context.js';
import { objectName } from '../names.js';
import { claimName, claimSpec, usesClaimTemplate } from '../storage-objects.js';
import { parseBytes } from '../../../core/units.js';
import { bytesToMiB } from '../../../passes/resources.js';
import { ownValue } from '../../../core/own.js';
import { locate } from '../../../core/source.js';
import { hostPathOf, placeBind } from '../../../model/project-files.js';

function memoryDir(bytes: number | undefined): Json {
  return { medium: 'Memory', ...(bytes ? { sizeLimit: `${bytesToMiB(bytes)}Mi` } : {}) };
}

export function volumes(c: ServiceContext): void {
  (c.service.volumes ?? []).forEach((v, i) => {
    const at: Path = ['volumes', i];
    const mount: Json = { name: '', mountPath: v.target };
    if (v.read_only) mount.readOnly = true;
    if (v.type === 'volume' && v.source) {
      mount.name = objectName(v.source);
      if (v.volume?.subpath) mount.subPath = v.volume.subpath;
      if (usesClaimTemplate(c.plan, v.source)) {
        if (!c.claimTemplates.some((t) => (t.metadata as Json).name === mount.name)) {
          c.claimTemplates.push({ metadata: { name: mount.name }, spec: claimSpec(c.plan, v.source) });
        }
        c.mounts.push(mount);
      } else c.mount({ name: mount.name, persistentVolumeClaim: { claimName: claimName(c.plan, v.source) } }, mount);
    } else if (v.type === 'volume') {
      mount.name = `anon-${i}`;
      c.mount({ name: mount.name, emptyDir: {} }, mount);
      c.report('info', `${c.where(at)}: an anonymous volume becomes an emptyDir, which lives as long as the pod`, at);
    } else if (v.type === 'tmpfs') {
      mount.name = `tmpfs-${i}`;
      c.mount({ name: mount.name, emptyDir: memoryDir(v.tmpfs?.size) }, mount);
      if (v.tmpfs?.mode !== undefined) c.unsupported([...at, 'tmpfs', 'mode'], 'an emptyDir has no mode');
    } else if (v.type === 'bind' && v.source) {
      // The converting machine's paths never reach the manifests: a project path lives under /opt/<project>/ on the node.
      const range = locate(c.plan.ir.project, ['services', c.name, ...at]);
      const place = placeBind(c.plan.ir.project, v.source, range ? range.file.text.slice(range.start, range.end) : '', v);
      if (place.kind === 'outside') {
        c.report('warning', `${c.where(at)}: the bind mount of ${place.rel} is not carried over: it is outside the project directory, a path of the converting machine; give the node's path as an absolute path, or use a volume`, at);
        return;
      }
      const path = place.kind === 'instance' ? place.path : hostPathOf(c.plan.ir.project.name, undefined, place.rel);
      mount.name = `host-${i}`;
      c.mount({ name: mount.name, hostPath: { path } }, mount);
      // An absolute path is the node's, as compose's is the Docker host's: what changes is that every node must hold it, and that hostPath is often refused.
      if (place.kind === 'instance') c.report('warning', `${c.where(at)}: the bind mount ${path} becomes a hostPath: each pod reads ${path} of the node it runs on, which every node must hold (a node without Docker has no Docker socket), and a namespace that enforces the baseline Pod Security Standard refuses hostPath volumes`, at);
      else c.report('warning', `${c.where(at)}: the bind mount ${place.rel} becomes a hostPath, read from ${path} on the node, not from this machine; put the files in the image, a ConfigMap or a volume`, at);
    } else {
      c.unsupported(at, `Kubernetes has no ${v.type} mounts`);
      return;
    }
    if (v.volume?.nocopy) c.unsupported([...at, 'volume', 'nocopy'], 'Kubernetes never copies image content into a volume');
    for (const k of ['propagation', 'selinux', 'recursive'] as const) {
      if (v.bind?.[k] !== undefined) c.unsupported([...at, 'bind', k], 'a hostPath mount has no such option');
    }
    if (v.consistency) c.unsupported([...at, 'consistency'], 'it only matters to Docker Desktop');
  });
}

/** tmpfs `/run:size=64m,mode=1777` → a memory emptyDir. */
export function tmpfs(c: ServiceContext): void {
  (c.service.tmpfs ?? []).forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const path = colon < 0 ? entry : entry.slice(0, colon);
    const opts = colon < 0 ? [] : entry.slice(colon + 1).split(',');
    let size: number | undefined;
    for (const o of opts) {
      const [k, v = ''] = o.split('=');
      if (k === 'size') size = parseBytes(v);
      else if (k) c.unsupported(['tmpfs', i], `an emptyDir has no ${k} option`);
    }
    c.mount({ name: `tmpfs-t${i}`, emptyDir: memoryDir(size) }, { name: `tmpfs-t${i}`, mountPath: path });
  });
}

/** Secrets and configs mount their one key with subPath, at the compose target. */
function fileMounts(c: ServiceContext, key: 'secrets' | 'configs'): void {
  const refs: FileReference[] = c.service[key] ?? [];
  refs.forEach((ref, i) => {
    const at = [key, i];
    const top = key === 'secrets' ? ownValue(c.plan.ir.project.secrets, ref.source) : ownValue(c.plan.ir.project.configs, ref.source);
    if (!top) return; // the loader reported it
    const object = objectName(top.external ? top.name : ref.source);
    const kindPrefix = key === 'secrets' ? 'secret' : 'config';
    const volumeName = objectName(`${kindPrefix}-${ref.source}`);
    const source: Json = key === 'secrets' ? { secretName: object } : { name: object };
    // Kubernetes takes a file mode of 0 to 0777 (an int32 the API refuses beyond that); compose does not bound it.
    if (ref.mode !== undefined && Number.isInteger(ref.mode) && ref.mode >= 0 && ref.mode <= 0o777) source.defaultMode = ref.mode;
    else if (ref.mode !== undefined) c.unsupported([...at, 'mode'], `mode ${ref.mode} is no file mode Kubernetes takes (0 to 0777, that is 511)`);
    const base = key === 'secrets' ? '/run/secrets/' : '/';
    const target = ref.target === undefined ? `${base}${ref.source}` : ref.target.startsWith('/') ? ref.target : `${base}${ref.target}`;
    c.mount({ name: volumeName, [key === 'secrets' ? 'secret' : 'configMap']: source }, { name: volumeName, mountPath: target, subPath: ref.source, readOnly: true });
    for (const k of ['uid', 'gid'] as const) {
      if (ref[k] !== undefined) c.unsupported([...at, k], 'Kubernetes sets no owner on mounted files (the pod\'s fsGroup owns them)');
    }
  });
}

export const secrets = (c: ServiceContext): void => fileMounts(c, 'secrets');
export const configs = (c: ServiceContext): void => fileMounts(c, 'configs');

/**
 * volumes_from (05-services: "mounts all of the volumes from another service"): a service of the
 * same pod (pod-members.ts: network_mode, ipc or pid service:X) shares the pod's volumes, so its
 * mounts are repeated in this container (read-only with :ro); any other is a pod of its own,
 * whose volumes Kubernetes cannot lend.
 */
export function volumesFrom(c: ServiceContext): void {
  (c.service.volumes_from ?? []).forEach((entry, i) => {
    const [source = entry, mode] = entry.startsWith('container:') ? [entry] : entry.split(':');
    if (!entry.startsWith('container:') && sharesPodWith(c.plan, c.name, `service:${source}`)) {
      c.mountsFrom.push({ service: source, readOnly: mode === 'ro' });
      return;
    }
    c.unsupported(['volumes_from', i], 'only containers of one pod share volumes, and this service runs in a pod of its own; mount the same PersistentVolumeClaim instead');
  });
}
