// Preloaded (node -r) into a CLI run of the bench's probe bundle (bench/run.mjs, checkModules):
// at exit, writes which modules ran — the bundle's start-up (`main`), the lazily initialised
// src/ modules (`init`) and every file required (`required`) — as JSON to BENCH_MODULE_LOG.
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_MODULE_LOG;
  if (!file) return;
  writeFileSync(file, JSON.stringify({ main: globalThis.__benchMain === true, init: globalThis.__benchInit ?? [], required: Object.keys(require.cache) }));
});
