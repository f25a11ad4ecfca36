/**
 * `compose2ecs diagram`: the deployment diagram of the converted project — tasks, services,
 * listeners and rules, target groups, networks and security groups, Service Connect names,
 * jobs — as Mermaid (GitHub renders it) or SVG. It compiles exactly as `convert` does, with the
 * same flags, findings and exit codes; `convert --diagram FILE` writes the same picture.
 */
import { flagValue, formatFlags, UsageError, type FlagSpec } from '../args.js';
import type { CliIO } from '../io.js';
import { DIAGNOSTIC_FORMATS, VERBOSE_FLAG, cwdOf, exitCode, hostOf, loadOptions, printDiagnostics, projectFlags, parseCommand } from '../common.js';
import { compileFlags, compileOptions, targetFlag } from '../compile-flags.js';
import { compile, type CompileResult } from '../../compile.js';
import { deploymentDiagram, toMermaid, toSvg } from '../../diagram/index.js';
import type { DiagnosticFormat } from '../../diagnostics/format.js';

/** The picture's formats: Mermaid text, or a standalone SVG. */
export type DiagramFormat = 'mermaid' | 'svg';

const flags: FlagSpec[] = [
  ...projectFlags,
  { ...targetFlag, help: `${targetFlag.help} (default ecs)` },
  ...compileFlags,
  { name: 'format', value: true, choices: ['mermaid', 'svg'], placeholder: 'FORMAT', help: 'mermaid (default: a flowchart GitHub renders) or svg (a standalone picture)' },
  { name: 'diagnostics-format', value: true, choices: DIAGNOSTIC_FORMATS, placeholder: 'FORMAT', help: 'format of the findings on standard error (default text)' },
  VERBOSE_FLAG,
  { name: 'strict', help: 'treat warnings as errors' },
];

export const diagramHelp = `Usage: compose2ecs diagram [OPTIONS]

Draw the deployment of the compose project as the target would run it: tasks (or
Kubernetes workloads) and their containers, ECS services, jobs, load balancer listeners
and rules, target groups, networks and security groups, Service Connect names. Compiles
as convert does (same flags, findings and exit codes) and prints the diagram to standard
output: Mermaid by default (paste it into a \`\`\`mermaid block on GitHub), or SVG.
convert --diagram FILE writes the same picture beside the documents.

Options:
${formatFlags(flags)}

Examples:
  compose2ecs diagram -f compose.yaml --target cloudformation
  compose2ecs diagram --target kubernetes --format svg > deploy.svg
`;

export async function diagramCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseCommand(argv, flags, diagramHelp, io, { hint: 'diagram draws one project: name its compose files with -f' });
  if (!args) return 0;
  const load = await loadOptions(args, io);
  const options = await compileOptions(args, io, 'ecs');
  const report = (flagValue(args, 'diagnostics-format') ?? 'text') as DiagnosticFormat;
  if (!options.target) {
    printDiagnostics(options.diagnostics, io, report, cwdOf(io));
    return 1;
  }
  const result = exitCode(options.diagnostics) === 0 ? await compile({ ...load, ...options.pass, target: options.target, backendOptions: options.backendOptions }) : undefined;
  const diagnostics = [...options.diagnostics, ...(result?.diagnostics ?? [])];
  printDiagnostics(diagnostics, io, report, cwdOf(io), typeof options.target === 'object' ? options.target.codes : undefined, args.flags.has('verbose'));
  const code = exitCode(diagnostics, args.flags.has('strict'));
  if (code !== 0 || !result) return code || 1;
  io.stdout(drawDiagram(result, (flagValue(args, 'format') ?? 'mermaid') as DiagramFormat));
  return 0;
}

/** The diagram of a compile, as text. */
export function drawDiagram(result: Pick<CompileResult, 'ir' | 'outputs'>, format: DiagramFormat): string {
  const model = deploymentDiagram(result);
  return format === 'svg' ? toSvg(model) : toMermaid(model);
}

/** The format `convert --diagram FILE` writes: SVG for a `.svg` file, Mermaid otherwise. */
export function diagramFormatOf(file: string): DiagramFormat {
  return /\.svg$/i.test(file) ? 'svg' : 'mermaid';
}

/** `convert --diagram FILE`: writes the diagram to FILE (relative to the working directory). */
export async function writeDiagram(result: Pick<CompileResult, 'ir' | 'outputs'>, file: string, io: CliIO): Promise<string> {
  if (!io.writeFile) throw new UsageError('--diagram is not available here');
  const host = await hostOf(io);
  const path = host.resolve(cwdOf(io), file);
  if ((await io.fileKind?.(path)) === 'directory') throw new UsageError(`--diagram ${file}: a directory of that name exists; --diagram names a file (.mmd or .md for Mermaid, .svg for SVG)`);
  try {
    await io.writeFile(path, drawDiagram(result, diagramFormatOf(file)));
  } catch (e) {
    throw new UsageError(`--diagram ${file}: cannot write ${path}: ${(e as Error)?.message ?? String(e)}`);
  }
  return path;
}
