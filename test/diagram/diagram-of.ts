/**
 * Compiles compose files from the repository root and draws them: the diagram tests' one way
 * in, through the public pipeline (`compile`) as the CLI and the playground call it.
 */
import { expect } from 'vitest';
import { join } from 'node:path';
import { compile, type CompileOptions, type CompileResult } from '../../src/compile.js';
import { deploymentDiagram } from '../../src/diagram/index.js';
import type { DeploymentDiagram, DiagramUnit } from '../../src/diagram/model.js';

export const ROOT = join(__dirname, '..', '..');

/** The seed's QA project: the base file and the QA overlay of the guide. */
export const SEED_QA = ['docs/guide/compose.yaml', 'docs/guide/compose.qa.yaml'];

export async function compiled(files: string[], options: Omit<CompileOptions, 'files'> = {}): Promise<CompileResult> {
  const result = await compile({ files: files.map((f) => join(ROOT, f)), env: {}, ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error'), 'the project compiles').toEqual([]);
  return result;
}

export async function diagramOf(files: string[], options: Omit<CompileOptions, 'files'> = {}): Promise<DeploymentDiagram> {
  return deploymentDiagram(await compiled(files, options));
}

export function unit(d: DeploymentDiagram, id: string): DiagramUnit {
  const found = d.units.find((u) => u.id === id);
  expect(found, `unit ${id} among ${d.units.map((u) => u.id).join(', ')}`).toBeDefined();
  return found as DiagramUnit;
}
