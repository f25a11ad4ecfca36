/**
 * The CloudFormation backend's options: the format of the stack template.
 */
import type { OptionDeclarations } from '../options.js';

/**
 * @example CLOUDFORMATION_OPTIONS.format.default // 'json'
 */
export const CLOUDFORMATION_OPTIONS = {
  format: { type: ['json', 'yaml'], default: 'json', description: '`<project>.template.json`, or `.yaml` (YAML 1.1-safe text)' },
} as const satisfies OptionDeclarations;
