/** The container and pod security contexts: user, capabilities, privileges, profiles, sysctls. */
import type { Json, ServiceContext } from '../context.js';

const ID = /^\d+$/;

/**
 * A compose user (`1000`, `1000:1000`, `root`) → runAsUser / runAsGroup, or undefined when it
 * names a user or group (Kubernetes takes numeric ids only; `root` is 0).
 * @example userIds('root:10') // { runAsUser: 0, runAsGroup: 10 }
 */
export function userIds(u: string): { runAsUser: number; runAsGroup?: number } | undefined {
  const [name = '', group] = u.split(':');
  const uid = name === 'root' ? '0' : name;
  if (!ID.test(uid) || (group !== undefined && !ID.test(group))) return undefined;
  return group === undefined ? { runAsUser: Number(uid) } : { runAsUser: Number(uid), runAsGroup: Number(group) };
}

/** user → runAsUser / runAsGroup. */
export function user(c: ServiceContext): void {
  const u = c.service.user ?? '';
  const ids = userIds(u);
  if (!ids) return c.unsupported(['user'], `Kubernetes takes numeric user and group ids (runAsUser, runAsGroup), not "${u}"; set the numeric id`);
  Object.assign(c.security, ids);
}

export function readOnly(c: ServiceContext): void {
  if (c.service.read_only !== undefined) c.security.readOnlyRootFilesystem = c.service.read_only;
}

export function privileged(c: ServiceContext): void {
  if (c.service.privileged !== undefined) c.security.privileged = c.service.privileged;
}

/** Capability names without the `CAP_` prefix, as Kubernetes writes them. */
function capabilities(c: ServiceContext, key: 'cap_add' | 'cap_drop', field: 'add' | 'drop'): void {
  const list = (c.service[key] ?? []).map((cap) => cap.toUpperCase().replace(/^CAP_/, ''));
  if (!list.length) return;
  const caps = (c.security.capabilities ?? {}) as Json;
  caps[field] = list;
  c.security.capabilities = caps;
}

export const capAdd = (c: ServiceContext): void => capabilities(c, 'cap_add', 'add');
export const capDrop = (c: ServiceContext): void => capabilities(c, 'cap_drop', 'drop');

/**
 * security_opt: no-new-privileges → allowPrivilegeEscalation false; seccomp and apparmor
 * `unconfined` or a profile name → seccompProfile / appArmorProfile; label → seLinuxOptions.
 */
export function securityOpt(c: ServiceContext): void {
  (c.service.security_opt ?? []).forEach((opt, i) => {
    const at = ['security_opt', i];
    const sep = opt.search(/[:=]/);
    const key = sep < 0 ? opt : opt.slice(0, sep);
    const value = sep < 0 ? '' : opt.slice(sep + 1);
    if (key === 'no-new-privileges') {
      c.security.allowPrivilegeEscalation = !(value === '' || value === 'true');
    } else if (key === 'seccomp') {
      if (value === 'unconfined') c.security.seccompProfile = { type: 'Unconfined' };
      else c.unsupported(at, 'a seccomp profile file of this machine; Kubernetes reads Localhost profiles from the node (seccompProfile.localhostProfile)');
    } else if (key === 'apparmor') {
      c.security.appArmorProfile = value === 'unconfined' ? { type: 'Unconfined' } : { type: 'Localhost', localhostProfile: value };
      if (value !== 'unconfined') c.report('info', `${c.where(at)}: the AppArmor profile "${value}" must be loaded on the nodes`, at);
    } else if (key === 'label') {
      const [field = '', ...rest] = value.split(':');
      const target = { user: 'user', role: 'role', type: 'type', level: 'level' }[field];
      if (!target) return c.unsupported(at, `Kubernetes seLinuxOptions take user, role, type and level, not "${field}"`);
      c.security.seLinuxOptions = { ...((c.security.seLinuxOptions ?? {}) as Json), [target]: rest.join(':') };
    } else c.unsupported(at, `Kubernetes has no security option "${key}"`);
  });
}

/** sysctls → the pod's securityContext.sysctls (namespaced sysctls only; the kubelet must allow unsafe ones). */
export function sysctls(c: ServiceContext): void {
  const list = Object.entries(c.service.sysctls ?? {}).map(([name, value]) => ({ name, value: String(value) }));
  if (list.length) c.podSecurity.sysctls = list;
}

/** group_add → the pod's supplementalGroups (numeric groups only). */
export function groupAdd(c: ServiceContext): void {
  const ids: number[] = [];
  (c.service.group_add ?? []).forEach((g, i) => {
    if (ID.test(g)) ids.push(Number(g));
    else c.unsupported(['group_add', i], `Kubernetes supplementalGroups are numeric; "${g}" is a group name`);
  });
  if (ids.length) c.podSecurity.supplementalGroups = ids;
}
