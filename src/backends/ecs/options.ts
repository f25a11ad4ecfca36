/**
 * The ECS backend's options: only the format, and only JSON, the text
 * `aws ecs register-task-definition --cli-input-json` and `create-service` take. Everything
 * else about ECS is set in the compose file (x-ecs) or by --layout, --launch-type, --cluster.
 */
import type { OptionDeclarations } from '../options.js';

/**
 * @example Object.keys(ECS_OPTIONS) // ['format']
 */
export const ECS_OPTIONS = {
  format: { type: ['json'], default: 'json', description: 'JSON, as the AWS CLI’s --cli-input-json takes it' },
} as const satisfies OptionDeclarations;
