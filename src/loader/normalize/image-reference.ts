/**
 * `image:` checked against the reference grammar of github.com/distribution/reference, which
 * Docker and every registry use: `[domain[:port]/]path[:tag][@digest]`. `Nginx:1 .2` or the
 * `nginx:` that `nginx:${UNSET}` interpolates to would only fail when ECS or Kubernetes pulls.
 */
import { displayPath, toPointer } from '../../core/source.js';
import { str } from './scalars.js';
import type { Normalizer } from './at.js';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** distribution/reference's NameTotalLengthMax. */
const MAX_NAME = 255;

/**
 * Why `ref` is not a valid image reference, or undefined when it is.
 *
 * @example
 * referenceProblem('nginx:1.27') // undefined
 * referenceProblem('nginx:') // 'the tag after ":" is empty'
 */
export function referenceProblem(ref: string): string | undefined {
  if (ref === '') return 'it is empty';
  if (/\s/.test(ref)) return 'it contains whitespace';
  const at = ref.indexOf('@');
  const digest = at < 0 ? undefined : ref.slice(at + 1);
  const rest = at < 0 ? ref : ref.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  const name = tag === undefined ? rest : rest.slice(0, colon);
  if (digest !== undefined && !DIGEST.test(digest)) return `the digest after "@" must be algorithm:hex (sha256: and at least 32 hexadecimal digits), not "${digest}"`;
  if (tag === '') return 'the tag after ":" is empty';
  if (tag !== undefined && !TAG.test(tag)) return `the tag "${tag.length > 40 ? tag.slice(0, 40) + '…' : tag}" must be at most 128 letters, digits, _, . and -, not starting with . or -`;
  if (name === '') return 'the repository name is empty';
  if (name.length > MAX_NAME) return `the repository name is longer than ${MAX_NAME} characters`;
  const parts = name.split('/');
  const domain = parts.length > 1 && DOMAIN.test(parts[0] as string) && !PATH_COMPONENT.test(parts[0] as string) ? parts.shift() : undefined;
  for (const p of parts) {
    if (PATH_COMPONENT.test(p)) continue;
    if (p !== p.toLowerCase() && PATH_COMPONENT.test(p.toLowerCase())) return `the repository name must be lowercase ("${p}")`;
    return `"${p}" is not a repository name component (lowercase letters and digits, separated by ., _, __ or -)`;
  }
  return domain === undefined && parts.length === 0 ? 'the repository name is empty' : undefined;
}

/** `image`: text that must be a valid reference (IMAGE_INVALID_REFERENCE at the value, showing it as interpolated). */
export const imageReference: Normalizer<string> = (v, at) => {
  const s = str(v, at);
  if (s === undefined) return undefined;
  const problem = referenceProblem(s);
  // A value interpolation could not read is kept as written, and was reported where it failed:
  // at the value, or, for a variable's value, in the .env that defines it.
  if (problem && !interpolationFailed(at.n.reporter.diagnostics, toPointer(at.path), s.includes('${'))) {
    const written = at.range ? at.range.file.text.slice(at.range.start, at.range.end).replace(/^(["'])(.*)\1$/s, '$2') : undefined;
    const as = written !== undefined && written !== s ? ` (written ${JSON.stringify(written)})` : '';
    at.n.reporter.error('IMAGE_INVALID_REFERENCE', `${displayPath(at.path)}: ${JSON.stringify(s)}${as} is not a valid image reference: ${problem}`, at.range, at.path);
  }
  return s;
};

function interpolationFailed(diagnostics: readonly { code: string; path?: string | undefined }[], pointer: string, keptAsWritten: boolean): boolean {
  return diagnostics.some((d) => (d.code === 'INTERPOLATION_SYNTAX' || d.code === 'INTERPOLATION_REQUIRED') && (keptAsWritten || d.path === pointer));
}
