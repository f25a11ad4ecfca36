/**
 * normalizeProject's `consume` (the loader's own call): each raw service goes once it is
 * normalized, and the project-wide reference checks report what they reported from the whole
 * raw tree, at the same positions.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/loader/yaml-source.js';
import { SourceFile } from '../../../src/core/source.js';
import { Reporter } from '../../../src/diagnostics/report.js';
import { normalizeProject, type NormalizeContext } from '../../../src/loader/normalize/index.js';
import { isAbsolute, resolve } from '../../../src/core/path-posix.js';

const text = `services:
  web:
    image: nginx
    depends_on: [db, missing]
    links: ["gone:alias"]
    volumes_from: ["service:nowhere:ro", "container:abc"]
    uts: "service:absent"
    network_mode: "service:nobody"
    networks: [front]
  db:
    build: .
    ipc: "service:web"
    pid: "service:ghost"
    networks: { back: {} }
  bad: 42
networks:
  front: {}
`;

function run(consume: boolean) {
  const reporter = new Reporter();
  const [doc] = parseYaml(new SourceFile('compose.yaml', text), reporter);
  const raw = doc as Record<string, unknown>;
  const ctx: NormalizeContext = { workingDir: '/p', resolve, isAbsolute, reporter, projectName: 'demo', lookup: () => undefined, envFiles: () => undefined };
  const project = normalizeProject(raw, ctx, { consume });
  return { raw, project, diagnostics: reporter.diagnostics.map((d) => [d.code, d.message, d.path, d.line, d.column]) };
}

describe('05-services depends_on, links, volumes_from, network_mode, ipc, pid, uts: a referenced service must exist, with the raw tree consumed', () => {
  it('reports the same findings at the same positions, and yields the same project', () => {
    const kept = run(false);
    const consumed = run(true);
    expect(consumed.diagnostics).toEqual(kept.diagnostics);
    expect(consumed.project).toEqual(kept.project);
    const messages = kept.diagnostics.map((d) => d[1]).join('\n');
    for (const name of ['missing', 'gone', 'nowhere', 'absent', 'nobody', 'ghost', 'back']) expect(messages).toContain(`"${name}"`);
    expect(messages).toContain('"network_mode" and "networks" cannot both be set');
  });

  it('with consume, raw.services is emptied service by service; without, raw is left alone', () => {
    expect(Object.keys(run(false).raw.services as object)).toEqual(['web', 'db', 'bad']);
    expect(Object.keys(run(true).raw.services as object)).toEqual([]);
  });
});
