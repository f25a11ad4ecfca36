// Types of scripts/browser-siblings.mjs, for tsup.config.ts and the tests.
import type { Plugin } from 'esbuild';

/** esbuild plugin: a relative import of X.js whose X.browser.ts exists takes that file instead. */
export declare const browserSiblings: Plugin;
