/**
 * Validates Kubernetes manifests with `kubernetes-models`: `new Kind(obj).validate()` for
 * required fields, types and enums, plus the check it lacks: fields the API does not declare
 * (`spec.replica`), which the apiserver would drop or reject.
 *
 * kubernetes-models ships no JSON schemas, only ajv-compiled validate functions, so the
 * declared fields are learned from the validate function itself: it runs over a recording
 * proxy of the object, and for each object node the properties it looked up are the declared
 * ones. A node it enumerated is a map (labels, annotations, data, resources.limits) and may
 * hold any key; a node it reached but looked into not at all is free-form (managedFields'
 * fieldsV1, RawExtension) and is not checked. Int-or-string, quantities and
 * x-kubernetes-preserve-unknown-fields need no special case: the compiled schema already
 * encodes them.
 */
import { childPath, describeJson, isJsonObject, pointerToPath } from './json-path.js';

interface ModelClass {
  new (data: object): object;
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(): void };
}

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

/**
 * Problems in one manifest, or in each item of a `v1` `List`; empty means valid. Paths start
 * at `$` (`$.items[1].spec.replica` inside a List).
 *
 * @example
 * await validateManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'env' }, data: { A: '1' } }) // []
 */
export async function validateManifest(obj: unknown): Promise<string[]> {
  const problems: string[] = [];
  await checkManifest(obj, '$', problems);
  return problems;
}

/**
 * Rejects with one error listing every problem in the manifest.
 *
 * @example
 * await assertValidManifest(output.value)
 */
export async function assertValidManifest(obj: unknown): Promise<void> {
  const problems = await validateManifest(obj);
  if (problems.length > 0) {
    throw new Error(`invalid Kubernetes manifest (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`);
  }
}

async function checkManifest(obj: unknown, at: string, out: string[]): Promise<void> {
  if (!isJsonObject(obj)) return void out.push(`${at}: expected a Kubernetes object, got ${describeJson(obj)}`);
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string') return void out.push(`${childPath(at, 'apiVersion')}: expected a string, got ${describeJson(apiVersion)}`);
  if (typeof kind !== 'string') return void out.push(`${childPath(at, 'kind')}: expected a string, got ${describeJson(kind)}`);
  if (apiVersion === 'v1' && kind === 'List') return checkList(obj, at, out);
  const Model = await loadModel(apiVersion, kind);
  if (!Model) {
    return void out.push(`${childPath(at, 'kind')}: kubernetes-models has no kind ${JSON.stringify(kind)} in apiVersion ${JSON.stringify(apiVersion)}`);
  }
  checkWithModel(Model, obj, at, out);
}

// A List is not an API type (kubernetes-models has none): its envelope is checked as a typed
// list (ConfigMapList: same fields, ListMeta metadata) and each item on its own.
async function checkList(list: Record<string, unknown>, at: string, out: string[]): Promise<void> {
  const { items } = list;
  const Envelope = await loadModel('v1', 'ConfigMapList');
  if (!Envelope) throw new Error('kubernetes-models/v1/ConfigMapList is missing');
  checkWithModel(Envelope, { ...list, kind: 'ConfigMapList', items: [] }, at, out);
  if (!Array.isArray(items)) return void out.push(`${childPath(at, 'items')}: expected an array, got ${describeJson(items)}`);
  for (const [i, item] of items.entries()) await checkManifest(item, childPath(childPath(at, 'items'), i), out);
}

function checkWithModel(Model: ModelClass, obj: Record<string, unknown>, at: string, out: string[]): void {
  const model = new Model(obj);
  const recorder = new ReadRecorder();
  try {
    // What `model.validate()` does, with `this` being the recording proxy of the model.
    Model.prototype.validate.call(recorder.wrap(model));
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) throw error;
    out.push(...describeErrors(errors as AjvError[], model, at));
  }
  recorder.reportUndeclared(model, at, out);
}

/**
 * The fields a kubernetes-models class's validate function declares, as the unknown-field
 * check sees them (what it looks up on an empty object). Exposed so a test can compare it
 * with the class's declared interface.
 *
 * @example
 * declaredFields(Deployment) // Set { 'apiVersion', 'kind', 'metadata', 'spec', 'status' }
 */
export function declaredFields(Model: { readonly prototype: { validate(): void } }): Set<string> {
  const recorder = new ReadRecorder();
  const empty = {};
  try {
    Model.prototype.validate.call(recorder.wrap(empty));
  } catch {
    // An empty object misses required fields; only the lookups matter here.
  }
  return recorder.readsOf(empty);
}

const models = new Map<string, Promise<ModelClass | undefined>>();

function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  // Only names shaped like real group/versions and kinds reach import(): no path tricks.
  if (!/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\/)?v\d+(?:(?:alpha|beta)\d+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return Promise.resolve(undefined);
  }
  const specifier = `kubernetes-models/${apiVersion}/${kind}`;
  let loading = models.get(specifier);
  if (!loading) {
    loading = import(/* @vite-ignore */ specifier).then(
      (module: Record<string, unknown>) => {
        const candidate: unknown = module[kind];
        if (typeof candidate !== 'function') return undefined;
        const model = candidate as ModelClass;
        return model.apiVersion === apiVersion && model.kind === kind ? model : undefined;
      },
      () => undefined,
    );
    models.set(specifier, loading);
  }
  return loading;
}

function describeErrors(errors: readonly AjvError[], model: object, at: string): string[] {
  // int-or-string and quantities are `oneOf`: one line per value, not one per branch.
  const alternatives = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  const lines: string[] = [];
  for (const path of alternatives) {
    const branches = errors.filter((e) => e.instancePath === path && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
    const expected = [...new Set(branches.map((e) => e.message ?? e.keyword))].join(' or ');
    lines.push(`${pointerToPath(at, path)}: ${expected || 'matches none of its alternatives'}, got ${describeJson(valueAt(model, path))}`);
  }
  for (const error of errors) {
    if (alternatives.has(error.instancePath)) continue;
    const path = pointerToPath(at, error.instancePath);
    if (error.keyword === 'required') {
      lines.push(`${childPath(path, String(error.params.missingProperty))}: required field is missing`);
    } else if (error.keyword === 'enum') {
      const allowed = (error.params.allowedValues as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(', ');
      lines.push(`${path}: ${describeJson(valueAt(model, error.instancePath))} is not one of ${allowed ?? '(allowed values)'}`);
    } else {
      lines.push(`${path}: ${error.message ?? error.keyword}, got ${describeJson(valueAt(model, error.instancePath))}`);
    }
  }
  return lines;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  return pointer
    .slice(1)
    .split('/')
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')], root);
}

interface Visit {
  readonly reads: Set<string>;
  enumerated: boolean;
}

/** Proxies an object tree and records, per object node, which keys the validator looked up. */
class ReadRecorder {
  private readonly visits = new WeakMap<object, Visit>();
  private readonly proxies = new WeakMap<object, object>();

  wrap<T>(value: T): T {
    if (typeof value !== 'object' || value === null) return value;
    const existing = this.proxies.get(value);
    if (existing) return existing as T;
    const visit: Visit = { reads: new Set(), enumerated: false };
    const proxy = new Proxy(value, {
      get: (target, key, receiver) => {
        if (typeof key === 'string') visit.reads.add(key);
        return this.wrap(Reflect.get(target, key, receiver) as unknown);
      },
      has: (target, key) => {
        if (typeof key === 'string') visit.reads.add(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor: (target, key) => {
        if (typeof key === 'string') visit.reads.add(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys: (target) => {
        visit.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    this.visits.set(value, visit);
    this.proxies.set(value, proxy);
    return proxy;
  }

  readsOf(value: object): Set<string> {
    return new Set(this.visits.get(value)?.reads);
  }

  /** Reports every key of `value` (at any depth) that the validator did not look up. */
  reportUndeclared(value: unknown, at: string, out: string[]): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.reportUndeclared(item, childPath(at, i), out));
      return;
    }
    if (!isJsonObject(value)) return;
    const visit = this.visits.get(value);
    // Not reached (its parent reports it) or free-form (nothing declared): nothing to say.
    if (!visit || (!visit.enumerated && visit.reads.size === 0)) return;
    for (const [key, item] of Object.entries(value)) {
      if (!visit.enumerated && !visit.reads.has(key)) {
        out.push(`${childPath(at, key)}: unknown field (not in the API schema)`);
      } else {
        this.reportUndeclared(item, childPath(at, key), out);
      }
    }
  }
}
