// `npm run test:fuzz`: the properties of projects.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './projects.test.js';
