/** A CloudFormation template under construction: parameters, conditions, resources, outputs, rules. */

export type Json = Record<string, unknown>;

export interface ResourceOptions {
  condition?: string;
  dependsOn?: string[];
}

export class Template {
  readonly parameters: Record<string, Json> = {};
  readonly conditions: Record<string, unknown> = {};
  readonly resources: Record<string, Json> = {};
  readonly outputs: Record<string, Json> = {};
  /** Assertions on the parameters, checked before anything is created (the Rules section). */
  readonly rules: Record<string, Json> = {};
  /** IDs declared twice (resources and parameters share one namespace): the build is redone with strict IDs. */
  readonly collisions: string[] = [];

  constructor(readonly description: string) {}

  parameter(id: string, def: Json): { Ref: string } {
    if (Object.hasOwn(this.parameters, id) || Object.hasOwn(this.resources, id)) this.collisions.push(id);
    this.parameters[id] = def;
    return { Ref: id };
  }

  condition(id: string, expr: unknown): string {
    this.conditions[id] = expr;
    return id;
  }

  resource(id: string, type: string, properties: Json, options: ResourceOptions = {}): { Ref: string } {
    // Keys in the order the template is written in (stableJson then copies no resource).
    const r: Json = {};
    if (options.condition) r.Condition = options.condition;
    const deps = [...new Set(options.dependsOn ?? [])].sort();
    if (deps.length) r.DependsOn = deps;
    r.Properties = properties;
    r.Type = type;
    if (Object.hasOwn(this.parameters, id) || Object.hasOwn(this.resources, id)) this.collisions.push(id);
    this.resources[id] = r;
    return { Ref: id };
  }

  output(id: string, value: unknown, description: string, condition?: string): void {
    if (Object.hasOwn(this.outputs, id)) this.collisions.push(`Outputs.${id}`);
    this.outputs[id] = { Description: description, Value: value, ...(condition ? { Condition: condition } : {}) };
  }

  /** A rule: when `condition` (a rule condition over parameters) holds, or always, `assert` must hold, or the stack is refused. */
  rule(id: string, assert: unknown, description: string, condition?: unknown): void {
    this.rules[id] = { ...(condition !== undefined ? { RuleCondition: condition } : {}), Assertions: [{ Assert: assert, AssertDescription: description }] };
  }

  has(id: string): boolean {
    return Object.hasOwn(this.resources, id);
  }

  toJSON(): Json {
    const t: Json = { AWSTemplateFormatVersion: '2010-09-09', Description: this.description };
    if (Object.keys(this.parameters).length) t.Parameters = this.parameters;
    if (Object.keys(this.conditions).length) t.Conditions = this.conditions;
    t.Resources = this.resources;
    if (Object.keys(this.outputs).length) t.Outputs = this.outputs;
    if (Object.keys(this.rules).length) t.Rules = this.rules;
    return t;
  }
}

export const ref = (id: string): { Ref: string } => ({ Ref: id });
export const getAtt = (id: string, attr: string): { 'Fn::GetAtt': [string, string] } => ({ 'Fn::GetAtt': [id, attr] });
export const sub = (s: string): { 'Fn::Sub': string } => ({ 'Fn::Sub': s });
export const fnIf = (cond: string, a: unknown, b: unknown): { 'Fn::If': [string, unknown, unknown] } => ({ 'Fn::If': [cond, a, b] });
