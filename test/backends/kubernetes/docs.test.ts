import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kubernetesMappingMarkdown } from '../../../src/backends/kubernetes/docs.js';
import { K8S_DEPLOY_KEYS, K8S_SERVICE_KEYS } from '../../../src/backends/kubernetes/service-map.js';
import { OPTIONS } from '../../../src/backends/kubernetes/options.js';

const path = new URL('../../../docs/kubernetes.md', import.meta.url);

describe('docs/kubernetes.md', () => {
  it('is the page generated from the mapping tables (UPDATE_GOLDEN=1 rewrites it)', () => {
    const generated = kubernetesMappingMarkdown();
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(new URL('.', path), { recursive: true });
      writeFileSync(path, generated);
    }
    expect(existsSync(path), 'docs/kubernetes.md is missing: run UPDATE_GOLDEN=1 npx vitest run test/backends/kubernetes/docs.test.ts').toBe(true);
    expect(readFileSync(path, 'utf8'), 'docs/kubernetes.md is stale: run UPDATE_GOLDEN=1 npx vitest run test/backends/kubernetes/docs.test.ts').toBe(generated);
  });

  it('has a row for every service key, deploy key and option', () => {
    const page = kubernetesMappingMarkdown();
    for (const key of [...Object.keys(K8S_SERVICE_KEYS), ...Object.keys(K8S_DEPLOY_KEYS), ...Object.keys(OPTIONS)]) {
      expect(page, key).toContain(`| \`${key}\` |`);
    }
  });
});
