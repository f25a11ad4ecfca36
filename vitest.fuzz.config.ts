import { defineConfig } from 'vitest/config';

// `npm run test:fuzz`: the property tests at full strength (FUZZ_RUNS, default 100,000 runs each).
export default defineConfig({
  test: {
    include: ['test/**/*.fuzz.test.ts'],
    testTimeout: 3_600_000,
    pool: 'forks',
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '100000' },
  },
});
