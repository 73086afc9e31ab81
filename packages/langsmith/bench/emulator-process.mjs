// Serves the bench data from its own process, so the pulls' RSS is theirs alone. Prints the URL when ready.
import { startLangSmithEmulator } from '@slokit/testkit/langsmith';

const counts = (process.env.BENCH_COUNTS ?? '100000').split(',').map(Number);
const emulator = await startLangSmithEmulator({ seed: false, requestLogLimit: 0 });
for (const count of counts) {
  emulator.seed({
    traffic: {
      project: `bench-${count}`,
      // Root runs only, with example inputs and outputs, as an app that traces one run per request logs them.
      childRuns: false,
      traffic: { seed: 'slokit-bench', start: '2026-11-19T14:00:00Z', end: '2026-11-26T14:00:00Z', count },
    },
  });
}
process.stdout.write(`${JSON.stringify({ url: emulator.url, apiKey: emulator.apiKey })}\n`);
process.on('SIGTERM', async () => {
  await emulator.stop();
  process.exit(0);
});
