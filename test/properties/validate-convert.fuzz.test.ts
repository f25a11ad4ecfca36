// `npm run test:fuzz`: the properties of validate-convert.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './validate-convert.test.js';
