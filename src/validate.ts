import type { Diagnostic } from './diagnostics/types.js';
import { Reporter, makeDiagnostic } from './diagnostics/report.js';
import { loadProject } from './loader/load-project.js';
import type { LoadProjectOptions } from './loader/options.js';
import type { Project } from './model/project.js';
import { buildIR, type PassOptions } from './passes/index.js';
import type { Backend, BackendOptions } from './backends/backend.js';
import { BUILTIN_BACKENDS, type BuiltinTarget } from './convert.js';
import { runRules } from './rules/runner.js';

/**
 * What `validate` checks: the same inputs as loadProject, the pass options convert would use,
 * and optionally a target whose dropped fields are reported too.
 */
export interface ValidateOptions extends LoadProjectOptions, PassOptions {
  /** Also report what this target would drop (ECS_UNSUPPORTED_FIELD, …) and the errors that would stop convert to it (ECS_INVALID, …). */
  target?: BuiltinTarget | Backend;
  /** Options for the target's backend, as for convert. */
  backendOptions?: BackendOptions;
  /** Codes to turn off, like `x-compose2ecs: { disable: [...] }` in the compose file. */
  disable?: readonly string[];
}

/** What `validate` returns: every finding, loader and rules alike. */
export interface ValidateResult {
  diagnostics: Diagnostic[];
}

/**
 * Checks compose files for CI: the loader's findings plus the validate rules (src/rules), each
 * with a code that `disable` turns off. Never throws on user input.
 *
 * @example
 * const { diagnostics } = await validate({ files: ['compose.yaml'], target: 'ecs', disable: ['IMAGE_UNPINNED'] });
 * if (diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
 */
export async function validate(options: ValidateOptions = {}): Promise<ValidateResult> {
  const { project, diagnostics } = await loadProject(options);
  const extra: Diagnostic[] = [];
  let backend: Backend | undefined;
  if (options.target !== undefined) {
    backend = await resolveBackend(options.target, extra);
  }
  try {
    const found = await runRules(project, diagnostics, {
      options,
      target: typeof options.target === 'string' ? options.target : options.target?.name,
      disable: options.disable,
      ...(backend && project ? { targetDiagnostics: () => runTarget(backend, project, options, extra) } : {}),
    });
    return { diagnostics: [...found, ...extra] };
  } catch (e) {
    return { diagnostics: [...diagnostics, ...extra, internalError(e)] };
  }
}

async function resolveBackend(target: BuiltinTarget | Backend, into: Diagnostic[]): Promise<Backend | undefined> {
  if (typeof target !== 'string') return target;
  const load = Object.hasOwn(BUILTIN_BACKENDS, target) ? BUILTIN_BACKENDS[target] : undefined;
  if (!load) {
    into.push(makeDiagnostic('BACKEND_NOT_FOUND', 'error', `unknown target "${String(target)}": use ecs, cloudformation, kubernetes or a backend module`));
    return undefined;
  }
  try {
    return await load();
  } catch (e) {
    into.push(makeDiagnostic('BACKEND_NOT_FOUND', 'error', `target ${target}: ${(e as Error)?.message ?? String(e)}`));
    return undefined;
  }
}

/** Everything the passes and the backend report for the project; a failing backend is reported in `into`. */
async function runTarget(backend: Backend, project: Project, options: ValidateOptions, into: Diagnostic[]): Promise<Diagnostic[]> {
  const reporter = new Reporter();
  try {
    const ir = buildIR(project, reporter, options);
    const result = await backend.emit(ir, options.backendOptions ?? {});
    return [...reporter.diagnostics, ...(Array.isArray(result?.diagnostics) ? result.diagnostics : [])];
  } catch (e) {
    into.push(internalError(e));
    return reporter.diagnostics;
  }
}

function internalError(e: unknown): Diagnostic {
  return makeDiagnostic('INTERNAL_ERROR', 'error', `internal error in compose2ecs (please report it): ${(e as Error)?.stack ?? String(e)}`);
}
