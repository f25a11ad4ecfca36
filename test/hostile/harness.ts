/**
 * Runs one hostile input through loadProject (and, for inputs that could still describe a
 * project, convert with target 'ecs'). Every finding must be a coded diagnostic; a thrown error
 * or an INTERNAL_ERROR is a bug. Nothing here measures time: a hang is caught by the test's own
 * timeout, and speed lives in the benchmark (`npm run bench`), never in `npm test`.
 */
import { expect } from 'vitest';
import { loadProject, type LoadProjectResult } from '../../src/loader/load-project.js';
import { convert, type ConvertOptions, type ConvertResult } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Host } from '../../src/loader/host.js';
import type { Diagnostic, DiagnosticCode } from '../../src/diagnostics/types.js';

/** Where in-memory projects live. */
export const PROJECT = '/project';

export interface HostileCase {
  /** In-memory files by absolute path (ignored when `host` is given). */
  files?: Record<string, string | Uint8Array>;
  /** A host of your own (the Node file system for symlink cases). */
  host?: Host;
  /** The compose file(s) to load. Default: /project/compose.yaml. */
  compose?: string[];
  /** loadProject options, and the pass options convert also reads (layout, launchType). */
  options?: Partial<Omit<ConvertOptions, 'target'>>;
  /** Also convert (to ECS unless `target` says otherwise). */
  convert?: boolean;
  /** The target of the conversion. Default 'ecs'. */
  target?: ConvertOptions['target'];
}

export interface HostileRun {
  load: LoadProjectResult;
  convert?: ConvertResult;
}

/**
 * Loads (and optionally converts) the case, asserting that neither throws and that no
 * INTERNAL_ERROR is reported.
 *
 * @example
 * const { load } = await runHostile({ files: { '/project/compose.yaml': 'services: {}' }, convert: true });
 */
export async function runHostile(c: HostileCase): Promise<HostileRun> {
  const host = c.host ?? memoryHost(c.files ?? {}, PROJECT);
  const options: Omit<ConvertOptions, 'target'> = { host, files: c.compose ?? [`${PROJECT}/compose.yaml`], env: {}, ...c.options };
  const load = await loadProject(options);
  expectNoInternalError(load.diagnostics);
  const run: HostileRun = { load };
  if (!c.convert) return run;

  const converted = await convert({ ...options, target: c.target ?? 'ecs' });
  run.convert = converted;
  expectNoInternalError(converted.diagnostics);
  return run;
}

/** No diagnostic says the compiler itself failed. */
export function expectNoInternalError(diagnostics: readonly Diagnostic[]): void {
  const internal = diagnostics.filter((d) => d.code === 'INTERNAL_ERROR').map((d) => d.message.slice(0, 600));
  expect(internal, 'INTERNAL_ERROR (a bug in us)').toEqual([]);
}

/**
 * The first diagnostic with `code`; it must name its file and, when `positioned`, a line and
 * column (every finding inside a text has one; a file that cannot be read at all has only its
 * name).
 */
export function expectCoded(diagnostics: readonly Diagnostic[], code: DiagnosticCode, where: { positioned?: boolean; line?: number; file?: string } = {}): Diagnostic {
  const d = diagnostics.find((x) => x.code === code);
  expect(d, `expected a ${code} diagnostic, got ${JSON.stringify(diagnostics.map((x) => `${x.code} ${x.message.slice(0, 120)}`))}`).toBeDefined();
  const found = d as Diagnostic;
  expect(found.file, `${code} names its file`).toBeTruthy();
  if (where.file !== undefined) expect(found.file).toBe(where.file);
  if (where.positioned ?? true) {
    expect(found.line, `${code} has a line`).toBeGreaterThanOrEqual(1);
    expect(found.column, `${code} has a column`).toBeGreaterThanOrEqual(1);
  }
  if (where.line !== undefined) expect(found.line, `${code} line`).toBe(where.line);
  return found;
}

/** The codes of the diagnostics, errors only. */
export function errorCodes(diagnostics: readonly Diagnostic[]): Diagnostic['code'][] {
  return diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
}
