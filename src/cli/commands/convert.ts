import { flagValue, formatFlags, parseArgs, UsageError, type FlagSpec, type ParsedArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { WATCH_FLAG, watchOrOnce } from '../watch.js';
import { DIAGNOSTIC_FORMATS, VERBOSE_FLAG, cwdOf, exitCode, loadOptions, printDiagnostics, projectFlags, parseCommand } from '../common.js';
import { compileFlags, compileOptions, targetFlag, targetOptionsHelp } from '../compile-flags.js';
import { resolveTarget, BUILTIN_TARGETS } from '../target.js';
import { BUILTIN_OPTIONS, compile as compilePipeline, type CompileResult } from '../../compile.js';
import { writeDiagram } from './diagram.js';
import { concatenate, writeOutputs } from '../output.js';
import { convert, type ConvertOptions } from '../../convert.js';
import type { DiagnosticFormat } from '../../diagnostics/format.js';

export { concatenate } from '../output.js';

const flags: FlagSpec[] = [
  ...projectFlags,
  { ...targetFlag, help: `${targetFlag.help} (default ecs)` },
  ...compileFlags,
  { name: 'format', value: true, choices: ['json', 'yaml'], placeholder: 'FORMAT', help: 'output format, passed to the backend (cloudformation and kubernetes write YAML or JSON)' },
  { name: 'diagram', value: true, placeholder: 'FILE', help: 'also write the deployment diagram to FILE: Mermaid, or SVG when FILE ends in .svg (see compose2ecs diagram)' },
  { name: 'out', short: 'o', value: true, placeholder: 'DIR', help: 'write one file per document into DIR (default: standard output)' },
  { name: 'diagnostics-format', value: true, choices: DIAGNOSTIC_FORMATS, placeholder: 'FORMAT', help: 'format of the findings on standard error (default text)' },
  VERBOSE_FLAG,
  WATCH_FLAG,
  { name: 'strict', help: 'treat warnings as errors' },
];

/** convert's help; it lists every built-in target's options, so it loads their declarations. */
export const convertHelp = async (): Promise<string> => `Usage: compose2ecs convert [OPTIONS]

Compile the compose project into deployable documents: for --target ecs, one
<family>.task-definition.json (aws ecs register-task-definition --cli-input-json) and one
<service>.service.json (aws ecs create-service --cli-input-json) per task; for
--target cloudformation one stack template; for --target kubernetes the manifests.
Documents go to standard output (each after a "# <path>" line, YAML as one stream) or,
with --out, one file each. Findings go to standard error.

Options:
${formatFlags(flags)}

${targetOptionsHelp(await Promise.all(BUILTIN_TARGETS.map(async (t) => [t, await BUILTIN_OPTIONS[t]()] as const)))}
Examples:
  compose2ecs convert -f compose.yaml --out deploy/
  compose2ecs convert --target kubernetes --set namespace=shop --set split=true
  compose2ecs convert --target ./my-backend.mjs
  compose2ecs convert --watch --out deploy/
  compose2ecs convert --target cloudformation --out deploy/ --diagram deploy/diagram.mmd
`;

export async function convertCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const asked = parseArgs(argv, flags);
  if (asked.flags.has('help')) {
    io.stdout((await convertHelp()) + (await moduleOptionsHelp(flagValue(asked, 'target'), io)));
    return 0;
  }
  // Several compose files as arguments would be several projects, whose outputs share one
  // standard output or --out folder; convert compiles one project, named with -f.
  // --help was answered above: parseCommand needs no help text here.
  const args = parseCommand(argv, flags, '', io, { hint: 'convert compiles one project: name its compose files with -f (validate takes compose files as arguments, one project each)' });
  if (!args) return 0;
  return watchOrOnce(args, io, (runIo) => convertOnce(args, runIo));
}

async function convertOnce(args: ParsedArgs, io: CliIO): Promise<number> {
  const load = await loadOptions(args, io);
  const compile = await compileOptions(args, io, 'ecs', flagValue(args, 'format'));
  const report = (flagValue(args, 'diagnostics-format') ?? 'text') as DiagnosticFormat;
  const strict = args.flags.has('strict');
  if (!compile.target) {
    printDiagnostics(compile.diagnostics, io, report, cwdOf(io));
    return 1;
  }
  const options: ConvertOptions = { ...load, ...compile.pass, target: compile.target, backendOptions: compile.backendOptions };
  const diagram = flagValue(args, 'diagram');
  // Findings of --ecs-params come first; its errors stop the run like the loader's. The
  // diagram reads the IR besides the documents: the pipeline's own result, which convert() trims.
  const result: Pick<CompileResult, 'ir' | 'outputs' | 'diagnostics'> = exitCode(compile.diagnostics) === 0 ? await (diagram === undefined ? convert(options) : compilePipeline(options)) : { outputs: [], diagnostics: [] };
  const diagnostics = [...compile.diagnostics, ...result.diagnostics];
  printDiagnostics(diagnostics, io, report, cwdOf(io), typeof compile.target === 'object' ? compile.target.codes : undefined, args.flags.has('verbose'));
  const code = exitCode(diagnostics, strict);
  if (code !== 0) return code;
  const out = flagValue(args, 'out');
  if (out === undefined) {
    io.stdout(concatenate(result.outputs));
    if (diagram !== undefined) {
      await writeDiagram(result, diagram, io);
      io.stderr(`wrote the deployment diagram to ${diagram}\n`);
    }
    return 0;
  }
  const { written, refused } = await writeOutputs(result.outputs, out, io);
  if (refused.length) {
    io.stderr(`compose2ecs convert: not writing ${refused.map((p) => JSON.stringify(p)).join(', ')}: the path would leave ${out}\n`);
    return 1;
  }
  io.stderr(`wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${out}\n`);
  if (diagram !== undefined) {
    await writeDiagram(result, diagram, io);
    io.stderr(`wrote the deployment diagram to ${diagram}\n`);
  }
  return 0;
}

/** With `--target ./x.mjs --help`: the options that module declares, after the built-in ones. */
async function moduleOptionsHelp(spec: string | undefined, io: CliIO): Promise<string> {
  if (spec === undefined || (BUILTIN_TARGETS as readonly string[]).includes(spec)) return '';
  const resolved = await resolveTarget(spec, cwdOf(io), io.importModule).catch((e: unknown) => {
    if (e instanceof UsageError) return { failed: e.message };
    throw e;
  });
  if ('failed' in resolved) return `\nThe options of --target ${spec} are not listed: ${resolved.failed}\n`;
  if (typeof resolved.target === 'string') return '';
  return '\n' + targetOptionsHelp([[`${resolved.target.name} (${spec})`, resolved.target.options ?? {}]]);
}
