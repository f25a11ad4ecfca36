import type { Diagnostic } from './types.js';
import { sourceFileOf } from './report.js';

export type DiagnosticFormat = 'text' | 'json' | 'github' | 'sarif';

export interface FormatOptions {
  format?: DiagnosticFormat;
  /** ANSI colours in text output. Default false. */
  color?: boolean;
  /** Paths are printed relative to this directory when below it. */
  cwd?: string;
  /** Text of files by path, for code frames of diagnostics made elsewhere. */
  sources?: ReadonlyMap<string, string>;
}

/**
 * Turns diagnostics into text for people (`file:line:col: severity CODE: message` with a
 * code frame), JSON, GitHub workflow commands, or SARIF 2.1.0.
 *
 * @example
 * process.stderr.write(formatDiagnostics(diagnostics, { format: 'text', color: process.stderr.isTTY }));
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

/** Stable order: by file, line, column, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

function relative(file: string, cwd: string | undefined): string {
  if (!cwd) return file;
  const base = cwd.endsWith('/') ? cwd : cwd + '/';
  return file.startsWith(base) ? file.slice(base.length) : file;
}

function location(d: Diagnostic, cwd: string | undefined): string {
  if (!d.file) return '';
  return `${relative(d.file, cwd)}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ''}: `;
}

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

function text(d: Diagnostic, o: FormatOptions): string {
  const c = o.color ? COLORS : { error: '', warning: '', info: '', dim: '', bold: '', reset: '' };
  let out = `${c.bold}${location(d, o.cwd)}${c.reset}${c[d.severity]}${d.severity}${c.reset} ${c.dim}${d.code}${c.reset}: ${d.message}\n`;
  const frame = codeFrame(d, o);
  if (frame) out += frame.split('\n').map((l) => (l.includes('^') && !l.includes('|  ') ? c[d.severity] + l + c.reset : l)).join('\n') + '\n';
  return out;
}

function lineOf(d: Diagnostic, o: FormatOptions, line: number): string | undefined {
  const src = sourceFileOf(d);
  if (src) return line <= src.lineCount ? src.lineText(line) : undefined;
  const t = d.file ? o.sources?.get(d.file) : undefined;
  return t?.split(/\r?\n/)[line - 1];
}

/** Two lines of context and a caret line under the span, like compilers print. */
function codeFrame(d: Diagnostic, o: FormatOptions): string | undefined {
  if (d.line === undefined) return undefined;
  const current = lineOf(d, o, d.line);
  if (current === undefined) return undefined;
  const width = String(d.line + 1).length;
  const rows: string[] = [];
  for (let n = Math.max(1, d.line - 2); n <= d.line; n++) {
    const t = n === d.line ? current : lineOf(d, o, n);
    if (t === undefined) continue;
    rows.push(`${n === d.line ? '>' : ' '} ${String(n).padStart(width)} | ${clip(t)}`);
  }
  const col = Math.max(1, d.column ?? 1);
  const endCol = d.endLine === d.line && d.endColumn !== undefined ? d.endColumn : current.length + 1;
  const len = Math.max(1, Math.min(endCol - col, 120));
  rows.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.min(col - 1, 200))}${'^'.repeat(len)}`);
  return rows.join('\n');
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

function sarif(diagnostics: readonly Diagnostic[], o: FormatOptions): object {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'compose2ecs', informationUri: 'https://www.npmjs.com/package/compose2ecs', rules: codes.map((id) => ({ id, shortDescription: { text: id } })) } },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: codes.indexOf(d.code),
          level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
          message: { text: d.message },
          ...(d.file
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: relative(d.file, o.cwd) },
                      ...(d.line !== undefined
                        ? { region: { startLine: d.line, startColumn: d.column ?? 1, ...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn ?? 1 } : {}) } }
                        : {}),
                    },
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}
