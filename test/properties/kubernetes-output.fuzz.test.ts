// `npm run test:fuzz`: the properties of kubernetes-output.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './kubernetes-output.test.js';
