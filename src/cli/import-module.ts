/** How the CLI imports a backend module named by `--target` (src/cli/target.ts). */
export type ImportModule = (url: string) => Promise<Record<string, unknown>>;

let current: ImportModule = (url) => import(url) as Promise<Record<string, unknown>>;

/**
 * The importer in use: `import()` by default; the launcher (src/cli/bin.ts) passes its own,
 * because code compiled through node:vm has no module loader of its own for `import()`.
 *
 * @example
 * const mod = await importModule(pathToFileURL('./my-backend.mjs').href);
 */
export function importModule(url: string): Promise<Record<string, unknown>> {
  return current(url);
}

/**
 * Replaces the importer.
 *
 * @example
 * setImportModule((url) => import(url));
 */
export function setImportModule(fn: ImportModule): void {
  current = fn;
}
