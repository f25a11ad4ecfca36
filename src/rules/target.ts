/**
 * Fields the chosen `--target` drops. The backend is the authority on what it maps and
 * reports these findings itself in every run with that target; the rules name the codes so
 * that `--disable` and x-compose2ecs can turn them off, and `--help` lists them.
 */
import type { DiagnosticCode } from '../diagnostics/types.js';
import { ruleCode, type Rule } from './rule.js';

function fromTarget(code: DiagnosticCode): Rule {
  return {
    ...ruleCode(code),
    source: 'backend',
    check() {},
  };
}

export const ecsUnsupported = fromTarget('ECS_UNSUPPORTED_FIELD');
export const ecsLaunchTypeRule = fromTarget('ECS_LAUNCH_TYPE_RULE');
export const cfnUnsupported = fromTarget('CFN_UNSUPPORTED_FIELD');
export const cfnOpenPort = fromTarget('CFN_OPEN_PORT');
export const k8sUnsupported = fromTarget('K8S_UNSUPPORTED_FIELD');
