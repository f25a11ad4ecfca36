/**
 * `deploy` in long form (deploy.md): durations in seconds, memory in bytes, CPUs as numbers.
 */
import type { DeviceRequest, Extensions } from './service-parts.js';

/**
 * deploy.md: how a service is deployed — replicas, resources, restart and update policies.
 * Durations are seconds, memory sizes bytes.
 */
export interface Deploy {
  /** `replicated` (the default) or `global`. */
  mode?: string;
  /** `vip` or `dnsrr`. */
  endpoint_mode?: string;
  replicas?: number;
  labels?: Record<string, string>;
  rollback_config?: UpdateConfig;
  update_config?: UpdateConfig;
  resources?: Resources;
  restart_policy?: RestartPolicy;
  placement?: Placement;
  extensions?: Extensions;
}

/** `update_config` / `rollback_config`; `delay` and `monitor` in seconds. */
export interface UpdateConfig {
  parallelism?: number;
  delay?: number;
  failure_action?: string;
  monitor?: number;
  max_failure_ratio?: number;
  order?: 'start-first' | 'stop-first';
  extensions?: Extensions;
}

/** `resources`: limits and reservations. */
export interface Resources {
  limits?: ResourceLimits;
  reservations?: ResourceReservations;
  extensions?: Extensions;
}

/** `resources.limits`: `memory` in bytes. */
export interface ResourceLimits {
  cpus?: number;
  memory?: number;
  pids?: number;
  extensions?: Extensions;
}

/** `resources.reservations`: `memory` in bytes. */
export interface ResourceReservations {
  cpus?: number;
  memory?: number;
  generic_resources?: GenericResource[];
  devices?: DeviceRequest[];
  extensions?: Extensions;
}

/** A user-defined resource (`{ discrete_resource_spec: { kind: 'SSD', value: 2 } }`). */
export interface GenericResource {
  discrete_resource_spec?: { kind?: string; value?: number; extensions?: Extensions };
  extensions?: Extensions;
}

/** `restart_policy`; `delay` and `window` in seconds. */
export interface RestartPolicy {
  condition?: string;
  delay?: number;
  max_attempts?: number;
  window?: number;
  extensions?: Extensions;
}

/** `placement`. */
export interface Placement {
  constraints?: string[];
  preferences?: { spread?: string; extensions?: Extensions }[];
  max_replicas_per_node?: number;
  extensions?: Extensions;
}
