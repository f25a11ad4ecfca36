/** One container definition from one compose service, through the mapping table. */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { EcsIR, ServiceFacts, Task } from '../../ir/ir.js';
import { ContainerContext, type Json, type TaskParts } from './container-context.js';
import { DIRECT_FIELDS, ECS_SERVICE_KEYS, type MappedKey } from './container-map.js';
import { X_ECS_KEYS } from './x-ecs-map.js';
import { runFieldTable } from '../kit.js';

function isEmpty(v: unknown): boolean {
  return v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

/** ECS container names (and families, and service names): letters, digits, `-` and `_`, at most 255. */
export const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function containerDefinition(ir: EcsIR, task: Task, facts: ServiceFacts, parts: TaskParts, diagnostics: Diagnostic[]): Json {
  const c = new ContainerContext(ir, task, facts, parts, diagnostics);
  const svc = facts.service;
  c.def.name = facts.name;
  if (!ECS_NAME.test(facts.name)) {
    c.report('ECS_INVALID', 'error', `${c.where([])}: ECS container names may hold only letters, digits, - and _; rename the service "${facts.name}"`, [], { key: true });
  }
  c.def.essential = facts.essential;
  const r = facts.resources;
  if (r.cpu !== undefined) c.def.cpu = r.cpu;
  if (r.memory !== undefined) c.def.memory = r.memory;
  if (r.memoryReservation !== undefined) c.def.memoryReservation = r.memoryReservation;
  if (r.gpus) c.put('resourceRequirements', [{ type: 'GPU', value: String(r.gpus) }], svc.gpus ? ['gpus'] : ['deploy', 'resources', 'reservations', 'devices']);
  if (facts.links.length) c.put('links', facts.links, svc.links ? ['links'] : ['depends_on']);
  if (facts.dependsOn.length) c.def.dependsOn = facts.dependsOn.map((d) => ({ containerName: d.containerName, condition: d.condition }));
  if (!svc.image && !facts.builtImage && !(svc.build && parts.imageParameters)) {
    c.report('ECS_NO_IMAGE', 'error', `${c.where([])} has no image${svc.build ? ' (only build)' : ''}; ECS runs pushed images: ${svc.build ? 'give --registry REGISTRY (or x-ecs.registry) to run the image its build is pushed as, or ' : ''}set image: to the tag your build pushes`, svc.build ? ['build'] : []);
  }

  runFieldTable(ECS_SERVICE_KEYS, svc, c, [], (key: MappedKey) => {
    const field = DIRECT_FIELDS[key];
    if (field && !isEmpty(svc[key])) c.put(field, svc[key], [key]);
  });
  // x-ecs container settings come last: some complete or replace what the compose keys gave.
  for (const m of Object.values(X_ECS_KEYS)) m.apply?.(c);
  return c.def;
}
