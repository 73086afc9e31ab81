// Pulls every trace of the bench experiment through the @slokit/mlflow source (keyset paging, validation, mapping
// to records), streaming: batches are counted and dropped. Prints the record count and a checksum of latencies.
// Usage: node source-read.mjs URL
import { createMlflowSource } from '@slokit/mlflow';

const [url] = process.argv.slice(2);
const source = createMlflowSource(
  'bench',
  { type: 'mlflow', experiment: 'support-bot-prod', traces: true },
  { baseDir: process.cwd(), env: { MLFLOW_TRACKING_URI: url } },
);
let records = 0;
let issues = 0;
let latency = 0;
for await (const batch of source.readRecords()) {
  records += batch.records.length;
  issues += batch.issues.length;
  for (const record of batch.records) latency += record.latency_ms ?? 0;
}
process.stdout.write(`${JSON.stringify({ records, issues, latency })}\n`);
