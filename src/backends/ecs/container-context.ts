import type { Diagnostic, DiagnosticCode, Severity } from '../../diagnostics/types.js';
import type { EcsIR, ServiceFacts, Task } from '../../ir/ir.js';
import type { Service } from '../../model/project.js';
import { makeDiagnostic } from '../../diagnostics/report.js';
import { locate, toPointer } from '../../core/source.js';
import { modelPath } from '../../passes/context.js';
import { LAUNCH_RULES } from './launch-rules.js';
import type { FileDelivery } from './task-files.js';

/**
 * A compose secret the files name no ARN for: read from the SSM parameter or Secrets Manager
 * secret `name`, derived from the project (`/shop/db_password`, `shop/db_password`).
 */
export interface DerivedSecret {
  secret: string;
  store: 'ssm' | 'secretsmanager';
  name: string;
}

export type Json = Record<string, unknown>;
export type Path = (string | number)[];

/** What a field mapping sees and writes while one container definition is built. */
export class ContainerContext {
  readonly def: Json = {};
  constructor(
    readonly ir: EcsIR,
    readonly task: Task,
    readonly facts: ServiceFacts,
    /** Task-level parts collected from the containers: volumes by name, pid/ipc modes, platform. */
    readonly taskParts: TaskParts,
    readonly diagnostics: Diagnostic[],
  ) {}

  get name(): string {
    return this.facts.name;
  }

  get service(): Service {
    return this.facts.service;
  }

  /** Reports at a path below this service (`['ports', 0]`); `key` points at the key rather than its value. */
  report(code: DiagnosticCode, severity: Severity, message: string, at: Path = [], options: { key?: boolean } = {}): void {
    const path = ['services', this.name, ...at];
    if ((code === 'ECS_UNSUPPORTED_FIELD' || code === 'ECS_LAUNCH_TYPE_RULE') && this.taskParts.carried?.has(toPointer(path))) return;
    // A job runs in the task of each service that waits for it (job-placement.ts): its container
    // is mapped once per task, and what is said about it is said once.
    const said = `finding\u0000${code}\u0000${severity}\u0000${toPointer(path)}\u0000${message}`;
    if (this.taskParts.notes.has(said)) return;
    this.taskParts.notes.add(said);
    this.diagnostics.push(diagnosticAt(this.ir, code, severity, message, path, options));
  }

  /** `services.web.ports[0]`, for messages. */
  where(at: Path): string {
    let s = `services.${this.name}`;
    for (const p of at) s += typeof p === 'number' ? `[${p}]` : `.${p}`;
    return s;
  }

  /**
   * Sets a container field (dot path) taken from the compose key `from`, unless a launch-type
   * rule forbids it for this task: then it is left out (or trimmed) and reported.
   */
  put(field: string, value: unknown, from: Path): void {
    if (value === undefined) return;
    let v = value;
    for (const rule of LAUNCH_RULES) {
      if (rule.field !== field || !rule.applies(this.task)) continue;
      const kept = rule.keep ? rule.keep(v) : undefined;
      if (kept !== undefined && JSON.stringify(kept) === JSON.stringify(v)) continue; // allowed as it is
      this.report('ECS_LAUNCH_TYPE_RULE', 'warning', `${this.where(from)} is ${kept === undefined ? 'left out' : 'trimmed'}: ${rule.reason} (task "${this.task.name}", ${this.task.launchType}, ${this.task.networkMode})`, from);
      if (kept === undefined) return;
      v = kept;
    }
    setPath(this.def, field, v);
  }

  /** Reports a compose key that has no meaning in ECS, at the key as written. */
  unsupported(at: Path, why: string): void {
    this.report('ECS_UNSUPPORTED_FIELD', 'warning', `${this.where(at)} is not carried over: ${why}`, at, { key: true });
  }
}

/**
 * A diagnostic at the value `path` of the project as the user wrote it (x-* keys included), or
 * at its key with `key: true` (a field that is dropped is named where its key is).
 *
 * @example
 * diagnosticAt(ir, 'ECS_UNSUPPORTED_FIELD', 'warning', 'services.web.expose is not carried over', ['services', 'web', 'expose'], { key: true })
 */
export function diagnosticAt(ir: EcsIR, code: DiagnosticCode, severity: Severity, message: string, path: Path, options: { key?: boolean } = {}): Diagnostic {
  if (!options.key) return ir.diagnostic(code, severity, message, path);
  return makeDiagnostic(code, severity, message, locate(ir.project, modelPath(path), { key: true }), path);
}

export interface TaskParts {
  volumes: Map<string, Json>;
  /** Files the containers receive through the compose2ecs-files writer (task-files.ts). */
  files: FileDelivery[];
  /** Secret references derived from the project's name, by valueFrom (EcsEmitOptions.secretRefs). */
  secretRefs?: Map<string, DerivedSecret>;
  pidMode?: { value: string; from: string };
  ipcMode?: { value: string; from: string };
  runtimePlatform?: { value: Json; from: string };
  /** Container ports a load balancer of the surrounding stack targets, by service: they stay single port mappings. */
  routedPorts?: ReadonlyMap<string, ReadonlySet<number>>;
  /** The log group and Region the surrounding stack gives every container (EcsEmitOptions.stackLogs). */
  stackLogs?: StackLogs;
  /** The surrounding stack takes the image of a build-only service as a parameter (EcsEmitOptions.imageParameters). */
  imageParameters?: boolean;
  /** Notes given once per emit, by key: shared by every task of one emit. */
  notes: Set<string>;
  /** Fields the surrounding stack carries (EcsEmitOptions.carried): not reported as dropped. */
  carried?: ReadonlySet<string>;
}

/** A log group and Region as the surrounding stack refers to them (`{ Ref: 'WebLogGroup' }`, `{ Ref: 'AWS::Region' }`). */
export interface StackLogs {
  group: unknown;
  region: unknown;
}

/** Sets `obj.a.b.c = value`, creating the objects on the way. */
export function setPath(obj: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = obj;
  for (const p of parts.slice(0, -1)) {
    const next = node[p];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Json;
    else {
      const created: Json = {};
      node[p] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}
