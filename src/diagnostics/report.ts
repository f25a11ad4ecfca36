import type { Diagnostic, DiagnosticCode, Severity } from './types.js';
import { toPointer, type SourceFile, type SourceRange } from '../core/source.js';

/**
 * Collects diagnostics for one run. Every stage reports here instead of throwing
 * (`ctx.report(range, code, message)`), and the API hands the list back to the caller.
 *
 * @example
 * const reporter = new Reporter();
 * const ir = buildIR(project, reporter, { launchType: 'FARGATE' });
 * reporter.diagnostics; // what the passes found
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  // Budgets the run's stages charge against limits (what interpolation has added, …): one
  // Reporter is one run, so they live here rather than in tables at module level.
  readonly #meters = new Map<string, number>();

  /** What `name` has been charged in this run so far. */
  meter(name: string): number {
    return this.#meters.get(name) ?? 0;
  }

  /** Adds `amount` to the meter `name` and returns its new total. */
  charge(name: string, amount: number): number {
    const total = this.meter(name) + amount;
    this.#meters.set(name, total);
    return total;
  }

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

// The text a diagnostic points into, for code frames: on the diagnostic under a symbol key that
// is not enumerable, so that the diagnostic itself stays plain JSON and no table lives at
// module level.
const SOURCE_FILE = Symbol('compose2ecs.sourceFile');

/** The source file a diagnostic was made from, when it still is in memory. */
export function sourceFileOf(d: Diagnostic): SourceFile | undefined {
  return (d as { [SOURCE_FILE]?: SourceFile })[SOURCE_FILE];
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
    Object.defineProperty(d, SOURCE_FILE, { value: range.file, enumerable: false });
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
