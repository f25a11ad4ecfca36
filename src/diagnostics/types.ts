import type { DiagnosticCode, Severity } from '../core/codes.js';

export type { DiagnosticCode, Severity } from '../core/codes.js';

/**
 * A code a third-party backend declares for its own findings (`Backend.codes`). Branded, so
 * that our own codes stay a closed union: the kit's `reporter` makes them.
 */
export type BackendCode = string & { readonly __backendCode: true };

/**
 * Every problem the compiler finds is a Diagnostic; nothing a user writes makes it throw.
 * Codes are a closed union so that tests and users match on them, not on message text.
 */

/**
 * One finding, with the place in the user's file it concerns.
 * `line` and `column` are 1-based; `path` is the JSON pointer of the value in the compose
 * model (e.g. `/services/web/ports/0`).
 *
 * @example
 * { code: 'COMPOSE_UNKNOWN_KEY', severity: 'error', message: "services.web.imagee: unknown key; did you mean 'image'?",
 *   file: 'compose.yaml', line: 3, column: 5, endLine: 3, endColumn: 11, path: '/services/web/imagee' }
 */
export interface Diagnostic {
  /** One of ours (DiagnosticCode), or one a third-party backend declares in `Backend.codes`. */
  code: DiagnosticCode | BackendCode;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  path?: string;
}
