/**
 * Hostile YAML structure: alias bombs, alias amplification, merge-key bombs, deep nesting
 * (flow and block), huge mappings. Each stops with a coded, positioned diagnostic within the
 * bound; the limits are options (docs/limits.md).
 */
import { describe, expect, it } from 'vitest';
import { PROJECT, expectCoded, runHostile } from './harness.js';

const COMPOSE = `${PROJECT}/compose.yaml`;
const service = 'services:\n  web:\n    image: nginx\n';

/** The classic billion laughs: 10 levels of 10 aliases each, 10^10 values. */
function billionLaughs(levels = 10): string {
  let text = 'x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < levels; i++) text += `x-l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
  return text;
}

describe('alias bombs (billion laughs)', () => {
  it('10^10 values from 1 KB stop at a limit with YAML_ALIAS_LIMIT at the alias', async () => {
    const { load, convert } = await runHostile({ files: { [COMPOSE]: billionLaughs() + service }, convert: true });
    const d = expectCoded(load.diagnostics, 'YAML_ALIAS_LIMIT');
    expect(d.line).toBeGreaterThan(1);
    expect(Object.keys(load.project?.services ?? {})).toEqual([]); // the document was not read
    expect(convert?.outputs).toEqual([]);
  });

  it('the bomb inside a service (environment) is stopped the same way', async () => {
    const text = billionLaughs(8) + 'services:\n  web:\n    image: nginx\n    environment:\n      BOMB: *l7\n';
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expectCoded(load.diagnostics, 'YAML_ALIAS_LIMIT');
  });

  it('an alias used as a mapping key does not expand', async () => {
    const text = 'x-k: &k name\nx-m:\n  *k : 1\n' + service;
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(load.project?.extensions?.['x-m']).toEqual({ name: 1 });
  });

  it('few aliases to one large anchor (amplification) stop at maxAliasNodes', async () => {
    // 9,999 aliases of a 200-value list: 2 million values from 11 KB.
    const text = `x-a: &a [${Array(200).fill('1').join(',')}]\nx-b: [${Array(9_999).fill('*a').join(',')}]\n` + service;
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    const d = expectCoded(load.diagnostics, 'YAML_ALIAS_LIMIT', { line: 2 });
    expect(d.message).toContain('maxAliasNodes');
  });

  it('one alias of an anchor larger than maxAliasNodes is refused before it is copied', async () => {
    const text = `x-a: &a [${Array(1_000).fill('1').join(',')}]\nx-b: *a\n` + service;
    const limited = await runHostile({ files: { [COMPOSE]: text }, options: { limits: { maxAliasNodes: 999 } } });
    expectCoded(limited.load.diagnostics, 'YAML_ALIAS_LIMIT', { line: 2 });
    const fine = await runHostile({ files: { [COMPOSE]: text }, options: { limits: { maxAliasNodes: 1_001 } } });
    expect(fine.load.diagnostics).toEqual([]);
  });

  it('amplification under a raised maxNodes loads (the limit is an option)', async () => {
    const text = `x-a: &a [${Array(100).fill('1').join(',')}]\nx-b: [${Array(1_000).fill('*a').join(',')}]\n` + service;
    const limited = await runHostile({ files: { [COMPOSE]: text }, options: { limits: { maxNodes: 50_000 } } });
    expectCoded(limited.load.diagnostics, 'YAML_ALIAS_LIMIT');
    const raised = await runHostile({ files: { [COMPOSE]: text }, options: { limits: { maxNodes: 200_000 } } });
    expect(raised.load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect((raised.load.project?.extensions?.['x-b'] as unknown[]).length).toBe(1_000);
  });

  it('9,000 aliases of small anchors (under every limit) load: aliases are resolved from one index', async () => {
    // The parser's own Alias.resolve scans the whole document for each alias: quadratic.
    const anchors = Array.from({ length: 30 }, (_, i) => `x-a${i}: &a${i} {k: ${i}}\n`).join('');
    const text = anchors + `x-uses: [${Array.from({ length: 9_000 }, (_, i) => `*a${i % 30}`).join(', ')}]\n` + service;
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expect(load.diagnostics).toEqual([]);
    expect((load.project?.extensions?.['x-uses'] as unknown[])[8_999]).toEqual({ k: 29 });
  });

  it('a merge-key (<<) bomb stops with YAML_ALIAS_LIMIT', async () => {
    let text = 'x-m0: &m0 {k0: 1}\n';
    for (let i = 1; i < 40; i++) text += `x-m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: 1}\n`;
    const { load } = await runHostile({ files: { [COMPOSE]: text + service }, convert: true });
    expectCoded(load.diagnostics, 'YAML_ALIAS_LIMIT');
  });

  it('an alias to a value that contains it is a syntax error, not a loop', async () => {
    const { load } = await runHostile({ files: { [COMPOSE]: 'x-a: &a [1, *a]\n' + service }, convert: true });
    expectCoded(load.diagnostics, 'YAML_SYNTAX', { line: 1 });
  });

  it('maxAliasExpansions is an option', async () => {
    const text = `x-a: &a 1\nx-b: [${Array(100).fill('*a').join(',')}]\n` + service;
    const limited = await runHostile({ files: { [COMPOSE]: text }, options: { limits: { maxAliasExpansions: 50 } } });
    expectCoded(limited.load.diagnostics, 'YAML_ALIAS_LIMIT');
    const fine = await runHostile({ files: { [COMPOSE]: text } });
    expect(fine.load.diagnostics).toEqual([]);
  });
});

describe('10,000-deep nesting', () => {
  it('flow sequences', async () => {
    const text = 'x-deep: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n' + service;
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expectCoded(load.diagnostics, 'YAML_DEPTH_LIMIT', { line: 1 });
  });

  it('flow mappings', async () => {
    const text = 'x-deep: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n' + service;
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expectCoded(load.diagnostics, 'YAML_DEPTH_LIMIT', { line: 1 });
  });

  it('block sequences (compact "- - - …" form)', async () => {
    const text = service + 'x-deep:\n' + '- '.repeat(10_000) + 'x\n';
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expectCoded(load.diagnostics, 'YAML_DEPTH_LIMIT', { line: 5 });
  });

  it('block mappings, one level of indentation each (2,000 deep: 10,000 would be a 50 MB file)', async () => {
    const text = service + 'x-deep:\n' + Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i + 1) + 'k:').join('\n') + '\n';
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    expectCoded(load.diagnostics, 'YAML_DEPTH_LIMIT');
  });

  it('block mappings 10,000 deep in a 50 MB file: refused by size by default', async () => {
    const text = Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    const { load } = await runHostile({ files: { [COMPOSE]: text } });
    expectCoded(load.diagnostics, 'FILE_TOO_LARGE', { positioned: false });
  });

  it('nesting below the parser limit but above maxDepth stops at maxDepth, with a position', async () => {
    const text = service + 'x-deep: ' + '['.repeat(300) + ']'.repeat(300) + '\n';
    const { load } = await runHostile({ files: { [COMPOSE]: text }, convert: true });
    const d = expectCoded(load.diagnostics, 'YAML_DEPTH_LIMIT', { line: 4 });
    expect(d.message).toContain('maxDepth');
  });

  it('maxDepth is an option: lowered, a 20-deep value is refused', async () => {
    const text = service + 'x-deep: ' + '['.repeat(20) + ']'.repeat(20) + '\n';
    const fine = await runHostile({ files: { [COMPOSE]: text } });
    expect(fine.load.diagnostics).toEqual([]);
    const low = await runHostile({ files: { [COMPOSE]: text }, options: { limits: { maxDepth: 10 } } });
    expectCoded(low.load.diagnostics, 'YAML_DEPTH_LIMIT', { line: 4 });
  });
});

describe('large mappings (duplicate-key check is linear)', () => {
  it('a 100,000-key mapping loads', async () => {
    let text = service + 'x-big:\n';
    for (let i = 0; i < 100_000; i++) text += `  k${i}: ${i}\n`;
    const { load } = await runHostile({ files: { [COMPOSE]: text } });
    expect(load.diagnostics).toEqual([]);
    expect(Object.keys(load.project?.extensions?.['x-big'] as object)).toHaveLength(100_000);
  });

  it('100,000 documents in one file load', async () => {
    const text = service + '---\n'.repeat(100_000);
    const { load } = await runHostile({ files: { [COMPOSE]: text } });
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
