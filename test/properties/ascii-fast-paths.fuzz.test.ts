// `npm run test:fuzz`: the properties of ascii-fast-paths.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './ascii-fast-paths.test.js';
