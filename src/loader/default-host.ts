import type { Host } from './host.js';

/**
 * The Host of a caller that passes none: the Node file system (host-node.ts), imported only
 * when needed. A browser bundle takes default-host.browser.ts in its place (scripts/site.mjs
 * picks a `.browser.ts` sibling), so no `node:` module is reachable from the library there.
 */
export async function defaultHost(): Promise<Host> {
  return (await import('./host-node.js')).nodeHost;
}
