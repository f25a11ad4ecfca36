import type { FlagSpec, ParsedArgs } from './args.js';
import { flagValue, flagValues, parseArgs, UsageError } from './args.js';
import type { CliIO } from './io.js';
import type { InMemoryFile, LoadProjectOptions } from '../loader/options.js';
import type { Host } from '../loader/host.js';
import { defaultHost } from '../loader/default-host.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { formatDiagnostics, sortDiagnostics, type DiagnosticFormat, type FormatOptions } from '../diagnostics/format.js';
import { findDefaultFiles } from '../loader/compose-files.js';
import { COLOR_CHOICES, useColor, type ColorChoice } from './color.js';
import { Reporter } from '../diagnostics/report.js';

/** Flags every command that reads a project takes, named as in docker compose. */
export const projectFlags: FlagSpec[] = [
  { name: 'file', short: 'f', value: true, repeat: true, placeholder: 'FILE', help: 'compose file (repeatable; - for standard input)' },
  { name: 'project-name', short: 'p', value: true, placeholder: 'NAME', help: 'project name' },
  { name: 'profile', value: true, repeat: true, placeholder: 'PROFILE', help: 'enable a profile (repeatable)' },
  { name: 'env-file', value: true, repeat: true, placeholder: 'FILE', help: 'read variables from this file instead of .env (repeatable)' },
  { name: 'project-directory', value: true, placeholder: 'DIR', help: 'base directory of relative paths (default: the first file’s directory)' },
  { name: 'allow-outside-project', help: 'let include, extends and env_file read files outside the project directory' },
  { name: 'color', value: true, choices: COLOR_CHOICES, placeholder: 'WHEN', help: 'colour the output: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never' },
  { name: 'help', short: 'h', help: 'show this help' },
];

export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json', 'github', 'sarif'];

/** The working directory of this run. */
export function cwdOf(io: CliIO): string {
  return io.cwd ?? process.cwd();
}

/**
 * The host files are read through: the caller's, or the library's default seen from io.cwd —
 * the Node file system, imported lazily so that importing the library never loads node:fs; in
 * the package's browser build, default-host.browser.ts (no disk), so no `node:` import is
 * reachable from `run` there either.
 */
export async function hostOf(io: CliIO): Promise<Host> {
  if (io.host) return io.host;
  const host = await defaultHost();
  const cwd = io.cwd ?? host.cwd();
  return cwd === host.cwd() ? host : { ...host, cwd: () => cwd };
}

/** Builds loadProject options from the common flags. */
export async function loadOptions(args: ParsedArgs, io: CliIO): Promise<LoadProjectOptions> {
  const files: (string | InMemoryFile)[] = [];
  let stdinUsed = false;
  for (const f of flagValues(args, 'file')) {
    if (f === '-') {
      if (stdinUsed) throw new UsageError('-f - (standard input) can be given only once');
      if (!io.readStdin) throw new UsageError('standard input is not available');
      stdinUsed = true;
      // Named as docker compose names it; findings show `stdin:3:5`.
      files.push({ path: 'stdin', contents: await io.readStdin() });
    } else files.push(f);
  }
  // Every command reads its project through here, before it prints anything: --color is applied
  // to the run's io (run.ts made it for this run).
  const color = flagValue(args, 'color') as ColorChoice | undefined;
  if (color !== undefined && color !== 'auto') io.color = io.stdoutColor = useColor(color, io.env, false);
  const options: LoadProjectOptions = { env: io.env, files };
  const name = flagValue(args, 'project-name');
  if (name !== undefined) options.projectName = name;
  const profiles = flagValues(args, 'profile');
  if (profiles.length) options.profiles = profiles;
  const envFiles = flagValues(args, 'env-file');
  if (envFiles.length) options.envFiles = envFiles;
  const dir = flagValue(args, 'project-directory');
  if (dir !== undefined) options.projectDirectory = dir;
  if (args.flags.has('allow-outside-project')) options.allowOutsideProject = true;
  options.host = await hostOf(io);
  if (io.env.HOME) options.home = io.env.HOME;
  io.reportArtifact = await firstComposeFile(options, options.host, cwdOf(io), io.env);
  return options;
}

/** The first compose file as the loader finds it: -f, COMPOSE_FILE, or the default names (else compose.yaml here, where one is missing). */
async function firstComposeFile(options: LoadProjectOptions, host: Host, cwd: string, env: CliIO['env']): Promise<string> {
  const files = options.files;
  const [first] = files === undefined ? [] : typeof files === 'string' || !Array.isArray(files) ? [files as string | InMemoryFile] : files;
  if (first !== undefined) return host.resolve(cwd, typeof first === 'string' ? first : first.path);
  const fromEnv = env.COMPOSE_FILE?.split(env.COMPOSE_PATH_SEPARATOR ?? ':').find(Boolean);
  if (fromEnv) return host.resolve(cwd, fromEnv);
  return (await findDefaultFiles(host, cwd, new Reporter()))?.[0] ?? host.resolve(cwd, 'compose.yaml');
}

/**
 * Report options that depend on the run: the file SARIF locates file-less findings at.
 *
 * @example formatDiagnostics(diagnostics, { format: 'sarif', cwd, ...reportContext(io) })
 */
export function reportContext(io: CliIO): Pick<FormatOptions, 'artifact'> {
  const artifact = io.reportArtifact;
  return artifact === undefined ? {} : { artifact };
}

/** `--verbose`: notes (info findings) in full in text and github output. */
export const VERBOSE_FLAG: FlagSpec = { name: 'verbose', help: 'print notes (info findings) in full; text and github output otherwise count them in one line' };

/**
 * The findings people see: text and github output leave notes out unless `verbose` (a
 * project has several per service; printed with code frames they bury the warnings), and
 * count them instead. json and sarif are for programs: they keep everything.
 *
 * @example
 * const { shown, hidden } = visibleFindings(diagnostics, 'text', false);
 */
export function visibleFindings(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, verbose: boolean): { shown: readonly Diagnostic[]; hidden: number } {
  if (verbose || format === 'json' || format === 'sarif') return { shown: diagnostics, hidden: 0 };
  const shown = diagnostics.filter((d) => d.severity !== 'info');
  return { shown, hidden: diagnostics.length - shown.length };
}

/** `3 notes not shown; --verbose prints them`. */
export function hiddenNotes(hidden: number): string {
  return `${hidden} note${hidden === 1 ? '' : 's'} not shown; --verbose prints them`;
}

/**
 * Prints diagnostics to standard error in the chosen format. With none, text and github
 * print nothing, while json and sarif still print a document (`[]`, a log without results):
 * a program reading it gets something it can parse. `codes`: the docs of a backend's own codes, for SARIF.
 * Notes are counted in one line unless `verbose` (see visibleFindings).
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIO, format: DiagnosticFormat = 'text', cwd?: string, codes?: Readonly<Record<string, string>>, verbose = true): void {
  const { shown, hidden } = visibleFindings(diagnostics, format, verbose);
  if (cwd !== undefined) cwd = reportCwd({ ...io, cwd }, format);
  const options: FormatOptions = { format, color: io.color ?? false, ...(cwd ? { cwd } : {}), ...(codes ? { codes } : {}), ...reportContext(io) };
  if (format === 'text' || format === 'github') {
    // One finding after another, so a batch at a time gives the same text: written so, it is
    // never one string (2.6 MB with its code frames at 5,000 services) and its Buffer at once
    // (issue 22, peak memory: Kubernetes 233 → 221 MB).
    const ordered = sortDiagnostics(shown);
    for (let i = 0; i < ordered.length; i += PRINT_BATCH) io.stderr(formatDiagnostics(ordered.slice(i, i + PRINT_BATCH), options));
  } else io.stderr(formatDiagnostics(shown, options));
  if (hidden) io.stderr(`compose2ecs: ${hiddenNotes(hidden)}\n`);
}

/** Findings formatted and written together by printDiagnostics. */
const PRINT_BATCH = 256;

/** 0 when there is no error (warnings allowed, unless strict), else 1. */
export function exitCode(diagnostics: readonly Diagnostic[], strict = false): number {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning')) ? 1 : 0;
}

/** `3 errors, 1 warning` (info findings counted only when there is nothing else, or when `hidden` of them were not printed). */
export function summary(diagnostics: readonly Diagnostic[], hidden = 0): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const notes = hidden ? ` (${hiddenNotes(hidden)})` : '';
  if (errors + warnings === 0) return infos ? `no problems${notes || ` (${plural(infos, 'note')})`}` : 'no problems';
  return [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ') + notes;
}

/**
 * Parses a command's arguments; prints its help and returns undefined for --help. Commands
 * that take no positional arguments reject them as bad usage (`hint` says what to do instead);
 * `positionals: true` leaves them to the command.
 */
export function parseCommand(argv: readonly string[], specs: readonly FlagSpec[], help: string, io: CliIO, accept: { positionals?: boolean; hint?: string } = {}): ParsedArgs | undefined {
  const args = parseArgs(argv, specs);
  if (args.flags.has('help')) {
    io.stdout(help);
    return undefined;
  }
  if (args.positionals.length && !accept.positionals) throw new UsageError(`unexpected argument "${args.positionals[0]}"${accept.hint ? `: ${accept.hint}` : ''}`);
  return args;
}

/**
 * Where reported paths are relative to: the working directory, except for GitHub annotations in
 * a workflow, whose `file=` the runner reads from the repository root (GITHUB_WORKSPACE), so
 * that a run in a subdirectory still annotates the right file.
 */
export function reportCwd(io: CliIO, format: DiagnosticFormat): string {
  const workspace = io.env.GITHUB_WORKSPACE;
  return format === 'github' && workspace !== undefined && workspace.startsWith('/') ? workspace : cwdOf(io);
}
