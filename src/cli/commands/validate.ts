import { flagValue, flagValues, formatFlags, UsageError, type FlagSpec, type ParsedArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { WATCH_FLAG, watchOrOnce } from '../watch.js';
import { DIAGNOSTIC_FORMATS, VERBOSE_FLAG, cwdOf, exitCode, loadOptions, projectFlags, reportContext, summary, parseCommand, visibleFindings, hiddenNotes } from '../common.js';
import { compileFlags, compileOptions, targetFlag } from '../compile-flags.js';
import { validate, type ValidateOptions } from '../../validate.js';
import { formatDiagnostics, type DiagnosticFormat } from '../../diagnostics/format.js';
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

export const validateHelp = `Usage: compose2ecs validate [OPTIONS]

Check the compose project for CI: everything the loader finds, plus the rules below.
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
  const args = parseCommand(argv, flags, validateHelp, io);
  if (!args) return 0;
  const disable = flagValues(args, 'disable');
  return watchOrOnce(args, io, (runIo) => validateOnce(args, runIo, disable));
}

async function validateOnce(args: ParsedArgs, io: CliIO, disable: string[]): Promise<number> {
  const load = await loadOptions(args, io);
  // The target is resolved first: a backend's own codes (`codes`) can be turned off too.
  const compile = await compileOptions(args, io, undefined);
  const own = typeof compile.target === 'object' ? (compile.target.codes ?? {}) : {};
  for (const code of disable) {
    if (describeCode(code) || Object.hasOwn(own, code)) continue;
    const near = closestMatch(code, [...knownCodes(), ...Object.keys(own)]);
    throw new UsageError(`--disable ${code}: no such code${near ? `; did you mean ${near}?` : ''} (the rules are listed by --help)`);
  }
  const format = (flagValue(args, 'format') ?? 'text') as DiagnosticFormat;
  const options: ValidateOptions = { ...load, ...compile.pass, backendOptions: compile.backendOptions, disable };
  if (compile.target !== undefined) options.target = compile.target;
  // Everything is reported at once, even when --ecs-params or the target module has problems.
  const ran = await validate(options);
  const diagnostics = [...compile.diagnostics.filter((d) => !disable.includes(d.code) || d.severity === 'error'), ...ran.diagnostics];
  const color = format === 'text' && (io.stdoutColor ?? false);
  const { shown, hidden } = visibleFindings(diagnostics, format, args.flags.has('verbose'));
  io.stdout(formatDiagnostics(shown, { format, color, cwd: cwdOf(io), codes: own, ...reportContext(io) }));
  const code = exitCode(diagnostics, args.flags.has('strict'));
  if (format === 'text') io.stdout(`${summary(diagnostics, hidden)}\n`);
  else if (hidden) io.stdout(`${hiddenNotes(hidden)}\n`);
  return code;
}
