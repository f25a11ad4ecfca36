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
export { convert } from './convert.js';
export type { ConvertOptions, ConvertResult, BuiltinTarget } from './convert.js';
export { validate } from './validate.js';
export type { ValidateOptions, ValidateResult } from './validate.js';
export { formatDiagnostics, sortDiagnostics } from './diagnostics/format.js';
export type { DiagnosticFormat, FormatOptions } from './diagnostics/format.js';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics/types.js';
export { memoryHost } from './loader/memory-host.js';
export type { Host } from './loader/host.js';
export { toComposeDocument } from './loader/compose-document.js';
export { locate } from './core/source.js';
export type { SourceRange } from './core/source.js';
export type * from './model/project.js';
export { defineBackend, stableJson, sortKeys } from './backends/backend.js';
export type { Backend, BackendOptions, EmitResult, Output } from './backends/backend.js';
export type { OptionDeclaration, OptionDeclarations, OptionType } from './backends/options.js';
export type { IR, ServiceFacts, Task, ContainerResources, ContainerDependency, EcsSettings, Layout, LaunchType, NetworkMode } from './ir/ir.js';
export type { PassOptions } from './passes/context.js';
export { buildIR } from './passes/index.js';
export { ecsBackend } from './backends/ecs/index.js';
export { cloudformationBackend } from './backends/cloudformation/index.js';
export { kubernetesBackend } from './backends/kubernetes/index.js';
export { FARGATE_SIZES, fargateSize } from './passes/fargate-size.js';
export { run } from './cli/run.js';
export type { CliIO } from './cli/io.js';
