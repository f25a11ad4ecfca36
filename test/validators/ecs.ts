/**
 * Validates ECS API inputs (`register-task-definition` / `create-service` `--cli-input-json`)
 * against what `@aws-sdk/client-ecs` ships, read at run time, so a newer SDK keeps it true:
 *
 * - members, member types and `@required` come from the SDK's Smithy schemas
 *   (`RegisterTaskDefinitionRequest$`, …) walked with `NormalizedSchema`; the required
 *   members are the first N of a structure's members, N being the schema's 7th slot;
 * - enum values come from the SDK's exported constant objects (`LogDriver`, …). The Smithy
 *   schema types an enum member as a plain string and keeps no shape name, so the link from
 *   member to enum is read from the SDK's own declaration files (`logDriver: LogDriver |
 *   undefined` in dist-types/models), parsed with the TypeScript parser.
 *
 * The one thing the SDK does not carry is Integer versus Double: the schemas give every number
 * the same type code. Numbers must therefore be integers, except the members in
 * `DOUBLE_MEMBERS`, which the ECS API reference types as Double.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import type { NormalizedSchema as Schema } from '@smithy/core/schema';
import type { CreateServiceCommandInput, RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { childPath, closestName, describeJson, isJsonObject } from './json-path.js';

const requireHere = createRequire(import.meta.url);
const sdkEntry = requireHere.resolve('@aws-sdk/client-ecs');
const sdk = requireHere('@aws-sdk/client-ecs') as Record<string, unknown>;
// The schema walker the SDK itself uses, resolved from the SDK's location.
const { NormalizedSchema } = createRequire(sdkEntry)('@smithy/core/schema') as typeof import('@smithy/core/schema');

/**
 * `Structure.member` names whose Smithy type is Double (all other numbers are Integer/Long).
 * Exported so a test can prove each still names a numeric member of the SDK.
 */
export const DOUBLE_MEMBERS: ReadonlySet<string> = new Set([
  'CanaryConfiguration.canaryPercent',
  'LinearConfiguration.stepPercent',
]);

/** What the SDK's declaration files say about a member beyond the Smithy schema. */
export type EcsTypeHint =
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly (string | number)[] }
  | { readonly kind: 'list'; readonly of: EcsTypeHint }
  | { readonly kind: 'map'; readonly key: EcsTypeHint; readonly value: EcsTypeHint }
  | { readonly kind: 'plain' };

/** A structure's members as declared in dist-types: type hint and whether `?` marks it optional. */
export type DeclaredMembers = ReadonlyMap<string, { readonly hint: EcsTypeHint; readonly optional: boolean }>;

const PLAIN: EcsTypeHint = { kind: 'plain' };

/**
 * Validates a value against any ECS input structure the SDK exports as `<name>$`.
 *
 * @example
 * validateEcsShape('UpdateServiceRequest', { service: 'web', desiredCount: 2 }) // []
 */
export function validateEcsShape(shapeName: string, doc: unknown): string[] {
  const problems: string[] = [];
  checkValue(doc, ecsSchema(shapeName), PLAIN, '$', shapeName, problems);
  return problems;
}

/**
 * Problems in a `register-task-definition` input; empty means valid.
 *
 * @example
 * validateRegisterTaskDefinition({ family: 'web' })
 * // ['$.containerDefinitions: required member of RegisterTaskDefinitionRequest is missing']
 */
export function validateRegisterTaskDefinition(doc: unknown): string[] {
  return validateEcsShape('RegisterTaskDefinitionRequest', doc);
}

/**
 * Problems in a `create-service` input; empty means valid.
 *
 * @example
 * validateCreateService({ serviceName: 'web', desiredCount: 2 }) // []
 */
export function validateCreateService(doc: unknown): string[] {
  const problems = validateEcsShape('CreateServiceRequest', doc);
  // A documented limit the SDK's schema does not carry. ServiceConnectService.clientAliases:
  // "The maximum number of client aliases that you can have in this list is 1."
  const services = (doc as { serviceConnectConfiguration?: { services?: unknown } } | null)?.serviceConnectConfiguration?.services;
  if (Array.isArray(services)) {
    services.forEach((s: { clientAliases?: unknown }, i) => {
      if (Array.isArray(s?.clientAliases) && s.clientAliases.length > 1) problems.push(`$.serviceConnectConfiguration.services[${i}].clientAliases: at most 1 client alias per ServiceConnectService, not ${s.clientAliases.length}`);
    });
  }
  return problems;
}

/**
 * Problems in a `run-task` input (`<task>.run-task.json`, a task of jobs); empty means valid.
 *
 * @example
 * validateRunTask({ taskDefinition: 'migrate', count: 1 }) // []
 */
export function validateRunTask(doc: unknown): string[] {
  return validateEcsShape('RunTaskRequest', doc);
}

/**
 * Throws one error listing every problem, for `expect(() => …).not.toThrow()` in other tests.
 *
 * @example
 * assertValidEcsTaskDefinition(output.value)
 */
export function assertValidEcsTaskDefinition(doc: unknown): asserts doc is RegisterTaskDefinitionCommandInput {
  throwIfAny('register-task-definition input', validateRegisterTaskDefinition(doc));
}

/**
 * Throws one error listing every problem in a `create-service` input.
 *
 * @example
 * assertValidEcsService(output.value)
 */
export function assertValidEcsService(doc: unknown): asserts doc is CreateServiceCommandInput {
  throwIfAny('create-service input', validateCreateService(doc));
}

function throwIfAny(what: string, problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new Error(`invalid ECS ${what} (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`);
  }
}

/**
 * The SDK's schema for a structure, by shape name, ready to walk.
 *
 * @example
 * ecsSchema('LogConfiguration').getMemberSchema('logDriver').isStringSchema() // true
 */
export function ecsSchema(shapeName: string): Schema {
  const schema = sdk[`${shapeName}$`];
  if (!Array.isArray(schema)) throw new Error(`@aws-sdk/client-ecs exports no schema ${shapeName}$`);
  return NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
}

/** The members of a structure schema, the number of leading required ones, and its name. */
export function structureMembers(schema: Schema): { name: string; members: string[]; requiredCount: number } {
  const raw = schema.getSchema() as unknown as unknown[];
  const members = raw[4] as string[];
  const requiredCount = typeof raw[6] === 'number' ? raw[6] : 0;
  return { name: schema.getName() ?? '?', members, requiredCount };
}

// `owner` is `Structure.member` for the value being checked, to look up DOUBLE_MEMBERS.
function checkValue(value: unknown, schema: Schema, hint: EcsTypeHint, at: string, owner: string, out: string[]): void {
  if (schema.isStructSchema()) return checkStructure(value, schema, at, out);
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return void out.push(`${at}: expected a list, got ${describeJson(value)}`);
    const element = hint.kind === 'list' ? hint.of : PLAIN;
    value.forEach((item, i) => checkValue(item, schema.getValueSchema(), element, childPath(at, i), owner, out));
    return;
  }
  if (schema.isMapSchema()) {
    if (!isJsonObject(value)) return void out.push(`${at}: expected a map (JSON object), got ${describeJson(value)}`);
    const [keyHint, valueHint] = hint.kind === 'map' ? [hint.key, hint.value] : [PLAIN, PLAIN];
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      checkEnum(key, keyHint, `${childPath(at, key)} (key)`, out);
      checkValue(item, schema.getValueSchema(), valueHint, childPath(at, key), owner, out);
    }
    return;
  }
  if (schema.isStringSchema() || schema.isBlobSchema()) {
    if (typeof value !== 'string') return void out.push(`${at}: expected a string, got ${describeJson(value)}`);
    return checkEnum(value, hint, at, out);
  }
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return void out.push(`${at}: expected a number, got ${describeJson(value)}`);
    }
    const fractional = DOUBLE_MEMBERS.has(owner) || schema.isBigDecimalSchema();
    if (!fractional && !Number.isInteger(value)) return void out.push(`${at}: expected an integer, got ${value}`);
    return checkEnum(value, hint, at, out);
  }
  if (schema.isBooleanSchema()) {
    if (typeof value !== 'boolean') out.push(`${at}: expected a boolean, got ${describeJson(value)}`);
    return;
  }
  if (schema.isTimestampSchema()) {
    const ok = typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    if (!ok) out.push(`${at}: expected a timestamp (epoch seconds or ISO 8601), got ${describeJson(value)}`);
    return;
  }
  // Documents (e.g. DeploymentLifecycleHook.hookDetails) hold any JSON.
}

function checkStructure(value: unknown, schema: Schema, at: string, out: string[]): void {
  const { name, members, requiredCount } = structureMembers(schema);
  if (!isJsonObject(value)) return void out.push(`${at}: expected a ${name} object, got ${describeJson(value)}`);
  const declared = declaredMembers(name);
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue; // JSON.stringify drops it, as the required check below does
    if (!members.includes(key)) {
      const guess = closestName(key, members);
      out.push(`${childPath(at, key)}: unknown member of ${name}${guess ? ` (did you mean "${guess}"?)` : ''}`);
      continue;
    }
    const hint = declared.get(key)?.hint ?? PLAIN;
    checkValue(item, schema.getMemberSchema(key), hint, childPath(at, key), `${name}.${key}`, out);
  }
  for (const key of members.slice(0, requiredCount)) {
    if (value[key] === undefined) out.push(`${childPath(at, key)}: required member of ${name} is missing`);
  }
  if (schema.isUnionSchema()) {
    const set = members.filter((key) => value[key] !== undefined && value[key] !== null);
    if (set.length !== 1) out.push(`${at}: ${name} is a union: set exactly one of ${members.join(', ')} (found ${set.length})`);
  }
}

function checkEnum(value: string | number, hint: EcsTypeHint, at: string, out: string[]): void {
  if (hint.kind !== 'enum' || hint.values.includes(value)) return;
  out.push(`${at}: ${JSON.stringify(value)} is not a ${hint.name} (expected one of: ${hint.values.join(', ')})`);
}

let declarations: Map<string, DeclaredMembers> | undefined;

/**
 * The members of a structure as the SDK's declaration files declare them. Throws when the
 * structure is not declared there, since enum checks would otherwise vanish silently.
 *
 * @example
 * declaredMembers('LogConfiguration').get('logDriver')?.hint // { kind: 'enum', name: 'LogDriver', … }
 */
export function declaredMembers(structureName: string): DeclaredMembers {
  declarations ??= readDeclarations();
  const found = declarations.get(structureName);
  if (!found) throw new Error(`no interface ${structureName} in @aws-sdk/client-ecs dist-types/models`);
  return found;
}

function readDeclarations(): Map<string, DeclaredMembers> {
  const packageRoot = path.resolve(path.dirname(sdkEntry), '..');
  const typesEntry = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { types: string }).types;
  const modelsDir = path.join(packageRoot, path.dirname(typesEntry), 'models');
  const result = new Map<string, DeclaredMembers>();
  for (const file of readdirSync(modelsDir).filter((name) => name.endsWith('.d.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(path.join(modelsDir, file), 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        result.set(statement.name.text, interfaceMembers([statement], false));
      } else if (ts.isModuleDeclaration(statement) && statement.body && ts.isModuleBlock(statement.body)) {
        // A union `U` is declared as `namespace U { interface AMember { a: T; b?: never } … }`.
        const variants = statement.body.statements
          .filter(ts.isInterfaceDeclaration)
          .filter((variant) => variant.name.text.endsWith('Member') && variant.name.text !== '$UnknownMember');
        if (variants.length > 0) result.set(statement.name.text, interfaceMembers(variants, true));
      }
    }
  }
  return result;
}

function interfaceMembers(interfaces: readonly ts.InterfaceDeclaration[], allOptional: boolean): DeclaredMembers {
  const members = new Map<string, { hint: EcsTypeHint; optional: boolean }>();
  for (const declaration of interfaces) {
    for (const member of declaration.members) {
      if (!ts.isPropertySignature(member) || !member.type || member.type.kind === ts.SyntaxKind.NeverKeyword) continue;
      if (!ts.isIdentifier(member.name) && !ts.isStringLiteral(member.name)) continue;
      members.set(member.name.text, { hint: hintOf(member.type), optional: allOptional || member.questionToken !== undefined });
    }
  }
  return members;
}

function hintOf(node: ts.TypeNode): EcsTypeHint {
  if (ts.isParenthesizedTypeNode(node)) return hintOf(node.type);
  if (ts.isUnionTypeNode(node)) {
    const meaningful = node.types.filter(
      (type) => type.kind !== ts.SyntaxKind.UndefinedKeyword && type.kind !== ts.SyntaxKind.NeverKeyword,
    );
    const [only] = meaningful;
    return meaningful.length === 1 && only ? hintOf(only) : PLAIN;
  }
  if (ts.isArrayTypeNode(node)) return { kind: 'list', of: hintOf(node.elementType) };
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    const [first, second] = node.typeArguments ?? [];
    if (name === 'Record' && first && second) return { kind: 'map', key: hintOf(first), value: hintOf(second) };
    if (name === 'Partial' && first) return hintOf(first);
    const values = enumValues(sdk[name]);
    if (values) return { kind: 'enum', name, values };
  }
  return PLAIN;
}

// An SDK enum is an exported constant object whose values are all strings (or all numbers).
function enumValues(candidate: unknown): (string | number)[] | undefined {
  if (!isJsonObject(candidate)) return undefined;
  const values = Object.values(candidate);
  const allStrings = values.every((v) => typeof v === 'string');
  const allNumbers = values.every((v) => typeof v === 'number');
  return values.length > 0 && (allStrings || allNumbers) ? (values as (string | number)[]) : undefined;
}
