import { compareText } from '../core/text-order.js';
import type { ArtifactLocation, Log, ReportingDescriptor, Result } from 'sarif';
import pkg from '../../package.json' with { type: 'json' };
import type { Diagnostic, Severity } from './types.js';
import { sourceFileOf } from './report.js';
import { describeCode } from '../core/codes.js';
import { displayColumns } from './display-width.js';

/** Output formats of `formatDiagnostics`: text for people, json, GitHub workflow commands, SARIF 2.1.0. */
export type DiagnosticFormat = 'text' | 'json' | 'github' | 'sarif';

/** Options of `formatDiagnostics`. */
export interface FormatOptions {
  format?: DiagnosticFormat;
  /** ANSI colours in text output. Default false. */
  color?: boolean;
  /** Paths are printed relative to this directory when below it (SARIF: its %SRCROOT%). */
  cwd?: string;
  /** Text of files by path, for code frames of diagnostics made elsewhere. */
  sources?: ReadonlyMap<string, string>;
  /**
   * SARIF: the file the run analysed (the project's first compose file), where findings that
   * have no file of their own are located: viewers such as GitHub code scanning show only
   * results with a location. Default: the first file any diagnostic names.
   */
  artifact?: string;
  /** SARIF: one line of docs for codes beyond ours — a backend's own `codes` — for its rule descriptions. */
  codes?: Readonly<Record<string, string>>;
}

/**
 * Turns diagnostics into text for people (`file:line:col: severity CODE: message` with a
 * code frame), JSON (the Diagnostic objects), GitHub workflow commands (annotations on the
 * pull request), or a SARIF 2.1.0 log (GitHub code scanning and other viewers).
 *
 * @example
 * process.stderr.write(formatDiagnostics(diagnostics, { format: 'text', color: process.stderr.isTTY }));
 * await writeFile('results.sarif', formatDiagnostics(diagnostics, { format: 'sarif', cwd: process.cwd() }));
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  const format = options.format ?? 'text';
  const ordered = sortDiagnostics(diagnostics);
  switch (format) {
    case 'json':
      return JSON.stringify(ordered, null, 2) + '\n';
    case 'github':
      return ordered.map((d) => github(d, options)).join('');
    case 'sarif':
      return JSON.stringify(sarif(ordered, options), null, 2) + '\n';
    case 'text':
      return ordered.map((d) => text(d, options)).join('');
  }
}

/**
 * Diagnostics in a stable order: by file, line, column, code, message.
 *
 * @example
 * for (const d of sortDiagnostics(diagnostics)) console.log(d.code, d.line);
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

function below(file: string, cwd: string | undefined): string | undefined {
  if (!cwd) return undefined;
  const base = cwd.endsWith('/') ? cwd : cwd + '/';
  return file.startsWith(base) ? file.slice(base.length) : undefined;
}

function relative(file: string, cwd: string | undefined): string {
  return below(file, cwd) ?? file;
}

/**
 * A file's path as people read it: relative to `cwd`, with `../` when the file is outside it
 * (as compilers and git print paths). Left as it is without a cwd, or when either is not an
 * absolute POSIX path.
 *
 * @example displayPath('/work/shared/compose.yaml', '/work/app') // '../shared/compose.yaml'
 */
export function displayPath(file: string, cwd: string | undefined): string {
  if (!cwd || !file.startsWith('/') || !cwd.startsWith('/')) return relative(file, cwd);
  const from = cwd.split('/').filter(Boolean);
  const to = file.split('/').filter(Boolean);
  let same = 0;
  while (same < from.length && same < to.length && from[same] === to[same]) same++;
  return [...Array<string>(from.length - same).fill('..'), ...to.slice(same)].join('/') || '.';
}

function location(d: Diagnostic, cwd: string | undefined): string {
  if (!d.file) return '';
  return `${displayPath(d.file, cwd)}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ''}: `;
}

const ANSI = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };
const PLAIN: typeof ANSI = { error: '', warning: '', info: '', dim: '', bold: '', reset: '' };

function text(d: Diagnostic, o: FormatOptions): string {
  const c = o.color ? ANSI : PLAIN;
  let out = `${c.bold}${location(d, o.cwd)}${c.reset}${c[d.severity]}${d.severity}${c.reset} ${c.dim}${d.code}${c.reset}: ${d.message}\n`;
  const frame = codeFrame(d, o);
  if (frame) {
    out += frame.lines.join('\n') + '\n';
    out += `${frame.gutter}${c[d.severity]}${frame.caret}${c.reset}\n`;
  }
  return out;
}

function lineOf(d: Diagnostic, o: FormatOptions, line: number): string | undefined {
  const src = sourceFileOf(d);
  if (src) return line <= src.lineCount ? src.lineText(line) : undefined;
  const t = d.file ? o.sources?.get(d.file) : undefined;
  return t?.split(/\r?\n/)[line - 1];
}

/**
 * Two lines of context and a caret line under the span, like compilers print; `gutter` leads
 * up to the carets. Lines are shown as a terminal shows them (tabs expanded, wide characters
 * two columns; display-width.ts), so the carets stand under the span whatever it holds.
 */
function codeFrame(d: Diagnostic, o: FormatOptions): { lines: string[]; gutter: string; caret: string } | undefined {
  if (d.line === undefined) return undefined;
  const current = lineOf(d, o, d.line);
  if (current === undefined) return undefined;
  const width = String(d.line).length;
  const lines: string[] = [];
  for (let n = Math.max(1, d.line - 2); n <= d.line; n++) {
    const t = n === d.line ? current : lineOf(d, o, n);
    if (t === undefined) continue;
    lines.push(`${n === d.line ? '>' : ' '} ${String(n).padStart(width)} | ${clip(displayColumns(t).text)}`);
  }
  const { columns } = displayColumns(current);
  const at = (column: number) => columns[Math.min(Math.max(0, column - 1), current.length)] as number;
  const col = Math.max(1, d.column ?? 1);
  const endCol = d.endLine === d.line && d.endColumn !== undefined ? d.endColumn : current.length + 1;
  const start = at(col);
  const len = Math.max(1, Math.min(at(endCol) - start, 120));
  return { lines, gutter: `  ${' '.repeat(width)} | ${' '.repeat(Math.min(start, 200))}`, caret: '^'.repeat(len) };
}

function clip(line: string): string {
  return line.length > 200 ? line.slice(0, 200) + '…' : line;
}

/** GitHub Actions workflow commands; data escaped as the runner requires. */
function github(d: Diagnostic, o: FormatOptions): string {
  const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const props: string[] = [];
  if (d.file) props.push(`file=${escapeProperty(relative(d.file, o.cwd))}`);
  if (d.line !== undefined) props.push(`line=${d.line}`);
  if (d.column !== undefined) props.push(`col=${d.column}`);
  if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`);
  if (d.endColumn !== undefined && d.endLine === d.line) props.push(`endColumn=${d.endColumn}`);
  props.push(`title=${escapeProperty(d.code)}`);
  return `::${level} ${props.join(',')}::${escapeData(d.message)}\n`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const SARIF_LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';

/** A path as a URI reference: each segment percent-encoded, `/` kept. */
function uriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function rule(id: string, o: FormatOptions): ReportingDescriptor {
  const info = describeCode(id);
  const own = o.codes && Object.hasOwn(o.codes, id) ? o.codes[id] : undefined;
  const docs = info?.docs ?? own ?? id;
  return {
    id,
    name: id.toLowerCase().replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase()).replace(/^\w/, (ch) => ch.toUpperCase()),
    shortDescription: { text: docs },
    fullDescription: { text: docs },
    help: { text: info?.rule ? `${id}: ${docs}. Turn it off with --disable ${id} or x-compose2ecs: { disable: [${id}] }.` : `${id}: ${docs}.` },
    ...(info?.severity ? { defaultConfiguration: { level: SARIF_LEVEL[info.severity] } } : {}),
    properties: { tags: [info?.rule ? 'validate-rule' : 'compiler'] },
  };
}

function artifactLocation(file: string, o: FormatOptions): ArtifactLocation {
  const rel = below(file, o.cwd);
  return rel !== undefined ? { uri: uriPath(rel), uriBaseId: SRCROOT } : { uri: file.startsWith('/') ? `file://${uriPath(file)}` : uriPath(file) };
}

/** `run.artifacts[0]`, when there is one: a finding without a file is located there, at its start. */
function result(d: Diagnostic, ruleIndex: number, o: FormatOptions, artifact: string | undefined): Result {
  const out: Result = { ruleId: d.code, ruleIndex, level: SARIF_LEVEL[d.severity], message: { text: d.message } };
  if (!d.file) {
    if (artifact !== undefined) out.locations = [{ physicalLocation: { artifactLocation: { ...artifactLocation(artifact, o), index: 0 }, region: { startLine: 1, startColumn: 1 } } }];
    return out;
  }
  const region =
    d.line !== undefined
      ? {
          startLine: d.line,
          startColumn: d.column ?? 1,
          ...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: Math.max(d.endColumn ?? 1, d.endLine === d.line ? (d.column ?? 1) + 1 : 1) } : {}),
        }
      : undefined;
  out.locations = [{ physicalLocation: { artifactLocation: artifactLocation(d.file, o), ...(region ? { region } : {}) } }];
  if (d.path) out.locations[0]!.logicalLocations = [{ fullyQualifiedName: d.path, kind: 'member' }];
  return out;
}

function sarif(diagnostics: readonly Diagnostic[], o: FormatOptions): Log {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const base = o.cwd ? (o.cwd.endsWith('/') ? o.cwd : o.cwd + '/') : undefined;
  const artifact = o.artifact ?? diagnostics.find((d) => d.file)?.file;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'compose2ecs', version: pkg.version, semanticVersion: pkg.version, informationUri: 'https://www.npmjs.com/package/compose2ecs', rules: codes.map((c) => rule(c, o)) },
        },
        ...(base ? { originalUriBaseIds: { [SRCROOT]: { uri: `file://${uriPath(base)}` } } } : {}),
        ...(artifact !== undefined ? { artifacts: [{ location: artifactLocation(artifact, o) }] } : {}),
        results: diagnostics.map((d) => result(d, codes.indexOf(d.code), o, artifact)),
      },
    ],
  };
}
