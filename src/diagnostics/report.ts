import type { Diagnostic, DiagnosticCode, Severity } from './types.js';
import { toPointer, type SourceFile, type SourceRange } from '../loader/source.js';

/**
 * Collects diagnostics for one run. Every stage reports here instead of throwing
 * (`ctx.report(range, code, message)`), and the API hands the list back to the caller.
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  report(
    code: DiagnosticCode,
    severity: Severity,
    message: string,
    where?: { range?: SourceRange | undefined; path?: readonly (string | number)[] | undefined; file?: string | undefined },
  ): Diagnostic {
    const d = makeDiagnostic(code, severity, message, where?.range, where?.path);
    if (!d.file && where?.file) d.file = where.file;
    this.diagnostics.push(d);
    return d;
  }

  error(code: DiagnosticCode, message: string, range?: SourceRange, path?: readonly (string | number)[]): Diagnostic {
    return this.report(code, 'error', message, { range, path });
  }

  warn(code: DiagnosticCode, message: string, range?: SourceRange, path?: readonly (string | number)[]): Diagnostic {
    return this.report(code, 'warning', message, { range, path });
  }

  info(code: DiagnosticCode, message: string, range?: SourceRange, path?: readonly (string | number)[]): Diagnostic {
    return this.report(code, 'info', message, { range, path });
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}

// The text a diagnostic points into, for code frames; kept beside the diagnostic so that the
// diagnostic itself stays plain JSON.
const diagnosticSources = new WeakMap<Diagnostic, SourceFile>();

/** The source file a diagnostic was made from, when it still is in memory. */
export function sourceFileOf(d: Diagnostic): SourceFile | undefined {
  return diagnosticSources.get(d);
}

/** Builds a Diagnostic, turning the range's offsets into 1-based lines and columns. */
export function makeDiagnostic(
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  range?: SourceRange,
  path?: readonly (string | number)[],
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (range) {
    diagnosticSources.set(d, range.file);
    const s = range.file.position(range.start);
    const e = range.file.position(Math.max(range.start, range.end));
    d.file = range.file.path;
    d.line = s.line;
    d.column = s.column;
    d.endLine = e.line;
    d.endColumn = e.column;
  }
  if (path) d.path = toPointer(path);
  return d;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
