import { flagValue, formatFlags, UsageError, type FlagSpec } from '../args.js';
import type { CliIO } from '../io.js';
import { cwdOf, exitCode, loadOptions, printDiagnostics, projectFlags, parseCommand } from '../common.js';
import { compileFlags, compileOptions, targetFlag } from '../compile-flags.js';
import type { ExplainRow } from '../explain-map.js';
import { compile } from '../../compile.js';
import { ecsView } from '../../ir/ir.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import { displayPath } from '../../diagnostics/format.js';

const flags: FlagSpec[] = [
  ...projectFlags,
  { ...targetFlag, help: 'the target to explain: ecs (the default, and for now the only one)' },
  ...compileFlags.filter((f) => f.name !== 'set'),
  { name: 'format', value: true, choices: ['text', 'json'], placeholder: 'FORMAT', help: 'a table (default) or JSON' },
];

export const explainHelp = `Usage: compose2ecs explain [OPTIONS]

For every field you set in a service, say where it went in the ECS output (the file and a
JSON pointer into it) or why it was dropped. Errors in the project go to standard error;
the table still shows what could be compiled.

Options:
${formatFlags(flags)}

Example:
  compose2ecs explain -f compose.yaml --launch-type FARGATE
`;

function relative(file: string | undefined, cwd: string): string {
  return file ? displayPath(file, cwd) : '';
}

/** A plain table: FIELD, WRITTEN AT, RESULT; extra pointers and notes on lines of their own. */
export function explainTable(rows: readonly ExplainRow[], cwd: string): string {
  const lines: [string, string, string][] = [['FIELD', 'WRITTEN AT', 'RESULT']];
  for (const r of rows) {
    const where = r.file ? `${relative(r.file, cwd)}:${r.line}:${r.column}` : '';
    const results =
      r.status === 'mapped' || r.status === 'partly dropped'
        ? [...r.to, ...r.notes.map((n) => `${r.status === 'partly dropped' ? 'partly dropped' : 'note'}: ${n}`)]
        : r.notes.map((n) => `${r.status}: ${n}`);
    (results.length ? results : [r.status]).forEach((text, i) => lines.push(i === 0 ? [`services.${r.service}.${r.field}`, where, text] : ['', '', text]));
  }
  const w0 = Math.max(...lines.map((l) => l[0].length));
  const w1 = Math.max(...lines.map((l) => l[1].length));
  return lines.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd()).join('\n') + '\n';
}

export async function explainCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseCommand(argv, flags, explainHelp, io);
  if (!args) return 0;
  const target = flagValue(args, 'target') ?? 'ecs';
  if (target !== 'ecs') throw new UsageError(`explain supports --target ecs only for now (got "${target}"); the cloudformation stack maps fields as ecs does`);
  const load = await loadOptions(args, io);
  const flagged = await compileOptions(args, io, undefined);
  const result = await compile({ ...load, ...flagged.pass, target: 'ecs' });
  const project = result.project;
  const diagnostics: Diagnostic[] = [...flagged.diagnostics, ...result.diagnostics];
  let rows: ExplainRow[] = [];
  const ir = result.ir && ecsView(result.ir);
  if (ir) {
    const { explainEcs } = await import('../explain-map.js');
    rows = explainEcs(ir, result.emitted, diagnostics);
  }
  // Dropped fields are in the table; only errors go to standard error.
  printDiagnostics(
    diagnostics.filter((d) => d.severity === 'error'),
    io,
    'text',
    cwdOf(io),
  );
  if (project) io.stdout(flagValue(args, 'format') === 'json' ? JSON.stringify(rows.map((r) => ({ ...r, file: r.file ? relative(r.file, cwdOf(io)) : undefined })), null, 2) + '\n' : explainTable(rows, cwdOf(io)));
  return project ? exitCode(diagnostics) : 1;
}
