/**
 * Runs the validate rules over a project: each rule that is not turned off gets a context
 * that reports under its code, and the findings of turned-off codes are removed from the
 * loader's too. A code is turned off by `disable` (the API's option, the CLI's `--disable`)
 * or by the compose file itself: `x-compose2ecs: { disable: [CODE, …] }`.
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/types.js';
import type { Project } from '../model/project.js';
import type { IR } from '../ir/ir.js';
import { makeDiagnostic } from '../diagnostics/report.js';
import { locate } from '../core/source.js';
import { closestMatch } from '../core/edit-distance.js';
import { isMapping } from '../core/own.js';
import { modelPath, type PassOptions } from '../passes/context.js';
import type { Rule, RuleContext } from './rule.js';
import { RULES } from './index.js';
import { describeCode, knownCodes } from '../core/codes.js';

export interface RunRulesOptions {
  options: PassOptions;
  /** Name of the target of this run, if any. */
  target?: string | undefined;
  /** Codes turned off by the caller. */
  disable?: readonly string[] | undefined;
  /** The IR of this run (rules that read the ECS layer skip a run without one). */
  ir?: () => IR | undefined;
  /** Codes the target's backend declares (Backend.codes): they may be turned off too. */
  backendCodes?: readonly string[] | undefined;
}

/** What the rules found, and which findings of the whole run are turned off. */
export interface RulesResult {
  /** The rules' findings (turned-off ones included: `isOff` removes them with the rest). */
  found: Diagnostic[];
  /** True for a finding of a turned-off code: a warning or info of any code, an error only of a rule's code. */
  isOff(d: Diagnostic): boolean;
}

/** The top-level extension that configures validate from inside the compose file. */
export const CONFIG_KEY = 'x-compose2ecs';

/**
 * Every finding of the rules, and the test for findings of turned-off codes.
 *
 * @example
 * const { found, isOff } = await runRules(project, { options: {}, disable: ['IMAGE_UNPINNED'] });
 */
export async function runRules(project: Project | undefined, run: RunRulesOptions): Promise<RulesResult> {
  const found: Diagnostic[] = [];
  const disabled = new Set<string>();
  const backendCodes = new Set(run.backendCodes ?? []);
  const known = (code: string) => describeCode(code) !== undefined || backendCodes.has(code);
  for (const code of run.disable ?? []) {
    if (known(code)) disabled.add(code);
    else found.push(makeDiagnostic('RULE_UNKNOWN', 'warning', unknownCodeMessage(code, 'disable')));
  }
  if (project) {
    readConfig(project, disabled, found, known);
    for (const rule of RULES) {
      if (disabled.has(rule.code)) continue;
      const ctx: RuleContext = {
        options: run.options,
        target: run.target,
        report: (message, path, o = {}) => found.push(at(project, rule.code, o.severity ?? rule.severity, message, path, o.key)),
        ir: () => run.ir?.(),
      };
      await check(rule, project, ctx, found);
    }
  }
  return { found, isOff: (d) => disabled.has(d.code) && (d.severity !== 'error' || describeCode(d.code)?.rule === true) };
}

async function check(rule: Rule, project: Project, ctx: RuleContext, found: Diagnostic[]): Promise<void> {
  try {
    await rule.check(project, ctx);
  } catch (e) {
    // A rule that throws is a bug in us; the other rules still run.
    found.push(makeDiagnostic('INTERNAL_ERROR', 'error', `internal error in the ${rule.code} rule (please report it): ${(e as Error)?.stack ?? String(e)}`));
  }
}

function at(project: Project, code: DiagnosticCode, severity: Severity, message: string, path: readonly (string | number)[] | undefined, key: boolean | undefined): Diagnostic {
  const range = path ? locate(project, modelPath(path), key ? { key: true } : {}) : undefined;
  return makeDiagnostic(code, severity, message, range, path);
}

function unknownCodeMessage(code: string, where: string): string {
  const near = closestMatch(code, knownCodes());
  return `${where}: "${code}" is not a compose2ecs diagnostic code${near ? `; did you mean ${near}?` : ''}`;
}

/** Reads `x-compose2ecs: { disable: [CODE, …] }`; a malformed value is reported, never thrown. */
function readConfig(project: Project, disabled: Set<string>, found: Diagnostic[], known: (code: string) => boolean): void {
  const config = project.extensions[CONFIG_KEY];
  if (config === undefined || config === null) return;
  const report = (code: DiagnosticCode, message: string, path: (string | number)[], key = false) => found.push(at(project, code, 'warning', message, [CONFIG_KEY, ...path], key));
  if (!isMapping(config)) {
    report('COMPOSE_INVALID_VALUE', `${CONFIG_KEY} must be a mapping such as { disable: [IMAGE_UNPINNED] }; it is ignored`, []);
    return;
  }
  for (const key of Object.keys(config)) {
    if (key !== 'disable' && !key.startsWith('x-')) report('COMPOSE_UNKNOWN_KEY', `${CONFIG_KEY}.${key} is not a compose2ecs setting (known: disable); it is ignored`, [key], true);
  }
  const list = config.disable;
  if (list === undefined || list === null) return;
  const codes = typeof list === 'string' ? [list] : list;
  if (!Array.isArray(codes)) {
    report('COMPOSE_INVALID_VALUE', `${CONFIG_KEY}.disable must be a list of diagnostic codes; it is ignored`, ['disable']);
    return;
  }
  codes.forEach((code: unknown, i) => {
    const path = typeof list === 'string' ? ['disable'] : ['disable', i];
    if (typeof code !== 'string') report('COMPOSE_INVALID_VALUE', `${CONFIG_KEY}.disable[${i}] must be a diagnostic code such as IMAGE_UNPINNED`, path);
    else if (!known(code)) found.push(at(project, 'RULE_UNKNOWN', 'warning', unknownCodeMessage(code, `${CONFIG_KEY}.disable`), [CONFIG_KEY, ...path], false));
    else disabled.add(code);
  });
}
