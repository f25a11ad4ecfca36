// Types of scripts/site.mjs, for the playground's tests.

export interface Example {
  id: string;
  title: string;
  file?: string;
  text?: string;
  target: 'ecs' | 'cloudformation' | 'kubernetes';
  layout: 'service' | 'project';
  launchType: 'fargate' | 'ec2';
}

/** The examples of the page, in the order of its select. */
export declare const EXAMPLES: readonly Example[];
/** The compose text of a generated project of `count` services (50 by default). */
export declare function fiftyServices(count?: number): string;
/** The esbuild options of the playground's bundles (platform browser, no externals). */
export declare function browserBuildOptions(): import('esbuild').BuildOptions;
/** Builds the playground into `outDir` (default site/dist); resolves to the files written. */
export declare function buildSite(outDir?: string): Promise<string[]>;
