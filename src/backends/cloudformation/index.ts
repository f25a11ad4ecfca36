/**
 * The CloudFormation backend: one stack that `aws cloudformation deploy` takes as it is, from
 * a single service to the load-balanced production layout. It reuses the ECS backend's
 * container mapping; no compose field is mapped twice.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { ecsView } from '../../ir/ir.js';
import { defineBackend, sortKeys, type Output } from '../backend.js';
import { CLOUDFORMATION_OPTIONS } from './options.js';
import { buildStack } from './stack.js';
import { templateJsonParts } from './template-json.js';
import { templateYamlParts } from './template-yaml.js';

/**
 * The CloudFormation backend: one stack (`<project>.template.json`, or YAML with format yaml)
 * that `aws cloudformation deploy` takes as it is. CloudFormation reads YAML 1.1, so text
 * such as `on` or `1_000` is written quoted.
 *
 * @example
 * const { outputs } = await convert({ files: ['compose.yaml'], target: cloudformationBackend, backendOptions: { format: 'yaml' } });
 */
export const cloudformationBackend = defineBackend({
  name: 'cloudformation',
  layers: ['ecs'],
  options: CLOUDFORMATION_OPTIONS,
  emit(core, options) {
    const ir = ecsView(core);
    if (!ir) return { outputs: [], diagnostics: [core.diagnostic('INTERNAL_ERROR', 'error', 'internal error in compose2ecs (please report it): the cloudformation backend was given no ECS layer')] };
    const yaml = options.format === 'yaml';
    let diagnostics: Diagnostic[] = [];
    let stack = buildStack(ir, diagnostics);
    if (stack.collisions.length) {
      // Two names ran into each other's logical IDs: build again with every related base hashed.
      diagnostics = [];
      stack = buildStack(ir, diagnostics, { strictIds: true });
      if (stack.collisions.length) {
        diagnostics.push(ir.diagnostic('INTERNAL_ERROR', 'error', `internal error in compose2ecs (please report it): logical IDs ${stack.collisions.join(', ')} are declared twice`));
      }
    }
    const path = `${ir.project.name}.template.${yaml ? 'yaml' : 'json'}`;
    if (!yaml) return { outputs: [templateOutput(path, () => templateJsonParts(stack), (text) => JSON.parse(text) as unknown)], diagnostics };
    // The YAML writer (and the yaml package it loads) only for format yaml: loading it was about
    // 100 ms of every JSON convert's start (issue 22). One writer for the parts of the template.
    return import('../yaml-text.js').then(({ yamlWriter }) => {
      const write = yamlWriter();
      return { outputs: [templateOutput(path, () => templateYamlParts(stack, write), () => sortKeys(stack.toJSON()))], diagnostics };
    });
  },
});

/**
 * The template as an output that writes its text when asked: `parts()` a part at a time
 * (the CLI's --out writes them as they come), `contents` joined once and kept, `value` made
 * when read (from the text for JSON, as jsonOutput does). Until then only the template's
 * objects are held: at 5,000 services the text was 30 MB more, twice (issue 22).
 */
function templateOutput(path: string, templateParts: () => Iterable<string>, readValue: (text: string) => unknown): Output {
  let text: string | undefined;
  let read: unknown;
  const output = { path } as Output;
  const setValue = (v: unknown) => Object.defineProperty(output, 'value', { value: v, enumerable: true, configurable: true, writable: true });
  Object.defineProperty(output, 'value', { enumerable: true, configurable: true, get: () => (read ??= readValue(output.contents)), set: setValue });
  // A text set by hand is what parts() gives from then on.
  const setContents = (v: string) => void (text = v);
  Object.defineProperty(output, 'contents', { enumerable: true, configurable: true, get: () => (text ??= [...templateParts()].join('')), set: setContents });
  // Not enumerable: the output still reads as { path, value, contents } (spread, toEqual, JSON).
  Object.defineProperty(output, 'parts', { configurable: true, writable: true, value: () => (text !== undefined ? [text] : templateParts()) });
  return output;
}
