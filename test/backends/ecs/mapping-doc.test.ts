/** docs/ecs.md is generated from the mapping tables; it must not go stale. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { renderEcsMappingDoc } from '../../../src/backends/ecs/mapping-doc.js';
import { ECS_SERVICE_KEYS } from '../../../src/backends/ecs/container-map.js';
import { X_ECS_KEYS } from '../../../src/backends/ecs/x-ecs-map.js';
import { LAUNCH_RULES } from '../../../src/backends/ecs/launch-rules.js';

const DOC = new URL('../../../docs/ecs.md', import.meta.url);

describe('docs/ecs.md', () => {
  const text = renderEcsMappingDoc();

  it('is what renderEcsMappingDoc() gives (UPDATE_GOLDEN=1 rewrites it)', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(DOC, text);
    expect(existsSync(DOC), 'docs/ecs.md is missing: run with UPDATE_GOLDEN=1').toBe(true);
    expect(readFileSync(DOC, 'utf8'), 'docs/ecs.md is stale: run with UPDATE_GOLDEN=1 and review the diff').toBe(text);
  });

  it('has one row per compose service key, x-ecs key and launch rule', () => {
    for (const k of Object.keys(ECS_SERVICE_KEYS)) expect(text, `compose key ${k}`).toContain(`| \`${k}\` |`);
    for (const k of Object.keys(X_ECS_KEYS)) expect(text, `x-ecs key ${k}`).toContain(`| \`${k}\` |`);
    for (const r of LAUNCH_RULES) expect(text, `rule on ${r.field}`).toContain(`| \`${r.field}\` | ${r.when} |`);
  });
});
