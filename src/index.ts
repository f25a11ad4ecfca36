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
export type { Diagnostic, DiagnosticCode, BackendCode, Severity } from './diagnostics/types.js';
export { Reporter } from './diagnostics/report.js';
export { memoryHost } from './loader/memory-host.js';
export type { Host } from './loader/host.js';
export { toComposeDocument } from './loader/compose-document.js';
export { locate } from './core/source.js';
export type { SourceRange } from './core/source.js';
export type * from './model/project.js';
export { defineBackend, stableJson, sortKeys, jsonOutput, outputWithValueOnDemand } from './backends/backend.js';
export type { Backend, BackendOptions, EmitResult, Output, IRLayer } from './backends/backend.js';
export type { OptionDeclaration, OptionDeclarations, OptionType } from './backends/options.js';
export { runFieldTable, reporter } from './backends/kit.js';
export type { FieldMapping, FieldTarget, Report, Where } from './backends/kit.js';
export { ecsView } from './ir/ir.js';
export type {
  IR,
  EcsIR,
  EcsLayer,
  Workload,
  WorkloadKind,
  WorkloadResources,
  WorkloadNetwork,
  WorkloadPort,
  WorkloadDependency,
  Sourced,
  WrittenPath,
  ServiceFacts,
  Task,
  ContainerResources,
  ContainerDependency,
  EcsSettings,
  Layout,
  LaunchType,
  NetworkMode,
} from './ir/ir.js';
export { compile } from './compile.js';
export type { CompileOptions, CompileResult } from './compile.js';
export type { PassOptions } from './passes/context.js';
export { buildIR } from './passes/index.js';
export { ecsBackend } from './backends/ecs/index.js';
export { cloudformationBackend } from './backends/cloudformation/index.js';
export { kubernetesBackend } from './backends/kubernetes/index.js';
export { FARGATE_SIZES, fargateSize } from './passes/fargate-size.js';
export { deploymentDiagram, toMermaid, toSvg } from './diagram/index.js';
export type { DiagramInput, DiagramDocument } from './diagram/index.js';
export type * from './diagram/model.js';
export { run } from './cli/run.js';
export type { CliIO } from './cli/io.js';
