/**
 * Projects of several files (test/support/project-arbitrary.ts: include, extends within a
 * file and from another, an override file with !reset and !override, profiles, interpolation
 * from .env and the caller's environment):
 * - they load without error, with the services the profiles leave, and the values that
 *   interpolation, extends and the override file put there; config is a fixpoint;
 * - made of files ECS can take (no host port published by both: port-conflicts.ts), they
 *   convert to ECS without error, every output passes the ECS API shape validator, and
 *   converting the printed config (one file) gives the same outputs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadProject } from '../../src/loader/load-project.js';
import { toComposeDocument } from '../../src/loader/compose-document.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Output } from '../../src/backends/backend.js';
import { composeProject, loadOptions, projectFiles, type ComposeProject } from '../support/project-arbitrary.js';
import { toYaml } from '../support/arbitraries.js';
import { expectConfigFixpoint } from './config-fixpoint.js';
import { ecsComposeFile, forLaunchType } from './ecs-arbitrary.js';
import { projectWithUniquePorts } from './port-conflicts.js';
import { expectNoInternalError, expectValidEcsOutputs, expectWorkingEcsOutputs } from './ecs-checks.js';
import { params, timeoutFor, turn } from './runs.js';

const DIR = '/p';
const launchType = fc.constantFrom('FARGATE' as const, 'EC2' as const);

const hostOf = (p: ComposeProject, extra: Record<string, string> = {}) => memoryHost({ ...projectFiles(p, DIR), ...extra }, DIR);
const errors = (ds: readonly { severity: string; code: string; path?: string; message: string }[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path ?? ''} ${d.message}`);

/** The printed config of a project, loaded alone: the project's other files stay readable (env_file, secrets). */
const CONFIG = `${DIR}/config.yaml`;

/**
 * The options to load the printed config with: that file alone, and the same profiles (the
 * printed services keep their `profiles`; COMPOSE_PROFILES still comes from `.env`).
 */
const again = (p: ComposeProject) => ({ env: {}, files: [CONFIG], ...(p.profiles ? { profiles: p.profiles } : {}) });

/** An output as path and text. */
const pathAndText = (o: Output): [string, string] => [o.path, o.contents];

describe('projects of several files', () => {
  it(
    'load without error: the services profiles leave, values from interpolation, extends and the override; config is a fixpoint',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeProject(), async (p) => {
          await turn();
          const r = await loadProject({ host: hostOf(p), ...loadOptions(p, DIR) });
          expectNoInternalError(r.diagnostics, 'loadProject');
          expect(errors(r.diagnostics), `errors in a valid project:\n${p.files['compose.yaml']}`).toEqual([]);
          const project = r.project!;
          expect(Object.keys(project.services).sort()).toEqual(p.expected.services);
          for (const [service, env] of Object.entries(p.expected.environment)) {
            expect(project.services[service]?.environment, `services.${service}.environment`).toMatchObject(env);
          }
          const printed = toComposeDocument(project);
          await expectConfigFixpoint(printed, (text) => loadProject({ host: hostOf(p, { [CONFIG]: text }), ...again(p) }));
        }),
        params(40, 60),
      );
    },
    timeoutFor(40, 60),
  );

  it(
    'made of files ECS can take: convert to ECS without error, valid outputs, the same as converting the printed config',
    async () => {
      await fc.assert(
        // Each file as ECS can take it on the launch type (no deploy.mode global on Fargate).
        fc.asyncProperty(launchType.chain((lt) => composeProject(ecsComposeFile().map((d) => forLaunchType(d, lt))).map((p) => [projectWithUniquePorts(p), lt] as const)), async ([p, lt]) => {
          await turn();
          // Layout service: the two files' services come from independent generated files,
          // which may ask for different platforms or ipc modes, and one task has one of each.
          const options = { target: 'ecs' as const, layout: 'service' as const, launchType: lt };
          const r = await convert({ host: hostOf(p), ...loadOptions(p, DIR), ...options });
          expectNoInternalError(r.diagnostics, 'convert');
          expect(errors(r.diagnostics)).toEqual([]);
          expectValidEcsOutputs(r.outputs);
          expectWorkingEcsOutputs(r.outputs, r.diagnostics);
          const loaded = await loadProject({ host: hostOf(p), ...loadOptions(p, DIR) });
          const printed = toComposeDocument(loaded.project!);
          const flat = await convert({ host: hostOf(p, { [CONFIG]: toYaml(printed) }), ...again(p), ...options });
          expect(flat.outputs.map(pathAndText)).toEqual(r.outputs.map(pathAndText));
        }),
        params(30, 80),
      );
    },
    timeoutFor(30, 80),
  );
});

describe('extra_hosts → extraHosts (compose spec: extra_hosts is a mapping; ECS HostEntry list), a fixed finding', () => {
  // extra_hosts is a mapping (host → address), whose key order means nothing; the task
  // definition listed extraHosts in that order, so config (which sorts keys) changed the output.
  // Now hosts are sorted by name.
  it('the ECS output does not depend on the order of extra_hosts', async () => {
    const ecs = async (hosts: string) =>
      (await convert({ host: memoryHost({ [`${DIR}/compose.yaml`]: `services:\n  web:\n    image: nginx\n    extra_hosts: ${hosts}\n` }, DIR), env: {}, target: 'ecs' })).outputs.map((o) => o.contents);
    expect(await ecs('{ b: 192.0.2.1, a: 192.0.2.2 }')).toEqual(await ecs('{ a: 192.0.2.2, b: 192.0.2.1 }'));
  });
});
