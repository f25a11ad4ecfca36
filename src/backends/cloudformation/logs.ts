/**
 * Logs: every container without its own `logging` writes to a log group the stack creates per
 * task (`/ecs/<EnvironmentName>/<task>`, x-ecs.logging.retention_days or 30 days), in the
 * stack's Region. x-ecs.logging still names the group, Region, stream prefix and secret
 * options when it sets them; the ECS backend maps it, and the stack fills in what only the
 * stack knows (its log group, its Region) through the ECS mapping's declared stackLogs hook.
 */
import type { Task } from '../../ir/ir.js';
import type { StackLogs } from '../ecs/container-context.js';
import type { StackParams } from './parameters.js';
import { ref, sub, type Json, type Template } from './template.js';

const RETENTION_DAYS = 30;

/** The task's log group (the stack creates it) and the stack's Region, for the ECS mapping's stackLogs hook. */
export function stackLogs(id: string): StackLogs {
  return { group: ref(`${id}LogGroup`), region: ref('AWS::Region') };
}

/**
 * Gives containers the ECS mapping left without a log configuration (no x-ecs.logging, or a
 * compose `logging` it could not carry) the stack's awslogs one, and creates the task's log
 * group when a container writes to it.
 */
export function finishLogging(t: Template, p: StackParams, task: Task, id: string, containers: Json[]): void {
  const { group, region } = stackLogs(id);
  const ours = JSON.stringify(group);
  let used = false;
  for (const c of containers) {
    if (!c.LogConfiguration) c.LogConfiguration = { LogDriver: 'awslogs', Options: { 'awslogs-group': group, 'awslogs-region': region, 'awslogs-stream-prefix': String(c.Name) } };
    const options = (c.LogConfiguration as { Options?: Json }).Options;
    if (options && JSON.stringify(options['awslogs-group']) === ours) used = true;
  }
  if (!used) return;
  p.environmentName();
  t.resource(`${id}LogGroup`, 'AWS::Logs::LogGroup', { LogGroupName: sub(`/ecs/\${EnvironmentName}/${task.name}`), RetentionInDays: task.settings.logging?.retention_days ?? RETENTION_DAYS });
  t.output(`${id}LogGroupName`, group, `Log group of ${task.name}`);
}

/** Whether a container asks ECS to create its log group (the execution role must be allowed to). */
export function createsLogGroup(containers: readonly Json[]): boolean {
  return containers.some((c) => (c.LogConfiguration as { Options?: Json } | undefined)?.Options?.['awslogs-create-group'] === 'true');
}
