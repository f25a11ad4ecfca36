/**
 * deploy.md: the long form of `deploy`, with durations in seconds, memory in bytes and CPUs
 * as numbers.
 */
import type {
  Deploy,
  GenericResource,
  Placement,
  ResourceLimits,
  ResourceReservations,
  Resources,
  RestartPolicy,
  UpdateConfig,
} from '../../model/deploy.js';
import { invalid, type Normalizer } from './at.js';
import { object } from './object.js';
import { deviceRequest } from './resources.js';
import { bytes, duration, int, labels, listOf, num, oneOf, str, strings } from './scalars.js';

const updateConfig = object<UpdateConfig>({
  parallelism: int,
  delay: duration,
  failure_action: str,
  monitor: duration,
  max_failure_ratio: num,
  order: oneOf('start-first', 'stop-first'),
});

const limits = object<ResourceLimits>({ cpus: num, memory: bytes, pids: int });

const discreteResource = object<NonNullable<GenericResource['discrete_resource_spec']>>({ kind: str, value: num });

const reservations = object<ResourceReservations>({
  cpus: num,
  memory: bytes,
  generic_resources: listOf(object<GenericResource>({ discrete_resource_spec: discreteResource })),
  devices: listOf(deviceRequest),
});

const restartPolicy = object<RestartPolicy>({ condition: str, delay: duration, max_attempts: int, window: duration });

const placement = object<Placement>({
  constraints: strings,
  preferences: listOf(object<NonNullable<Placement['preferences']>[number]>({ spread: str })),
  max_replicas_per_node: int,
});

/**
 * deploy.md mode: "Either `global` … or `replicated`"; the job modes docker compose also runs
 * (`replicated-job`, `global-job`) are accepted too. Anything else is reported.
 */
const DEPLOY_MODES = ['replicated', 'global', 'replicated-job', 'global-job'];
const deployMode: Normalizer<string> = (v, at) => {
  const s = str(v, at);
  if (s === undefined || DEPLOY_MODES.includes(s)) return s;
  return invalid(at, `unknown deploy mode "${s}": use ${DEPLOY_MODES.join(', ')}`);
};

/** 05-services deploy, per deploy.md. */
export const deploy: Normalizer<Deploy> = object<Deploy>({
  mode: deployMode,
  endpoint_mode: str,
  replicas: int,
  labels,
  rollback_config: updateConfig,
  update_config: updateConfig,
  resources: object<Resources>({ limits, reservations }),
  restart_policy: restartPolicy,
  placement,
});
