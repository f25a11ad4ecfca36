import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refresh } from '../../scripts/refresh-schema.mjs';

const SHA = 'e70e961c3a3acebf0800b882f1afb3dbf1fb74a2';
const schemaText = (dialect = 'https://json-schema.org/draft/2020-12/schema') =>
  JSON.stringify({ $schema: dialect, type: 'object', $defs: { service: { type: 'object', properties: { image: { type: 'string' } } } } }, null, 2) + '\n';

/** A compose-go checkout (`schema/compose-spec.json`, LICENSE and NOTICE at its root) and an empty repository to refresh into. */
async function layout(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'compose2ecs-refresh-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, 'upstream', path, '..'), { recursive: true });
    await writeFile(join(dir, 'upstream', path), text);
  }
  await mkdir(join(dir, 'repo', 'schemas'), { recursive: true });
  return { dir, upstream: join(dir, 'upstream'), repo: join(dir, 'repo') };
}

const checkout = { 'schema/compose-spec.json': schemaText(), LICENSE: 'Apache License\n', NOTICE: 'The Compose Specification\n' };

describe('scripts/refresh-schema.mjs', () => {
  it('copies the schema byte for byte with its LICENSE and NOTICE, and records the source and commit', async () => {
    const { dir, upstream, repo } = await layout(checkout);
    try {
      const written = await refresh(upstream, { commit: SHA, date: '2026-07-21', outDir: repo });
      expect(written).toEqual(['schemas/compose-spec.json', 'schemas/compose-spec.LICENSE', 'schemas/compose-spec.NOTICE', 'schemas/compose-spec.source.json']);
      expect(await readFile(join(repo, 'schemas/compose-spec.json'), 'utf8')).toBe(checkout['schema/compose-spec.json']);
      expect(await readFile(join(repo, 'schemas/compose-spec.LICENSE'), 'utf8')).toBe(checkout.LICENSE);
      expect(await readFile(join(repo, 'schemas/compose-spec.NOTICE'), 'utf8')).toBe(checkout.NOTICE);
      expect(JSON.parse(await readFile(join(repo, 'schemas/compose-spec.source.json'), 'utf8'))).toEqual({
        repository: 'compose-spec/compose-go',
        path: 'schema/compose-spec.json',
        commit: SHA,
        date: '2026-07-21',
        licence: 'Apache-2.0',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes a folder with compose-spec.json beside LICENSE and NOTICE (the layout of the shared upstream copy)', async () => {
    const { dir, upstream, repo } = await layout({ 'compose-spec.json': schemaText(), LICENSE: 'L\n', NOTICE: 'N\n' });
    try {
      await refresh(upstream, { commit: SHA, outDir: repo });
      expect(await readFile(join(repo, 'schemas/compose-spec.NOTICE'), 'utf8')).toBe('N\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['no LICENSE and NOTICE to travel with it', { 'schema/compose-spec.json': schemaText() }, { commit: SHA }, /LICENSE and NOTICE/],
    ['no known commit', checkout, {}, /--commit/],
    ['a dialect the generator cannot compile', { ...checkout, 'schema/compose-spec.json': schemaText('http://json-schema.org/draft-04/schema#') }, { commit: SHA }, /unsupported \$schema/],
    ['not a Compose schema', { ...checkout, 'schema/compose-spec.json': '{"$schema": "https://json-schema.org/draft/2020-12/schema"}' }, { commit: SHA }, /not a Compose schema/],
  ])('refuses %s, and writes nothing', async (_what, files: Record<string, string>, options, message) => {
    const { dir, upstream, repo } = await layout(files);
    try {
      await expect(refresh(upstream, { ...options, outDir: repo })).rejects.toThrow(message);
      await expect(readFile(join(repo, 'schemas/compose-spec.json'))).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('schemas/compose-spec.json is compose-go\'s schema, as recorded', () => {
  it('is JSON Schema 2020-12 with pre_start, and compose-spec.source.json names its commit', async () => {
    const root = new URL('../../schemas/', import.meta.url);
    const schema = JSON.parse(await readFile(new URL('compose-spec.json', root), 'utf8'));
    const source = JSON.parse(await readFile(new URL('compose-spec.source.json', root), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.$defs.service.properties)).toContain('pre_start');
    expect(source).toMatchObject({ repository: 'compose-spec/compose-go', path: 'schema/compose-spec.json', commit: SHA });
  });
});
