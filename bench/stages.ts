/**
 * The compiler's stages, exported one by one for the benchmark. bench/run.mjs bundles this
 * file with esbuild (the same bundler tsup uses for dist/) so each stage can be timed on
 * its own; the public API exports only whole steps (loadProject, convert through `run`).
 */
export { readSource } from '../src/loader/read-source.js';
export { nodeHost } from '../src/loader/host-node.js';
export { defaultLimits } from '../src/loader/options.js';
export { Reporter } from '../src/diagnostics/report.js';
export { readYaml } from '../src/loader/yaml-read.js';
export { interpolateTree } from '../src/loader/interpolate.js';
export { checkSchema } from '../src/loader/schema-check.js';
export { resolveExtends } from '../src/loader/extends.js';
export { mergeCompose, withoutMergeTags } from '../src/loader/merge.js';
export { applyIncludes } from '../src/loader/include.js';
export { applyProfiles } from '../src/loader/profiles.js';
export { readEnvironment, readServiceEnvFiles } from '../src/loader/environment.js';
export { normalizeProject } from '../src/loader/normalize/index.js';
export { loadProject, mappings, prepareFile } from '../src/loader/load-project.js';
export { buildIR } from '../src/passes/index.js';
export { convert } from '../src/convert.js';
export { formatDiagnostics } from '../src/diagnostics/format.js';
export { ecsBackend } from '../src/backends/ecs/index.js';
export { cloudformationBackend } from '../src/backends/cloudformation/index.js';
export { kubernetesBackend } from '../src/backends/kubernetes/index.js';
/** The parser itself, for the floor (read + parse + JSON.stringify). */
export * as YAML from 'yaml';
