// Types of scripts/generate.mjs, for the tests that run it in process.

export interface Target {
  /** The JSON schema, relative to the repository root. */
  schema: string;
  /** Where the standalone validator goes (`.js`; its `.d.ts` is written next to it). */
  validatorOut: string;
  /** Where the TypeScript types go. */
  typesOut: string;
  /** Name of the root type, e.g. `ComposeSpecification`. */
  rootName: string;
  /** Let every fixed-key mapping accept `x-` keys (Compose "Extension"). */
  extensionKeys?: boolean;
}

export declare const targets: readonly Target[];

/** Every generated file of every target. */
export declare function render(): Promise<{ path: string; contents: string }[]>;

/**
 * Writes the generated files, or with `check` only compares them; returns the paths that differ.
 * `outDir` (default: the repository root) is where the generated tree is read and written.
 */
export declare function generate(options?: { check?: boolean; outDir?: string }): Promise<string[]>;

/** The JSON Schema dialect a schema declares with `$schema` (draft-07 or 2020-12); throws on any other. */
export declare function dialectOf(schema: { $schema?: unknown }, name: string): { name: 'draft-07' | '2020-12'; meta: string };

/** A copy of a schema whose fixed-key mappings (`properties` with `additionalProperties: false`) also accept `x-` keys. */
export declare function allowExtensionKeys<T>(schema: T): T;
