/**
 * 05-services secrets and configs (and build.md secrets): a service's grant of a top-level
 * secret or config, short syntax `- name` or long syntax `{ source, target, uid, gid, mode }`.
 */
import type { FileReference } from '../../model/service-parts.js';
import { ensureSource } from '../../core/source.js';
import { invalid, put, reordered, type Normalizer } from './at.js';
import { object } from './object.js';
import { describe, listOf, str } from './scalars.js';

/**
 * A file mode. As in compose, text is octal (`"0440"`, `"440"` and `"0o440"` are all 288);
 * a number written with a leading zero (`0440`, YAML 1.1 octal, which compose reads) is
 * octal too; any other number is taken as is.
 */
export const fileMode: Normalizer<number> = (v, at) => {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) {
    const text = at.range ? at.range.file.text.slice(at.range.start, at.range.end).trim() : '';
    return /^0[0-7]+$/.test(text) ? parseInt(text, 8) : v;
  }
  if (typeof v === 'string') {
    const m = /^(?:0o)?([0-7]+)$/i.exec(v.trim());
    if (m) return parseInt(m[1] as string, 8);
  }
  return invalid(at, `expected an octal file mode such as 0440, got ${describe(v)}`);
};

const longSyntax = object<FileReference>(
  { source: str, target: str, uid: str, gid: str, mode: fileMode },
  (out, at) => (typeof out.source === 'string' ? (out as unknown as FileReference) : invalid(at, '"source" must be set')),
);

/** One grant, short or long syntax. */
export const fileReference: Normalizer<FileReference> = (v, at) => {
  if (typeof v !== 'string') return longSyntax(v, at);
  const out: FileReference = { source: v };
  ensureSource(out, at.range);
  return out;
};

/** `configs` of a service (and `build.secrets`): target left as written. */
export const fileReferences: Normalizer<FileReference[]> = listOf(fileReference);

/** `secrets` of a service: `target` defaults to `/run/secrets/<source>`, as compose prints it. */
export const secretReferences: Normalizer<FileReference[]> = listOf((v, at) => {
  const ref = fileReference(v, at);
  if (!ref || ref.target !== undefined) return ref;
  put(ref as unknown as Record<string, unknown>, 'target', `/run/secrets/${ref.source}`, at);
  return reordered(ref, ['source', 'target']);
});
