/**
 * depends_on. A job waited on with `service_completed_successfully` runs as init containers of
 * the waiter's pod (init-steps.ts), always. Otherwise Kubernetes starts every workload at once;
 * with the `waitForDependencies` option a condition becomes an init container that waits:
 * `service_healthy` until the dependency's Service answers on its first TCP port (a Service
 * only routes to ready pods, and readiness is the healthcheck), `service_completed_successfully`
 * on a job that is a Job of its own (x-kubernetes.controller: job) until it completes
 * (`kubectl wait`, which needs RBAC to read Jobs).
 */
import { podOf, type ServiceContext } from '../context.js';
import { neverCompletes } from '../../../passes/workloads.js';
import type { Service } from '../../../model/project.js';
import { writtenRestart } from '../../../passes/dependencies.js';

export function dependsOn(c: ServiceContext): void {
  const all = Object.entries(c.service.depends_on ?? {}).filter(([t]) => Object.hasOwn(c.plan.ir.project.services, t));
  const inline = ([t, d]: (typeof all)[number]): boolean => d.condition === 'service_completed_successfully' && c.plan.initJobs.has(t);
  for (const [target, dep] of all.filter(inline)) {
    c.waitedJobs.push(target);
    if (dep.restart && writtenRestart(dep)) c.unsupported(['depends_on', target, 'restart'], 'Kubernetes does not restart a workload when another one changes');
  }
  const deps = all.filter((d) => !inline(d));
  if (!deps.length) return;
  // A service of the same pod is replaced with it: restart has nothing to add there.
  const samePod = (target: string): boolean => podOf(c.plan, target) === podOf(c.plan, c.name);
  for (const [target, dep] of deps) if (dep.restart && writtenRestart(dep) && !samePod(target)) c.unsupported(['depends_on', target, 'restart'], 'Kubernetes does not restart a workload when another one changes');
  if (!c.options.waitForDependencies) {
    const conditions = [...new Set(deps.map(([, d]) => d.condition))].join(', ');
    c.report('info', `${c.where(['depends_on'])} (${conditions}) is not enforced: Kubernetes starts every workload at once (set the waitForDependencies option for init containers that wait)`, ['depends_on']);
    return;
  }
  for (const [target, dep] of deps) {
    const at = ['depends_on', target];
    const name = c.plan.names.get(target) ?? target;
    if (samePod(target)) {
      // An init container runs before every container of its pod: waiting there for a container of the same pod never ends.
      c.report('info', `${c.where(at)}: ${target} runs in the same pod, whose containers Kubernetes starts together once the init containers are done, so ${dep.condition} is not waited for`, at);
      continue;
    }
    if (dep.condition === 'service_started') {
      c.report('info', `${c.where(at)}: service_started is not waited for; Kubernetes starts every workload at once`, at);
    } else if (dep.condition === 'service_healthy') {
      // A container port (port = targetPort) answers through a headless Service too, which does not translate ports.
      const tcp = c.plan.ports.get(target)?.ports.filter((p) => p.protocol === 'TCP') ?? [];
      const port = tcp.find((p) => p.port === p.targetPort) ?? tcp[0];
      if (!port) {
        c.report('warning', `${c.where(at)}: ${target} has no Service with a TCP port to wait on; the condition is not enforced`, at);
        continue;
      }
      c.initContainers.push({
        name: `wait-for-${name}`.slice(0, 63).replace(/-+$/, ''),
        image: c.options.waitImage,
        command: ['sh', '-c', `until nc -z -w 2 ${name} ${port.port}; do echo waiting for ${name}; sleep 2; done`],
      });
    } else {
      // A service started again whenever it exits: DEPENDENCY_NEVER_COMPLETES warns at the condition.
      if (c.plan.kinds.get(target) !== 'job' && neverCompletes(c.plan.ir.project.services[target] as Service)) continue;
      if (c.plan.kinds.get(target) !== 'job') {
        c.report('warning', `${c.where(at)}: ${target} runs as a ${c.plan.kinds.get(target)}, which never completes; the condition is not enforced (a job runs once: give ${target} restart: "no" or on-failure, or x-kubernetes.controller: job)`, at);
        continue;
      }
      c.initContainers.push({
        name: `wait-for-${name}`.slice(0, 63).replace(/-+$/, ''),
        image: c.options.kubectlImage,
        command: ['kubectl', 'wait', '--for=condition=complete', '--timeout=-1s', `job/${name}`],
      });
      c.report('info', `${c.where(at)}: the init container runs kubectl wait, so the pod's service account needs get, list and watch on Jobs (a Role and RoleBinding)`, at);
    }
  }
}
