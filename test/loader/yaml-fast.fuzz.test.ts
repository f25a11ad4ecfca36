// npm run test:fuzz: the fast YAML reader against the full parser at FUZZ_RUNS.
import './yaml-fast.test.js';
