// `npm run test:fuzz`: the properties of merge.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './merge.test.js';
