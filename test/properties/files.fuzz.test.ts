// `npm run test:fuzz`: the properties of files.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './files.test.js';
