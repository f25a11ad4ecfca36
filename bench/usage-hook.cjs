// Preloaded (node -r) into every spawned process the bench times: at exit, writes the
// process's CPU time (user + system, all threads, ms) and peak resident memory (KB) as JSON
// to the file named by BENCH_USAGE_FILE. CommonJS, so that `node -e 0` stays as light as it is.
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_USAGE_FILE;
  if (!file) return;
  const u = process.resourceUsage();
  writeFileSync(file, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKB: u.maxRSS }));
});
