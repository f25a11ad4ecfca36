/**
 * Hostile composition: circular extends (same file, across files), circular include, include
 * nested past its limit, very long extends chains, and include / extends / env_file paths that
 * leave the project directory (refused by default, allowed with allowOutsideProject).
 */
import { describe, expect, it } from 'vitest';
import { PROJECT, errorCodes, expectCoded, runHostile } from './harness.js';

const COMPOSE = `${PROJECT}/compose.yaml`;

describe('circular extends', () => {
  it('in one file: EXTENDS_CYCLE at the extends value, the chain named', async () => {
    const text = 'services:\n  a:\n    image: nginx\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n';
    const { load, convert } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    const d = expectCoded(load.diagnostics, 'EXTENDS_CYCLE');
    expect(d.message).toMatch(/a → b → c → a|b → c → a → b|c → a → b → c/);
    expect(convert?.outputs).toEqual([]);
  });

  it('a service extending itself', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: 'services:\n  a:\n    image: nginx\n    extends: a\n' }, convert: true });
    expectCoded(load.diagnostics, 'EXTENDS_CYCLE', { line: 4 });
  });

  it('across files: EXTENDS_CYCLE naming both files', async () => {
    const files = {
      [COMPOSE]: 'services:\n  a:\n    image: nginx\n    extends: {file: other.yaml, service: b}\n',
      [`${PROJECT}/other.yaml`]: 'services:\n  b:\n    extends: {file: compose.yaml, service: a}\n',
    };
    const { load, convert } = await runHostile({ files, convert: true });
    const d = expectCoded(load.diagnostics, 'EXTENDS_CYCLE');
    expect(d.message).toContain('other.yaml');
    expect(convert?.outputs).toEqual([]);
  });

  it('across three files', async () => {
    const files = {
      [COMPOSE]: 'services:\n  a:\n    image: nginx\n    extends: {file: b/b.yaml, service: b}\n',
      [`${PROJECT}/b/b.yaml`]: 'services:\n  b:\n    extends: {file: ../c/c.yaml, service: c}\n',
      [`${PROJECT}/c/c.yaml`]: 'services:\n  c:\n    extends: {file: ../compose.yaml, service: a}\n',
    };
    const { load } = await runHostile({ files, convert: true });
    expectCoded(load.diagnostics, 'EXTENDS_CYCLE');
  });

  it('a 10,000-service extends chain resolves (no stack overflow) within its bound', async () => {
    let text = 'services:\n';
    for (let i = 0; i < 10_000; i++) text += `  s${i}: {extends: s${i + 1}}\n`;
    text += '  s10000: {image: nginx}\n';
    const { load } = await runHostile({ files: { [COMPOSE]: text }, options: { limits: { maxServices: 10_001 } } });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    expect(load.project?.services.s0?.image).toBe('nginx');
  });

  it('a 2,000-service extends cycle is reported (EXTENDS_CYCLE), not a crash', async () => {
    let text = 'services:\n';
    for (let i = 0; i < 2_000; i++) text += `  s${i}: {image: nginx, extends: s${(i + 1) % 2_000}}\n`;
    const { load } = await runHostile({ files: { [COMPOSE]: text } });
    expectCoded(load.diagnostics, 'EXTENDS_CYCLE');
  });
});

describe('circular include', () => {
  it('a file including itself: INCLUDE_CYCLE at the include entry', async () => {
    const { load, convert } = await runHostile({ files: { [COMPOSE]: 'include: [compose.yaml]\nservices:\n  a: {image: nginx}\n' }, convert: true });
    expectCoded(load.diagnostics, 'INCLUDE_CYCLE', { line: 1 });
    expect(convert?.outputs).toEqual([]);
  });

  it('two files including each other', async () => {
    const files = {
      [COMPOSE]: 'include: [lib/lib.yaml]\nservices:\n  a: {image: nginx}\n',
      [`${PROJECT}/lib/lib.yaml`]: 'include: [../compose.yaml]\nservices:\n  b: {image: nginx}\n',
    };
    const { load } = await runHostile({ files, convert: true });
    const d = expectCoded(load.diagnostics, 'INCLUDE_CYCLE', { line: 1 });
    expect(d.file).toBe(`${PROJECT}/lib/lib.yaml`);
  });

  it('include nested past maxIncludeDepth: INCLUDE_DEPTH_LIMIT; the limit is an option', async () => {
    const files: Record<string, string> = { [COMPOSE]: 'include: [i1.yaml]\nservices:\n  a: {image: nginx}\n' };
    for (let i = 1; i <= 40; i++) files[`${PROJECT}/i${i}.yaml`] = (i < 40 ? `include: [i${i + 1}.yaml]\n` : '') + `services:\n  s${i}: {image: nginx}\n`;
    const deep = await runHostile({ files, convert: true });
    expectCoded(deep.load.diagnostics, 'INCLUDE_DEPTH_LIMIT', { line: 1 });
    const raised = await runHostile({ files, options: { limits: { maxIncludeDepth: 64 } } });
    expect(errorCodes(raised.load.diagnostics)).toEqual([]);
    expect(Object.keys(raised.load.project?.services ?? {})).toHaveLength(41);
  });

  it('an include fan-out (each file including the next twice) stays within the bound', async () => {
    const files: Record<string, string> = { [COMPOSE]: 'include: [f1.yaml, f1.yaml]\nservices:\n  a: {image: nginx}\n' };
    for (let i = 1; i <= 16; i++) files[`${PROJECT}/f${i}.yaml`] = (i < 16 ? `include: [f${i + 1}.yaml, f${i + 1}.yaml]\n` : '') + `services:\n  s${i}: {image: nginx}\n`;
    const { load } = await runHostile({ files, convert: true });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    expect(Object.keys(load.project?.services ?? {})).toHaveLength(17);
  });

  it('an include fan-out through distinct files (a diamond at every level) stays within the bound', async () => {
    // f_i includes a_i and b_i, which both include f_{i+1}: 2^(depth/2) paths to the last file.
    const files: Record<string, string> = { [COMPOSE]: 'include: [f1.yaml]\nservices:\n  root: {image: nginx}\n' };
    for (let i = 1; i <= 8; i++) {
      files[`${PROJECT}/f${i}.yaml`] = (i < 8 ? `include: [a${i}.yaml, b${i}.yaml]\n` : '') + `services:\n  f${i}: {image: nginx}\n`;
      files[`${PROJECT}/a${i}.yaml`] = `include: [f${i + 1}.yaml]\nservices:\n  a${i}: {image: nginx}\n`;
      files[`${PROJECT}/b${i}.yaml`] = `include: [f${i + 1}.yaml]\nservices:\n  b${i}: {image: nginx}\n`;
    }
    const { load } = await runHostile({ files, convert: true, options: { limits: { maxIncludeDepth: 64 } } });
    expect(errorCodes(load.diagnostics)).toEqual([]);
    expect(load.project?.services.f8?.image).toBe('nginx');
  });

  it('an include fan-out through distinct project directories stays within the bound', async () => {
    const files: Record<string, string> = { [COMPOSE]: 'include: [f1.yaml]\nservices:\n  root: {image: nginx}\n' };
    for (let i = 1; i <= 16; i++) {
      const next = i < 16 ? `include:\n  - {path: f${i + 1}.yaml, project_directory: p}\n  - {path: f${i + 1}.yaml, project_directory: q}\n  - {path: f${i + 1}.yaml, env_file: e.env}\n` : '';
      files[`${PROJECT}/f${i}.yaml`] = next + `services:\n  f${i}: {image: nginx}\n`;
    }
    files[`${PROJECT}/e.env`] = 'A=1\n';
    const { load } = await runHostile({ files, convert: true, options: { limits: { maxIncludeDepth: 64 } } });
    expect(errorCodes(load.diagnostics)).toEqual([]);
  });

  it('the same file included twice is applied once (no duplicate findings)', async () => {
    const files = { [COMPOSE]: 'include: [lib.yaml, ./lib.yaml]\nservices:\n  a: {image: nginx}\n', [`${PROJECT}/lib.yaml`]: 'services:\n  l: {image: "${UNSET_VAR}"}\n' };
    const { load } = await runHostile({ files });
    expect(load.diagnostics.filter((d) => d.code === 'INTERPOLATION_UNSET')).toHaveLength(1);
    expect(Object.keys(load.project?.services ?? {}).sort()).toEqual(['a', 'l']);
  });
});

describe('paths that leave the project directory', () => {
  const outside = {
    '/elsewhere/other.yaml': 'services:\n  b: {image: nginx}\n',
    '/elsewhere/base.yaml': 'services:\n  base: {image: nginx}\n',
    '/elsewhere/secret.env': 'SECRET=stolen\n',
  };
  const cases: [string, string, number][] = [
    ['include (relative)', 'include: [../elsewhere/other.yaml]\nservices:\n  a: {image: nginx}\n', 1],
    ['include (absolute)', 'include: [/elsewhere/other.yaml]\nservices:\n  a: {image: nginx}\n', 1],
    ['include (long syntax)', 'include:\n  - path: ../elsewhere/other.yaml\nservices:\n  a: {image: nginx}\n', 2],
    ['include env_file', 'include:\n  - path: lib.yaml\n    env_file: ../elsewhere/secret.env\nservices:\n  a: {image: nginx}\n', 0],
    ['extends file', 'services:\n  a:\n    extends: {file: ../elsewhere/base.yaml, service: base}\n', 0],
    ['env_file', 'services:\n  a:\n    image: nginx\n    env_file: ../elsewhere/secret.env\n', 4],
    ['env_file (long syntax)', 'services:\n  a:\n    image: nginx\n    env_file:\n      - path: /elsewhere/secret.env\n', 5],
    ['label_file', 'services:\n  a:\n    image: nginx\n    label_file: ../elsewhere/secret.env\n', 4],
  ];

  for (const [what, text, line] of cases) {
    it(`${what}: FILE_OUTSIDE_PROJECT by default, read with allowOutsideProject`, async () => {
      const files = { [COMPOSE]: text, [`${PROJECT}/lib.yaml`]: 'services:\n  l: {image: nginx}\n', ...outside };
      const refused = await runHostile({ files, convert: true });
      const d = expectCoded(refused.load.diagnostics, 'FILE_OUTSIDE_PROJECT', { positioned: line > 0 });
      if (line > 0) expect(d.line).toBe(line);
      expect(d.message).toContain('allowOutsideProject');
      expect(refused.convert?.outputs).toEqual([]);
      expect(JSON.stringify(refused.load.project ?? {})).not.toContain('stolen');

      const allowed = await runHostile({ files, options: { allowOutsideProject: true }, convert: true });
      expect(allowed.load.diagnostics.map((x) => x.code)).not.toContain('FILE_OUTSIDE_PROJECT');
      expect(errorCodes(allowed.load.diagnostics)).toEqual([]);
    });
  }

  it('a prefix of the project directory is not inside it (/project-other is outside /project)', async () => {
    const files = { [COMPOSE]: 'services:\n  a:\n    image: nginx\n    env_file: ../project-other/x.env\n', '/project-other/x.env': 'A=1\n' };
    const { load } = await runHostile({ files });
    expectCoded(load.diagnostics, 'FILE_OUTSIDE_PROJECT', { line: 4 });
  });

  it('".." that comes back inside (sub/../x.env) is inside', async () => {
    const files = { [COMPOSE]: 'services:\n  a:\n    image: nginx\n    env_file: sub/../x.env\n', [`${PROJECT}/x.env`]: 'A=1\n' };
    const { load } = await runHostile({ files });
    expect(load.diagnostics).toEqual([]);
  });

  it('an interpolated path that leaves the project is refused the same way', async () => {
    const files = { [COMPOSE]: 'services:\n  a:\n    image: nginx\n    env_file: ${DIR:-..}/elsewhere/secret.env\n', ...outside };
    const { load } = await runHostile({ files });
    expectCoded(load.diagnostics, 'FILE_OUTSIDE_PROJECT', { line: 4 });
  });
});
