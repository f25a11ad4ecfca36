/**
 * The migrate stage of the pipeline: settings of the retired tools, read as x-ecs under the
 * user's own — Docker's ECS integration (x-aws-* keys) first, then an ecs-cli ecs-params.yml,
 * then settings given directly (PassOptions.baseSettings). Runs only for targets that read
 * the ECS layer; its findings are ECS_MIGRATION notes and the errors of the ecs-params file.
 */
import type { Reporter } from './diagnostics/report.js';
import type { Project } from './model/project.js';
import type { EcsSettings } from './ir/ir.js';
import type { Host } from './loader/host.js';
import { defaultHost } from './loader/default-host.js';
import type { InMemoryFile } from './loader/options.js';
import { readSource } from './loader/read-source.js';
import { createPassContext, type PassOptions } from './passes/context.js';
import { layer } from './passes/ecs-settings.js';
import { readXAws } from './passes/migrate-x-aws.js';
import { getOwn, setOwn } from './core/own.js';

/** What the migrate stage reads besides the project. */
export interface MigrateOptions extends PassOptions {
  /** An ecs-cli `ecs-params.yml`, by path (from the working directory) or in memory. */
  ecsParams?: string | InMemoryFile | undefined;
  host?: Host | undefined;
}

/** The settings the passes layer x-ecs over: project-wide, and per compose service. */
export interface MigratedSettings {
  baseSettings: EcsSettings;
  baseServiceSettings: Record<string, EcsSettings>;
}

/**
 * Reads every migration source of the project into base settings for the ECS passes.
 *
 * `quiet`: a run without a target checks the files but is not told how x-aws-* keys migrate.
 *
 * @example
 * const base = await migrationSettings(project, reporter, { ecsParams: 'ecs-params.yml' });
 * buildIR(project, reporter, { ...base });
 */
export async function migrationSettings(project: Project, reporter: Reporter, options: MigrateOptions, quiet?: Reporter): Promise<MigratedSettings> {
  // `quiet` takes the notes on x-aws-* keys in a run without a target, as it does the ECS layer's.
  const xaws = readXAws(createPassContext(project, quiet ?? reporter, options));
  const params = options.ecsParams === undefined ? undefined : await readParams(project, reporter, options.ecsParams, options.host);
  const names = new Set([...Object.keys(xaws.services), ...Object.keys(params?.services ?? {}), ...Object.keys(options.baseServiceSettings ?? {})]);
  const baseServiceSettings: Record<string, EcsSettings> = {};
  for (const n of names) {
    const over = (from: Record<string, EcsSettings> | undefined) => getOwn(from, n) as EcsSettings | undefined;
    setOwn(baseServiceSettings, n, layer(layer(over(xaws.services), over(params?.services)), over(options.baseServiceSettings)));
  }
  return { baseSettings: layer(layer(xaws.project, params?.project), options.baseSettings), baseServiceSettings };
}

async function readParams(project: Project, reporter: Reporter, given: string | InMemoryFile, host: Host | undefined): Promise<{ project: EcsSettings; services: Record<string, EcsSettings> } | undefined> {
  const base = host ?? (await defaultHost());
  const path = base.resolve(base.cwd(), typeof given === 'string' ? given : given.path);
  const source = typeof given === 'string' ? base : { ...base, readFile: async () => (typeof given.contents === 'string' ? new TextEncoder().encode(given.contents) : given.contents) };
  const file = await readSource(source, { path, what: 'ecs-params file' }, reporter);
  if (!file) return undefined;
  const { readEcsParams } = await import('./passes/migrate-ecs-params.js');
  return readEcsParams(file, reporter, { services: Object.keys(project.services) });
}
