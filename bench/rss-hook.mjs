// Preloaded (--import) into a spawned CLI run: at exit, writes the process's peak resident
// memory (KB) to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
