/** Limits on reading YAML, shared by the fast reader and the full parser (no parser code here). */

/** Limits that keep hostile YAML from exhausting time or memory. */
export interface YamlLimits {
  /** Alias expansions allowed in one file (alias bombs stop here). Default 100,000 (a large real file uses a few per service; maxAliasNodes bounds what they copy). */
  maxAliasExpansions: number;
  /** Values produced from one file, counting every alias copy. Default 2,000,000. */
  maxNodes: number;
  /** Nesting depth of mappings and sequences. Default 256. */
  maxDepth: number;
  /**
   * Values produced by expanding aliases in one file: a few aliases of a large anchor
   * (amplification) stop here, before any of it is built. Default 250,000.
   */
  maxAliasNodes: number;
}

export const defaultYamlLimits: YamlLimits = { maxAliasExpansions: 100_000, maxNodes: 2_000_000, maxDepth: 256, maxAliasNodes: 250_000 };
