/**
 * Properties of the loader (DESIGN.md: "Nothing a user writes makes the core throw";
 * "deterministic"; STYLE.md: "normalizing twice = once"), checked on generated input:
 * valid compose files, compose-shaped mappings of random values, scalars, near-YAML text and
 * random bytes. Run counts come from test/properties/runs.ts: modest in `npm test`, FUZZ_RUNS
 * (100,000) through properties.fuzz.test.ts in `npm run test:fuzz`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadProject, type LoadProjectResult } from '../../src/loader/load-project.js';
import { toComposeDocument } from '../../src/loader/compose-document.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { OTHER_FILE, composeFile, composeText, fileBytes, jsonishMapping, mutatedComposeFile, sideFiles, toYaml, yamlScalar } from '../support/arbitraries.js';
import { params, timeoutFor, turn } from '../properties/runs.js';
import { expectConfigFixpoint } from '../properties/config-fixpoint.js';

const DIR = '/p';
const MAIN = `${DIR}/compose.yaml`;
/** The files generated env_file, label_file, secrets and configs read. */
const SIDE = sideFiles(DIR);

/** Diagnostics about a whole file (it is missing, not text, too large): no line to point at. */
const WHOLE_FILE = new Set(['FILE_NOT_FOUND', 'FILE_NOT_TEXT', 'FILE_TOO_LARGE', 'FILE_READ_ERROR', 'FILE_OUTSIDE_PROJECT', 'ENV_FILE_NOT_FOUND', 'NO_COMPOSE_FILE']);

type Files = Record<string, string | Uint8Array>;

/** Loads `files` (compose.yaml first) from an in-memory disk; a throw fails the property. */
async function load(files: Files, extra: { files?: string[] } = {}): Promise<LoadProjectResult> {
  await turn();
  return loadProject({ host: memoryHost({ ...SIDE, ...files }, DIR), env: {}, ...extra });
}

function lineCount(contents: string | Uint8Array | undefined): number | undefined {
  if (contents === undefined) return undefined;
  const text = typeof contents === 'string' ? contents : new TextDecoder().decode(contents);
  return text.split('\n').length;
}

/**
 * Every diagnostic has a stable code, a severity and a message; none is INTERNAL_ERROR (a
 * throw caught by loadProject); one that names a file points at a line ≥ 1 that the file has
 * (unless it is about the whole file), with the end not before the start.
 */
function expectWellFormed(diagnostics: readonly Diagnostic[], files: Files): void {
  for (const d of diagnostics) {
    const what = `${d.code} ${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.message.slice(0, 300)}`;
    expect(d.code, what).not.toBe('INTERNAL_ERROR');
    expect(d.code, what).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(['error', 'warning', 'info'], what).toContain(d.severity);
    expect(d.message.length, what).toBeGreaterThan(0);
    if (d.path !== undefined) expect(d.path === '' || d.path.startsWith('/'), what).toBe(true);
    if (d.file === undefined) continue;
    if (WHOLE_FILE.has(d.code) && d.line === undefined) continue;
    expect(d.line, what).toBeGreaterThanOrEqual(1);
    expect(d.column, what).toBeGreaterThanOrEqual(1);
    const lines = lineCount(files[d.file]);
    if (lines !== undefined) expect(d.line, what).toBeLessThanOrEqual(lines);
    if (d.endLine !== undefined) {
      expect(d.endLine, what).toBeGreaterThanOrEqual(d.line as number);
      if (d.endLine === d.line) expect(d.endColumn ?? 0, what).toBeGreaterThanOrEqual(d.column as number);
    }
  }
}

/** What a load gave, as text: the printed model (when there is one) and every diagnostic. */
function snapshot(r: LoadProjectResult): string {
  return JSON.stringify({ config: r.project ? toComposeDocument(r.project) : null, diagnostics: r.diagnostics });
}

/** `config` is a fixpoint (config-fixpoint.ts, with its guards for open bugs). */
const expectFixpoint = (printed: Record<string, unknown>) => expectConfigFixpoint(printed, (text) => load({ [MAIN]: text }));

describe('valid compose files (test/support/arbitraries composeFile)', () => {
  // One property with three loads per input (about 20 ms each) keeps this file fast.
  it('load without error, deterministically, and config is a fixpoint (the printed model, loaded again, prints the same)', async () => {
    await fc.assert(
      fc.asyncProperty(composeFile(), async (doc) => {
        const files = { [MAIN]: toYaml(doc) };
        const first = await load(files);
        expectWellFormed(first.diagnostics, files);
        expect(first.diagnostics.filter((d) => d.severity === 'error'), `errors in a valid file:\n${files[MAIN]}`).toEqual([]);
        expect(first.project).toBeDefined();
        expect(Object.keys(first.project!.services).sort()).toEqual(Object.keys(doc.services).sort());

        expect(snapshot(await load(files)), 'the same input loaded twice').toBe(snapshot(first));

        await expectFixpoint(toComposeDocument(first.project!));
      }),
      params(100, 40),
    );
  }, timeoutFor(100, 40));
});

describe('input that is mostly not valid never makes the loader throw', () => {
  it('compose-shaped mappings of random JSON values, as YAML and as JSON, with a second file to include or extend: deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(jsonishMapping(), jsonishMapping(), fc.boolean(), async (main, other, asJson) => {
        const files = { [MAIN]: asJson ? JSON.stringify(main) : toYaml(main), [`${DIR}/${OTHER_FILE}`]: toYaml(other), [`${DIR}/.env`]: 'X=from-dotenv\n' };
        const r = await load(files);
        expectWellFormed(r.diagnostics, files);
        expect(snapshot(await load(files)), 'the same input loaded twice').toBe(snapshot(r));
      }),
      params(200, 10),
    );
  }, timeoutFor(200, 10));

  it('valid files with a few values replaced by random ones: deterministic, and config a fixpoint when they load without error', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedComposeFile(), async (doc) => {
        const files = { [MAIN]: toYaml(doc) };
        const r = await load(files);
        expectWellFormed(r.diagnostics, files);
        expect(snapshot(await load(files)), 'the same input loaded twice').toBe(snapshot(r));
        if (!r.project || r.diagnostics.some((d) => d.severity === 'error')) return;
        const printed = toComposeDocument(r.project);
        // Known bug, pinned by fixtures/loader-empty-key-in-list: a `KEY=VALUE` list entry with
        // no key is accepted and printed as a key "" that the schema rejects. Drop this guard
        // once that fixture passes.
        if (JSON.stringify(printed).includes('"":')) return;
        await expectFixpoint(printed);
      }),
      params(80, 30),
    );
  }, timeoutFor(80, 30));

  it('two random mappings merged as -f files (13-merge, !reset and !override tags included)', async () => {
    const tagged = (yaml: string) => yaml.replace(/^( +[a-z_]+:)( |$)/gm, (m, key: string, sp: string, offset: number) => (offset % 3 === 0 ? `${key} !reset${sp}` : offset % 3 === 1 ? `${key} !override${sp}` : m));
    await fc.assert(
      fc.asyncProperty(jsonishMapping(), jsonishMapping(), fc.boolean(), async (a, b, tag) => {
        const files = { [MAIN]: toYaml(a), [`${DIR}/${OTHER_FILE}`]: tag ? tagged(toYaml(b)) : toYaml(b) };
        const r = await load(files, { files: ['compose.yaml', OTHER_FILE] });
        expectWellFormed(r.diagnostics, files);
      }),
      params(200, 10),
    );
  }, timeoutFor(200, 10));

  it('a file that is one scalar of any type', async () => {
    await fc.assert(
      fc.asyncProperty(yamlScalar, fc.boolean(), async (scalar, raw) => {
        const files = { [MAIN]: raw ? String(scalar) : toYaml(scalar) };
        const r = await load(files);
        expectWellFormed(r.diagnostics, files);
      }),
      params(200, 5),
    );
  }, timeoutFor(200, 5));

  it('near-YAML text: compose lines, anchors, tags, unclosed collections, tabs, interpolation', async () => {
    await fc.assert(
      fc.asyncProperty(composeText, async (text) => {
        const files = { [MAIN]: text };
        const r = await load(files);
        expectWellFormed(r.diagnostics, files);
      }),
      params(200, 5),
    );
  }, timeoutFor(200, 5));

  it('random bytes as the compose file', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        const files = { [MAIN]: bytes };
        const r = await load(files);
        expectWellFormed(r.diagnostics, files);
      }),
      params(200, 5),
    );
  }, timeoutFor(200, 5));

  it('random bytes as the .env file and as an env_file', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, composeText, async (bytes, text) => {
        const files = { [MAIN]: 'services:\n  web:\n    image: nginx:${TAG:-1}\n    env_file: ./web.env\n', [`${DIR}/.env`]: bytes, [`${DIR}/web.env`]: text };
        const r = await load(files);
        expectWellFormed(r.diagnostics, files);
      }),
      params(200, 5),
    );
  }, timeoutFor(200, 5));
});

describe('bugs these properties found (regression tests)', () => {
  // gpus, a scalar for extends (05-services § extends), reported MERGE_TYPE_MISMATCH when one
  // side was the short syntax `all` and the other a list: the extending service's value replaces.
  it('a service with a gpus list extends one with gpus: all', async () => {
    const r = await load({ [MAIN]: 'services:\n  base:\n    image: nginx\n    gpus: all\n  web:\n    extends: base\n    gpus:\n      - capabilities: [gpu]\n' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  // Two spellings of one port normalized to one item twice, which the schema's uniqueItems
  // rejected in the printed model; now kept once, as docker compose does.
  it('config of a service with one port in two spellings loads again without error', async () => {
    const first = await load({ [MAIN]: 'services:\n  web:\n    image: nginx\n    expose: ["80", 80]\n    ports: ["8080:80", { target: 80, published: "8080" }]\n' });
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const again = await load({ [MAIN]: toYaml(toComposeDocument(first.project!)) });
    expect(again.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  // `A: $$HOME` is the text `$HOME`; config printed `A: $HOME`, which loads as the value of HOME.
  // It now prints `$$HOME`, as docker compose config does.
  it('config of a value with an escaped $ loads again as the same value', async () => {
    const first = await load({ [MAIN]: 'services:\n  web:\n    image: nginx\n    environment:\n      A: "$$HOME"\n' });
    expect(first.project?.services.web?.environment).toEqual({ A: '$HOME' });
    const again = await loadProject({ host: memoryHost({ [MAIN]: toYaml(toComposeDocument(first.project!)) }, DIR), env: { HOME: '/root' } });
    expect(again.project?.services.web?.environment).toEqual({ A: '$HOME' });
  });

  // dns (and dns_search, tmpfs; group_add and dns_opt, which 05-services § extends makes
  // scalars) written in a service and in the one it extends: the printed model listed 8.8.8.8
  // twice, and loading it reported COMPOSE_SCHEMA (not unique).
  it('config of a service extending one with the same dns loads again without error', async () => {
    const text = 'services:\n  base:\n    image: nginx\n    dns: 8.8.8.8\n  web:\n    extends: base\n    dns: 8.8.8.8\n';
    const first = await load({ [MAIN]: text });
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const printed = toComposeDocument(first.project!);
    const again = await load({ [MAIN]: toYaml(printed) });
    expect(again.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  // build.ssh is a list_or_dict in the schema, so extends merges it by key like build.args
  // (05-services § extends, Mappings); it was appended, and the printed model listed
  // `default` twice, which the schema's uniqueItems refused (fuzz run, seed 1001).
  it('config of a service extending one with the same build.ssh loads again without error', async () => {
    const text = 'services:\n  base:\n    image: nginx\n    build:\n      ssh: [default, key=./a.pem]\n  web:\n    extends: base\n    build:\n      ssh: [default, key=./b.pem]\n';
    const first = await load({ [MAIN]: text });
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(first.project?.services.web?.build?.ssh).toEqual([{ id: 'default' }, { id: 'key', path: './b.pem' }]);
    const again = await load({ [MAIN]: toYaml(toComposeDocument(first.project!)) });
    expect(again.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  // The schema bounds cpu_percent (0-100), cpu_count (>= 0) and oom_score_adj (-1000-1000)
  // only for numbers; text such as "0440" passed, was read as 440, and the printed model failed
  // the schema (fuzz run, seed 1001). Numeric text is now held to the same bounds, with a position.
  it.each([
    ['cpu_percent', '"0440"', 'must be at most 100, got 440'],
    ['cpu_percent', '440', 'must be at most 100'], // a number: the schema's finding, once
    ['cpu_count', '"-1"', 'must be at least 0, got -1'],
    ['oom_score_adj', '"-1001"', 'must be at least -1000, got -1001'],
  ])('%s: %s is held to the schema bounds', async (key, value, message) => {
    const r = await load({ [MAIN]: `services:\n  web:\n    image: nginx\n    ${key}: ${value}\n` });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.message)).toEqual([expect.stringContaining(message)]);
    expect(errors[0]).toMatchObject({ line: 4, column: 5 + key.length + 2 });
  });

  it.each([['cpu_percent', '100'], ['cpu_percent', '"0"'], ['cpu_count', '"4"'], ['oom_score_adj', '"-1000"']])('%s: %s is within bounds', async (key, value) => {
    const r = await load({ [MAIN]: `services:\n  web:\n    image: nginx\n    ${key}: ${value}\n` });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
