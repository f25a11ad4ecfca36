/** How the CLI imports a backend module named by `--target` (src/cli/target.ts). */
export type ImportModule = (url: string) => Promise<Record<string, unknown>>;

/**
 * The importer used when the caller gives none (CliIO.importModule): plain `import()`. The
 * launcher (src/cli/bin.ts) passes its own, because code compiled through node:vm has no
 * module loader of its own for `import()`.
 *
 * @example
 * const mod = await defaultImportModule(pathToFileURL('./my-backend.mjs').href);
 */
export const defaultImportModule: ImportModule = (url) => import(url) as Promise<Record<string, unknown>>;
