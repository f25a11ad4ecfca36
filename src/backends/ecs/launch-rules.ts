/**
 * Restrictions ECS enforces by launch type and network mode, applied when a container field
 * is set: a field the task cannot have is left out and reported at the compose key it came
 * from, instead of being left for AWS to reject.
 */
import type { Task } from '../../ir/ir.js';

export interface LaunchRule {
  /** Container definition field (dot path) the rule concerns. */
  field: string;
  /** Does the rule apply to this task? */
  applies(task: Task): boolean;
  /** When it applies, for the docs ("Fargate", "awsvpc network mode"). */
  when: string;
  /** For fields that are allowed in part: the part that may stay, or undefined to drop it all. */
  keep?(value: unknown): unknown;
  /** Why, for the diagnostic. */
  reason: string;
}

const fargate = (t: Task): boolean => t.launchType === 'FARGATE';
const awsvpc = (t: Task): boolean => t.networkMode === 'awsvpc';
const host = (t: Task): boolean => t.networkMode === 'host';
const none = (t: Task): boolean => t.networkMode === 'none';

/** Log drivers Fargate supports. */
export const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'];

export const LAUNCH_RULES: readonly LaunchRule[] = [
  { field: 'links', applies: (t) => t.networkMode !== 'bridge', when: 'network mode other than bridge', reason: 'container links exist only in bridge network mode' },
  { field: 'portMappings', applies: none, when: 'none network mode', reason: 'a task in the none network mode cannot have port mappings' },
  {
    field: 'systemControls',
    applies: host,
    when: 'host network mode',
    keep: (v) => {
      const kept = Array.isArray(v) ? v.filter((c: { namespace?: string }) => !String(c.namespace).startsWith('net.')) : [];
      return kept.length ? kept : undefined;
    },
    reason: 'the host network mode does not support network namespace (net.*) systemControls',
  },
  { field: 'hostname', applies: awsvpc, when: 'awsvpc network mode', reason: 'the awsvpc network mode does not support hostname' },
  { field: 'extraHosts', applies: awsvpc, when: 'awsvpc network mode', reason: 'the awsvpc network mode does not support extraHosts' },
  { field: 'dnsServers', applies: awsvpc, when: 'awsvpc network mode', reason: 'the awsvpc network mode does not support dnsServers' },
  { field: 'dnsSearchDomains', applies: awsvpc, when: 'awsvpc network mode', reason: 'the awsvpc network mode does not support dnsSearchDomains' },
  { field: 'linuxParameters.sharedMemorySize', applies: fargate, when: 'Fargate', reason: 'Fargate does not support sharedMemorySize (shm_size)' },
  { field: 'linuxParameters.tmpfs', applies: fargate, when: 'Fargate', reason: 'Fargate does not support tmpfs mounts' },
  { field: 'linuxParameters.devices', applies: fargate, when: 'Fargate', reason: 'Fargate does not support devices' },
  { field: 'linuxParameters.maxSwap', applies: fargate, when: 'Fargate', reason: 'Fargate does not support swap' },
  { field: 'linuxParameters.swappiness', applies: fargate, when: 'Fargate', reason: 'Fargate does not support swap' },
  { field: 'privileged', applies: fargate, when: 'Fargate', reason: 'Fargate does not support privileged containers' },
  { field: 'dockerSecurityOptions', applies: fargate, when: 'Fargate', reason: 'Fargate does not support dockerSecurityOptions' },
  {
    field: 'linuxParameters.capabilities.add',
    applies: fargate,
    when: 'Fargate',
    keep: (v) => {
      const kept = Array.isArray(v) ? v.filter((c) => c === 'SYS_PTRACE') : [];
      return kept.length ? kept : undefined;
    },
    reason: 'Fargate can add only the SYS_PTRACE capability',
  },
  {
    field: 'logConfiguration',
    applies: fargate,
    when: 'Fargate',
    keep: (v) => (typeof v === 'object' && v !== null && FARGATE_LOG_DRIVERS.includes(String((v as { logDriver?: unknown }).logDriver)) ? v : undefined),
    reason: `Fargate supports only the ${FARGATE_LOG_DRIVERS.join(', ')} log drivers`,
  },
  { field: 'resourceRequirements', applies: fargate, when: 'Fargate', reason: 'Fargate does not support GPUs' },
];
