/**
 * DESIGN.md: "Nothing a user writes makes the core throw." For any input bytes and for
 * generated compose files (valid, nearly valid, compose-shaped, near-YAML), loadProject,
 * convert (target ecs) and validate resolve — never reject — and report no INTERNAL_ERROR
 * (a throw they caught); and whatever convert emits passes the ECS API shape validator.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadProject } from '../../src/loader/load-project.js';
import { convert } from '../../src/convert.js';
import { validate } from '../../src/validate.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { expectNoInternalError, expectValidEcsOutputs } from './ecs-checks.js';
import { OTHER_FILE, composeFile, composeText, fileBytes, jsonishMapping, mutatedComposeFile, toYaml } from '../support/arbitraries.js';
import { DIR, FILES, MAIN } from './ecs-arbitrary.js';
import { params, timeoutFor, turn } from './runs.js';

type Files = Record<string, string | Uint8Array>;

const layout = fc.constantFrom('service' as const, 'project' as const);
const launchType = fc.constantFrom(undefined, 'FARGATE' as const, 'EC2' as const);

/** loadProject, convert (ecs) and validate on the same files: none throws, none reports INTERNAL_ERROR. */
async function everyEntryPoint(files: Files, options: { layout?: 'service' | 'project'; launchType?: 'FARGATE' | 'EC2' | undefined; files?: string[] } = {}): Promise<void> {
  await turn();
  const base = { host: memoryHost(files, DIR), env: { FROM_ENV: 'env' }, ...(options.files ? { files: options.files } : {}) };
  const loaded = await loadProject(base);
  expectNoInternalError(loaded.diagnostics, 'loadProject');
  const converted = await convert({ ...base, target: 'ecs', ...(options.layout ? { layout: options.layout } : {}), ...(options.launchType ? { launchType: options.launchType } : {}) });
  expectNoInternalError(converted.diagnostics, 'convert');
  expectValidEcsOutputs(converted.outputs);
  const validated = await validate(base);
  expectNoInternalError(validated.diagnostics, 'validate');
}

describe('loadProject, convert (ecs) and validate never throw', () => {
  it(
    'for any bytes as the compose file',
    async () => {
      await fc.assert(
        fc.asyncProperty(fileBytes, async (bytes) => {
          await everyEntryPoint({ [MAIN]: bytes });
        }),
        params(50),
      );
    },
    timeoutFor(50, 30),
  );

  it(
    'for any bytes as .env and as a service env_file',
    async () => {
      await fc.assert(
        fc.asyncProperty(fileBytes, fileBytes, async (dotenv, envFile) => {
          await everyEntryPoint({ [MAIN]: 'services:\n  web:\n    image: nginx:${TAG:-1}\n    env_file: web.env\n', [`${DIR}/.env`]: dotenv, [`${DIR}/web.env`]: envFile });
        }),
        params(50),
      );
    },
    timeoutFor(50, 30),
  );

  it(
    'for near-YAML text (anchors, tags, unclosed collections, interpolation)',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeText, layout, async (text, l) => {
          await everyEntryPoint({ [MAIN]: text }, { layout: l });
        }),
        params(50),
      );
    },
    timeoutFor(50, 30),
  );

  it(
    'for compose-shaped mappings of random values, with a second file to include, extend or read',
    async () => {
      await fc.assert(
        fc.asyncProperty(jsonishMapping(), jsonishMapping(), fc.boolean(), layout, launchType, async (main, other, merged, l, lt) => {
          const files = { [MAIN]: toYaml(main), [`${DIR}/${OTHER_FILE}`]: toYaml(other), [`${DIR}/.env`]: 'X=from-dotenv\n', ...FILES };
          await everyEntryPoint(files, { layout: l, launchType: lt, ...(merged ? { files: [MAIN, `${DIR}/${OTHER_FILE}`] } : {}) });
        }),
        params(50),
      );
    },
    timeoutFor(50, 40),
  );

  it(
    'for valid compose files with a few values replaced by random ones',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedComposeFile(), layout, launchType, async (doc, l, lt) => {
          await everyEntryPoint({ [MAIN]: toYaml(doc), ...FILES }, { layout: l, launchType: lt });
        }),
        params(50),
      );
    },
    timeoutFor(50, 40),
  );

  it(
    'for valid compose files, as YAML and as JSON',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeFile(), fc.boolean(), layout, launchType, async (doc, asJson, l, lt) => {
          await everyEntryPoint({ [MAIN]: asJson ? JSON.stringify(doc) : toYaml(doc), ...FILES }, { layout: l, launchType: lt });
        }),
        params(50),
      );
    },
    timeoutFor(50, 40),
  );
});
