import { describe, expect, it } from 'vitest';
import { at, container, find, k8s } from './support.js';

async function app(service: string) {
  const r = await k8s(`services:\n  app:\n    image: x\n    mem_limit: 64m\n${service}`);
  const d = find(r.objects, 'Deployment', 'app');
  return { sc: container(d).securityContext, pod: d.spec.template.spec, k8s: r.k8s };
}

describe('user → runAsUser / runAsGroup', () => {
  it.each([
    ['"1000"', { runAsUser: 1000 }],
    ['"1000:2000"', { runAsUser: 1000, runAsGroup: 2000 }],
    ['root', { runAsUser: 0 }],
  ])('user %s', async (user, expected) => {
    expect((await app(`    user: ${user}\n`)).sc).toEqual(expected);
  });

  it('a user name is reported (Kubernetes takes numeric ids)', async () => {
    const { sc, k8s: d } = await app('    user: www-data\n');
    expect(sc).toBeUndefined();
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/user']);
  });
});

describe('read_only, privileged, capabilities', () => {
  it('map to the container security context, CAP_ prefix removed', async () => {
    const { sc } = await app('    read_only: true\n    privileged: false\n    cap_add: [CAP_NET_ADMIN, sys_time]\n    cap_drop: [ALL]\n');
    expect(sc).toEqual({ capabilities: { add: ['NET_ADMIN', 'SYS_TIME'], drop: ['ALL'] }, readOnlyRootFilesystem: true, privileged: false });
  });
});

describe('security_opt', () => {
  it('no-new-privileges, seccomp unconfined, apparmor, SELinux label', async () => {
    const { sc } = await app('    security_opt: ["no-new-privileges", "seccomp:unconfined", "apparmor=unconfined", "label=level:s0:c100,c200"]\n');
    expect(sc).toEqual({
      allowPrivilegeEscalation: false,
      seccompProfile: { type: 'Unconfined' },
      appArmorProfile: { type: 'Unconfined' },
      seLinuxOptions: { level: 's0:c100,c200' },
    });
  });

  it('reports a seccomp profile file and unknown options', async () => {
    const { k8s: d } = await app('    security_opt: ["seccomp=./profile.json", "label=disable", "systempaths=unconfined"]\n');
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/security_opt/0', 'K8S_UNSUPPORTED_FIELD@/services/app/security_opt/1', 'K8S_UNSUPPORTED_FIELD@/services/app/security_opt/2']);
  });
});

describe('pod security context', () => {
  it('sysctls and numeric group_add; group names reported', async () => {
    const { pod, k8s: d } = await app('    sysctls: {net.core.somaxconn: 1024}\n    group_add: ["44", video]\n');
    expect(pod.securityContext).toEqual({ supplementalGroups: [44], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] });
    expect(at(d)).toEqual(['K8S_UNSUPPORTED_FIELD@/services/app/group_add/1']);
  });

  it('kompose.security-context.fsgroup → fsGroup', async () => {
    expect((await app('    labels: {kompose.security-context.fsgroup: "2000"}\n')).pod.securityContext).toEqual({ fsGroup: 2000 });
  });
});
