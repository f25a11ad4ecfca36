/**
 * Runs the loader and the passes over one in-memory compose file, for the pass tests.
 * Loader findings are kept apart from the passes' own, so a test sees only what a pass said.
 */
import { expect } from 'vitest';
import { loadProject } from '../../src/loader/load-project.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { Reporter } from '../../src/diagnostics/report.js';
import { buildIR, type PassOptions } from '../../src/passes/index.js';
import { createPassContext, type PassContext } from '../../src/passes/context.js';
import type { Diagnostic, DiagnosticCode, Severity } from '../../src/diagnostics/types.js';
import type { Project } from '../../src/model/project.js';
import { ecsView, type EcsIR } from '../../src/ir/ir.js';

/** Loads `/p/compose.yaml` with `text`; fails the test when the loader reports an error. */
export async function load(text: string): Promise<{ project: Project; loader: Diagnostic[] }> {
  const { project, diagnostics } = await loadProject({ files: [{ path: '/p/compose.yaml', contents: text }], host: memoryHost({}, '/p') });
  expect(diagnostics.filter((d) => d.severity === 'error'), 'the loader accepts the file').toEqual([]);
  expect(project).toBeDefined();
  return { project: project as Project, loader: diagnostics };
}

/** The IR of `text` with its ECS layer at hand, and what the passes (not the loader) reported. */
export async function build(text: string, options: PassOptions = {}): Promise<{ ir: EcsIR; diagnostics: Diagnostic[]; loader: Diagnostic[] }> {
  const { project, loader } = await load(text);
  const reporter = new Reporter();
  const ir = ecsView(buildIR(project, reporter, options));
  expect(ir, 'the passes build the ECS layer').toBeDefined();
  return { ir: ir as EcsIR, diagnostics: reporter.diagnostics, loader };
}

/** A pass context over `text`, for calling one pass on its own. */
export async function context(text: string, options: PassOptions = {}): Promise<{ ctx: PassContext; reporter: Reporter }> {
  const { project } = await load(text);
  const reporter = new Reporter();
  return { ctx: createPassContext(project, reporter, options), reporter };
}

/** A diagnostic reduced to what tests match on: code, severity and where. */
export interface Found {
  code: Diagnostic['code'];
  severity: Severity;
  line?: number;
  column?: number;
  path?: string;
}

export function found(diagnostics: readonly Diagnostic[]): Found[] {
  return diagnostics.map(({ code, severity, line, column, path }) => {
    const f: Found = { code, severity };
    if (line !== undefined) f.line = line;
    if (column !== undefined) f.column = column;
    if (path !== undefined) f.path = path;
    return f;
  });
}

/** The diagnostics with `code`. */
export function withCode(diagnostics: readonly Diagnostic[], code: DiagnosticCode): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}
