/**
 * Logs: every container without its own `logging` writes to a log group the stack creates per
 * task (`/ecs/<EnvironmentName>/<task>`, x-ecs.logging.retention_days or 30 days), in the
 * stack's Region. x-ecs.logging still names the group, Region, stream prefix and secret
 * options when it sets them; the ECS backend maps it, and the stack fills in what only the
 * stack knows (its log group, its Region) where the ECS backend would need them written out.
 */
import type { IR, ServiceFacts, Task } from '../../ir/ir.js';
import { setOwn } from '../../loader/own.js';
import type { StackParams } from './parameters.js';
import { ref, sub, type Json, type Template } from './template.js';

const RETENTION_DAYS = 30;
/** Stand-ins the ECS mapping writes and `finishLogging` replaces; they never reach the output. */
const STACK_GROUP = '\u0000stack-log-group';
const STACK_REGION = '\u0000stack-region';

/** The IR the ECS mapping of `task` should see: x-ecs.logging completed with the stand-ins. */
export function irForLogging(ir: IR, task: Task): IR {
  if (!task.services.some((name) => ir.services[name]?.settings.logging)) return ir;
  // Copied key by key: a service may be named `__proto__`.
  const services: Record<string, ServiceFacts> = {};
  for (const name of Object.keys(ir.project.services)) {
    const facts = ir.services[name];
    if (facts) setOwn(services, name, facts);
  }
  for (const name of task.services) {
    const facts = ir.services[name];
    const d = facts?.settings.logging;
    if (!facts || !d) continue;
    const logging = { ...d, group: d.group ?? STACK_GROUP, region: d.region ?? STACK_REGION, stream_prefix: d.stream_prefix ?? name };
    setOwn(services, name, { ...facts, settings: { ...facts.settings, logging } });
  }
  return { ...ir, services };
}

/**
 * Gives containers without a log configuration the stack's awslogs one, replaces the
 * stand-ins, and creates the task's log group when a container writes to it.
 */
export function finishLogging(t: Template, p: StackParams, task: Task, id: string, containers: Json[]): void {
  const logGroup = `${id}LogGroup`;
  let used = false;
  for (const c of containers) {
    const name = String(c.Name);
    if (!c.LogConfiguration) {
      c.LogConfiguration = { LogDriver: 'awslogs', Options: { 'awslogs-group': STACK_GROUP, 'awslogs-region': STACK_REGION, 'awslogs-stream-prefix': name } };
    }
    const options = (c.LogConfiguration as { Options?: Json }).Options;
    if (!options) continue;
    if (options['awslogs-group'] === STACK_GROUP) {
      options['awslogs-group'] = ref(logGroup);
      used = true;
    }
    if (options['awslogs-region'] === STACK_REGION) options['awslogs-region'] = ref('AWS::Region');
  }
  if (!used) return;
  p.environmentName();
  t.resource(logGroup, 'AWS::Logs::LogGroup', { LogGroupName: sub(`/ecs/\${EnvironmentName}/${task.name}`), RetentionInDays: task.settings.logging?.retention_days ?? RETENTION_DAYS });
  t.output(`${id}LogGroupName`, ref(logGroup), `Log group of ${task.name}`);
}

/** Whether a container asks ECS to create its log group (the execution role must be allowed to). */
export function createsLogGroup(containers: readonly Json[]): boolean {
  return containers.some((c) => (c.LogConfiguration as { Options?: Json } | undefined)?.Options?.['awslogs-create-group'] === 'true');
}
