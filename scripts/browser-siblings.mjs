/**
 * The one rule that makes the library's sources a browser build: a relative import of `X.js`
 * whose sibling `X.browser.ts` exists takes that file instead (src/loader/default-host.browser.ts,
 * the default Host without a disk, in place of default-host.ts, which imports node:fs). Both
 * browser builds use it: the package's dist/index.browser.js (tsup.config.ts) and the
 * playground (scripts/site.mjs).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** esbuild plugin: a relative import of X.js whose X.browser.ts exists takes that file instead. */
export const browserSiblings = {
  name: 'browser-siblings',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const twin = join(args.resolveDir, args.path.replace(/\.js$/, '.browser.ts'));
      return existsSync(twin) ? { path: twin } : undefined;
    });
  },
};
