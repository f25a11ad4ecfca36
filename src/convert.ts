/**
 * `convert`: the compile pipeline with a target (ecs when none is given), for its documents.
 */
import type { Diagnostic } from './diagnostics/types.js';
import { compile, type CompileOptions } from './compile.js';
import type { Output } from './backends/backend.js';

export { BUILTIN_BACKENDS, type BuiltinTarget } from './compile.js';

/**
 * What `convert` reads: the compile options, with the target `ecs` when none is given.
 */
export type ConvertOptions = CompileOptions;

/** What `convert` returns: the documents to write, and every finding. */
export interface ConvertResult {
  /** The emitted documents; empty when there are errors. */
  outputs: Output[];
  diagnostics: Diagnostic[];
}

/**
 * Compiles compose files into a backend's documents. Without `target`, the ECS backend (as
 * the CLI's `convert`).
 *
 * @example
 * const { outputs, diagnostics } = await convert({ files: ['compose.yaml'], target: 'ecs', layout: 'service' });
 * for (const o of outputs) await writeFile(o.path, o.contents);
 */
export async function convert(options: ConvertOptions): Promise<ConvertResult> {
  const { outputs, diagnostics } = await compile({ ...options, target: options.target ?? 'ecs' });
  return { outputs, diagnostics };
}
