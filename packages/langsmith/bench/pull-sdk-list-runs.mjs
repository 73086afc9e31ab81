// The baseline: the SDK's plain listRuns loop into an array.
import { Client } from 'langsmith';

process.noDeprecation = true;
const project = process.argv[2];
const started = performance.now();
const client = new Client({ apiUrl: process.env.LANGSMITH_ENDPOINT, apiKey: process.env.LANGSMITH_API_KEY });
const runs = [];
for await (const run of client.listRuns({ projectName: project })) runs.push(run);
const seconds = (performance.now() - started) / 1000;
let checksum = 0;
for (const run of runs) checksum += Date.parse(run.end_time) - Date.parse(run.start_time);
process.stdout.write(`${JSON.stringify({ records: runs.length, seconds, checksum })}\n`);
