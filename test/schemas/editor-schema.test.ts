/**
 * schemas/compose-editor.schema.json, the schema editors validate compose files with: the
 * Compose schema (schemas/compose-spec.json) with x-ecs (schemas/x-ecs.schema.json) at the top
 * level and in each service. It stays in sync with its sources, accepts every fixture the
 * compiler accepts, and flags what the compiler flags in x-ecs.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isNode, isScalar, parse, parseDocument, visit } from 'yaml';
import { EDITOR_SCHEMA, renderEditorSchema } from '../../scripts/editor-schema.mjs';
import { fixtureLoadOptions, listFixtures, MOUNT, type Fixture } from '../support/fixtures.js';
import { loadProject } from '../../src/loader/load-project.js';
import { validate } from '../../src/validate.js';

const ROOT = join(__dirname, '..', '..');
const text = readFileSync(join(ROOT, EDITOR_SCHEMA), 'utf8');
const schema = JSON.parse(text) as Record<string, unknown>;
// As the editors read it: draft-07, formats as annotations (ajv knows none of compose's own).
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const check = ajv.compile(schema);

/**
 * The document as compose reads it (13-merge): `!override` only says how to merge, the value
 * keeps its type; a `!reset` value "is not checked against the schema", so it is left out.
 */
function composeValue(yaml: string): unknown {
  const doc = parseDocument(yaml, { merge: true, logLevel: 'error' });
  visit(doc, {
    Pair: (_, pair) => (isNode(pair.value) && pair.value.tag === '!reset' ? visit.REMOVE : undefined),
    Node: (_, node) => {
      if (node.tag !== '!override') return;
      delete node.tag;
      if (isScalar(node) && node.type === 'PLAIN') node.value = parse(String(node.value));
    },
  });
  return doc.toJS();
}

/** The editor's findings on a compose file's text, as `instancePath keyword` lines. */
function editorFindings(yaml: string): string[] {
  if (check(composeValue(yaml))) return [];
  return (check.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.keyword}${e.keyword === 'additionalProperties' ? ` ${String(e.params.additionalProperty)}` : ''}`);
}

describe('schemas/compose-editor.schema.json is generated (scripts/editor-schema.mjs)', () => {
  it('is up to date with schemas/compose-spec.json and schemas/x-ecs.schema.json (run `node scripts/editor-schema.mjs`)', async () => {
    expect(text).toBe(await renderEditorSchema());
  });

  it('is a valid draft-07 schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).toBe(true);
    expect(text).not.toContain('"$defs"');
  });

  it('is exported by the package (compose2ecs/schemas/compose-editor.schema.json) and shipped in it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; files: string[] };
    expect(pkg.exports['./schemas/*']).toBe('./schemas/*');
    expect(pkg.files).toContain('schemas');
  });
});

describe('x-ecs (schemas/x-ecs.schema.json) at the top level and in each service', () => {
  const project = (xEcs: string) => `x-ecs:\n  ${xEcs}\nservices:\n  web:\n    image: nginx:1.27\n`;
  const service = (xEcs: string) => `services:\n  web:\n    image: nginx:1.27\n    x-ecs:\n      ${xEcs}\n`;

  it('accepts its settings at both levels', () => {
    expect(editorFindings(project('launch_type: FARGATE'))).toEqual([]);
    expect(editorFindings(service('launch_type: FARGATE'))).toEqual([]);
    expect(editorFindings(service('secrets:\n        db: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db'))).toEqual([]);
  });

  it('flags a misspelled key (lauch_type) at the top level and in a service', () => {
    expect(editorFindings(project('lauch_type: FARGATE'))).toEqual(['/x-ecs additionalProperties lauch_type']);
    expect(editorFindings(service('lauch_type: FARGATE'))).toEqual(['/services/web/x-ecs additionalProperties lauch_type']);
  });

  it('flags a value outside an enum', () => {
    expect(editorFindings(service('launch_type: fargate'))).toEqual(['/services/web/x-ecs/launch_type enum']);
  });

  it('x-compose2ecs takes disable, a code or a list of codes', () => {
    expect(editorFindings('x-compose2ecs:\n  disable: [IMAGE_UNPINNED]\nservices: {}\n')).toEqual([]);
    expect(editorFindings('x-compose2ecs:\n  disabel: [IMAGE_UNPINNED]\nservices: {}\n')).toEqual(['/x-compose2ecs additionalProperties disabel']);
  });

  it('still flags compose mistakes, as the compose schema does', () => {
    expect(editorFindings('services:\n  web:\n    imagee: nginx:1.27\n')).toEqual(['/services/web additionalProperties imagee']);
  });
});


/** The compose files a fixture names (case.json `files`, else the default one), as paths inside it. */
function composeFiles(fx: Fixture): string[] {
  const names = fx.spec.files ?? ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'].filter((n) => existsSync(join(fx.dir, n))).slice(0, 1);
  return names.map((n) => n.replace(`${MOUNT}/`, '').replace(/^\.\//, ''));
}

describe('every fixture compose file the compiler accepts, the editor schema accepts', () => {
  const xEcsPath = /(^|\/)x-ecs(\/|$)/;
  for (const fx of listFixtures()) {
    it(fx.name, async () => {
      const loaded = await loadProject(fixtureLoadOptions(fx));
      if (loaded.diagnostics.some((d) => d.severity === 'error')) return; // the loader refuses it: nothing to compare
      // x-ecs is checked after the loader, by the passes (validate runs them).
      const xEcsErrors = (await validate(fixtureLoadOptions(fx))).diagnostics.filter((d) => d.severity === 'error' && xEcsPath.test(d.path ?? '') && /^(COMPOSE_|ECS_INVALID)/.test(d.code));
      const files = composeFiles(fx);
      expect(files.length, 'a compose file').toBeGreaterThan(0);
      const found = files.flatMap((f) => editorFindings(readFileSync(join(fx.dir, f), 'utf8')));
      if (xEcsErrors.length === 0) expect(found, fx.name).toEqual([]);
      else expect(found.some((line) => xEcsPath.test(line.split(' ')[0] ?? '')), `${fx.name}: ${found.join('; ')}`).toBe(true);
    });
  }
});

describe('docs/editors.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8');
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('points editors at the shipped schema: installed, through the package export, and on the CDN at this version', () => {
    expect(doc).toContain(`./node_modules/compose2ecs/${EDITOR_SCHEMA}`);
    expect(doc).toContain(`require.resolve('compose2ecs/${EDITOR_SCHEMA}')`);
    for (const m of doc.matchAll(/https:\/\/cdn\.jsdelivr\.net\/npm\/compose2ecs@([^/]+)\/(\S+?\.json)/g)) {
      expect(m[1]).toBe(version);
      expect(m[2]).toBe(EDITOR_SCHEMA);
    }
  });

  it('its modeline example is a compose file the schema accepts, and its settings are valid JSON naming the schema', () => {
    const yaml = (/```yaml\n([\s\S]*?)```/.exec(doc) as RegExpExecArray)[1] as string;
    expect(yaml.split('\n')[0]).toBe(`# yaml-language-server: $schema=./node_modules/compose2ecs/${EDITOR_SCHEMA}`);
    expect(editorFindings(yaml)).toEqual([]);
    const settings = JSON.parse((/```json\n([\s\S]*?)```/.exec(doc) as RegExpExecArray)[1] as string) as { 'yaml.schemas': Record<string, string[]> };
    expect(Object.keys(settings['yaml.schemas'])).toEqual([`./node_modules/compose2ecs/${EDITOR_SCHEMA}`]);
  });
});

describe('README.md names the editor schema', () => {
  it('by its package path, with a link to docs/editors.md', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\`compose2ecs/${EDITOR_SCHEMA}\``);
    expect(readme).toContain('(https://github.com/compose2ecs/compose2ecs/blob/main/docs/editors.md)');
  });
});
