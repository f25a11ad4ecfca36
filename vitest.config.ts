import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.fuzz.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share a worker's module cache instead of re-importing src/, yaml, ajv and the
    // validators for each of ~160 files: the suite's CPU time fell from ~540 s to ~200 s (the
    // CloudFormation validator's first check alone cost ~3 s per file). Safe because src/ holds
    // no module-level mutable state (test/architecture/layers.test.ts) and no test mocks modules.
    isolate: false,
  },
});
