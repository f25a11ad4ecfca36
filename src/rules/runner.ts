/**
 * Runs the validate rules over a project: each rule that is not turned off gets a context
 * that reports under its code, and the findings of turned-off codes are removed from the
 * loader's too. A code is turned off by `disable` (the API's option, the CLI's `--disable`)
 * or by the compose file itself: `x-compose2ecs: { disable: [CODE, …] }`.
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/types.js';
import type { Project } from '../model/project.js';
import type { IR } from '../ir/ir.js';
import { Reporter, makeDiagnostic } from '../diagnostics/report.js';
import { locate } from '../loader/source.js';
import { closestMatch } from '../loader/edit-distance.js';
import { isMapping } from '../loader/own.js';
import { modelPath, type PassOptions } from '../passes/context.js';
import { buildIR } from '../passes/index.js';
import type { Rule, RuleContext } from './rule.js';
import { RULES } from './index.js';
import { describeCode, knownCodes } from './catalog.js';
import { withoutFollowOns } from '../diagnostics/follow-on.js';

export interface RunRulesOptions {
  options: PassOptions;
  /** Name of the target validate checks against, if any. */
  target?: string | undefined;
  /** Codes turned off by the caller. */
  disable?: readonly string[] | undefined;
  /** Runs the target's backend; its findings feed the target rules. */
  targetDiagnostics?: () => Promise<readonly Diagnostic[]>;
}

/** The top-level extension that configures validate from inside the compose file. */
export const CONFIG_KEY = 'x-compose2ecs';

/**
 * Every finding of the rules, plus `loaderDiagnostics` without those of turned-off codes.
 *
 * @example
 * const diagnostics = await runRules(project, loaded.diagnostics, { options: {}, disable: ['IMAGE_UNPINNED'] });
 */
export async function runRules(project: Project | undefined, loaderDiagnostics: readonly Diagnostic[], run: RunRulesOptions): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  const disabled = new Set<string>();
  for (const code of run.disable ?? []) {
    if (describeCode(code)) disabled.add(code);
    else found.push(makeDiagnostic('RULE_UNKNOWN', 'warning', unknownCodeMessage(code, 'disable')));
  }
  if (project) readConfig(project, disabled, found);

  if (project) {
    let ir: IR | undefined | null = null;
    let target: Promise<readonly Diagnostic[]> | undefined;
    const targetDiagnostics = () => (target ??= run.targetDiagnostics ? run.targetDiagnostics() : Promise.resolve([]));
    for (const rule of RULES) {
      if (disabled.has(rule.code)) continue;
      const ctx: RuleContext = {
        options: run.options,
        target: run.target,
        report: (message, path, o = {}) => found.push(at(project, rule.code, o.severity ?? rule.severity, message, path, o.key)),
        pass: (d) => found.push(d),
        ir() {
          if (ir === null) ir = buildIR(project, new Reporter(), run.options);
          return ir;
        },
        targetDiagnostics,
      };
      await check(rule, project, ctx, found);
    }
    if (run.target !== undefined) found.push(...withoutFollowOns(loaderDiagnostics, targetErrors(await targetDiagnostics(), found)));
  }
  const off = (d: Diagnostic) => disabled.has(d.code) && (d.severity !== 'error' || describeCode(d.code)?.rule === true);
  return [...loaderDiagnostics.filter((d) => !off(d)), ...found.filter((d) => !off(d))];
}

const RULE_CODES: ReadonlySet<string> = new Set(RULES.map((r) => r.code));

/**
 * With a target, validate fails where convert would: the target's errors pass through, but for
 * those of a rule's code (that rule passes them) and those at a place where a rule already
 * reported an error (IMAGE_BUILD_ONLY and the backend's "no image" are one finding).
 */
function targetErrors(target: readonly Diagnostic[], found: readonly Diagnostic[]): Diagnostic[] {
  const taken = new Set(found.filter((d) => d.severity === 'error' && d.path !== undefined).map((d) => d.path));
  return target.filter((d) => d.severity === 'error' && !RULE_CODES.has(d.code) && (d.path === undefined || !taken.has(d.path)));
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
function readConfig(project: Project, disabled: Set<string>, found: Diagnostic[]): void {
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
    else if (!describeCode(code)) found.push(at(project, 'RULE_UNKNOWN', 'warning', unknownCodeMessage(code, `${CONFIG_KEY}.disable`), [CONFIG_KEY, ...path], false));
    else disabled.add(code);
  });
}
