import { flagValue, flagValues, formatFlags, UsageError, type FlagSpec, type ParsedArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { WATCH_FLAG, watchOrOnce } from '../watch.js';
import { DIAGNOSTIC_FORMATS, VERBOSE_FLAG, cwdOf, exitCode, loadOptions, projectFlags, reportContext, reportCwd, summary, parseCommand, visibleFindings, hiddenNotes } from '../common.js';
import { compileFlags, compileOptions, targetFlag, type CompileOptions } from '../compile-flags.js';
import { validate, type ValidateOptions } from '../../validate.js';
import { displayPath, formatDiagnostics, type DiagnosticFormat } from '../../diagnostics/format.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { LoadProjectOptions } from '../../loader/options.js';
import { RULES } from '../../rules/index.js';
import { describeCode, knownCodes } from '../../core/codes.js';
import { closestMatch } from '../../core/edit-distance.js';

const flags: FlagSpec[] = [
  ...projectFlags,
  { ...targetFlag, help: `${targetFlag.help}; also report the fields it would drop` },
  ...compileFlags,
  { name: 'format', value: true, choices: DIAGNOSTIC_FORMATS, placeholder: 'FORMAT', help: 'report format (default text)' },
  { name: 'disable', value: true, repeat: true, placeholder: 'CODE', help: 'turn a rule or warning off (repeatable)' },
  VERBOSE_FLAG,
  WATCH_FLAG,
  { name: 'strict', help: 'treat warnings as errors (exit 1)' },
];

const ruleTable = RULES.map((r) => `  ${r.code.padEnd(33)}${r.severity.padEnd(8)}${r.docs}`).join('\n');

export const validateHelp = `Usage: compose2ecs validate [OPTIONS] [COMPOSE_FILE...]

Check the compose project for CI: everything the loader finds, plus the rules below.
Compose files given as arguments are checked one project each (their own directory, .env and
project name), as a pre-commit hook passes them; -f A -f B is one project merged from both.
The report goes to standard output: text, json, github (workflow annotations) or sarif
(code scanning). Exit code 0 when there is no error (warnings allowed, unless --strict),
1 when there are errors, 2 on bad usage.

Turn a rule off with --disable CODE, or in the compose file:
  x-compose2ecs:
    disable: [IMAGE_UNPINNED]

Options:
${formatFlags(flags)}

Rules (code, default severity, what it finds):
${ruleTable}
`;

export async function validateCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseCommand(argv, flags, validateHelp, io, { positionals: true });
  if (!args) return 0;
  const disable = flagValues(args, 'disable');
  const files = projectFiles(args);
  return watchOrOnce(args, io, (runIo) => validateOnce(args, runIo, disable, files));
}

/**
 * The projects to check, each as the -f files of its own load: compose files given as arguments
 * (pre-commit passes each staged file so) are one project each — their own directory, .env and
 * project name —, while `-f A -f B`, as in docker compose, is one project merged from both.
 */
function projectFiles(args: ParsedArgs): string[][] {
  const given = [...new Set(args.positionals)];
  if (given.length === 0) return [flagValues(args, 'file')];
  if (flagValues(args, 'file').length) throw new UsageError('compose files as arguments (one project each) and -f (one project merged from its files) cannot be mixed; use one or the other');
  if (args.flags.has('project-directory')) throw new UsageError('--project-directory cannot be used with compose files as arguments: each file is a project in its own directory');
  if (given.includes('-') && args.flags.has('watch')) throw new UsageError('--watch cannot watch standard input (-)');
  return given.map((file) => [file]);
}

async function validateOnce(args: ParsedArgs, io: CliIO, disable: string[], projects: string[][]): Promise<number> {
  const perFile = args.positionals.length > 0;
  const runs: { file: string; diagnostics: Diagnostic[] }[] = [];
  let compile: CompileOptions | undefined;
  for (const files of projects) {
    const load = await loadOptions({ flags: new Map(args.flags).set('file', files), positionals: [] }, io);
    // The target is resolved once, before any project compiles: a backend's own codes (`codes`) can be turned off too.
    compile ??= await checkedCompileOptions(args, io, disable);
    const file = io.reportArtifact ?? '';
    runs.push({ file, diagnostics: await validateProject(load, compile, disable, perFile ? file : undefined) });
  }
  if (!compile) return 0;
  // Findings of the target module are the run's, reported once whatever the number of projects.
  const diagnostics = [...compile.diagnostics.filter((d) => !disable.includes(d.code) || d.severity === 'error'), ...runs.flatMap((r) => r.diagnostics)];
  if (runs[0]) io.reportArtifact = runs[0].file;
  const format = (flagValue(args, 'format') ?? 'text') as DiagnosticFormat;
  const own = typeof compile.target === 'object' ? (compile.target.codes ?? {}) : {};
  const color = format === 'text' && (io.stdoutColor ?? false);
  const verbose = args.flags.has('verbose');
  const { shown, hidden } = visibleFindings(diagnostics, format, verbose);
  io.stdout(formatDiagnostics(shown, { format, color, cwd: reportCwd(io, format), codes: own, ...reportContext(io) }));
  const strict = args.flags.has('strict');
  if (format === 'text') {
    if (perFile) for (const r of runs) io.stdout(`${displayPath(r.file, cwdOf(io))}: ${summary(r.diagnostics, visibleFindings(r.diagnostics, format, verbose).hidden)}\n`);
    if (!perFile || compile.diagnostics.length) io.stdout(`${summary(diagnostics, hidden)}\n`);
  } else if (hidden) io.stdout(`${hiddenNotes(hidden)}\n`);
  return exitCode(diagnostics, strict);
}

/** The compile flags, with --disable checked against every code the run knows. */
async function checkedCompileOptions(args: ParsedArgs, io: CliIO, disable: readonly string[]): Promise<CompileOptions> {
  const compile = await compileOptions(args, io, undefined);
  const own = typeof compile.target === 'object' ? (compile.target.codes ?? {}) : {};
  for (const code of disable) {
    if (describeCode(code) || Object.hasOwn(own, code)) continue;
    const near = closestMatch(code, [...knownCodes(), ...Object.keys(own)]);
    throw new UsageError(`--disable ${code}: no such code${near ? `; did you mean ${near}?` : ''} (the rules are listed by --help)`);
  }
  return compile;
}

/**
 * One project's findings. `file`: the compose file the project was named by, given to findings
 * that have no file of their own, so that with several projects every finding names its file.
 */
async function validateProject(load: LoadProjectOptions, compile: CompileOptions, disable: string[], file: string | undefined): Promise<Diagnostic[]> {
  const options: ValidateOptions = { ...load, ...compile.pass, backendOptions: compile.backendOptions, disable };
  if (compile.target !== undefined) options.target = compile.target;
  // Everything is reported at once, even when --ecs-params or the target module has problems.
  const { diagnostics } = await validate(options);
  return file === undefined ? diagnostics : diagnostics.map((d) => (d.file === undefined ? { ...d, file } : d));
}
