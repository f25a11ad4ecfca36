/**
 * The one compile pipeline: load → migrate (x-aws-*, ecs-params.yml) → passes (the neutral
 * core; the ECS layer where the target reads it) → rules → backend. `convert`, `validate`,
 * `explain` and the CLI commands are thin callers of `compile`, so that two entry points can
 * never disagree about a file: `validate --target T` is `convert --target T` without writing.
 */
import type { Diagnostic } from './diagnostics/types.js';
import { Reporter, hasErrors, makeDiagnostic } from './diagnostics/report.js';
import { loadProject } from './loader/load-project.js';
import type { InMemoryFile, LoadProjectOptions } from './loader/options.js';
import { buildEcsLayer, buildIR, type PassOptions } from './passes/index.js';
import type { Backend, BackendOptions, Output } from './backends/backend.js';
import type { Project } from './model/project.js';
import type { IR } from './ir/ir.js';
import { runRules, type RulesResult } from './rules/runner.js';
import { withoutFollowOns } from './diagnostics/follow-on.js';
import { migrationSettings } from './migrate.js';
import { checkBackendOptions, type OptionDeclarations } from './backends/options.js';

/** The built-in backends, loaded only when they are the target. */
export type BuiltinTarget = 'ecs' | 'cloudformation' | 'kubernetes';

/** The built-in backends, each imported only when it is the target. */
export const BUILTIN_BACKENDS: Record<BuiltinTarget, () => Promise<Backend>> = {
  ecs: async () => (await import('./backends/ecs/index.js')).ecsBackend,
  cloudformation: async () => (await import('./backends/cloudformation/index.js')).cloudformationBackend,
  kubernetes: async () => (await import('./backends/kubernetes/index.js')).kubernetesBackend,
};

/**
 * The options each built-in backend declares (the same objects as its `options`), each
 * imported without the backend and only for its own target: `convert --help` lists them all,
 * the CLI checks `--set` with the target's. A convert to ECS runs no other backend's module
 * (bench/run.mjs checks it; issue 22).
 *
 * @example Object.keys(await BUILTIN_OPTIONS.cloudformation()) // ['format']
 */
export const BUILTIN_OPTIONS: Readonly<Record<BuiltinTarget, () => Promise<OptionDeclarations>>> = {
  ecs: async () => (await import('./backends/ecs/options.js')).ECS_OPTIONS,
  cloudformation: async () => (await import('./backends/cloudformation/options.js')).CLOUDFORMATION_OPTIONS,
  kubernetes: async () => (await import('./backends/kubernetes/options.js')).OPTIONS,
};

/** Everything a compile reads: the loader's options, the passes', the target and its options. */
export interface CompileOptions extends LoadProjectOptions, PassOptions {
  /** The target; without one, everything target-independent runs (x-ecs included) and nothing is emitted. */
  target?: BuiltinTarget | Backend | undefined;
  /** Options for the backend (`--set key=value`, `--format`). */
  backendOptions?: BackendOptions | undefined;
  /** An ecs-cli `ecs-params.yml` to migrate (`--ecs-params`), by path or in memory. */
  ecsParams?: string | InMemoryFile | undefined;
  /** Codes to turn off, like `x-compose2ecs: { disable: [...] }` in the compose file. */
  disable?: readonly string[] | undefined;
}

/** What a compile found and made. */
export interface CompileResult {
  /** The normalized project, when one could be loaded. */
  project?: Project;
  /** The IR the backend read, when the project got that far. */
  ir?: IR;
  /** The emitted documents; empty when there are errors or no target. */
  outputs: Output[];
  /** What the backend emitted, errors or not (for `explain`, which shows what could be compiled). */
  emitted: Output[];
  /** Every finding of every stage, in stage order. */
  diagnostics: Diagnostic[];
}

/**
 * Runs the whole pipeline once. Never throws on user input.
 *
 * @example
 * const { outputs, diagnostics } = await compile({ files: ['compose.yaml'], target: 'ecs' });
 */
export async function compile(options: CompileOptions): Promise<CompileResult> {
  const loaded = await loadProject(options);
  const reporter = new Reporter();
  const backend = options.target === undefined ? undefined : await resolveBackend(options.target, reporter);
  const backendOptions = backend ? checkedOptions(backend, options.backendOptions ?? {}, reporter) : undefined;
  const project = loaded.project;
  if (!project) return finish(undefined, undefined, loaded.diagnostics, { passes: reporter.diagnostics, rules: await runRules(undefined, { options, disable: options.disable }), backend: [] });

  let ir: IR | undefined;
  let emitted: Output[] = [];
  let rules: RulesResult | undefined;
  const fromBackend: Diagnostic[] = [];
  try {
    // Without a target, x-ecs is still checked (it is part of the file), and the ECS layer is
    // built for the rules that read it, but what it says about tasks is not this run's concern.
    const ecs = backend ? (backend.layers ?? []).includes('ecs') : options.target === undefined;
    const quiet = backend ? undefined : new Reporter();
    const migrated = ecs ? await migrationSettings(project, reporter, options, quiet) : {};
    if (!ecs && options.ecsParams !== undefined) {
      reporter.warn('OPTION_IGNORED', `the ecs-params file is read for targets that use ECS settings (ecs, cloudformation); the ${backend?.name ?? 'validate'} run ignores it`);
    }
    // Like the loader's, errors of the ecs-params file stop the run before the passes.
    if (hasErrors(reporter.diagnostics)) return finish(project, undefined, loaded.diagnostics, { passes: reporter.diagnostics, backend: [] });
    ir = buildIR(project, reporter, { ...options, ...migrated, platform: 'other' });
    if (ecs) ir.ecs = buildEcsLayer(ir, reporter, { ...options, ...migrated, platform: 'ecs' }, quiet);
    const built = ir;
    rules = await runRules(project, { options, target: backend?.name, disable: options.disable, ir: () => built, backendCodes: Object.keys(backend?.codes ?? {}) });
    // Options the backend does not declare leave it unrun: it would only guess what was meant.
    if (backend && backendOptions) {
      const result = await backend.emit(ir, backendOptions);
      if (!result || !Array.isArray(result.outputs) || !Array.isArray(result.diagnostics)) {
        reporter.error('BACKEND_FAILED', `the ${backend.name} backend returned no { outputs, diagnostics }`);
      } else {
        emitted = result.outputs;
        fromBackend.push(...result.diagnostics);
      }
    }
  } catch (e) {
    reporter.error('INTERNAL_ERROR', `internal error in compose2ecs (please report it): ${(e as Error)?.stack ?? String(e)}`);
  }
  return finish(project, ir, loaded.diagnostics, { passes: reporter.diagnostics, ...(rules ? { rules } : {}), backend: fromBackend }, emitted);
}

/**
 * The findings in stage order, less the codes turned off, and less a pass's or backend's error
 * at a place where a rule already reported an error (IMAGE_BUILD_ONLY and the backend's "no
 * image" are one finding); the outputs only when nothing is an error.
 */
function finish(project: Project | undefined, ir: IR | undefined, loader: Diagnostic[], later: { passes: Diagnostic[]; rules?: RulesResult; backend: Diagnostic[] }, outputs: Output[] = []): CompileResult {
  const rules = later.rules?.found ?? [];
  const taken = new Set(rules.flatMap((d) => (d.severity === 'error' && d.path !== undefined ? [d.path] : [])));
  const restated = (d: Diagnostic) => d.severity === 'error' && d.path !== undefined && within(d.path, taken);
  // A later stage's error where the loader already found one is that mistake seen again
  // (after `imgae: nginx`, "no image"): the loader's finding stands alone.
  const all = saidOnce([...loader, ...withoutFollowOns(loader, [...later.passes.filter((d) => !restated(d)), ...rules, ...later.backend.filter((d) => !restated(d))])]);
  const off = later.rules?.isOff;
  const diagnostics = off ? all.filter((d) => !off(d)) : all;
  const result: CompileResult = { outputs: hasErrors(diagnostics) ? [] : outputs, emitted: outputs, diagnostics };
  if (project) result.project = project;
  if (ir) result.ir = ir;
  return result;
}

/**
 * The findings less repeats of one already listed: the same code, severity, words and place
 * (a backend that looks at one compose key once per target group or per task says it once).
 * The place is the path (one path is one place of the merged model); line and column are not
 * read, since reading them makes each finding's position. A large project has tens of
 * thousands of findings: a text key of each, with its words and position, held ~14 MB at the
 * end of a 5,000-service run, and a list of the words at each place was quadratic where one
 * place has a finding per task (~1 s).
 */
function saidOnce(diagnostics: Diagnostic[]): Diagnostic[] {
  // The words said at each code, severity and path: one text, or a set once a place has several
  // (a finding per task at one top-level key: 5,000 at x-ecs.task_role_arn in the bench).
  const seen = new Map<string, string | Set<string>>();
  return diagnostics.filter((d) => {
    const key = `${d.code}\u0000${d.severity}\u0000${d.path ?? ''}`;
    const said = seen.get(key);
    if (said === undefined) {
      seen.set(key, d.message);
      return true;
    }
    if (typeof said === 'string') {
      if (said === d.message) return false;
      seen.set(key, new Set([said, d.message]));
      return true;
    }
    if (said.has(d.message)) return false;
    said.add(d.message);
    return true;
  });
}

/**
 * True when `pointer` is a place in `taken`, or inside one that is below a service's key (a
 * rule's error at depends_on.db covers the pass's at depends_on.db.condition; one at a whole
 * service covers only itself).
 */
function within(pointer: string, taken: ReadonlySet<string>): boolean {
  if (taken.has(pointer)) return true;
  for (let p = pointer.lastIndexOf('/'); p > 0; p = pointer.lastIndexOf('/', p - 1)) {
    const parent = pointer.slice(0, p);
    if (parent.split('/').length > 3 && taken.has(parent)) return true;
  }
  return false;
}

/**
 * The options as the backend declares them (typed, defaults filled in), or undefined after
 * reporting each one it does not take (BACKEND_OPTION_UNKNOWN) or whose value is not of its
 * type (BACKEND_OPTION_INVALID).
 */
function checkedOptions(backend: Backend, given: BackendOptions, reporter: Reporter): BackendOptions | undefined {
  const { options, problems } = checkBackendOptions(backend.name, backend.options, given);
  for (const p of problems) {
    if (p.kind === 'unknown') reporter.error('BACKEND_OPTION_UNKNOWN', p.message);
    else reporter.error('BACKEND_OPTION_INVALID', `backend option ${p.key}=${JSON.stringify(p.value)}: ${p.message}`);
  }
  return problems.length ? undefined : options;
}

async function resolveBackend(target: BuiltinTarget | Backend, reporter: Reporter): Promise<Backend | undefined> {
  if (typeof target !== 'string') return target;
  const load = Object.hasOwn(BUILTIN_BACKENDS, target) ? BUILTIN_BACKENDS[target] : undefined;
  if (!load) {
    reporter.error('BACKEND_NOT_FOUND', `unknown target "${String(target)}": use ecs, cloudformation, kubernetes or a backend module`);
    return undefined;
  }
  try {
    return await load();
  } catch (e) {
    reporter.diagnostics.push(makeDiagnostic('BACKEND_NOT_FOUND', 'error', `target ${target}: ${(e as Error)?.message ?? String(e)}`));
    return undefined;
  }
}
