// `npm run test:fuzz`: the properties of yaml-text-decisions.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './yaml-text-decisions.test.js';
