import { defineConfig } from 'tsup';
import { browserSiblings } from './scripts/browser-siblings.mjs';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
  },
  {
    // The library for browser bundlers: package.json's "browser" condition (and "browser"
    // field) points here. The same entry, built for the browser: a module with a .browser.ts
    // sibling takes it (default-host.browser.ts, no disk), so no node: import is left in it
    // (test/cli/browser-entry.test.ts). Typed by dist/index.d.ts, the node entry's types: the
    // exports are the same. `yaml` stays a dependency, which the user's bundler resolves (to
    // its own browser build).
    entry: { 'index.browser': 'src/index.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'es2022',
    platform: 'browser',
    splitting: false,
    esbuildPlugins: [browserSiblings],
  },
  {
    // The CLI: one CommonJS bundle, started by dist/cli/bin.cjs with V8's code cache (see
    // src/cli/bin.ts). Commands, backends and the full YAML parser are imported lazily, so
    // esbuild wraps them: they are neither compiled nor run until a command needs them.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['cjs'],
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    minify: true,
  },
  {
    entry: { 'cli/bin': 'src/cli/bin.ts' },
    format: ['cjs'],
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
  },
]);
