/** Container fields about the process: image, command, environment, terminal, hooks, stopping. */
import type { ServiceHook } from '../../../model/project.js';
import type { Json, ServiceContext } from '../context.js';
import { escapeExpansion } from '../names.js';
import { K8S_CODES } from '../codes.js';

export function image(c: ServiceContext): void {
  const policy = c.settings.imagePullPolicy?.value;
  if (policy) c.container.imagePullPolicy = policy;
  const secret = c.settings.imagePullSecret;
  if (secret) {
    c.pod.imagePullSecrets = [{ name: secret.value }];
    // Like a compose secret, the registry credentials are never in the manifests.
    const at = secret.at.slice(2);
    c.report('info', `${c.where(at)}: the pods pull their image with the Secret ${secret.value}, which must exist (kubectl create secret docker-registry ${secret.value} --docker-server=REGISTRY --docker-username=USER --docker-password=PASSWORD)`, at, K8S_CODES.mustExist);
  }
  // A build-only service runs the image its build is pushed as (--registry; IMAGE_BUILD_PUSH lists the commands).
  c.container.image = c.service.image || c.facts.builtImage?.image;
}

/** build is local; without image the builder reports an error instead. */
export function build(c: ServiceContext): void {
  if (c.service.image) c.unsupported(['build'], 'Kubernetes runs pushed images; build and push it, and set image: to its tag');
}

/**
 * entrypoint → command: Kubernetes `command` replaces the image's ENTRYPOINT (and its CMD, as
 * compose does). Under `entrypoint: []` (or `''`) a command is the whole process: it is written
 * as `command`, with no args, and neither the image's ENTRYPOINT nor its CMD runs.
 */
export function entrypoint(c: ServiceContext): void {
  const v = c.service.entrypoint ?? [];
  const cmd = c.service.command ?? [];
  if (v.length) c.container.command = v.map(escapeExpansion);
  else if (cmd.length) c.container.command = cmd.map(escapeExpansion);
  else {
    c.report(
      'warning',
      `${c.where(['entrypoint'])} is empty and there is no command: compose runs the image's CMD without its ENTRYPOINT, but Kubernetes cannot clear an image's ENTRYPOINT, so the image's entrypoint runs with its CMD; write the command the image's CMD holds as command: (it then runs as the whole process)`,
      ['entrypoint'],
    );
  }
}

/** command → args: Kubernetes `args` replaces the image's CMD. */
export function command(c: ServiceContext): void {
  const v = c.service.command ?? [];
  const cleared = c.service.entrypoint !== undefined && c.service.entrypoint.length === 0;
  // Under a cleared entrypoint the command is the whole process: entrypoint() wrote it as `command`.
  if (v.length) {
    if (!cleared) c.container.args = v.map(escapeExpansion);
  } else if (!c.service.entrypoint?.length) c.report('info', `${c.where(['command'])} is empty: Kubernetes cannot clear an image's CMD, so the image's own command runs`, ['command']);
}

/** Variables sorted by name; a `$` Kubernetes would expand is escaped. */
export function environment(c: ServiceContext): void {
  const env = c.service.environment ?? {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === null || value === undefined) {
      c.report('warning', `${c.where(['environment', name])} has no value (it is unset where the file was read), so it is left out; give it a value or set it when converting`, ['environment', name]);
      continue;
    }
    c.env.push({ name, value: escapeExpansion(value) });
  }
}

const PULL_POLICIES: Record<string, 'Always' | 'IfNotPresent' | 'Never'> = { always: 'Always', never: 'Never', missing: 'IfNotPresent', if_not_present: 'IfNotPresent' };

export function pullPolicy(c: ServiceContext): void {
  const p = c.service.pull_policy ?? '';
  if (c.settings.imagePullPolicy) return; // kompose.image-pull-policy / x-kubernetes wins
  const mapped = Object.hasOwn(PULL_POLICIES, p) ? PULL_POLICIES[p] : undefined;
  if (mapped) c.container.imagePullPolicy = mapped;
  else if (p === 'build') c.unsupported(['pull_policy'], 'Kubernetes pulls images and never builds them');
  else {
    c.container.imagePullPolicy = 'Always';
    c.report('info', `${c.where(['pull_policy'])} ${p}: Kubernetes has no pull schedule; imagePullPolicy is Always (pulled at every pod start)`, ['pull_policy']);
  }
}

/** stop_grace_period → the pod's terminationGracePeriodSeconds (whole seconds, rounded up). */
export function stopGracePeriod(c: ServiceContext): void {
  const s = c.service.stop_grace_period;
  if (s !== undefined) c.pod.terminationGracePeriodSeconds = Math.ceil(s);
}

function hook(c: ServiceContext, key: 'post_start' | 'pre_stop', field: 'postStart' | 'preStop'): void {
  const hooks: ServiceHook[] = c.service[key] ?? [];
  hooks.forEach((h, i) => {
    const at = [key, i];
    if (i > 0) return c.unsupported(at, `a Kubernetes container has one ${field} handler; only ${key}[0] is kept`);
    if (!h.command.length) return c.unsupported(at, 'the hook has no command');
    const lifecycle = (c.container.lifecycle ?? {}) as Json;
    lifecycle[field] = { exec: { command: h.command } };
    c.container.lifecycle = lifecycle;
    for (const k of ['user', 'privileged', 'working_dir', 'environment'] as const) {
      if (h[k] !== undefined) c.unsupported([...at, k], 'a Kubernetes exec handler runs with the container\'s own user, privileges, directory and environment');
    }
  });
}

export const postStart = (c: ServiceContext): void => hook(c, 'post_start', 'postStart');
export const preStop = (c: ServiceContext): void => hook(c, 'pre_stop', 'preStop');

export function workingDir(c: ServiceContext): void {
  if (c.service.working_dir) c.container.workingDir = c.service.working_dir;
}

export function tty(c: ServiceContext): void {
  if (c.service.tty !== undefined) c.container.tty = c.service.tty;
}

export function stdinOpen(c: ServiceContext): void {
  if (c.service.stdin_open !== undefined) c.container.stdin = c.service.stdin_open;
}

/** runtime → runtimeClassName: the RuntimeClass must exist in the cluster. */
export function runtime(c: ServiceContext): void {
  const r = c.service.runtime;
  if (!r) return;
  c.pod.runtimeClassName = r;
  c.report('info', `${c.where(['runtime'])}: the pod asks for RuntimeClass "${r}", which must exist in the cluster`, ['runtime']);
}
