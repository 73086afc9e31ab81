// Pulls every run of a project through @slokit/langsmith, counting records without keeping them.
import { createEvalSource } from '@slokit/langsmith';

const project = process.argv[2];
const started = performance.now();
const source = await createEvalSource(
  'bench',
  { type: 'langsmith', project },
  { baseDir: '.', env: process.env },
);
let records = 0;
let checksum = 0;
for await (const batch of source.readRecords()) {
  records += batch.records.length;
  for (const record of batch.records) checksum += record.latency_ms ?? 0;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ records, seconds, checksum })}\n`);
