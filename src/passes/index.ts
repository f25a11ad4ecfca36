/**
 * The passes, in order: each a named function with one job, together turning a Project into
 * the IR every backend reads.
 */
import type { Reporter } from '../diagnostics/report.js';
import type { Project } from '../model/project.js';
import type { EcsLayer, EcsSettings, IR, ServiceFacts } from '../ir/ir.js';
import { buildWorkloads, reportKinds } from './workloads.js';
import { createPassContext, modelPath, type PassOptions } from './context.js';
import { projectSettings, serviceConnectOn, serviceSettings, taskRegion } from './ecs-settings.js';
import { builtImage, isBuildOnly } from './built-images.js';
import { layoutTasks } from './task-layout.js';
import { placeJobs } from './job-placement.js';
import { containerResources } from './resources.js';
import { sizeTask } from './task-size.js';
import { checkDependencyCycles } from './dependency-cycles.js';
import { markEssential, resolveDependencies } from './dependencies.js';
import { usablePortNames } from './port-names.js';
import { makeDiagnostic } from '../diagnostics/report.js';
import { locate } from '../core/source.js';
import { setOwn } from '../core/own.js';

export type { PassOptions } from './context.js';

/**
 * Runs every pass over a project: the target-neutral core always, the ECS layer unless
 * `options.platform` is `other`. Never throws on user input; findings go to `reporter`.
 *
 * @example
 * const reporter = new Reporter();
 * const ir = buildIR(project, reporter, { launchType: 'FARGATE' });
 * ir.ecs?.tasks[0]?.cpu; // 256
 */
export function buildIR(project: Project, reporter: Reporter, options: PassOptions = {}): IR {
  const ir: IR = {
    project,
    workloads: buildWorkloads(project.services),
    diagnostic: (code, severity, message, path) => makeDiagnostic(code, severity, message, path ? locate(project, modelPath(path)) : undefined, path),
  };
  for (const [name, w] of Object.entries(ir.workloads)) {
    const image = isBuildOnly(w.service) ? builtImage(project.name, name, options.registry, options.imageTag) : undefined;
    if (image) w.builtImage = image;
  }
  const ctx = createPassContext(project, reporter, options);
  reportKinds(ctx, ir.workloads);
  checkDependencyCycles(ctx);
  if (options.platform !== 'other') ir.ecs = buildEcsLayer(ir, reporter, options);
  return ir;
}

/**
 * The ECS layer: x-ecs settings (read and checked against their schema here, with positions),
 * tasks, container resources in ECS units, task sizes, container dependencies and essential
 * flags. `quiet` takes the findings of everything after the settings (a validate run without
 * a target checks x-ecs but is not told about task sizes).
 */
export function buildEcsLayer(ir: IR, reporter: Reporter, options: PassOptions, quiet?: Reporter): EcsLayer {
  const { project } = ir;
  const ctx = createPassContext(project, reporter, options);
  const settings = projectSettings(ctx);
  const own = new Map<string, EcsSettings>();
  for (const name of Object.keys(project.services)) own.set(name, serviceSettings(ctx, name));
  const lctx = quiet ? createPassContext(project, quiet, options) : ctx;
  const laid = layoutTasks(lctx, settings, own, ir.workloads);
  const { layout, settingsOf } = laid;
  const { tasks, taskOf } = placeJobs(lctx, ir.workloads, laid.tasks, laid.taskOf);

  // By name, first one winning as with find(): a search of `tasks` per service is quadratic
  // with one task per service (5,000 services: 12.5 million comparisons).
  const taskByName = new Map<string, (typeof tasks)[number]>();
  for (const t of tasks) if (!taskByName.has(t.name)) taskByName.set(t.name, t);
  const services: Record<string, ServiceFacts> = {};
  for (const [name, workload] of Object.entries(ir.workloads)) {
    const task = taskByName.get(taskOf.get(name) as string);
    const s = settingsOf.get(name) ?? {};
    const taskMemory = task?.settings.memory !== undefined;
    const image = isBuildOnly(workload.service) ? builtImage(project.name, name, s.registry, s.image_tag) : undefined;
    // setOwn: a service may be called `__proto__`.
    setOwn(services, name, {
      name,
      service: workload.service,
      settings: s,
      resources: containerResources(lctx, workload, s, taskMemory, task?.launchType),
      task: taskOf.get(name) as string,
      dependsOn: [],
      links: [],
      essential: true,
      crossTask: [],
      ...(image ? { builtImage: image } : {}),
    } satisfies ServiceFacts);
  }
  const proxied = serviceConnectOn(settings, layout, tasks);
  for (const task of tasks) sizeTask(lctx, task, services, proxied && task.withService);

  const deps = resolveDependencies(lctx, tasks, taskOf, settingsOf, proxied, ir.workloads);
  for (const [name, facts] of Object.entries(services)) {
    facts.dependsOn = deps.dependsOn.get(name) ?? [];
    facts.links = deps.links.get(name) ?? [];
    facts.crossTask = deps.crossTask.get(name) ?? [];
  }
  markEssential(lctx, tasks, services, deps.completes, ir.workloads);
  const region = taskRegion(settings, options);
  const portNames = usablePortNames(lctx, project, proxied);
  return { layout, settings, services, tasks, serviceConnect: proxied, portNames, ...(region ? { region } : {}) };
}
