import { describe, expect, it } from 'vitest';
import { listFixtures, golden, MOUNT } from './support/fixtures.js';
import { loadProject } from '../src/loader/load-project.js';
import { toComposeDocument } from '../src/loader/compose-document.js';
import type { Diagnostic } from '../src/diagnostics/types.js';

/** The part of a diagnostic a golden file pins: code, severity and position, not wording. */
function pinned(d: Diagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    ...(d.file ? { file: d.file.startsWith(MOUNT + '/') ? d.file.slice(MOUNT.length + 1) : d.file } : {}),
    ...(d.line !== undefined ? { line: d.line, column: d.column } : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
  };
}

describe('fixtures: compose files → normalized model or diagnostics (golden files)', () => {
  for (const fx of listFixtures()) {
    it(`${fx.name}${fx.spec.description ? `: ${fx.spec.description}` : ''}`, async () => {
      const { spec } = fx;
      const { project, diagnostics } = await loadProject({
        host: fx.host,
        ...(spec.files ? { files: spec.files } : {}),
        env: spec.env ?? {},
        ...(spec.envFiles ? { envFiles: spec.envFiles } : {}),
        ...(spec.profiles ? { profiles: spec.profiles } : {}),
        ...(spec.projectName ? { projectName: spec.projectName } : {}),
        ...(spec.projectDirectory ? { projectDirectory: spec.projectDirectory } : {}),
        ...(spec.allowOutsideProject ? { allowOutsideProject: true } : {}),
      });
      expect(diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
      const diag = JSON.stringify(diagnostics.map(pinned), null, 2) + '\n';
      const hasErrors = diagnostics.some((d) => d.severity === 'error');
      const expectedDiag = golden(fx, 'diagnostics.json', diag);
      expect(expectedDiag, `${fx.name}: expected/diagnostics.json is missing (UPDATE_GOLDEN=1 writes it)`).toBeDefined();
      expect(diag).toBe(expectedDiag);
      if (!hasErrors) {
        expect(project).toBeDefined();
        const config = JSON.stringify(toComposeDocument(project!), null, 2) + '\n';
        const expectedConfig = golden(fx, 'config.json', config);
        expect(expectedConfig, `${fx.name}: expected/config.json is missing`).toBeDefined();
        expect(config).toBe(expectedConfig);
      }
    });
  }
});
