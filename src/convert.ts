import type { Diagnostic } from './diagnostics/types.js';
import { Reporter, hasErrors } from './diagnostics/report.js';
import { withoutFollowOns } from './diagnostics/follow-on.js';
import { loadProject } from './loader/load-project.js';
import type { LoadProjectOptions } from './loader/options.js';
import { buildIR, type PassOptions } from './passes/index.js';
import type { Backend, BackendOptions, Output } from './backends/backend.js';
import type { Project } from './model/project.js';
import type { EcsSettings } from './ir/ir.js';
import type { InMemoryFile } from './loader/options.js';
import { createPassContext } from './passes/context.js';
import { layer } from './passes/ecs-settings.js';
import { readXAws } from './passes/migrate-x-aws.js';
import { readSource } from './loader/read-source.js';
import { getOwn, setOwn } from './loader/own.js';

/** The built-in backends, loaded only when they are the target. */
export type BuiltinTarget = 'ecs' | 'cloudformation' | 'kubernetes';

/** The built-in backends, each imported only when it is the target. */
export const BUILTIN_BACKENDS: Record<BuiltinTarget, () => Promise<Backend>> = {
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
  /** An ecs-cli `ecs-params.yml` to migrate (`--ecs-params`), by path or in memory. */
  ecsParams?: string | InMemoryFile;
}

/** What `convert` returns: the documents to write, and every finding. */
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
      const ecs = options.target === 'ecs' || options.target === 'cloudformation';
      // For other targets the ECS passes still derive resources and layout, but their
      // ECS-only findings (task sizes, essential containers, links) are not the user's concern.
      const passReporter = ecs ? reporter : new Reporter();
      const ir = buildIR(project, passReporter, { ...options, ...(ecs ? await migrations(project, reporter, options) : {}), platform: ecs ? 'ecs' : 'other' });
      if (!ecs) reporter.diagnostics.push(...passReporter.diagnostics.filter((d) => !d.code.startsWith('ECS_')));
      const result = await backend.emit(ir, options.backendOptions ?? {});
      reporter.diagnostics.push(...(result.diagnostics ?? []));
      outputs = result.outputs ?? [];
    }
  } catch (e) {
    reporter.error('INTERNAL_ERROR', `internal error in compose2ecs (please report it): ${(e as Error)?.stack ?? String(e)}`);
  }
  const all = [...diagnostics, ...withoutFollowOns(diagnostics, reporter.diagnostics)];
  return { outputs: hasErrors(all) ? [] : outputs, diagnostics: all };
}

/**
 * Settings carried over from the retired tools, under the user's own x-ecs: Docker's ECS
 * integration (x-aws-* keys) first, then an ecs-params.yml, then options given directly.
 */
async function migrations(project: Project, reporter: Reporter, options: ConvertOptions): Promise<{ baseSettings: EcsSettings; baseServiceSettings: Record<string, EcsSettings> }> {
  const xaws = readXAws(createPassContext(project, reporter, options));
  let params: { project: EcsSettings; services: Record<string, EcsSettings> } | undefined;
  if (options.ecsParams) {
    const host = options.host ?? (await import('./loader/host-node.js')).nodeHost;
    const given = options.ecsParams;
    const path = host.resolve(host.cwd(), typeof given === 'string' ? given : given.path);
    const file = await readSource(
      typeof given === 'string' ? host : { ...host, readFile: async () => (typeof given.contents === 'string' ? new TextEncoder().encode(given.contents) : given.contents) },
      { path, what: 'ecs-params file' },
      reporter,
    );
    if (file) {
      const { readEcsParams } = await import('./passes/migrate-ecs-params.js');
      params = readEcsParams(file, reporter, { services: Object.keys(project.services) });
    }
  }
  const names = new Set([...Object.keys(xaws.services), ...Object.keys(params?.services ?? {}), ...Object.keys(options.baseServiceSettings ?? {})]);
  const baseServiceSettings: Record<string, EcsSettings> = {};
  for (const n of names) {
    setOwn(baseServiceSettings, n, layer(layer(getOwn(xaws.services, n) as EcsSettings | undefined, getOwn(params?.services, n) as EcsSettings | undefined), getOwn(options.baseServiceSettings, n) as EcsSettings | undefined));
  }
  return { baseSettings: layer(layer(xaws.project, params?.project), options.baseSettings), baseServiceSettings };
}

async function loadBuiltin(target: string, reporter: Reporter): Promise<Backend | undefined> {
  const load = Object.hasOwn(BUILTIN_BACKENDS, target) ? BUILTIN_BACKENDS[target as BuiltinTarget] : undefined;
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
