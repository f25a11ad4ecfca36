/**
 * compose2ecs: compile Docker Compose files into ECS task definitions and services,
 * CloudFormation stacks and Kubernetes manifests.
 *
 * @example
 * import { loadProject, formatDiagnostics } from 'compose2ecs';
 * const { project, diagnostics } = await loadProject({ files: ['compose.yaml'], env: process.env });
 * process.stderr.write(formatDiagnostics(diagnostics));
 */
export { loadProject } from './loader/load-project.js';
export type { LoadProjectResult } from './loader/load-project.js';
export type { LoadProjectOptions, LoaderLimits, InMemoryFile } from './loader/options.js';
export { defaultLimits } from './loader/options.js';
export { validate } from './validate.js';
export type { ValidateOptions, ValidateResult } from './validate.js';
export { formatDiagnostics, sortDiagnostics } from './diagnostics/format.js';
export type { DiagnosticFormat, FormatOptions } from './diagnostics/format.js';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics/types.js';
export { memoryHost } from './loader/memory-host.js';
export type { Host } from './loader/host.js';
export { toComposeDocument } from './loader/compose-document.js';
export { locate } from './loader/source.js';
export type { SourceRange } from './loader/source.js';
export type * from './model/project.js';
export { run } from './cli/run.js';
export type { CliIO } from './cli/io.js';
