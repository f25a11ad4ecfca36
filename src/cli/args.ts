/**
 * A small argument parser in the docker compose style: long and short flags, `--flag=value`,
 * repeatable flags, and a usage error (exit 2) for anything unknown.
 */
import { closestMatch } from '../core/edit-distance.js';

export interface FlagSpec {
  /** Long name without dashes. */
  name: string;
  short?: string;
  /** Takes a value (otherwise a boolean switch). */
  value?: boolean;
  repeat?: boolean;
  /** Allowed values. */
  choices?: readonly string[];
  help: string;
  placeholder?: string;
}

export interface ParsedArgs {
  flags: Map<string, string[] | true>;
  positionals: string[];
}

/** Bad usage: the CLI prints the message and how to ask for help, and exits with 2. */
export class UsageError extends Error {}

function unknownFlag(flag: string, specs: readonly FlagSpec[]): UsageError {
  const near = closestMatch(flag.replace(/^-+/, ''), specs.map((s) => s.name));
  return new UsageError(`unknown flag ${flag}${near ? ` (did you mean --${near}?)` : ''}`);
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const flags = new Map<string, string[] | true>();
  const positionals: string[] = [];
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (eq >= 0) inline = arg.slice(eq + 1);
      spec = byLong.get(name);
      if (!spec) throw unknownFlag(`--${name}`, specs);
    } else if (arg.startsWith('-') && arg.length > 1) {
      spec = byShort.get(arg.slice(1, 2));
      if (!spec) throw unknownFlag(arg.slice(0, 2), specs);
      if (arg.length > 2) inline = arg.slice(2);
    } else {
      positionals.push(arg);
      continue;
    }
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      flags.set(spec.name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${spec.name} needs a value`);
    if (spec.choices && !spec.choices.includes(value)) throw new UsageError(`--${spec.name} must be one of: ${spec.choices.join(', ')} (got "${value}")`);
    const prev = flags.get(spec.name);
    if (Array.isArray(prev) && spec.repeat) prev.push(value);
    else flags.set(spec.name, [value]);
  }
  return { flags, positionals };
}

/** The last value of a flag, if given. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return Array.isArray(v) ? v[v.length - 1] : undefined;
}

/** All values of a repeatable flag. */
export function flagValues(args: ParsedArgs, name: string): string[] {
  const v = args.flags.get(name);
  return Array.isArray(v) ? v : [];
}

export function formatFlags(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const left = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.value ? ` ${s.placeholder ?? 'VALUE'}` : ''}`;
    return [left, s.help + (s.choices ? ` (${s.choices.join('|')})` : '')] as const;
  });
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([l, r]) => `  ${l.padEnd(w)}  ${r}`).join('\n');
}
