import { stringify } from 'yaml';
import { parseArgs, flagValue, formatFlags, type FlagSpec } from '../args.js';
import type { CliIO } from '../io.js';
import { VERBOSE_FLAG, exitCode, loadOptions, printDiagnostics, projectFlags } from '../common.js';
import { loadProject } from '../../loader/load-project.js';
import { toComposeDocument } from '../../loader/compose-document.js';
import { selectServices } from '../select-services.js';

const flags: FlagSpec[] = [
  ...projectFlags,
  { name: 'format', value: true, choices: ['yaml', 'json'], placeholder: 'FORMAT', help: 'output format (default yaml)' },
  VERBOSE_FLAG,
  { name: 'strict', help: 'treat warnings as errors' },
];

export const configHelp = `Usage: compose2ecs config [OPTIONS] [SERVICE...]

Print the normalized compose model (every file merged, variables interpolated, short
syntax made long), as \`docker compose config\` does. Given SERVICE names, only those
services and the ones they depend on.

Options:
${formatFlags(flags)}
`;

export async function configCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, flags);
  if (args.flags.has('help')) {
    io.stdout(configHelp);
    return 0;
  }
  const options = await loadOptions(args, io);
  const { project, diagnostics } = await loadProject(options);
  printDiagnostics(diagnostics, io, 'text', io.cwd, undefined, args.flags.has('verbose'));
  const code = exitCode(diagnostics, args.flags.has('strict'));
  if (!project || code !== 0) return code || 1;
  const doc = toComposeDocument(args.positionals.length ? selectServices(project, args.positionals) : project);
  io.stdout(flagValue(args, 'format') === 'json' ? JSON.stringify(doc, null, 2) + '\n' : stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
  return 0;
}
