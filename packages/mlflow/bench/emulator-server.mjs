// Serves an MLflow emulator holding N generated support-bot traces, for pull-traces-bench.mjs. Prints one JSON
// line {"url", "experimentId", "traces"} when ready and runs until stdin closes or it is killed.
// Usage: node emulator-server.mjs RECORDS SEED
import { startMlflowEmulator } from '@slokit/testkit/mlflow';

const records = Number(process.argv[2]);
const seed = process.argv[3] ?? 'bench';
const emulator = await startMlflowEmulator({ seed, logRequests: false });
const { experimentId, count } = emulator.seedSupportBotTraffic({
  experiment: 'support-bot-prod',
  seed,
  count: records,
  start: '2026-11-19T14:00:00.000Z',
  end: '2026-11-26T14:00:00.000Z',
});
// Serialize every trace once before timing starts, so that neither reader pays the emulator's first-time cost.
let pageToken;
do {
  const page = JSON.parse(
    emulator.store.searchTraces({
      locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } }],
      max_results: 500,
      ...(pageToken ? { page_token: pageToken } : {}),
    }),
  );
  pageToken = page.traces ? page.next_page_token : undefined;
} while (pageToken);
process.stdout.write(`${JSON.stringify({ url: emulator.url, experimentId, traces: count })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await emulator.stop();
  process.exit(0);
});
