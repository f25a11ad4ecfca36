/**
 * 13-merge and 12-interpolation identities, on generated compose files: merging with an
 * empty override changes nothing; `!reset` on a service key is the same as never having
 * written the key; `!override` is the same as having written the new value in the base file;
 * `$$` is a literal `$` (escaping every `$` as `$$` gives back the text as written).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Document, type Node } from 'yaml';
import { loadProject, type LoadProjectResult } from '../../src/loader/load-project.js';
import { toComposeDocument } from '../../src/loader/compose-document.js';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { composeFile, jsonish, mutatedComposeFile, toYaml, type ComposeDoc } from '../support/arbitraries.js';
import { DIR, FILES, MAIN, ecsComposeFile } from './ecs-arbitrary.js';
import { params, timeoutFor, turn } from './runs.js';

const OVERRIDE = `${DIR}/compose.override.yaml`;

async function load(files: Record<string, string>, names: string[]): Promise<LoadProjectResult> {
  return loadProject({ host: memoryHost({ ...FILES, ...files }, DIR), env: {}, files: names });
}

/** The model as config prints it, and the errors by code and model path. */
function observable(r: LoadProjectResult): { config: unknown; errors: string[] } {
  return {
    config: r.project ? toComposeDocument(r.project) : null,
    errors: r.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.path ?? ''}`)
      .sort(),
  };
}

/** An override file setting services.<service>.<key> to `value`, tagged `tag`. */
function tagged(service: string, key: string, value: unknown, tag: '!reset' | '!override'): string {
  const doc = new Document({ services: { [service]: { [key]: value } } });
  (doc.getIn(['services', service, key], true) as Node).tag = tag;
  return doc.toString({ lineWidth: 0 });
}

/**
 * The services of `doc` that neither extend another nor are extended. `extends` is resolved in
 * each file before the -f files are merged (load-project.ts), so an
 * override of a base does not reach the services extending it, and an override of an
 * extending service replaces what the base brought in: the identities below are about the
 * other services.
 */
function unextended(doc: ComposeDoc): [string, Record<string, unknown>][] {
  const baseOf = (svc: Record<string, unknown>) => (typeof svc.extends === 'string' ? svc.extends : (svc.extends as { service?: string } | undefined)?.service);
  const bases = new Set(Object.values(doc.services).map(baseOf));
  return Object.entries(doc.services).filter(([name, svc]) => !bases.has(name) && svc.extends === undefined);
}

/** A service of `doc` (any, or one `unextended`) and one of its keys, chosen by `pick`. */
function choose(doc: ComposeDoc, pick: number, any = false): { service: string; key: string } | undefined {
  const services = any ? Object.entries(doc.services) : unextended(doc);
  const pairs = services.flatMap(([s, svc]) => Object.keys(svc).map((k) => ({ service: s, key: k })));
  return pairs.length ? pairs[pick % pairs.length] : undefined;
}

describe('13-merge', () => {
  it(
    'merging with an empty override changes nothing (model, errors and ECS output)',
    async () => {
      // Empty for any base; `services: {}` is empty only for a base whose services are a
      // mapping (merged into `services: []` it is a MERGE_TYPE_MISMATCH, rightly). A file with no
      // content at all is not an empty override but FILE_EMPTY, an error, as in docker compose.
      const empty = fc.constantFrom('{}\n', '# nothing\n{}\n', '---\n{}\n');
      const cases = fc.oneof(fc.tuple(ecsComposeFile(), fc.oneof(empty, fc.constant('services: {}\n'))), fc.tuple(mutatedComposeFile(), empty));
      await fc.assert(
        fc.asyncProperty(cases, async ([doc, override]) => {
          await turn();
          const files = { [MAIN]: toYaml(doc), [OVERRIDE]: override };
          const alone = await load(files, [MAIN]);
          const merged = await load(files, [MAIN, OVERRIDE]);
          expect(observable(merged)).toEqual(observable(alone));
          const c1 = await convert({ host: memoryHost({ ...FILES, ...files }, DIR), env: {}, files: [MAIN], target: 'ecs' });
          const c2 = await convert({ host: memoryHost({ ...FILES, ...files }, DIR), env: {}, files: [MAIN, OVERRIDE], target: 'ecs' });
          expect(c2.outputs.map((o) => o.contents)).toEqual(c1.outputs.map((o) => o.contents));
        }),
        params(40, 60),
      );
    },
    timeoutFor(40, 60),
  );

  it(
    '!reset on a service key gives the model of the base file without that key',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeFile(), fc.nat(), async (doc, pick) => {
          await turn();
          const chosen = choose(doc, pick);
          if (!chosen) return;
          const { service, key } = chosen;
          // "A valid value for attribute must be provided, but will be ignored": [] for a list, else null.
          const value = Array.isArray(doc.services[service]?.[key]) ? [] : null;
          const files = { [MAIN]: toYaml(doc), [OVERRIDE]: tagged(service, key, value, '!reset') };
          const reset = await load(files, [MAIN, OVERRIDE]);
          const without = structuredClone(doc);
          delete (without.services[service] as Record<string, unknown>)[key];
          const expected = await load({ [MAIN]: toYaml(without) }, [MAIN]);
          expect(observable(reset), `services.${service}.${key}: !reset`).toEqual(observable(expected));
        }),
        params(60, 40),
      );
    },
    timeoutFor(60, 40),
  );

  it(
    '!reset on one environment variable (the spec example: FOO: !reset null) removes just that variable',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeFile(), fc.nat(), async (doc, pick) => {
          await turn();
          const withEnv = unextended(doc).filter(([, s]) => s.environment && !Array.isArray(s.environment) && Object.keys(s.environment as object).length > 0);
          if (withEnv.length === 0) return;
          const [service, svc] = withEnv[pick % withEnv.length] as [string, Record<string, unknown>];
          const names = Object.keys(svc.environment as object);
          const name = names[pick % names.length] as string;
          const override = new Document({ services: { [service]: { environment: { [name]: null } } } });
          (override.getIn(['services', service, 'environment', name], true) as Node).tag = '!reset';
          const files = { [MAIN]: toYaml(doc), [OVERRIDE]: override.toString({ lineWidth: 0 }) };
          const reset = await load(files, [MAIN, OVERRIDE]);
          const without = structuredClone(doc);
          delete ((without.services[service] as Record<string, unknown>).environment as Record<string, unknown>)[name];
          const expected = await load({ [MAIN]: toYaml(without) }, [MAIN]);
          expect(observable(reset), `services.${service}.environment.${name}: !reset null`).toEqual(observable(expected));
        }),
        params(60, 40),
      );
    },
    timeoutFor(60, 40),
  );

  it(
    '!override on a service key gives the model of the base file with that key replaced',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeFile(), composeFile(), fc.nat(), async (doc, other, pick) => {
          await turn();
          const chosen = choose(doc, pick);
          if (!chosen) return;
          const { service, key } = chosen;
          // A value of the same key from another generated service, or the base's own value.
          const donor = Object.values(other.services).find((s) => Object.hasOwn(s, key));
          const value = donor ? donor[key] : doc.services[service]?.[key];
          const files = { [MAIN]: toYaml(doc), [OVERRIDE]: tagged(service, key, value, '!override') };
          const overridden = await load(files, [MAIN, OVERRIDE]);
          const replaced = structuredClone(doc);
          (replaced.services[service] as Record<string, unknown>)[key] = value;
          const expected = await load({ [MAIN]: toYaml(replaced) }, [MAIN]);
          expect(observable(overridden), `services.${service}.${key}: !override ${JSON.stringify(value)}`).toEqual(observable(expected));
        }),
        params(60, 40),
      );
    },
    timeoutFor(60, 40),
  );

  // Regression: the override file's `!override false` reached the schema check as the text
  // "false" (the core schema's bool tag resolves to a Scalar node); only keys whose schema takes
  // no string (use_api_socket, models.*.context_size) showed it.
  it('!override on a boolean scalar keeps it a boolean (minimal case)', async () => {
    const files = { [MAIN]: 'services:\n  web:\n    image: nginx\n    use_api_socket: true\n', [OVERRIDE]: tagged('web', 'use_api_socket', false, '!override') };
    const r = await load(files, [MAIN, OVERRIDE]);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(r.project?.services.web?.use_api_socket).toBe(false);
  });

  it(
    '!reset and !override on random values never throw',
    async () => {
      await fc.assert(
        fc.asyncProperty(composeFile(), fc.nat(), jsonish, fc.constantFrom('!reset' as const, '!override' as const), async (doc, pick, value, tag) => {
          await turn();
          const chosen = choose(doc, pick, true);
          if (!chosen) return;
          const files = { [MAIN]: toYaml(doc), [OVERRIDE]: tagged(chosen.service, chosen.key, value, tag) };
          const r = await load(files, [MAIN, OVERRIDE]);
          expect(r.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
        }),
        params(60, 30),
      );
    },
    timeoutFor(60, 30),
  );
});

describe('12-interpolation: $$ is a literal $', () => {
  /** Text rich in `$`, braces and names: every `$` escaped as `$$` must come back as written. */
  const dollarText = fc.string({ unit: fc.constantFrom('$', '$', '{', '}', ':', '-', '?', '+', 'A', 'b', '_', '1', ' ', 'é', '\\'), maxLength: 24 });

  it(
    // The image was one of these fields; an image holding a $ is no valid reference (IMAGE_INVALID_REFERENCE).
    'in environment values (mapping and list form), labels, command and domainname: escaping every $ gives back the text',
    async () => {
      await fc.assert(
        fc.asyncProperty(dollarText, dollarText, dollarText, async (a, b, c) => {
          await turn();
          const esc = (s: string) => s.replaceAll('$', () => '$$'); // a function: '$$' as a replacement string is one $
          const doc = {
            services: {
              web: {
                image: 'nginx',
                domainname: esc(a),
                environment: { A: esc(a), B: esc(b) },
                labels: [`l.c=${esc(c)}`],
                command: ['echo', esc(c)],
              },
              list: { image: 'nginx', environment: [`A=${esc(a)}`] },
            },
          };
          const r = await load({ [MAIN]: toYaml(doc) }, [MAIN]);
          expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const web = r.project?.services.web;
          expect(web?.environment).toEqual({ A: a, B: b });
          expect(web?.labels).toEqual({ 'l.c': c });
          expect(web?.command).toEqual(['echo', c]);
          // An empty domainname is no domainname, as docker compose reads it (test/loader/normalize/empty-text.test.ts).
          expect(web?.domainname).toBe(a === '' ? undefined : a);
          expect(r.project?.services.list?.environment).toEqual({ A: a });
        }),
        params(80, 20),
      );
    },
    timeoutFor(80, 20),
  );

  it(
    'next to a variable: $$${V} is a $ then the value of V, and $${V} is the text ${V}',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/), fc.stringMatching(/^[a-z0-9]{0,6}$/), async (name, value) => {
          await turn();
          const doc = { services: { web: { image: 'nginx', environment: { A: `$$\${${name}}`, B: `$\${${name}}`, C: `$$$$` } } } };
          const r = await loadProject({ host: memoryHost({ [MAIN]: toYaml(doc) }, DIR), env: { [name]: value }, files: [MAIN] });
          expect(r.project?.services.web?.environment).toEqual({ A: `$${value}`, B: `\${${name}}`, C: '$$' });
        }),
        params(80, 20),
      );
    },
    timeoutFor(80, 20),
  );

  it(
    'in an env file: unquoted and double-quoted values read $$ as $, single-quoted ones keep it',
    async () => {
      const plain = fc.string({ unit: fc.constantFrom('$', 'a', 'B', '_', '1', '-', '.', '/'), maxLength: 16 });
      await fc.assert(
        fc.asyncProperty(plain, async (s) => {
          await turn();
          const esc = s.replaceAll('$', () => '$$');
          const env = `U=${esc}\nD="${esc}"\nS='${esc}'\n`;
          const r = await load({ [MAIN]: 'services:\n  web:\n    image: nginx\n    env_file: web.env\n', [`${DIR}/web.env`]: env }, [MAIN]);
          expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          expect(r.project?.services.web?.environment).toEqual({ U: s, D: s, S: esc });
        }),
        params(80, 20),
      );
    },
    timeoutFor(80, 20),
  );
});
