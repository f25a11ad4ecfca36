/** Rules about depends_on: unknown targets, cycles, and waiting for a health check nobody runs. */
import { ruleCode, type Rule } from './rule.js';
import { ownValue } from '../core/own.js';
import type { Project, Service } from '../model/project.js';
import { neverCompletes } from '../passes/workloads.js';

/** The loader reports it (with the names it knows and profile-disabled services told apart). */
export const unknownReference: Rule = {
  ...ruleCode('REFERENCE_UNKNOWN'),
  source: 'loader',
  check() {},
};

/** The core passes report it (src/passes/dependency-cycles.ts), for every target. */
export const dependencyCycle: Rule = {
  ...ruleCode('DEPENDENCY_CYCLE'),
  source: 'pass',
  check() {},
};

/** Each depends_on entry with `condition`, with the service it names (entries naming no service are REFERENCE_UNKNOWN's). */
function* waitsWith(project: Project, condition: string): Generator<{ name: string; target: string; other: Service }> {
  for (const [name, svc] of Object.entries(project.services)) {
    for (const [target, dep] of Object.entries(svc.depends_on ?? {})) {
      const other = dep.condition === condition ? ownValue(project.services, target) : undefined;
      if (other) yield { name, target, other };
    }
  }
}

/** True when the service runs a health check of its own (an image's HEALTHCHECK is invisible to ECS). */
function hasHealthcheck(test: string[] | undefined, disable: boolean | undefined): boolean {
  if (disable) return false;
  if (!test || test.length === 0) return false;
  return test[0] !== 'NONE';
}

export const healthcheckMissing: Rule = {
  ...ruleCode('HEALTHCHECK_MISSING'),
  check(project, ctx) {
    for (const { name, target, other } of waitsWith(project, 'service_healthy')) {
      const hc = other.healthcheck;
      const ecsHealthcheck = (other.extensions['x-ecs'] as { healthcheck?: { command?: unknown } } | undefined)?.healthcheck?.command;
      if (hasHealthcheck(hc?.test, hc?.disable) || ecsHealthcheck) continue;
      const why = hc?.disable || hc?.test?.[0] === 'NONE' ? 'its healthcheck is disabled' : 'it defines no healthcheck';
      if (ctx.target === 'kubernetes') {
        // No container waits for HEALTHY there: nothing is kept from starting, the wait is only shorter.
        ctx.report(
          `services.${name}.depends_on.${target} waits for service_healthy, but ${why}: Kubernetes reads no image HEALTHCHECK, so a wait for ${target} (the waitForDependencies option) ends once it runs, not once it is healthy as under compose; add services.${target}.healthcheck (its readiness probe) or use service_started`,
          ['services', name, 'depends_on', target],
          { severity: 'warning' },
        );
        continue;
      }
      // Across ECS tasks no container waits for HEALTHY (the stack orders the ECS services, the
      // JSON target nothing): nothing is kept from starting, the wait is only weaker.
      const ecs = ctx.ir()?.ecs?.services;
      const [mine, theirs] = [ecs?.[name]?.task, ecs?.[target]?.task];
      if (mine !== undefined && theirs !== undefined && mine !== theirs) {
        ctx.report(
          `services.${name}.depends_on.${target} waits for service_healthy, but ${why}, and ${target} runs in another ECS task ("${theirs}"), where ECS reads no image HEALTHCHECK either: nothing makes ${name} wait until ${target} is healthy as under compose; add services.${target}.healthcheck (the CloudFormation stack then waits for ${target}'s deployment to be healthy before ${name}'s) or use service_started`,
          ['services', name, 'depends_on', target],
          { severity: 'warning' },
        );
        continue;
      }
      ctx.report(
        `services.${name}.depends_on.${target} waits for service_healthy, but ${why}: the container can never become healthy (an image HEALTHCHECK does not count on ECS); add services.${target}.healthcheck or use service_started`,
        ['services', name, 'depends_on', target],
      );
    }
  },
};

/**
 * 05-services depends_on: "service_completed_successfully specifies that a dependency is
 * expected to run to successful completion before starting a dependent service". A service
 * that is started again whenever it exits never completes: under compose the dependent never
 * starts. On ECS a SUCCESS dependency would also keep the target from being essential, so the
 * task definition waits for it to start instead (src/passes/dependencies.ts).
 */
export const dependencyNeverCompletes: Rule = {
  ...ruleCode('DEPENDENCY_NEVER_COMPLETES'),
  check(project, ctx) {
    for (const { name, target, other } of waitsWith(project, 'service_completed_successfully')) {
      const why = neverCompletes(other);
      if (!why) continue;
      const ecs = ctx.target === 'ecs' || ctx.target === 'cloudformation' ? '; the task definition waits for it to start instead (START)' : '';
      ctx.report(
        `services.${name}.depends_on.${target} waits for ${target} to complete successfully, but ${target} never completes (${why}: it is started again whenever it exits), so ${name} would never start under docker compose up${ecs}; wait with service_started or service_healthy, or give ${target} restart: "no" if it is a one-shot`,
        ['services', name, 'depends_on', target, 'condition'],
      );
    }
  },
};
