// `npm run test:fuzz`: the properties of properties.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './properties.test.js';
