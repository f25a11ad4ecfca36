/**
 * How hard the property tests try. `npm test` runs each property a modest number of times;
 * `npm run test:fuzz` runs the same properties (through the *.fuzz.test.ts wrappers) with
 * FUZZ_RUNS (100,000 by default there). Failures print fast-check's seed and path: replay
 * with FUZZ_SEED and FUZZ_PATH.
 */
import type { Parameters as FcParameters } from 'fast-check';

/** Runs per property: FUZZ_RUNS when set, else `fallback`. */
export function runs(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS ?? fallback);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/**
 * fast-check parameters for a property: the runs, and a replayable seed when FUZZ_SEED is set.
 * With `msPerRun` (the same as the test's `timeoutFor`), fast-check stops a little before the
 * test would time out and fails with the counterexample it has so far: shrinking a large
 * generated project can take longer than the runs themselves, and a test that times out
 * reports nothing.
 */
export function params<T>(fallback: number, msPerRun?: number): FcParameters<T> {
  const p: FcParameters<T> = { numRuns: runs(fallback) };
  if (msPerRun !== undefined) {
    p.interruptAfterTimeLimit = Math.floor(timeoutFor(fallback, msPerRun) * 0.9);
    p.markInterruptAsFailure = true;
  }
  if (process.env.FUZZ_SEED !== undefined) p.seed = Number(process.env.FUZZ_SEED);
  if (process.env.FUZZ_PATH !== undefined) p.path = process.env.FUZZ_PATH;
  return p;
}

/** A test timeout for `fallback` runs at `msPerRun` each (generous: shared CI machines), never under a minute. */
export function timeoutFor(fallback: number, msPerRun: number): number {
  return Math.max(60_000, runs(fallback) * msPerRun * 4);
}

/**
 * Lets the event loop turn. Loading from memory resolves only through microtasks, so a long
 * property would otherwise never let the test runner's worker answer its parent, which then
 * gives up on it ("Timeout calling onTaskUpdate"). Call it once per run.
 */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
