/**
 * The passes, in order: each a named function with one job, together turning a Project into
 * the IR every backend reads.
 */
import type { Reporter } from '../diagnostics/report.js';
import type { Project } from '../model/project.js';
import type { EcsSettings, IR, ServiceFacts } from '../ir/ir.js';
import { createPassContext, modelPath, type PassOptions } from './context.js';
import { projectSettings, serviceSettings } from './ecs-settings.js';
import { layoutTasks } from './task-layout.js';
import { containerResources } from './resources.js';
import { sizeTask } from './task-size.js';
import { checkDependencyCycles } from './dependency-cycles.js';
import { markEssential, resolveDependencies } from './dependencies.js';
import { makeDiagnostic } from '../diagnostics/report.js';
import { locate } from '../loader/source.js';
import { setOwn } from '../loader/own.js';

export type { PassOptions } from './context.js';

/**
 * Runs every pass over a project. Never throws on user input; findings go to `reporter`.
 *
 * @example
 * const reporter = new Reporter();
 * const ir = buildIR(project, reporter, { launchType: 'FARGATE' });
 * ir.tasks[0]?.cpu; // 256
 */
export function buildIR(project: Project, reporter: Reporter, options: PassOptions = {}): IR {
  const ctx = createPassContext(project, reporter, options);
  const settings = projectSettings(ctx);
  const own = new Map<string, EcsSettings>();
  for (const name of Object.keys(project.services)) own.set(name, serviceSettings(ctx, name));
  const { layout, tasks, taskOf, settingsOf } = layoutTasks(ctx, settings, own);

  // By name, first one winning as with find(): a search of `tasks` per service is quadratic
  // with one task per service (5,000 services: 12.5 million comparisons).
  const taskByName = new Map<string, (typeof tasks)[number]>();
  for (const t of tasks) if (!taskByName.has(t.name)) taskByName.set(t.name, t);
  const services: Record<string, ServiceFacts> = {};
  for (const [name, service] of Object.entries(project.services)) {
    const task = taskByName.get(taskOf.get(name) as string);
    const s = settingsOf.get(name) ?? {};
    const taskMemory = task?.settings.memory !== undefined;
    // setOwn: a service may be called `__proto__`.
    setOwn(services, name, {
      name,
      service,
      settings: s,
      resources: containerResources(ctx, name, service, s, taskMemory),
      task: taskOf.get(name) as string,
      dependsOn: [],
      links: [],
      essential: true,
    } satisfies ServiceFacts);
  }
  for (const task of tasks) sizeTask(ctx, task, services);

  checkDependencyCycles(ctx);
  const deps = resolveDependencies(ctx, tasks, taskOf, settingsOf);
  for (const [name, facts] of Object.entries(services)) {
    facts.dependsOn = deps.dependsOn.get(name) ?? [];
    facts.links = deps.links.get(name) ?? [];
  }
  markEssential(ctx, tasks, services, deps.completes);

  return {
    project,
    layout,
    settings,
    services,
    tasks,
    diagnostic: (code, severity, message, path) => makeDiagnostic(code, severity, message, path ? locate(project, modelPath(path)) : undefined, path),
  };
}
