/**
 * A validate rule: a small named object with the code it reports, its default severity, one
 * line of docs (shown by `--help`, in docs/cli.md and as SARIF rule metadata) and a check.
 * `compose2ecs validate` runs every rule that is not turned off (`--disable CODE` or
 * `x-compose2ecs: { disable: [CODE] }`) through one runner (runner.ts).
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/types.js';
import { CODES } from '../core/codes.js';
import type { Project } from '../model/project.js';
import type { IR } from '../ir/ir.js';
import type { PassOptions } from '../passes/context.js';

/** What a rule sees besides the project. */
export interface RuleContext {
  /** The run's pass options (--layout, --launch-type, …), as convert would use them. */
  readonly options: PassOptions;
  /** The target validate was asked about (`--target`), if any. */
  readonly target: string | undefined;
  /**
   * Reports at the value `path` of the project as the user wrote it
   * (`['services', 'web', 'ports', 0]`); `key: true` points at the key instead.
   */
  report(message: string, path?: readonly (string | number)[], options?: { severity?: Severity; key?: boolean }): void;
  /** The IR of this run; its ECS layer only where the target reads it (or without a target). */
  ir(): IR | undefined;
}

/**
 * @example
 * export const imageUnpinned: Rule = {
 *   code: 'IMAGE_UNPINNED', severity: 'warning', docs: 'an image without a tag, or tagged latest',
 *   check(project, ctx) { … ctx.report('services.web.image has no tag', ['services', 'web', 'image']) },
 * };
 */
export interface Rule {
  code: DiagnosticCode;
  severity: Severity;
  /** One line: what the rule finds and why it matters. */
  docs: string;
  /** Who reports it: the rule's check, or the loader, a core pass or the target's backend (the rule only documents it, so that --disable can turn it off). */
  source?: 'rule' | 'loader' | 'pass' | 'backend';
  check(project: Project, ctx: RuleContext): void | Promise<void>;
}

/**
 * A rule's code with the docs and default severity the code table (src/core/codes.ts) gives it.
 *
 * @example
 * export const imageUnpinned: Rule = { ...ruleCode('IMAGE_UNPINNED'), check(project, ctx) { … } };
 */
export function ruleCode(code: DiagnosticCode): { code: DiagnosticCode; severity: Severity; docs: string } {
  const info = CODES[code];
  return { code, severity: info.severity ?? 'warning', docs: info.docs };
}
