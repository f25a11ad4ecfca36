// `npm run test:fuzz`: the properties of runs-like-compose.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './runs-like-compose.test.js';
