/**
 * The one order of service names the passes and backends use wherever the compose file's
 * order would otherwise leak into the output: the `services` mapping has no order (02-model).
 */
import { compareText } from '../core/text-order.js';

/**
 * Code-unit order of two names: the same on every machine, whatever its locale.
 *
 * @example
 * ['web', 'api', 'Worker'].sort(byName) // ['Worker', 'api', 'web']
 */
export const byName: (a: string, b: string) => number = compareText;
