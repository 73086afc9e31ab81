// Preloaded into a benchmarked child with `node --import <this file>`: when the process exits (normally, through
// process.exit or with process.exitCode set), writes its peak resident set size in KiB
// (process.resourceUsage().maxRSS) to the file named by SLOKIT_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.SLOKIT_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
