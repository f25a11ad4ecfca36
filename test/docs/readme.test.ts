import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from '../../src/convert.js';
import { memoryHost } from '../../src/loader/memory-host.js';
import { validateCreateService, validateRegisterTaskDefinition } from '../validators/ecs.js';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

function block(lang: string, index = 0): string {
  const blocks = [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);
  return blocks[index] as string;
}

describe('README.md: the 30-second example is what the tool prints', () => {
  it('the compose file converts to the task definition shown, and both documents are valid', async () => {
    const compose = block('yaml');
    const { outputs, diagnostics } = await convert({ host: memoryHost({ '/app/compose.yaml': compose }, '/app'), target: 'ecs' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(outputs.map((o) => o.path)).toEqual(['boot.task-definition.json', 'boot.service.json']);
    const td = JSON.parse(outputs[0]!.contents);
    expect(td).toEqual(JSON.parse(block('json')));
    expect(validateRegisterTaskDefinition(td)).toEqual([]);
    expect(validateCreateService(JSON.parse(outputs[1]!.contents))).toEqual([]);
  });

  it('the quick start is two commands, one that runs the main job on a shipped example and one that runs the tests', () => {
    const quick = block('sh').trim().split('\n');
    expect(quick).toHaveLength(2);
    expect(quick[0]).toMatch(/^npm ci && npx compose2ecs convert -f fixtures\/\S+\/compose\.yaml/);
    expect(quick[1]).toBe('npm test');
    const path = /-f (\S+)/.exec(quick[0]!)![1]!;
    expect(() => readFileSync(join(__dirname, '..', '..', path))).not.toThrow();
  });
});
