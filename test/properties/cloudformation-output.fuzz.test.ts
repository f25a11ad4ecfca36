// `npm run test:fuzz`: the properties of cloudformation-output.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './cloudformation-output.test.js';
