import { defineConfig } from 'tsup';

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
