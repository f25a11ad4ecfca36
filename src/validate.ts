import type { Diagnostic } from './diagnostics/types.js';
import { loadProject } from './loader/load-project.js';
import type { LoadProjectOptions } from './loader/options.js';

/** What `validate` checks: the same inputs as loadProject. */
export type ValidateOptions = LoadProjectOptions;

export interface ValidateResult {
  diagnostics: Diagnostic[];
}

/**
 * Checks compose files and returns every finding, for CI.
 *
 * @example
 * const { diagnostics } = await validate({ files: ['compose.yaml'] });
 * if (diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1;
 */
export async function validate(options: ValidateOptions = {}): Promise<ValidateResult> {
  const { diagnostics } = await loadProject(options);
  return { diagnostics };
}
