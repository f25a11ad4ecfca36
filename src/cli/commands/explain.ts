import { flagValue, formatFlags, UsageError, type FlagSpec } from '../args.js';
import type { CliIO } from '../io.js';
import { cwdOf, exitCode, loadOptions, printDiagnostics, projectFlags, parseCommand } from '../common.js';
import { compileFlags, compileOptions, targetFlag } from '../compile-flags.js';
import type { ExplainRow, ExplainTarget } from '../explain-map.js';
import { compile, type BuiltinTarget } from '../../compile.js';
import type { IR } from '../../ir/ir.js';
import type { Output } from '../../backends/backend.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import { displayPath } from '../../diagnostics/format.js';

const flags: FlagSpec[] = [
  ...projectFlags,
  { ...targetFlag, help: 'the target to explain: ecs (the default), cloudformation or kubernetes' },
  ...compileFlags,
  { name: 'format', value: true, choices: ['text', 'json'], placeholder: 'FORMAT', help: 'a table (default) or JSON' },
];

export const explainHelp = `Usage: compose2ecs explain [OPTIONS]

For every field you set in a service, say where it went in the target's output (the file
and a JSON pointer into it) or why it was dropped; where no pointer is found, the target's
mapping table says where the field goes. Errors in the project go to standard error; the
table still shows what could be compiled.

Options:
${formatFlags(flags)}

Examples:
  compose2ecs explain -f compose.yaml --launch-type FARGATE
  compose2ecs explain --target kubernetes --set jobs=true
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

/** The built-in targets and how explain finds fields in their documents. */
const TARGETS: Record<BuiltinTarget, (ir: IR, emitted: readonly Output[]) => Promise<ExplainTarget>> = {
  ecs: async (ir, emitted) => (await import('../explain-ecs.js')).ecsExplainTarget(ir, emitted),
  cloudformation: async (_ir, emitted) => (await import('../explain-ecs.js')).cloudformationExplainTarget(emitted),
  kubernetes: async (_ir, emitted) => (await import('../explain-k8s.js')).kubernetesExplainTarget(emitted),
};

export async function explainCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseCommand(argv, flags, explainHelp, io);
  if (!args) return 0;
  const target = flagValue(args, 'target') ?? 'ecs';
  // A backend module has no field table to explain with.
  if (!Object.hasOwn(TARGETS, target)) throw new UsageError(`explain supports --target ${Object.keys(TARGETS).join(', ')} (got "${target}"): a backend module has no field table`);
  const load = await loadOptions(args, io);
  const flagged = await compileOptions(args, io, undefined);
  const result = await compile({ ...load, ...flagged.pass, target: target as BuiltinTarget, backendOptions: flagged.backendOptions });
  const project = result.project;
  const diagnostics: Diagnostic[] = [...flagged.diagnostics, ...result.diagnostics];
  let rows: ExplainRow[] = [];
  if (result.ir) {
    const { explainRows } = await import('../explain-map.js');
    rows = explainRows(result.ir, await TARGETS[target as BuiltinTarget](result.ir, result.emitted), diagnostics);
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
