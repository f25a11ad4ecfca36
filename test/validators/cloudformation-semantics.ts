/**
 * "Would this stack deploy?" — what AWS's schema validator cannot see: every `Ref`, `Fn::GetAtt`,
 * `Fn::Sub` variable, `DependsOn` and `Condition` names something that exists (GetAtt attributes
 * from the registry schemas, `cfn-registry.ts`), no dependency cycle, and the ECS deploy-time
 * failures of `cloudformation-deploy.ts`. A template is walked once; no engine is started.
 */
import type { CfnRegistry } from './cfn-registry.js';
import { deployFindings } from './cloudformation-deploy.js';

/** One problem: which check, where (a logical id, or `Outputs.X`), and what. */
export interface SemanticFinding {
  readonly check: string;
  readonly at: string;
  readonly message: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A template's resource, as read. */
export interface Resource {
  readonly id: string;
  readonly type: string;
  readonly props: JsonObject;
  readonly condition: string | undefined;
  readonly dependsOn: readonly string[];
}

/** One reference found in a value: `Ref`, `Fn::GetAtt`, a `Fn::Sub` variable. */
export interface Reference {
  readonly kind: 'Ref' | 'GetAtt' | 'Sub';
  readonly target: string;
  readonly attribute?: string;
}

/** The template read once: its sections and every resource's outgoing edges. */
export interface TemplateModel {
  readonly parameters: ReadonlySet<string>;
  readonly conditions: ReadonlySet<string>;
  readonly resources: ReadonlyMap<string, Resource>;
  /** Resource → the resources it needs created first (Ref, GetAtt, Sub, DependsOn), both branches of every Fn::If included. */
  readonly edges: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every distinct deployment the parameters allow (see `deployments`). */
  readonly deployments: readonly Deployment[];
}

/**
 * One way the stack can be deployed: a truth value for each condition, from one assignment of the
 * parameters the conditions read. Each such parameter takes the values its conditions compare it
 * with and one other (its AllowedValues when it has them; not "" under MinLength); an assignment a
 * Rules assertion refuses is no deployment (CloudFormation rejects it before creating anything).
 */
export interface Deployment {
  /** `ExistingListenerArn=x, ClusterName=""`: the assignment, for messages. */
  readonly label: string;
  readonly conditions: ReadonlyMap<string, boolean>;
  /** Whether a resource is created in this deployment (no Condition, or a true one). */
  exists(id: string): boolean;
  /** Resource → what it needs first in this deployment (Fn::If branches chosen). */
  readonly edges: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The pseudo parameters `Ref` accepts (CloudFormation User Guide, "Pseudo parameters reference"). */
export const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/**
 * Every finding for one parsed template (JSON or YAML in long form, as the backend writes it).
 *
 * @example
 * const registry = loadCfnRegistry();
 * expect(checkTemplate(JSON.parse(text), registry)).toEqual([]);
 */
export function checkTemplate(template: unknown, registry: CfnRegistry): SemanticFinding[] {
  const findings: SemanticFinding[] = [];
  const t = isObject(template) ? template : {};
  const model = readModel(t, registry, findings);
  findings.push(...createdTargets(t, model), ...cycles(model), ...deployFindings(model));
  return findings;
}

function readModel(t: JsonObject, registry: CfnRegistry, findings: SemanticFinding[]): TemplateModel {
  const parameters = new Set(Object.keys(section(t, 'Parameters')));
  const conditions = new Set(Object.keys(section(t, 'Conditions')));
  const resources = new Map<string, Resource>();
  for (const [id, raw] of Object.entries(section(t, 'Resources'))) {
    const r = isObject(raw) ? raw : {};
    const dependsOn = typeof r.DependsOn === 'string' ? [r.DependsOn] : Array.isArray(r.DependsOn) ? r.DependsOn.filter((d): d is string => typeof d === 'string') : [];
    resources.set(id, {
      id,
      type: typeof r.Type === 'string' ? r.Type : '',
      props: isObject(r.Properties) ? r.Properties : {},
      condition: typeof r.Condition === 'string' ? r.Condition : undefined,
      dependsOn,
    });
  }
  const model = { parameters, conditions, resources, edges: new Map<string, Set<string>>(), deployments: [] as Deployment[] };
  const resolve = resolver(model, registry, findings);
  for (const r of resources.values()) {
    const all = new Set<string>();
    for (const ref of references(r.props, findings, r.id)) {
      if (!resolve(ref, r.id)) continue;
      if (!resources.has(ref.target)) continue;
      all.add(ref.target);
    }
    for (const d of r.dependsOn) {
      if (!resources.has(d)) findings.push({ check: 'DependsOn', at: r.id, message: `DependsOn names ${d}, which is not a resource of the template` });
      else all.add(d);
    }
    if (r.condition !== undefined && !conditions.has(r.condition)) findings.push({ check: 'Condition', at: r.id, message: `Condition ${r.condition} is not in Conditions` });
    for (const c of conditionNames(r.props)) if (!conditions.has(c)) findings.push({ check: 'Condition', at: r.id, message: `Fn::If names the condition ${c}, which is not in Conditions` });
    model.edges.set(r.id, all);
  }
  for (const [name, raw] of Object.entries(section(t, 'Outputs'))) {
    const at = `Outputs.${name}`;
    const o = isObject(raw) ? raw : {};
    if (!('Value' in o)) findings.push({ check: 'Output', at, message: 'the output has no Value' });
    for (const ref of references(o, findings, at)) resolve(ref, at);
    if (typeof o.Condition === 'string' && !conditions.has(o.Condition)) findings.push({ check: 'Condition', at, message: `Condition ${o.Condition} is not in Conditions` });
    for (const c of conditionNames(o)) if (!conditions.has(c)) findings.push({ check: 'Condition', at, message: `Fn::If names the condition ${c}, which is not in Conditions` });
  }
  for (const [name, raw] of Object.entries(section(t, 'Conditions'))) {
    const at = `Conditions.${name}`;
    for (const ref of references(raw, findings, at)) {
      if (ref.kind !== 'Ref' || !(parameters.has(ref.target) || PSEUDO_PARAMETERS.has(ref.target)))
        findings.push({ check: 'Condition', at, message: `a condition may refer only to parameters and pseudo parameters, not ${ref.target}` });
    }
    for (const c of conditionNames(raw, true)) if (!conditions.has(c)) findings.push({ check: 'Condition', at, message: `names the condition ${c}, which is not in Conditions` });
  }
  model.deployments.push(...deployments(t, resources));
  return model;
}

/** Every deployment (see `Deployment`); a template without conditions has one. */
function deployments(t: JsonObject, resources: ReadonlyMap<string, Resource>): Deployment[] {
  const conditionsSection = section(t, 'Conditions');
  const rules = section(t, 'Rules');
  const params = section(t, 'Parameters');
  const candidates = new Map<string, Set<string>>();
  const collect = (v: Json | undefined): void => {
    if (Array.isArray(v)) return v.forEach(collect);
    if (!isObject(v)) return;
    const eq = v['Fn::Equals'];
    if (Array.isArray(eq) && eq.length === 2) {
      const [a, b] = eq;
      for (const [x, y] of [[a, b], [b, a]] as const) if (isObject(x) && typeof x.Ref === 'string' && typeof y === 'string') valuesOf(x.Ref).add(y);
    }
    if (typeof v.Ref === 'string' && isObject(params[v.Ref])) valuesOf(v.Ref);
    Object.values(v).forEach(collect);
  };
  function valuesOf(name: string): Set<string> {
    let set = candidates.get(name);
    if (!set) candidates.set(name, (set = new Set()));
    return set;
  }
  collect(conditionsSection);
  collect(rules);
  const names = [...candidates.keys()].filter((n) => isObject(params[n])).sort();
  const domains = names.map((n) => {
    const p = params[n] as JsonObject;
    if (Array.isArray(p.AllowedValues)) return p.AllowedValues.map(String);
    const values = [...candidates.get(n)!, '\u0001other'];
    const min = typeof p.MinLength === 'number' ? p.MinLength : 0;
    return values.filter((v) => v.length >= min);
  });
  const out: Deployment[] = [];
  const seen = new Set<string>();
  const assign = (i: number, values: Map<string, string>): void => {
    if (i < names.length) {
      for (const v of domains[i]!) assign(i + 1, new Map([...values, [names[i]!, v]]));
      return;
    }
    const evaluate = evaluator(conditionsSection, values);
    if (!rulesAllow(rules, evaluate)) return;
    const conditions = new Map(Object.keys(conditionsSection).map((c) => [c, evaluate({ Condition: c })]));
    const key = JSON.stringify([...conditions]);
    if (seen.has(key)) return;
    seen.add(key);
    const exists = (id: string) => {
      const r = resources.get(id);
      return r !== undefined && (r.condition === undefined || conditions.get(r.condition) === true);
    };
    const edges = new Map<string, Set<string>>();
    for (const r of resources.values()) {
      if (!exists(r.id)) continue;
      const to = new Set<string>(r.dependsOn.filter((d) => resources.has(d)));
      for (const target of chosenReferences(r.props, conditions)) if (resources.has(target)) to.add(target);
      edges.set(r.id, to);
    }
    const label = names.map((n) => `${n}=${JSON.stringify(values.get(n)).replace('\\u0001other', 'other')}`).join(', ') || 'the only deployment';
    out.push({ label, conditions, exists, edges });
  };
  assign(0, new Map());
  return out;
}

/** Evaluates a condition expression under one parameter assignment; what it cannot read counts as true. */
function evaluator(conditionsSection: JsonObject, values: ReadonlyMap<string, string>) {
  const value = (v: Json | undefined): Json | undefined => (isObject(v) && typeof v.Ref === 'string' && values.has(v.Ref) ? values.get(v.Ref) : v);
  const evaluate = (v: Json | undefined, depth = 0): boolean => {
    if (!isObject(v) || depth > 50) return true;
    if (typeof v.Condition === 'string') return evaluate(conditionsSection[v.Condition], depth + 1);
    const eq = v['Fn::Equals'];
    if (Array.isArray(eq) && eq.length === 2) return JSON.stringify(value(eq[0])) === JSON.stringify(value(eq[1]));
    const not = v['Fn::Not'];
    if (Array.isArray(not)) return !evaluate(not[0], depth + 1);
    const and = v['Fn::And'];
    if (Array.isArray(and)) return and.every((x) => evaluate(x, depth + 1));
    const or = v['Fn::Or'];
    if (Array.isArray(or)) return or.some((x) => evaluate(x, depth + 1));
    return true;
  };
  return (v: Json | undefined) => evaluate(v);
}

/** CloudFormation User Guide, "Rules": an assignment passes when every rule whose RuleCondition holds has all its Assertions true. */
function rulesAllow(rules: JsonObject, evaluate: (v: Json | undefined) => boolean): boolean {
  return Object.values(rules).every((rule) => {
    if (!isObject(rule)) return true;
    if (rule.RuleCondition !== undefined && !evaluate(rule.RuleCondition)) return true;
    return objects(rule.Assertions).every((a) => evaluate(a.Assert));
  });
}

/** A value with each Fn::If replaced by the branch a deployment takes. */
export function chosen(value: Json | undefined, conditions: ReadonlyMap<string, boolean>): Json | undefined {
  if (Array.isArray(value)) return value.map((v) => chosen(v, conditions) ?? null);
  if (!isObject(value)) return value;
  const branch = value['Fn::If'];
  if (Object.keys(value).length === 1 && Array.isArray(branch) && typeof branch[0] === 'string') return chosen(conditions.get(branch[0]) ? branch[1] : branch[2], conditions);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, chosen(v, conditions) ?? null]));
}

/** The logical ids a value refers to once each Fn::If takes its branch. */
function chosenReferences(value: Json | undefined, conditions: ReadonlyMap<string, boolean>): string[] {
  const out: string[] = [];
  const walk = (v: Json | undefined): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObject(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const arg = v[keys[0]!];
      if (keys[0] === 'Fn::If' && Array.isArray(arg) && typeof arg[0] === 'string') return walk(conditions.get(arg[0]) ? arg[1] : arg[2]);
      if (keys[0] === 'Ref' && typeof arg === 'string') return void out.push(arg);
      if (keys[0] === 'Fn::GetAtt') return void out.push(typeof arg === 'string' ? arg.split('.')[0]! : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : '');
      if (keys[0] === 'Fn::Sub') {
        const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : '';
        const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) if (!(m[1]! in vars)) out.push(m[1]!.split('.')[0]!);
        return Object.values(vars).forEach(walk);
      }
    }
    Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

function objects(v: Json | undefined): JsonObject[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isObject);
}

/** Checks one reference against the template; true when it names something that exists. */
function resolver(model: { parameters: ReadonlySet<string>; resources: ReadonlyMap<string, Resource> }, registry: CfnRegistry, findings: SemanticFinding[]) {
  return (ref: Reference, at: string): boolean => {
    const how = ref.kind === 'Sub' ? `Fn::Sub variable \${${ref.target}${ref.attribute !== undefined ? `.${ref.attribute}` : ''}}` : ref.kind;
    if (ref.attribute === undefined) {
      if (model.parameters.has(ref.target) || model.resources.has(ref.target) || PSEUDO_PARAMETERS.has(ref.target)) return true;
      findings.push({ check: 'Ref', at, message: `${how} names ${ref.target}: not a parameter, resource or pseudo parameter` });
      return false;
    }
    const target = model.resources.get(ref.target);
    if (!target) {
      findings.push({ check: 'GetAtt', at, message: `${how} names ${ref.target}, which is not a resource (parameters have no attributes)` });
      return false;
    }
    if (target.type.startsWith('Custom::') || target.type === 'AWS::CloudFormation::CustomResource') return true;
    const attributes = registry.attributes(target.type);
    if (!attributes) {
      findings.push({ check: 'GetAtt', at, message: `${ref.target} is of type ${target.type}, which the registry does not know` });
      return false;
    }
    if (attributes.has(ref.attribute)) return true;
    findings.push({ check: 'GetAtt', at, message: `${how}: ${target.type} has no attribute ${ref.attribute} (it has ${[...attributes].join(', ') || 'none'})` });
    return false;
  };
}

/** Every Ref, GetAtt and Sub variable in a value, in both branches of every Fn::If. */
export function references(value: Json | undefined, findings: SemanticFinding[], at: string): Reference[] {
  const out: Reference[] = [];
  walk(value);
  return out;

  function walk(v: Json | undefined): void {
    if (Array.isArray(v)) return v.forEach((item) => walk(item));
    if (!isObject(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const arg = v[key];
      if (key === 'Ref' && typeof arg === 'string') return void out.push({ kind: 'Ref', target: arg });
      if (key === 'Fn::GetAtt') return getAtt(arg);
      if (key === 'Fn::Sub') return sub(arg);
    }
    for (const item of Object.values(v)) walk(item);
  }

  function getAtt(arg: Json | undefined): void {
    if (typeof arg === 'string' && arg.includes('.')) {
      const dot = arg.indexOf('.');
      return void out.push({ kind: 'GetAtt', target: arg.slice(0, dot), attribute: arg.slice(dot + 1) });
    }
    if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && typeof arg[1] === 'string')
      return void out.push({ kind: 'GetAtt', target: arg[0], attribute: arg[1] });
    findings.push({ check: 'GetAtt', at, message: `Fn::GetAtt of ${JSON.stringify(arg)}: not [resource, attribute] with literal names` });
  }

  function sub(arg: Json | undefined): void {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) && typeof arg[0] === 'string' && isObject(arg[1]) ? [arg[0], arg[1]] : [undefined, {}];
    if (text === undefined) return void findings.push({ check: 'Sub', at, message: `Fn::Sub of ${JSON.stringify(arg)}: not a string or [string, variables]` });
    for (const value of Object.values(vars)) walk(value);
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
      const name = m[1]!;
      if (name.startsWith('!') || name in vars) continue; // ${!Literal} is written as is
      const dot = name.indexOf('.');
      out.push(dot === -1 ? { kind: 'Sub', target: name } : { kind: 'Sub', target: name.slice(0, dot), attribute: name.slice(dot + 1) });
    }
  }
}

/** The condition names an `Fn::If` (and, in the Conditions section, a `{ Condition: X }`) uses. */
function conditionNames(value: Json | undefined, inConditions = false): string[] {
  const out: string[] = [];
  const walk = (v: Json | undefined): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObject(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'Fn::If' && Array.isArray(v['Fn::If']) && typeof v['Fn::If'][0] === 'string') out.push(v['Fn::If'][0]);
    if (inConditions && keys.length === 1 && keys[0] === 'Condition' && typeof v.Condition === 'string') out.push(v.Condition);
    Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

/**
 * CloudFormation User Guide, "Conditions": a resource whose condition is false is not created, so
 * in that deployment nothing created may refer to it (Ref, GetAtt, Sub, DependsOn) once each
 * Fn::If has taken its branch ("Unresolved resource dependencies").
 */
function createdTargets(t: JsonObject, model: TemplateModel): SemanticFinding[] {
  const out = new Map<string, SemanticFinding>();
  const outputs = section(t, 'Outputs');
  for (const d of model.deployments) {
    const check = (at: string, targets: Iterable<string>) => {
      for (const target of targets) {
        const r = model.resources.get(target);
        if (!r || d.exists(target) || out.has(`${at} ${target}`)) continue;
        out.set(`${at} ${target}`, { check: 'Created', at, message: `with ${d.label}, refers to ${target}, which is not created then (Condition ${r.condition})` });
      }
    };
    for (const r of model.resources.values()) if (d.exists(r.id)) check(r.id, [...r.dependsOn, ...chosenReferences(r.props, d.conditions)]);
    for (const [name, raw] of Object.entries(outputs)) {
      const o = isObject(raw) ? raw : {};
      if (typeof o.Condition === 'string' && d.conditions.get(o.Condition) !== true) continue;
      check(`Outputs.${name}`, chosenReferences(o.Value, d.conditions));
    }
  }
  return [...out.values()];
}

/** Each dependency cycle once, as the resources on it (CloudFormation refuses the template: "Circular dependency between resources"). */
function cycles(model: TemplateModel): SemanticFinding[] {
  const findings: SemanticFinding[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of [...(model.edges.get(id) ?? [])].sort()) {
      if (state.get(next) === 'open') {
        const loop = stack.slice(stack.indexOf(next));
        findings.push({ check: 'Cycle', at: next, message: `circular dependency: ${[...loop, next].join(' -> ')}` });
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of [...model.resources.keys()].sort()) if (!state.has(id)) visit(id);
  return findings;
}

/** The resources `from` needs before it, transitively, in one deployment. */
export function dependencies(edges: ReadonlyMap<string, ReadonlySet<string>>, from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(edges.get(from) ?? [])];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(edges.get(id) ?? []));
  }
  return seen;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function section(t: JsonObject, name: string): JsonObject {
  const s = t[name];
  return isObject(s) ? s : {};
}
