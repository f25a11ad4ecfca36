/**
 * Fields the chosen `--target` would drop. The backend is the authority on what it maps, so
 * these rules run it (through the same passes as convert) and pass on its findings.
 */
import type { DiagnosticCode } from '../diagnostics/types.js';
import type { Rule } from './rule.js';

function fromTarget(code: DiagnosticCode, docs: string): Rule {
  return {
    code,
    severity: 'warning',
    docs,
    async check(_project, ctx) {
      if (ctx.target === undefined) return;
      for (const d of await ctx.targetDiagnostics()) if (d.code === code) ctx.pass(d);
    },
  };
}

export const ecsUnsupported = fromTarget('ECS_UNSUPPORTED_FIELD', 'with --target ecs: a compose field that has no ECS meaning and is not carried into the task definition or service');
export const ecsLaunchTypeRule = fromTarget('ECS_LAUNCH_TYPE_RULE', 'with --target ecs: a field left out or trimmed because the launch type or network mode does not allow it (Fargate, awsvpc)');
export const cfnUnsupported = fromTarget('CFN_UNSUPPORTED_FIELD', 'with --target cloudformation: a compose field the stack does not carry');
export const cfnOpenPort = fromTarget('CFN_OPEN_PORT', 'with --target cloudformation: the stack opens a remote-shell or database port (22, 1433, 3306, 3389, 5432, 6379, 27017) to anyone, such as a published 5432 behind a Network Load Balancer');
export const k8sUnsupported = fromTarget('K8S_UNSUPPORTED_FIELD', 'with --target kubernetes: a compose field the manifests do not carry');
