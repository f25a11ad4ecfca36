/**
 * Every Kubernetes output of every fixture (fixtures/<case>/expected/kubernetes/, the golden
 * files test/fixtures.test.ts compares against) checked as a whole: would the manifests run as
 * `docker compose up` runs the compose file? See test/validators/kubernetes-semantics.ts for
 * the cross-object rules; here also the one that needs the compose file: a service compose runs
 * once is a Job or an init container, not a workload that restarts it forever.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { convert, type ConvertOptions } from '../src/convert.js';
import { loadProject } from '../src/loader/load-project.js';
import { fixtureLoadOptions, listFixtures, type Fixture } from './support/fixtures.js';
import { checkManifestSemantics } from './validators/kubernetes-semantics.js';
import { checkContainerPortReach, checkOneShots } from './validators/kubernetes-one-shots.js';

type Json = Record<string, any>;


/** The objects of the golden files of one fixture: multi-document YAML, a JSON List, or one object per file. */
function goldenObjects(fx: Fixture): Json[] {
  const dir = join(fx.dir, 'expected', 'kubernetes');
  const paths = JSON.parse(readFileSync(join(dir, 'outputs.json'), 'utf8')) as string[];
  const objects: Json[] = [];
  for (const path of paths) {
    const text = readFileSync(join(dir, path), 'utf8');
    const docs = path.endsWith('.json') ? [JSON.parse(text) as Json] : text.split(/^---$/m).filter((d) => d.trim()).map((d) => parseYaml(d) as Json);
    for (const d of docs) objects.push(...(d.kind === 'List' ? (d.items as Json[]) : [d]));
  }
  return objects;
}

const fixtures = listFixtures().filter((fx) => (fx.spec.convert as { target?: string } | undefined)?.target === 'kubernetes');

describe('Kubernetes outputs of the fixtures run as compose runs them (cross-object checks)', () => {
  it('covers every fixture with a Kubernetes output', () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });
  for (const fx of fixtures) {
    it(fx.name, async () => {
      const objects = goldenObjects(fx);
      const { diagnostics } = await convert({ ...fixtureLoadOptions(fx), ...(fx.spec.convert as object), target: 'kubernetes' } as ConvertOptions);
      const problems = checkManifestSemantics({ objects, findings: diagnostics });
      if (objects.length) {
        const { project } = await loadProject(fixtureLoadOptions(fx));
        if (project) problems.push(...checkOneShots(project, objects, diagnostics), ...checkContainerPortReach(project, objects));
      }
      expect(problems.join('\n'), `${fx.name}: expected/kubernetes/`).toBe('');
    });
  }
});
