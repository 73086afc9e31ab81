// Preloaded with `node --import`: reports the process's peak resident set size on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\n${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
