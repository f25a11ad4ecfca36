// `npm run test:fuzz`: the properties of ecs-output.test.ts at FUZZ_RUNS runs each (100,000 by default there).
import './ecs-output.test.js';
