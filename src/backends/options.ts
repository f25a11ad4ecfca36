/**
 * Backend options (`--set key=value`, `--format`, or `backendOptions` in the library): what a
 * backend declares, and the one check of what was given against it, shared by the CLI (a
 * usage error, exit 2) and `compile` (a coded error). A backend that declares nothing accepts
 * anything, as third-party backends did before declarations existed.
 */
import { closestMatch } from '../core/edit-distance.js';

/** The kind of value an option takes: text, a switch, a number, or one of a list of words. */
export type OptionType = 'string' | 'boolean' | 'number' | readonly string[];

/**
 * One option of a backend.
 *
 * @example
 * const namespace: OptionDeclaration = { type: 'string', description: '`metadata.namespace` of every object', pattern: /^[a-z0-9-]+$/, hint: 'a DNS label' };
 */
export interface OptionDeclaration {
  type: OptionType;
  /** One line for `--help` and the docs. */
  description: string;
  /** The value when the option is not given; filled in before `emit` runs. */
  default?: string | boolean | number;
  /** For a `string`: a pattern the text must match, and how to say it in an error. */
  pattern?: RegExp;
  hint?: string;
}

/** A backend's options by name (camelCase; `--set wait-for-x` and `wait_for_x` reach `waitForX`). */
export type OptionDeclarations = Readonly<Record<string, OptionDeclaration>>;

/** Something wrong with one given option: an unknown name or a value of the wrong kind. */
export interface OptionProblem {
  kind: 'unknown' | 'invalid';
  /** The name as it was given. */
  key: string;
  value: unknown;
  /** What is wrong, without saying where the option came from (the caller knows). */
  message: string;
}

/** `wait-for-dependencies` → `waitForDependencies`. */
function camel(key: string): string {
  return key.replace(/[-_]([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/** What a value of this type looks like, for an error: `true or false`, `json, yaml`. */
export function describeType(option: OptionDeclaration): string {
  const t = option.type;
  if (Array.isArray(t)) return t.join(', ');
  if (t === 'boolean') return 'true or false';
  if (t === 'number') return 'a number';
  return option.hint ?? 'text';
}

/**
 * The value as the option's type, from text (the CLI) or a typed value (the library); enum
 * words match without regard to case.
 *
 * @example optionValue({ type: 'boolean', description: '' }, 'true') // { value: true }
 */
export function optionValue(option: OptionDeclaration, raw: unknown): { value: unknown } | { problem: string } {
  const t = option.type;
  const problem = { problem: describeType(option) };
  if (t === 'boolean') {
    if (raw === true || raw === 'true') return { value: true };
    if (raw === false || raw === 'false') return { value: false };
    return problem;
  }
  if (t === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    return Number.isFinite(n) ? { value: n } : problem;
  }
  if (typeof raw !== 'string' || raw === '') return problem;
  if (Array.isArray(t)) {
    const found = (t as readonly string[]).find((v) => v.toLowerCase() === raw.toLowerCase());
    return found === undefined ? problem : { value: found };
  }
  if (t !== 'string') return { value: raw }; // a third party's type we do not know: taken as it is
  if (option.pattern && !option.pattern.test(raw)) return problem;
  return { value: raw };
}

function isDeclaration(v: unknown): v is OptionDeclaration {
  return typeof v === 'object' && v !== null;
}

/** The declared name a given key means: itself, or its camelCase form. */
function declaredName(declared: OptionDeclarations, key: string): string | undefined {
  if (Object.hasOwn(declared, key)) return key;
  const c = camel(key);
  return Object.hasOwn(declared, c) ? c : undefined;
}

function unknownMessage(target: string, declared: OptionDeclarations, key: string): string {
  const names = Object.keys(declared);
  if (key === 'format') return `the ${target} target has no option "format": it has no output formats to choose from`;
  const guess = closestMatch(key, names) ?? closestMatch(camel(key), names);
  const known = names.filter((n) => n !== 'format');
  const list = known.length ? `its options: ${known.join(', ')}` : 'it takes no options';
  return `the ${target} target has no option "${key}"${guess ? `; did you mean ${guess}?` : ` (${list})`}`;
}

function invalidMessage(target: string, key: string, option: OptionDeclaration, problem: string): string {
  if (key === 'format' && Array.isArray(option.type)) {
    const formats = option.type as readonly string[];
    return `the ${target} target writes ${formats.length === 1 ? `${formats[0]} only` : formats.join(' or ')}`;
  }
  return `${key} must be ${problem}`;
}

/**
 * Checks the given options against a backend's declaration: the problems, and the options as
 * the backend receives them (declared names, typed values, defaults filled in). Without a
 * declaration, the options pass unchanged.
 *
 * @example
 * checkBackendOptions('kubernetes', { namespace: { type: 'string', description: '' } }, { nmespace: 'x' }).problems[0]?.message
 * // 'the kubernetes target has no option "nmespace"; did you mean namespace?'
 */
export function checkBackendOptions(target: string, declared: OptionDeclarations | undefined, given: Readonly<Record<string, unknown>>): { options: Record<string, unknown>; problems: OptionProblem[] } {
  if (!declared) return { options: { ...given }, problems: [] };
  const options: Record<string, unknown> = {};
  const problems: OptionProblem[] = [];
  // A third party's declaration is read defensively: an entry that is not an object takes anything.
  for (const [name, option] of Object.entries(declared)) if (isDeclaration(option) && option.default !== undefined) options[name] = option.default;
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const name = declaredName(declared, key);
    const option = name === undefined ? undefined : declared[name];
    if (name === undefined || option === undefined) {
      problems.push({ kind: 'unknown', key, value, message: unknownMessage(target, declared, key) });
      continue;
    }
    const read = isDeclaration(option) ? optionValue(option, value) : { value };
    if ('problem' in read) problems.push({ kind: 'invalid', key, value, message: invalidMessage(target, name, option, read.problem) });
    else Object.defineProperty(options, name, { value: read.value, enumerable: true, writable: true, configurable: true });
  }
  return { options, problems };
}

/**
 * The declaration as `--help` rows: the flag that sets each option, and what it does.
 *
 * @example optionHelpRows({ split: { type: 'boolean', description: 'one file per object', default: false } }) // [['--set split=true|false', 'one file per object (default false)']]
 */
export function optionHelpRows(declared: OptionDeclarations): [flag: string, text: string][] {
  return Object.entries(declared).filter(([, o]) => isDeclaration(o)).map(([name, o]) => {
    const values = Array.isArray(o.type) ? (o.type as readonly string[]).join('|') : o.type === 'boolean' ? 'true|false' : o.type === 'number' ? 'NUMBER' : 'TEXT';
    const flag = name === 'format' ? `--format ${values}` : `--set ${name}=${values}`;
    return [flag, `${String(o.description ?? '')}${o.default === undefined ? '' : ` (default ${String(o.default)})`}`];
  });
}
