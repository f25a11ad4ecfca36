/**
 * The CloudFormation backend: one stack that `aws cloudformation deploy` takes as it is, from
 * a single service to the load-balanced production layout. It reuses the ECS backend's
 * container mapping; no compose field is mapped twice.
 */
import { stringify } from 'yaml';
import type { Diagnostic } from '../../diagnostics/types.js';
import { defineBackend, sortKeys, stableJson } from '../backend.js';
import { buildStack } from './stack.js';

export const cloudformationBackend = defineBackend({
  name: 'cloudformation',
  emit(ir, options) {
    const diagnostics: Diagnostic[] = [];
    const template = buildStack(ir, diagnostics).toJSON();
    const yaml = options.format === 'yaml';
    const value = sortKeys(template);
    const contents = yaml ? stringify(value, { lineWidth: 0, aliasDuplicateObjects: false }) : stableJson(value);
    return { outputs: [{ path: `${ir.project.name}.template.${yaml ? 'yaml' : 'json'}`, value, contents }], diagnostics };
  },
});
