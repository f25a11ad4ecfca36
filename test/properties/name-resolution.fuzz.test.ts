// `npm run test:fuzz`: the properties of name-resolution.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './name-resolution.test.js';
