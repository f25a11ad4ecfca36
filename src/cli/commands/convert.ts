import { parseArgs, flagValue, flagValues, formatFlags, UsageError, type FlagSpec } from '../args.js';
import type { CliIO } from '../io.js';
import { exitCode, loadOptions, printDiagnostics, projectFlags } from '../common.js';
import { convert, type ConvertOptions } from '../../convert.js';
import type { Output } from '../../backends/backend.js';
import type { Layout, LaunchType } from '../../ir/ir.js';

const flags: FlagSpec[] = [
  ...projectFlags,
  { name: 'target', short: 't', value: true, placeholder: 'TARGET', help: 'ecs (default), cloudformation, kubernetes' },
  { name: 'layout', value: true, choices: ['project', 'service'], placeholder: 'LAYOUT', help: 'one task for the project, or one task and ECS service per compose service (default service)' },
  { name: 'launch-type', value: true, choices: ['EC2', 'FARGATE', 'EXTERNAL'], placeholder: 'TYPE', help: 'ECS launch type (default EC2, or x-ecs.launch_type)' },
  { name: 'cluster', value: true, placeholder: 'NAME', help: 'ECS cluster of the services' },
  { name: 'out', short: 'o', value: true, placeholder: 'DIR', help: 'write one file per document into DIR (default: standard output)' },
  { name: 'strict', help: 'treat warnings as errors' },
];

export const convertHelp = `Usage: compose2ecs convert [OPTIONS]

Compile the compose project into deployable documents: for --target ecs, one
<family>.task-definition.json (aws ecs register-task-definition --cli-input-json) and one
<service>.service.json (aws ecs create-service --cli-input-json) per task.

Options:
${formatFlags(flags)}
`;

export async function convertCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, flags);
  if (args.flags.has('help')) {
    io.stdout(convertHelp);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const load = await loadOptions(args, io);
  const target = flagValue(args, 'target') ?? 'ecs';
  if (!['ecs', 'cloudformation', 'kubernetes'].includes(target)) throw new UsageError(`--target must be ecs, cloudformation or kubernetes (got "${target}")`);
  const options: ConvertOptions = { ...load, target: target as ConvertOptions['target'] };
  const layout = flagValue(args, 'layout');
  if (layout) options.layout = layout as Layout;
  const launchType = flagValue(args, 'launch-type');
  if (launchType) options.launchType = launchType as LaunchType;
  const cluster = flagValue(args, 'cluster');
  if (cluster) options.cluster = cluster;
  void flagValues;
  const { outputs, diagnostics } = await convert(options);
  printDiagnostics(diagnostics, io, 'text', io.cwd);
  const code = exitCode(diagnostics, args.flags.has('strict'));
  if (code !== 0) return code;
  const out = flagValue(args, 'out');
  if (out) {
    if (!io.writeFile) throw new UsageError('--out is not available here');
    for (const o of outputs) await io.writeFile(joinOut(out, o.path), o.contents);
    io.stderr(`wrote ${outputs.length} file${outputs.length === 1 ? '' : 's'} to ${out}\n`);
  } else io.stdout(concatenate(outputs));
  return 0;
}

function joinOut(dir: string, path: string): string {
  return dir.endsWith('/') ? dir + path : `${dir}/${path}`;
}

/** Several documents on standard output, each after a `# <path>` line so they stay apart. */
export function concatenate(outputs: readonly Output[]): string {
  if (outputs.length === 1) return (outputs[0] as Output).contents;
  return outputs.map((o) => `# ${o.path}\n${o.contents}`).join('\n');
}
