// Reads every call of project bench/calls-<count> through the @slokit/weave source (pages of 1000, each streamed
// and mapped to records line by line), as `slokit check` does. Prints {calls, seconds} as its last stdout line.
import { createEvalSource } from '../dist/index.js';

const count = Number(process.argv[2]);
const source = createEvalSource(
  'bench',
  { type: 'weave', project: `bench/calls-${count}`, ops: ['answer_question'] },
  { baseDir: process.cwd(), env: process.env },
);
const started = performance.now();
let calls = 0;
let latency = 0;
for await (const batch of source.readRecords()) {
  calls += batch.records.length;
  for (const record of batch.records) latency += record.latency_ms;
}
const seconds = (performance.now() - started) / 1000;
if (!(latency > 0)) throw new Error('no latencies read');
process.stdout.write(`${JSON.stringify({ calls, seconds })}\n`);
