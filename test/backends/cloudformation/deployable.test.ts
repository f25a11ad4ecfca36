/**
 * Schema-valid is not deployable: every CloudFormation template we pin (each golden under
 * fixtures/<case>/expected/cloudformation/, JSON and YAML) and the benchmark's generated projects
 * pass the "would it deploy" checker (test/validators/cloudformation-semantics.ts): references
 * resolve, no cycle, and the ECS deploy-time failures AWS documents do not happen.
 * every-fixture.test.ts runs the same checker on every fixture compiled to this target.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectFiles, PROJECT_FILES } from '../../../bench/generate.mjs';
import { convert } from '../../../src/convert.js';
import { memoryHost } from '../../../src/loader/memory-host.js';
import { loadCfnRegistry, type CfnRegistry } from '../../validators/cfn-registry.js';
import { checkTemplate } from '../../validators/cloudformation-semantics.js';

const FIXTURES = join(__dirname, '../../../fixtures');

let registry: CfnRegistry;
beforeAll(() => {
  registry = loadCfnRegistry();
});

function findingsOf(template: unknown): string[] {
  return checkTemplate(template, registry).map((f) => `${f.check} ${f.at}: ${f.message}`);
}

function goldenTemplates(): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  for (const fixture of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, fixture, 'expected', 'cloudformation');
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    for (const f of files.sort()) if (/\.template\.(json|yaml)$/.test(f)) out.push({ name: `${fixture}/${f}`, path: join(dir, f) });
  }
  return out;
}

describe('every golden CloudFormation template would deploy', () => {
  const templates = goldenTemplates();
  it('finds the golden templates', () => expect(templates.length).toBeGreaterThan(20));
  for (const { name, path } of templates) {
    it(name, () => {
      const text = readFileSync(path, 'utf8');
      expect(findingsOf(path.endsWith('.json') ? JSON.parse(text) : parse(text))).toEqual([]);
    });
  }
});

describe("the benchmark's generated projects' stacks would deploy", () => {
  for (const n of [10, 100]) {
    it(`${n} services`, async () => {
      const files = Object.fromEntries(Object.entries(projectFiles(n)).map(([p, text]) => [`/bench/${p}`, text]));
      const { outputs } = await convert({ host: memoryHost(files, '/bench'), files: PROJECT_FILES.map((f) => `/bench/${f}`), env: {}, target: 'cloudformation', layout: 'service' });
      expect(outputs.length).toBeGreaterThan(0);
      for (const o of outputs) expect(findingsOf(JSON.parse(o.contents)), o.path).toEqual([]);
    });
  }
});
