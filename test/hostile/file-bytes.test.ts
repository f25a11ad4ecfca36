/**
 * Hostile bytes and files: too large, binary, invalid UTF-8, NUL, empty, missing, a directory.
 * Each gives a coded diagnostic naming the file (and the line and column of the first bad byte
 * when there is one), never a throw.
 */
import { describe, expect, it } from 'vitest';
import { PROJECT, expectCoded, runHostile } from './harness.js';

const COMPOSE = `${PROJECT}/compose.yaml`;
const service = 'services:\n  web:\n    image: nginx\n';
const MiB = 1024 * 1024;

/** A valid compose file padded with comments to `bytes`. */
function padded(bytes: number): string {
  const line = '#' + 'x'.repeat(1022) + '\n';
  return service + line.repeat(Math.ceil((bytes - service.length) / line.length));
}

describe('a 50 MB file', () => {
  const big = padded(50 * 1_000_000);

  it('is refused with FILE_TOO_LARGE under the default maxFileBytes (16 MiB)', async () => {
    expect(big.length).toBeGreaterThan(50_000_000);
    const { load, convert } = await runHostile({ files: { [COMPOSE]: big }, convert: true });
    const d = expectCoded(load.diagnostics, 'FILE_TOO_LARGE', { positioned: false, file: COMPOSE });
    expect(d.message).toContain('maxFileBytes');
    expect(convert?.outputs).toEqual([]);
  });

  it('loads and converts when maxFileBytes is raised', async () => {
    const { load, convert } = await runHostile({ files: { [COMPOSE]: big }, options: { limits: { maxFileBytes: 64 * MiB } }, convert: true });
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(load.project?.services ?? {})).toEqual(['web']);
    expect(convert?.outputs.length).toBeGreaterThan(0);
  });

  it('the limit applies to every file read: an env file over it is refused at its reference', async () => {
    const files = { [COMPOSE]: service + '    env_file: big.env\n', [`${PROJECT}/big.env`]: 'A=' + 'x'.repeat(2_000) + '\n' };
    const { load } = await runHostile({ files, options: { limits: { maxFileBytes: 1_000 } }, convert: true });
    expectCoded(load.diagnostics, 'FILE_TOO_LARGE', { line: 4 });
  });
});

describe('bytes that are not UTF-8 text', () => {
  it('random binary is FILE_NOT_TEXT at its first bad byte', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const { load, convert } = await runHostile({ files: { [COMPOSE]: bytes }, convert: true });
    expectCoded(load.diagnostics, 'FILE_NOT_TEXT', { file: COMPOSE });
    expect(convert?.outputs).toEqual([]);
  });

  it('invalid UTF-8 (a lone continuation byte) is FILE_NOT_TEXT at that byte', async () => {
    const head = new TextEncoder().encode(service + '    labels: [a=');
    const bytes = new Uint8Array([...head, 0x80, 0x5d, 0x0a]);
    const { load } = await runHostile({ files: { [COMPOSE]: bytes }, convert: true });
    const d = expectCoded(load.diagnostics, 'FILE_NOT_TEXT', { line: 4 });
    expect(d.column).toBe('    labels: [a='.length + 1);
  });

  it('an overlong encoding and a UTF-16 surrogate encoded as UTF-8 are invalid', async () => {
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const bytes = new Uint8Array([...new TextEncoder().encode(service + '#'), ...bad, 0x0a]);
      const { load } = await runHostile({ files: { [COMPOSE]: bytes } });
      expectCoded(load.diagnostics, 'FILE_NOT_TEXT', { line: 4 });
    }
  });

  it('a NUL byte is FILE_NOT_TEXT at the byte', async () => {
    const { load, convert } = await runHostile({ files: { [COMPOSE]: service + '    user: "ro\u0000ot"\n' }, convert: true });
    const d = expectCoded(load.diagnostics, 'FILE_NOT_TEXT', { line: 4 });
    expect(d.column).toBe('    user: "ro'.length + 1);
    expect(convert?.outputs).toEqual([]);
  });

  it('a NUL written as an escape ("\\0") is a character of the value, not a crash', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: service + '    user: "ro\\0ot"\n' }, convert: true });
    expect(load.project?.services.web?.user).toBe('ro\u0000ot');
  });

  it('a NUL byte in an env file is FILE_NOT_TEXT', async () => {
    const files = { [COMPOSE]: service + '    env_file: a.env\n', [`${PROJECT}/a.env`]: 'A=1\u0000\n' };
    const { load } = await runHostile({ files, convert: true });
    expectCoded(load.diagnostics, 'FILE_NOT_TEXT');
  });

  it('a UTF-8 byte-order mark is skipped', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: '\ufeff' + service }, convert: true });
    expect(load.diagnostics).toEqual([]);
    expect(Object.keys(load.project?.services ?? {})).toEqual(['web']);
  });
});

describe('files that are not there or not files', () => {
  it('a missing compose file is FILE_NOT_FOUND naming it', async () => {
    const { load, convert } = await runHostile({ files: {}, convert: true });
    expectCoded(load.diagnostics, 'FILE_NOT_FOUND', { positioned: false, file: COMPOSE });
    expect(convert?.outputs).toEqual([]);
  });

  it('a missing included file is FILE_NOT_FOUND at the include entry', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: 'include: [nope.yaml]\n' + service }, convert: true });
    expectCoded(load.diagnostics, 'FILE_NOT_FOUND', { line: 1 });
  });

  // It was an empty project, converted with no error to nothing; docker compose refuses it too.
  it('an empty file is FILE_EMPTY, an error at the file', async () => {
    const { load, convert } = await runHostile({ files: { [COMPOSE]: '' }, convert: true });
    const d = expectCoded(load.diagnostics, 'FILE_EMPTY', { line: 1, file: COMPOSE });
    expect(d.severity).toBe('error');
    expect(d.message).toContain('is empty');
    expect(convert?.outputs).toEqual([]);
  });

  it('a file of only comments, blank lines and document markers is the same', async () => {
    for (const text of ['# nothing\n\n   \n', '---\n', '---\n# later\n...\n']) {
      const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
      expectCoded(load.diagnostics, 'FILE_EMPTY', { line: 1 });
    }
  });

  it('an empty included or extended file is the same', async () => {
    for (const text of ['include: [empty.yaml]\n' + service, 'services:\n  web:\n    extends: {file: empty.yaml, service: base}\n']) {
      const { load } = await runHostile({ files: { [COMPOSE]: text, [`${PROJECT}/empty.yaml`]: '\n' }, convert: true });
      expectCoded(load.diagnostics, 'FILE_EMPTY', { line: 1, file: `${PROJECT}/empty.yaml` });
    }
  });

  it('services: {} is a warning, NO_SERVICES: nothing to convert', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: 'services: {}\n' }, convert: true });
    const d = expectCoded(load.diagnostics, 'NO_SERVICES', { line: 1 });
    expect(d.severity).toBe('warning');
    expect(load.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('a document that is not a mapping is YAML_NOT_MAPPING', async () => {
    for (const text of ['just a string\n', '- a\n- b\n', '42\n']) {
      const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
      expectCoded(load.diagnostics, 'YAML_NOT_MAPPING', { line: 1 });
    }
  });

  it('a directory where the compose file should be is FILE_READ_ERROR', async () => {
    const { load } = await runHostile({ files: { [`${COMPOSE}/inside.txt`]: 'x' }, convert: true });
    const d = expectCoded(load.diagnostics, 'FILE_READ_ERROR', { positioned: false, file: COMPOSE });
    expect(d.message).toContain('directory');
  });

  it('a directory where an env file should be is FILE_READ_ERROR at the env_file entry', async () => {
    const files = { [COMPOSE]: service + '    env_file: conf\n', [`${PROJECT}/conf/a.env`]: 'A=1\n' };
    const { load } = await runHostile({ files, convert: true });
    expectCoded(load.diagnostics, 'FILE_READ_ERROR', { line: 4 });
  });

  it('a directory as an extends file is FILE_READ_ERROR', async () => {
    const files = { [COMPOSE]: 'services:\n  web:\n    extends: {file: lib, service: base}\n', [`${PROJECT}/lib/compose.yaml`]: service };
    const { load } = await runHostile({ files, convert: true });
    expectCoded(load.diagnostics, 'FILE_READ_ERROR');
  });
});
