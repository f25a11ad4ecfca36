import pkg from '../../package.json' with { type: 'json' };
import type { CliIO } from './io.js';
import { UsageError } from './args.js';
import { closestMatch } from '../core/edit-distance.js';
import { useColor } from './color.js';

type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

// Commands are imported when run, so `--version` and `--help` load no compiler code.
const commands: Record<string, { run: () => Promise<Command>; summary: string }> = {
  config: { run: async () => (await import('./commands/config.js')).configCommand, summary: 'print the normalized compose model, like docker compose config' },
  convert: { run: async () => (await import('./commands/convert.js')).convertCommand, summary: 'compile the project: ECS (default), CloudFormation, Kubernetes or your own backend' },
  validate: { run: async () => (await import('./commands/validate.js')).validateCommand, summary: 'check the project for CI: loader findings and deploy rules (text, json, github, sarif)' },
  diagram: { run: async () => (await import('./commands/diagram.js')).diagramCommand, summary: 'draw the deployment (tasks, listeners and rules, networks, Service Connect names) as Mermaid or SVG' },
  explain: { run: async () => (await import('./commands/explain.js')).explainCommand, summary: 'say where each field you set went in the ECS output, or why it was dropped' },
};

const help = `compose2ecs ${pkg.version}: compile Docker Compose files into ECS, CloudFormation and Kubernetes definitions.

Usage: compose2ecs COMMAND [OPTIONS]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run 'compose2ecs COMMAND --help' for a command's options.
Exit codes: 0 success (warnings allowed), 1 the input has errors, 2 bad usage.
`;

/**
 * The whole CLI as a function: arguments in, exit code out. `bin.ts` only wires the
 * process streams to it.
 *
 * @example
 * const code = await run(['config', '-f', 'compose.yaml'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {} });
 */
export async function run(argv: readonly string[], callerIO: CliIO): Promise<number> {
  // The run's own io: colour follows FORCE_COLOR and NO_COLOR here, and --color in the command
  // (common.ts), without changing the caller's object.
  const io: CliIO = { ...callerIO, color: useColor('auto', callerIO.env, callerIO.color ?? false), stdoutColor: useColor('auto', callerIO.env, callerIO.stdoutColor ?? false) };
  const [first, ...rest] = argv;
  // `compose2ecs help convert` is `compose2ecs convert --help`, as in git and docker.
  if (first === 'help' && rest.length > 0) return run([rest[0] as string, '--help'], io);
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(help);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  const command = commands[first];
  if (!command) {
    const near = closestMatch(first, Object.keys(commands));
    io.stderr(`compose2ecs: unknown command "${first}"${near ? ` (did you mean ${near}?)` : ''}\nRun 'compose2ecs --help' for the list of commands.\n`);
    return 2;
  }
  try {
    return await (await command.run())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`compose2ecs ${first}: ${e.message}\nRun 'compose2ecs ${first} --help' for usage.\n`);
      return 2;
    }
    io.stderr(`compose2ecs: internal error (please report it): ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}
