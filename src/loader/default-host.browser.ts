import type { Host } from './host.js';
import { memoryHost } from './memory-host.js';

/**
 * The default Host in a browser bundle (in place of default-host.ts): there is no disk, so
 * a file the caller did not give in memory is not found (the loader reports it, as on Node).
 */
export async function defaultHost(): Promise<Host> {
  return memoryHost({}, '/');
}
