import type { Diagnostic } from './diagnostics/types.js';
import { Reporter, hasErrors } from './diagnostics/report.js';
import { loadProject } from './loader/load-project.js';
import type { LoadProjectOptions } from './loader/options.js';
import { buildIR, type PassOptions } from './passes/index.js';
import type { Backend, BackendOptions, Output } from './backends/backend.js';

/** The built-in backends, loaded only when they are the target. */
export type BuiltinTarget = 'ecs' | 'cloudformation' | 'kubernetes';

const BUILTIN: Record<BuiltinTarget, () => Promise<Backend>> = {
  ecs: async () => (await import('./backends/ecs/index.js')).ecsBackend,
  cloudformation: async () => (await import('./backends/cloudformation/index.js')).cloudformationBackend,
  kubernetes: async () => (await import('./backends/kubernetes/index.js')).kubernetesBackend,
};

/**
 * What `convert` reads (the loadProject options), how the passes lay the project out, and
 * which backend emits it.
 */
export interface ConvertOptions extends LoadProjectOptions, PassOptions {
  target: BuiltinTarget | Backend;
  /** Options for the backend (`--set key=value`, `--format`). */
  backendOptions?: BackendOptions;
}

export interface ConvertResult {
  /** The emitted documents; empty when there are errors. */
  outputs: Output[];
  diagnostics: Diagnostic[];
}

/**
 * Compiles compose files into a backend's documents.
 *
 * @example
 * const { outputs, diagnostics } = await convert({ files: ['compose.yaml'], target: 'ecs', layout: 'service' });
 * for (const o of outputs) await writeFile(o.path, o.contents);
 */
export async function convert(options: ConvertOptions): Promise<ConvertResult> {
  const { project, diagnostics } = await loadProject(options);
  if (!project) return { outputs: [], diagnostics };
  const reporter = new Reporter();
  let outputs: Output[] = [];
  try {
    const backend = typeof options.target === 'string' ? await loadBuiltin(options.target, reporter) : options.target;
    if (backend) {
      const ir = buildIR(project, reporter, options);
      const result = await backend.emit(ir, options.backendOptions ?? {});
      reporter.diagnostics.push(...(result.diagnostics ?? []));
      outputs = result.outputs ?? [];
    }
  } catch (e) {
    reporter.error('INTERNAL_ERROR', `internal error in compose2ecs (please report it): ${(e as Error)?.stack ?? String(e)}`);
  }
  const all = [...diagnostics, ...reporter.diagnostics];
  return { outputs: hasErrors(all) ? [] : outputs, diagnostics: all };
}

async function loadBuiltin(target: string, reporter: Reporter): Promise<Backend | undefined> {
  const load = Object.hasOwn(BUILTIN, target) ? BUILTIN[target as BuiltinTarget] : undefined;
  if (!load) {
    reporter.error('BACKEND_NOT_FOUND', `unknown target "${target}": use ecs, cloudformation, kubernetes or a backend module`);
    return undefined;
  }
  try {
    return await load();
  } catch (e) {
    reporter.error('BACKEND_NOT_FOUND', `target ${target}: ${(e as Error).message}`);
    return undefined;
  }
}
