/**
 * `validate`: the compile pipeline without writing anything, for its findings. With a target
 * it is exactly `convert` to that target; without one, everything target-independent runs
 * (the loader, x-ecs, the core passes and the rules).
 */
import type { Diagnostic } from './diagnostics/types.js';
import { compile, type CompileOptions } from './compile.js';

/** What `validate` checks: the compile options; the target is optional. */
export type ValidateOptions = CompileOptions;

/** What `validate` returns: every finding, loader and rules alike. */
export interface ValidateResult {
  diagnostics: Diagnostic[];
}

/**
 * Checks compose files for CI: the loader's findings, the passes', the validate rules'
 * (src/rules, each with a code that `disable` turns off) and, with a target, the backend's.
 * Never throws on user input.
 *
 * @example
 * const { diagnostics } = await validate({ files: ['compose.yaml'], target: 'ecs', disable: ['IMAGE_UNPINNED'] });
 * if (diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
 */
export async function validate(options: ValidateOptions = {}): Promise<ValidateResult> {
  const { diagnostics } = await compile(options);
  return { diagnostics };
}
