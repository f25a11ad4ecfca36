/**
 * The record `convert --out DIR` keeps of what it wrote into DIR (DIR/.compose2ecs-outputs), so
 * that the next run into DIR removes the files it no longer writes: a service renamed or
 * removed leaves no stale task definition behind to be deployed by `aws ecs … file://DIR/*`.
 *
 * Only files listed there are ever removed, and only while they still hold what was written
 * (the SHA-256 beside each path): a file the user wrote, or changed since, stays. The format is
 * `sha256sum`'s (`<hex>  <path>` per line), so `sha256sum -c .compose2ecs-outputs` checks it.
 */
import { isSafeOutputPath } from './target.js';

/** The manifest's name inside the --out directory. */
export const MANIFEST = '.compose2ecs-outputs';

const HEADER = [
  '# Written by compose2ecs convert --out: the files its last run wrote into this folder.',
  '# The next run into this folder removes those it no longer writes, if they are unchanged.',
];

/**
 * SHA-256 of a text, as hex. Web Crypto: no import of node:crypto, so the library still loads
 * without Node.
 *
 * @example await sha256('{}\n') // '…64 hex digits…'
 */
export async function sha256(contents: string | Uint8Array): Promise<string> {
  const bytes = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The manifest's text for files written, by output path.
 *
 * @example formatManifest(new Map([['a.json', 'ab…']])) // '# Written by …\nab…  a.json\n'
 */
export function formatManifest(hashes: ReadonlyMap<string, string>): string {
  const lines = [...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, hash]) => `${hash}  ${path}`);
  return [...HEADER, ...lines].join('\n') + '\n';
}

/**
 * The entries of a manifest: output path → SHA-256. Lines that are not `<hex>  <path>` with a
 * path that stays inside the folder are ignored: a manifest edited by hand, or planted, cannot
 * make a run remove anything outside the folder.
 *
 * @example parseManifest('ab…  a.json\n') // Map { 'a.json' => 'ab…' }
 */
export function parseManifest(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m && isSafeOutputPath(m[2] as string) && m[2] !== MANIFEST) entries.set(m[2] as string, m[1] as string);
  }
  return entries;
}
