/** Container fields under linuxParameters, and other kernel-level settings. */
import type { ContainerContext } from '../container-context.js';
import { bytesToMiB } from '../../../passes/resources.js';

/** Capability names ECS accepts (KernelCapabilities), without the CAP_ prefix. */
const CAPABILITIES = new Set(
  'ALL AUDIT_CONTROL AUDIT_WRITE BLOCK_SUSPEND CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID IPC_LOCK IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD NET_ADMIN NET_BIND_SERVICE NET_BROADCAST NET_RAW SETFCAP SETGID SETPCAP SETUID SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE SYS_RAWIO SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG SYSLOG WAKE_ALARM'.split(' '),
);

function capabilities(c: ContainerContext, key: 'cap_add' | 'cap_drop'): void {
  const out: string[] = [];
  (c.service[key] ?? []).forEach((cap, i) => {
    const name = cap.toUpperCase().replace(/^CAP_/, '');
    if (CAPABILITIES.has(name)) out.push(name);
    else c.unsupported([key, i], `ECS does not know the capability ${cap}`);
  });
  if (out.length) c.put(`linuxParameters.capabilities.${key === 'cap_add' ? 'add' : 'drop'}`, out, [key]);
}

export const capAdd = (c: ContainerContext): void => capabilities(c, 'cap_add');
export const capDrop = (c: ContainerContext): void => capabilities(c, 'cap_drop');

export function devices(c: ContainerContext): void {
  const out = (c.service.devices ?? []).map((d) => {
    const permissions = [...new Set([...(d.permissions || 'rwm')].map((p) => ({ r: 'read', w: 'write', m: 'mknod' })[p]).filter((p): p is string => !!p))];
    return { hostPath: d.source, containerPath: d.target, permissions };
  });
  if (out.length) c.put('linuxParameters.devices', out, ['devices']);
}

export function init(c: ContainerContext): void {
  c.put('linuxParameters.initProcessEnabled', c.service.init, ['init']);
}

export function shmSize(c: ContainerContext): void {
  const s = c.service.shm_size;
  if (s !== undefined) c.put('linuxParameters.sharedMemorySize', bytesToMiB(s), ['shm_size']);
}

export function memSwappiness(c: ContainerContext): void {
  c.put('linuxParameters.swappiness', c.service.mem_swappiness, ['mem_swappiness']);
}

/** memswap_limit is memory plus swap; ECS maxSwap is the swap alone, in MiB. */
export function memswapLimit(c: ContainerContext): void {
  const total = c.service.memswap_limit;
  if (total === undefined) return;
  if (total < 0) {
    c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(['memswap_limit'])} is unlimited (-1): ECS has no unlimited swap; leave it unset to use the instance's default`, ['memswap_limit']);
    return;
  }
  const memory = c.facts.resources.memory;
  if (memory === undefined) {
    c.unsupported(['memswap_limit'], 'swap is set relative to the memory limit, and this service sets none');
    return;
  }
  const swap = Math.max(0, bytesToMiB(total) - memory);
  c.put('linuxParameters.maxSwap', swap, ['memswap_limit']);
}

export function sysctls(c: ContainerContext): void {
  const s = c.service.sysctls ?? {};
  const out = Object.keys(s)
    .sort()
    .map((namespace) => ({ namespace, value: String(s[namespace]) }));
  if (out.length) c.put('systemControls', out, ['sysctls']);
}

const ULIMITS = new Set('core cpu data fsize locks memlock msgqueue nice nofile nproc rss rtprio rttime sigpending stack'.split(' '));

export function ulimits(c: ContainerContext): void {
  const u = c.service.ulimits ?? {};
  const out: { name: string; softLimit: number; hardLimit: number }[] = [];
  for (const name of Object.keys(u).sort()) {
    const l = u[name];
    if (!l) continue;
    if (!ULIMITS.has(name)) {
      c.unsupported(['ulimits', name], `ECS does not know the ulimit ${name}`);
      continue;
    }
    out.push({ name, softLimit: l.soft, hardLimit: l.hard });
  }
  if (out.length) c.put('ulimits', out, ['ulimits']);
}

/** Service-level `tmpfs` entries (`/run`, `/tmp:size=64m,mode=1777`) → linuxParameters.tmpfs. ECS needs a size. */
export function tmpfs(c: ContainerContext): void {
  const entries = (c.service.tmpfs ?? []).map((spec, i) => {
    const [path = '', opts = ''] = spec.split(/:(.*)/s);
    const options = opts ? opts.split(',') : [];
    const sizeOpt = options.find((o) => o.startsWith('size='));
    const mountOptions = options.filter((o) => !o.startsWith('size='));
    return tmpfsMount(c, path, sizeOpt ? parseTmpfsSize(sizeOpt.slice(5)) : undefined, mountOptions, ['tmpfs', i]);
  });
  addTmpfs(c, entries, ['tmpfs']);
}

function parseTmpfsSize(s: string): number | undefined {
  const m = /^(\d+)([kmg]?)b?$/i.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return unit === 'g' ? n * 1024 * 1024 * 1024 : unit === 'm' ? n * 1024 * 1024 : unit === 'k' ? n * 1024 : n;
}

export const DEFAULT_TMPFS_MIB = 64;

/** One tmpfs mount; ECS requires its size, so a default is applied (and announced) when there is none. */
export function tmpfsMount(c: ContainerContext, containerPath: string, sizeBytes: number | undefined, mountOptions: string[], at: (string | number)[]) {
  let size = sizeBytes !== undefined ? bytesToMiB(sizeBytes) : undefined;
  if (size === undefined || size < 1) {
    size = DEFAULT_TMPFS_MIB;
    // On Fargate the mount is left out (a launch-type rule), so no default is announced.
    if (c.task.launchType !== 'FARGATE') c.report('ECS_DEFAULT_APPLIED', 'info', `${c.where(at)}: ECS needs a tmpfs size; ${DEFAULT_TMPFS_MIB} MiB is used`, at);
  }
  return { containerPath, size, ...(mountOptions.length ? { mountOptions } : {}) };
}

/** Adds tmpfs mounts to the container, after any already there (volumes of type tmpfs). */
export function addTmpfs(c: ContainerContext, mounts: object[], from: (string | number)[]): void {
  if (!mounts.length) return;
  const prev = (c.def.linuxParameters as { tmpfs?: object[] } | undefined)?.tmpfs ?? [];
  c.put('linuxParameters.tmpfs', [...prev, ...mounts], from);
}
