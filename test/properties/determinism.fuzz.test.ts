// `npm run test:fuzz`: the properties of determinism.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './determinism.test.js';
