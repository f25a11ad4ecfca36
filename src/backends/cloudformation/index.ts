/**
 * The CloudFormation backend: one stack that `aws cloudformation deploy` takes as it is, from
 * a single service to the load-balanced production layout. It reuses the ECS backend's
 * container mapping; no compose field is mapped twice.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { ecsView } from '../../ir/ir.js';
import { defineBackend, jsonOutput, sortKeys } from '../backend.js';
import { CLOUDFORMATION_OPTIONS } from './options.js';
import { buildStack } from './stack.js';

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
    const template = stack.toJSON();
    const yaml = options.format === 'yaml';
    const path = `${ir.project.name}.template.${yaml ? 'yaml' : 'json'}`;
    if (!yaml) return { outputs: [jsonOutput(path, template)], diagnostics };
    // The YAML writer (and the yaml package it loads) only for format yaml: loading it was about
    // 100 ms of every JSON convert's start (issue 22).
    const value = sortKeys(template);
    return import('../yaml-text.js').then(({ yamlText }) => ({ outputs: [{ path, value, contents: yamlText(value) }], diagnostics }));
  },
});
