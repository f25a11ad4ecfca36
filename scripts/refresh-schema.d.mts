// Types of scripts/refresh-schema.mjs, for the tests that run it in process.

/**
 * Copies compose-go's schema, LICENSE and NOTICE from `path` into `outDir`/schemas/ (default:
 * the repository), writes schemas/compose-spec.source.json, and (in the repository) regenerates.
 * Returns the paths written, relative to `outDir`.
 */
export declare function refresh(
  path: string,
  options?: { commit?: string; date?: string; outDir?: string; regenerate?: boolean },
): Promise<string[]>;
