import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from '../../src/convert.js';
import type { Backend } from '../../src/backends/backend.js';

const root = join(__dirname, '..', '..');

describe('docs/backends.md: the example backend runs through convert', () => {
  it('emits the summary the page shows, with warnings for services without healthchecks', async () => {
    const mod = (await import(join(root, 'docs', 'examples', 'summary-backend.mjs'))) as { backend: Backend };
    const { outputs, diagnostics } = await convert({
      files: [join(root, 'fixtures', 'seed-qa', 'compose.yaml')],
      target: mod.backend,
      layout: 'project',
      backendOptions: { requireHealthchecks: 'true' },
    });
    const page = readFileSync(join(root, 'docs', 'backends.md'), 'utf8');
    const shown = /It prints:\n\n```text\n([\s\S]*?)```/.exec(page)![1]!;
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.contents.trim()).toBe(shown.trim());
    // The task's services come by name (the compose `services` mapping has no order).
    expect(diagnostics.filter((d) => d.message.includes('has no healthcheck')).map((d) => [d.path, d.line])).toEqual([
      ['/services/boot', 18],
      ['/services/redis', 22],
      ['/services/web-python', 6],
    ]);
  });
});
