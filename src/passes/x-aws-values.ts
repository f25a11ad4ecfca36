/**
 * The `x-aws-*` values that need more than a copy: the VPC (ID or ARN), the log retention
 * (CloudWatch accepts only some day counts) and the auto scaling block
 * (docker/compose-cli ecs/awsResources.go, cloudformation.go, autoscaling.go).
 */
import type { XEcs } from '../generated/x-ecs.js';
import { getOwn } from '../core/own.js';
import type { Path, Values } from './migration-values.js';

type Retention = NonNullable<NonNullable<XEcs['logging']>['retention_days']>;
type Autoscaling = NonNullable<XEcs['autoscaling']>;

/** The day counts CloudWatch Logs accepts for RetentionInDays. */
export const RETENTION_DAYS: readonly Retention[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** The integration's scale-in and scale-out cooldown (autoscaling.go). */
export const ECS_INTEGRATION_COOLDOWN = 60;

/**
 * `x-aws-vpc`: a VPC ID, or an ARN whose last path segment is the ID (as the integration
 * accepted "the one Terraform shows as output").
 * @example readVpc(v, 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc', at) // 'vpc-0abc'
 */
export function readVpc(v: Values, value: unknown, at: Path): string | undefined {
  const text = v.string(value, at);
  if (text === undefined) return undefined;
  const id = text.startsWith('arn:') ? text.slice(text.lastIndexOf('/') + 1) : text;
  if (/^vpc-[0-9a-f]+$/.test(id)) return id;
  v.say('COMPOSE_SCHEMA', 'error', `${v.show(at)}: ${JSON.stringify(text)} is not a VPC ID (vpc-…) or VPC ARN`, at);
  return undefined;
}

/**
 * `x-aws-logs_retention`: days. 0 (the integration's default) keeps logs forever, so nothing is
 * set; a count CloudWatch does not accept (the integration passed it on, and the stack failed)
 * becomes the next one it does.
 * @example readRetention(v, 10, at) // 14, with a warning
 */
export function readRetention(v: Values, value: unknown, at: Path): Retention | undefined {
  const days = v.int(value, at, 0);
  if (days === undefined) return undefined;
  if (days === 0) {
    v.say('ECS_MIGRATION', 'info', `${v.show(at)}: 0 keeps logs forever, CloudWatch's default; nothing to set`, at);
    return undefined;
  }
  const next = RETENTION_DAYS.find((d) => d >= days);
  if (next === undefined) {
    v.say('ECS_MIGRATION', 'warning', `${v.show(at)}: CloudWatch Logs keeps logs at most 3653 days short of forever; ${days} is read as forever (no retention set)`, at);
    return undefined;
  }
  if (next !== days) {
    v.say('ECS_MIGRATION', 'warning', `${v.show(at)}: CloudWatch Logs does not accept ${days} days (it takes ${RETENTION_DAYS.join(', ')}); ${next}, the next longer, is used`, at);
  }
  return next;
}

/**
 * `deploy.x-aws-autoscaling: { min, max, cpu | memory }` (percent targets) → x-ecs.autoscaling
 * with the integration's 60 s cooldowns. `max` is required, as the integration required it.
 * @example readAutoscaling(v, { min: 1, max: 10, cpu: 75 }, at)
 * // { min: 1, max: 10, cpu_percent: 75, scale_in_cooldown: 60, scale_out_cooldown: 60 }
 */
export function readAutoscaling(v: Values, value: unknown, at: Path): Autoscaling | undefined {
  if (typeof value === 'number' || typeof value === 'string') {
    // An early form in the integration's examples (`x-aws-autoscaling: 75`), a CPU target alone.
    v.say('ECS_MIGRATION', 'warning', `${v.show(at)}: a lone number is not migrated, as the scaling range is missing: write { min: 1, max: <tasks>, cpu: ${String(value)} }`, at);
    return undefined;
  }
  const obj = v.mapping(value, at);
  if (!obj) return undefined;
  v.known(obj, at, ['min', 'max', 'cpu', 'memory', 'mem'], 'x-aws-autoscaling');
  const max = v.int(getOwn(obj, 'max'), [...at, 'max'], 1);
  const min = v.int(getOwn(obj, 'min'), [...at, 'min'], 0);
  const cpu = percent(v, getOwn(obj, 'cpu'), [...at, 'cpu']);
  let memory = percent(v, getOwn(obj, 'memory'), [...at, 'memory']);
  const mem = getOwn(obj, 'mem');
  if (mem !== undefined && mem !== null) {
    // The integration's documentation wrote `mem`, but it read only `memory`.
    const m = percent(v, mem, [...at, 'mem']);
    v.say('ECS_MIGRATION', 'warning', `${v.show([...at, 'mem'])}: the ECS integration read only memory (its documentation said mem), so it ignored this target; compose2ecs reads it as the memory target`, [...at, 'mem'], { key: true });
    memory ??= m;
  }
  if (max === undefined) {
    if (getOwn(obj, 'max') === undefined) v.say('COMPOSE_SCHEMA', 'error', `${v.show(at)}: max (the most tasks) is required, as the ECS integration required it`, at);
    return undefined;
  }
  const out: Autoscaling = { min: min ?? 0, max };
  if (cpu !== undefined) out.cpu_percent = cpu;
  if (memory !== undefined) out.memory_percent = memory;
  if (cpu === undefined && memory === undefined) {
    v.say('ECS_MIGRATION', 'warning', `${v.show(at)}: no cpu or memory target; the ECS integration tracked CPU at 0 %, which Application Auto Scaling refuses; add cpu: <percent> or memory: <percent>`, at);
  }
  if (cpu !== undefined && memory !== undefined) {
    v.say('ECS_MIGRATION', 'info', `${v.show(at)}: the ECS integration refused cpu and memory together; compose2ecs tracks both (the service scales out when either is above its target)`, at);
  }
  out.scale_in_cooldown = ECS_INTEGRATION_COOLDOWN;
  out.scale_out_cooldown = ECS_INTEGRATION_COOLDOWN;
  return out;
}

function percent(v: Values, value: unknown, at: Path): number | undefined {
  const n = v.int(value, at, 0);
  if (n === undefined || n === 0) return undefined;
  if (n > 100) {
    v.say('COMPOSE_SCHEMA', 'error', `${v.show(at)}: a utilization target is a percent from 1 to 100, not ${n}`, at);
    return undefined;
  }
  return n;
}
