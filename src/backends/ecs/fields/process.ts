/** Container fields about the process: image, command, user, terminal, signals, restarts. */
import type { ContainerContext } from '../container-context.js';

export function image(c: ContainerContext): void {
  c.put('image', c.service.image, ['image']);
}

/**
 * build: a build-only service runs the image its build is pushed as (`--registry`); with an
 * image, compose builds that image locally, which a deploy does not do.
 */
export function build(c: ContainerContext): void {
  if (c.service.image) c.unsupported(['build'], 'it only affects building the image locally; ECS pulls the image, so push it first');
  else if (c.facts.builtImage) c.put('image', c.facts.builtImage.image, ['build']);
}

/** `entrypoint: []` or `''`: compose ignores the image's ENTRYPOINT (05-services entrypoint). */
function clearsEntrypoint(c: ContainerContext): boolean {
  return c.service.entrypoint !== undefined && c.service.entrypoint.length === 0;
}

export function command(c: ContainerContext): void {
  const v = c.service.command;
  if (v && v.length) {
    // Under a cleared entrypoint the command is the whole process: entrypoint() writes it as the entry point.
    if (!clearsEntrypoint(c)) c.put('command', v, ['command']);
  } else if (!c.service.entrypoint?.length) {
    // With an entry point set, Docker drops the image's CMD as compose does; without one it cannot be cleared.
    c.report('ECS_UNSUPPORTED_FIELD', 'info', `${c.where(['command'])} is empty: ECS cannot clear an image's CMD, so the image's own command runs`, ['command']);
  }
}

/**
 * entrypoint → entryPoint. ECS cannot clear the image's ENTRYPOINT (an empty entryPoint is no
 * entryPoint), but an entry point set replaces it and drops the image's CMD: so under
 * `entrypoint: []` (or `''`) the command, when there is one, is written as the entry point, and
 * the process is the one compose runs.
 */
export function entrypoint(c: ContainerContext): void {
  const v = c.service.entrypoint;
  const cmd = c.service.command;
  if (v && v.length) c.put('entryPoint', v, ['entrypoint']);
  else if (cmd && cmd.length) c.put('entryPoint', cmd, ['command']);
  else {
    c.report(
      'ECS_UNSUPPORTED_FIELD',
      'warning',
      `${c.where(['entrypoint'])} is empty and there is no command: compose runs the image's CMD without its ENTRYPOINT, but ECS cannot clear an image's ENTRYPOINT, so the image's entrypoint runs with its CMD; write the command the image's CMD holds as command: (it then runs as the whole process)`,
      ['entrypoint'],
    );
  }
}

/** stop_grace_period → stopTimeout: whole seconds, at most 120 (the ECS limit). */
export function stopGracePeriod(c: ContainerContext): void {
  const s = c.service.stop_grace_period;
  if (s === undefined) return;
  let v = Math.ceil(s);
  if (v > 120) {
    c.report('ECS_LIMIT', 'warning', `${c.where(['stop_grace_period'])} is ${s}s; ECS allows at most 120 seconds, so stopTimeout is 120`, ['stop_grace_period']);
    v = 120;
  }
  c.put('stopTimeout', v, ['stop_grace_period']);
}

/** ECS's restartAttemptPeriod when none is given: a container must have run this long to be restarted. */
export const ECS_RESTART_ATTEMPT_PERIOD = 300;

/**
 * restart (and deploy.restart_policy) → the container restart policy: `no` leaves it off;
 * `always` and `unless-stopped` enable it; `on-failure` enables it except for exit code 0.
 * ECS counts no attempts: a limit (`on-failure:3`, max_attempts) is said to be lost, with
 * what ECS does instead.
 */
export function restart(c: ContainerContext): void {
  const r = c.service.restart;
  if (r === undefined) return;
  const [mode, count] = r.split(':');
  if (mode === 'no') return runsOnce(c, ['restart'], 'restart: "no"');
  if (mode === 'always' || mode === 'unless-stopped') c.put('restartPolicy', { enabled: true }, ['restart']);
  else if (mode === 'on-failure') {
    c.put('restartPolicy', { enabled: true, ignoredExitCodes: [0] }, ['restart']);
    // Docker's on-failure:0 is no limit, as a bare on-failure.
    if (count && Number(count) > 0) attemptsLost(c, ['restart'], Number(count), ECS_RESTART_ATTEMPT_PERIOD);
  } else c.unsupported(['restart'], `unknown restart policy "${r}"`);
}

/** What ECS does where compose stops after `count` restarts: said precisely, as a warning at the count. */
function attemptsLost(c: ContainerContext, at: (string | number)[], count: number, period: number): void {
  c.report(
    'ECS_UNSUPPORTED_FIELD',
    'warning',
    `${c.where(at)}: compose gives up after ${count} restart${count === 1 ? '' : 's'}; an ECS restart policy has no attempt count: it restarts the container whenever it fails after running at least ${period} s (restartAttemptPeriod), and not one that fails sooner${c.facts.essential ? ', which then stops the task (the ECS service starts a new one)' : ''}. The count ${count} is not carried over`,
    at,
  );
}

/**
 * A container compose runs once (the workload's kind is job) that is an essential container
 * of an ECS service: when it exits the task stops and the service starts another, so it would
 * run again and again. The kind is the core's (ir.workloads); the finding is at the setting.
 */
function runsOnce(c: ContainerContext, at: (string | number)[], what: string): void {
  if (!c.facts.essential || !c.task.withService) return;
  const again = 'as the essential container of an ECS service it is started again after every exit (each exit stops the task and the service starts a new one)';
  const message =
    c.ir.workloads[c.name]?.kind === 'job'
      ? `${c.where(at)}: ${what} runs the container once under compose, but ${again}; let the services that need it wait for it (depends_on condition service_completed_successfully), or run it with aws ecs run-task`
      : // Written out, not compose's default: a one-shot (a seed, a setup script) as often as a server.
        `${c.where(at)}: with ${what} compose does not start the container again once it exits, but ${again}; if it runs to completion (a seed, a migration, a setup script), set x-ecs.job: true so that it runs once (aws ecs run-task, or inside the tasks that wait for it); a server meant to stay up can drop ${what}`;
  c.report('ECS_UNSUPPORTED_FIELD', 'warning', message, at);
}

export function restartPolicy(c: ContainerContext): void {
  const p = c.service.deploy?.restart_policy;
  if (!p || c.service.restart !== undefined) return;
  const at = ['deploy', 'restart_policy'];
  const condition = p.condition ?? 'any';
  if (condition === 'none') return runsOnce(c, [...at, 'condition'], 'deploy.restart_policy.condition none');
  const policy: Record<string, unknown> = { enabled: true };
  if (condition === 'on-failure') policy.ignoredExitCodes = [0];
  let period = ECS_RESTART_ATTEMPT_PERIOD;
  if (p.window !== undefined) {
    const w = Math.min(1800, Math.max(60, Math.round(p.window)));
    if (w !== p.window) c.report('ECS_LIMIT', 'info', `${c.where([...at, 'window'])}: ECS takes a restart attempt period of 60 to 1800 seconds; ${w} is used`, [...at, 'window']);
    policy.restartAttemptPeriod = w;
    period = w;
  }
  if (p.delay !== undefined) c.unsupported([...at, 'delay'], 'ECS container restart policies have no delay between restarts');
  // Swarm's max_attempts 0 is no limit.
  if (p.max_attempts !== undefined && p.max_attempts > 0) attemptsLost(c, [...at, 'max_attempts'], p.max_attempts, period);
  c.put('restartPolicy', policy, at);
}

export function securityOpt(c: ContainerContext): void {
  const out: string[] = [];
  (c.service.security_opt ?? []).forEach((opt, i) => {
    const at = ['security_opt', i];
    const [key = '', ...rest] = opt.split(/[:=]/);
    const value = rest.join(':');
    if (key === 'no-new-privileges') {
      if (value === '' || value === 'true') out.push('no-new-privileges');
    } else if (key === 'apparmor' || key === 'label' || key === 'credentialspec') out.push(`${key}:${value}`);
    else c.unsupported(at, `ECS dockerSecurityOptions accept no-new-privileges, apparmor, label and credentialspec, not ${key}`);
  });
  if (out.length) c.put('dockerSecurityOptions', out, ['security_opt']);
}

/** platform → the task's runtimePlatform (one per task). */
export function platform(c: ContainerContext): void {
  const p = c.service.platform;
  if (!p) return;
  const [os = '', arch = ''] = p.toLowerCase().split('/');
  const cpuArchitecture = arch === 'arm64' || arch === 'aarch64' ? 'ARM64' : arch === 'amd64' || arch === 'x86_64' ? 'X86_64' : undefined;
  if (os !== 'linux' || !cpuArchitecture) {
    c.unsupported(['platform'], `ECS runtime platforms here are linux/amd64 and linux/arm64, not ${p}`);
    return;
  }
  const value = { cpuArchitecture, operatingSystemFamily: 'LINUX' };
  const prev = c.taskParts.runtimePlatform;
  if (prev && prev.value.cpuArchitecture !== cpuArchitecture) {
    c.report('ECS_INVALID', 'error', `${c.where(['platform'])} is ${p} but ${prev.from} in the same task asks for another; a task has one platform`, ['platform']);
    return;
  }
  c.taskParts.runtimePlatform = { value, from: c.where(['platform']) };
}

/** pid and ipc → the task's pidMode / ipcMode. */
export function pid(c: ContainerContext): void {
  const p = c.service.pid;
  if (p === 'host') setTaskMode(c, 'pidMode', 'host', 'pid');
  else if (p?.startsWith('service:') && c.task.services.includes(p.slice(8))) setTaskMode(c, 'pidMode', 'task', 'pid');
  else if (p !== undefined) c.unsupported(['pid'], `ECS pid modes are host and task (shared by the containers of a task), not ${p}`);
}

export function ipc(c: ContainerContext): void {
  const p = c.service.ipc;
  if (p === undefined || p === 'private') return;
  if (p === 'host') setTaskMode(c, 'ipcMode', 'host', 'ipc');
  else if (p === 'shareable' || (p.startsWith('service:') && c.task.services.includes(p.slice(8)))) setTaskMode(c, 'ipcMode', 'task', 'ipc');
  else if (p === 'none') setTaskMode(c, 'ipcMode', 'none', 'ipc');
  else c.unsupported(['ipc'], `ECS ipc modes are host, task and none, not ${p}`);
}

function setTaskMode(c: ContainerContext, part: 'pidMode' | 'ipcMode', value: string, key: string): void {
  if (c.task.launchType === 'FARGATE' && (part === 'ipcMode' || value === 'host')) {
    c.report('ECS_LAUNCH_TYPE_RULE', 'warning', `${c.where([key])} is left out: Fargate does not support ${part} ${value}`, [key]);
    return;
  }
  const prev = c.taskParts[part];
  if (prev && prev.value !== value) {
    c.report('ECS_INVALID', 'error', `${c.where([key])} asks for ${part} ${value} but ${prev.from} asks for ${prev.value}; a task has one ${part}`, [key]);
    return;
  }
  c.taskParts[part] = { value, from: c.where([key]) };
}
