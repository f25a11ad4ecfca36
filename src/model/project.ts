/**
 * The normalized compose model: what the loader produces and every pass and backend reads.
 * Every value is in long form (see service.ts); every value keeps its source position in the
 * position table (`locate(project, ['services', 'web', 'ports', 0, 'target'])`).
 */
import type { Extensions } from './service-parts.js';
import type { Service } from './service.js';

export type { Service } from './service.js';
export type * from './service-parts.js';
export type * from './deploy.js';
export type { ServicePort } from './service-parts.js';
export type { ServiceVolume } from './service-parts.js';

/**
 * A loaded compose project.
 * @example
 * { name: 'shop', services: { web: { name: 'web', image: 'nginx', networks: { default: null }, extensions: {} } },
 *   networks: { default: { name: 'shop_default' } }, volumes: {}, secrets: {}, configs: {}, extensions: {} }
 */
export interface Project {
  /** Project name (lowercase letters, digits, `-`, `_`). */
  name: string;
  /** Services in file order. */
  services: Record<string, Service>;
  /** Networks, including the implicit `default` network when a service uses it. */
  networks: Record<string, Network>;
  volumes: Record<string, Volume>;
  secrets: Record<string, Secret>;
  configs: Record<string, Config>;
  /** Top-level `models`, when the file has some. */
  models?: Record<string, Model>;
  /** Top-level `x-*` keys. */
  extensions: Extensions;
}

/**
 * A top-level network. `name` is the platform name: `<project>_<key>` unless `name:` is given;
 * an external network keeps its key (or `name:`). `external: { name }` (deprecated) becomes
 * `external: true` with that name.
 * @example { name: 'shop_back-tier', driver: 'bridge' }
 */
export interface Network {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  ipam?: Ipam;
  external?: boolean;
  internal?: boolean;
  enable_ipv4?: boolean;
  enable_ipv6?: boolean;
  attachable?: boolean;
  labels?: Record<string, string>;
  extensions?: Extensions;
}

/** IP address management of a network. */
export interface Ipam {
  driver?: string;
  config?: IpamPool[];
  options?: Record<string, string>;
  extensions?: Extensions;
}

/** One IPAM pool. */
export interface IpamPool {
  subnet?: string;
  ip_range?: string;
  gateway?: string;
  aux_addresses?: Record<string, string>;
  extensions?: Extensions;
}

/**
 * A top-level volume, named as networks are. A `local` volume with `o: bind` has its
 * `device` made absolute, as compose does.
 * @example { name: 'shop_db-data', driver: 'local' }
 */
export interface Volume {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  labels?: Record<string, string>;
  extensions?: Extensions;
}

/**
 * A top-level secret, named as networks are; `file` is absolute.
 * @example { name: 'shop_server-certificate', file: '/app/server.cert' }
 */
export interface Secret {
  name: string;
  environment?: string;
  file?: string;
  external?: boolean;
  labels?: Record<string, string>;
  driver?: string;
  driver_opts?: Record<string, string>;
  template_driver?: string;
  extensions?: Extensions;
}

/**
 * A top-level config, named as networks are; `file` is absolute.
 * @example { name: 'shop_http_config', file: '/app/httpd.conf' }
 */
export interface Config {
  name: string;
  content?: string;
  environment?: string;
  file?: string;
  external?: boolean;
  labels?: Record<string, string>;
  template_driver?: string;
  extensions?: Extensions;
}

/**
 * A top-level AI model (models.md).
 * @example { model: 'ai/model', context_size: 1024 }
 */
export interface Model {
  name?: string;
  model: string;
  context_size?: number;
  runtime_flags?: string[];
  extensions?: Extensions;
}
