// Preloaded (--import) into a spawned CLI run: records the URL of every ES module and
// CommonJS file the process loads, one a line, in the file named by BENCH_MODULE_LOG.
import { register } from 'node:module';

register('./module-hooks.mjs', import.meta.url, { data: { out: process.env.BENCH_MODULE_LOG } });
