/** Rules about depends_on: unknown targets, cycles, and waiting for a health check nobody runs. */
import type { Rule } from './rule.js';
import { checkDependencyCycles } from '../passes/dependency-cycles.js';
import { createPassContext } from '../passes/context.js';
import { Reporter } from '../diagnostics/report.js';
import { ownValue } from '../loader/own.js';

/** The loader reports it (with the names it knows and profile-disabled services told apart). */
export const unknownReference: Rule = {
  code: 'REFERENCE_UNKNOWN',
  severity: 'error',
  docs: 'depends_on (or links, volumes_from, networks, secrets, configs) names something the project does not define',
  source: 'loader',
  check() {},
};

export const dependencyCycle: Rule = {
  code: 'DEPENDENCY_CYCLE',
  severity: 'error',
  docs: 'depends_on goes round in a circle: docker compose refuses the project and ECS could start none of the containers on it',
  check(project, ctx) {
    const reporter = new Reporter();
    checkDependencyCycles(createPassContext(project, reporter, ctx.options));
    for (const d of reporter.diagnostics) ctx.pass(d);
  },
};

/** True when the service runs a health check of its own (an image's HEALTHCHECK is invisible to ECS). */
function hasHealthcheck(test: string[] | undefined, disable: boolean | undefined): boolean {
  if (disable) return false;
  if (!test || test.length === 0) return false;
  return test[0] !== 'NONE';
}

export const healthcheckMissing: Rule = {
  code: 'HEALTHCHECK_MISSING',
  severity: 'error',
  docs: 'depends_on with condition service_healthy on a service that defines no healthcheck: ECS needs the container health check in the task definition to wait for HEALTHY',
  check(project, ctx) {
    for (const [name, svc] of Object.entries(project.services)) {
      for (const [target, dep] of Object.entries(svc.depends_on ?? {})) {
        if (dep.condition !== 'service_healthy') continue;
        const other = ownValue(project.services, target);
        if (!other) continue; // REFERENCE_UNKNOWN
        const hc = other.healthcheck;
        const ecsHealthcheck = (other.extensions['x-ecs'] as { healthcheck?: { command?: unknown } } | undefined)?.healthcheck?.command;
        if (hasHealthcheck(hc?.test, hc?.disable) || ecsHealthcheck) continue;
        const why = hc?.disable || hc?.test?.[0] === 'NONE' ? 'its healthcheck is disabled' : 'it defines no healthcheck';
        ctx.report(
          `services.${name}.depends_on.${target} waits for service_healthy, but ${why}: the container can never become healthy (an image HEALTHCHECK does not count on ECS); add services.${target}.healthcheck or use service_started`,
          ['services', name, 'depends_on', target],
        );
      }
    }
  },
};
