// `npm run test:fuzz`: the properties of never-throws.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './never-throws.test.js';
