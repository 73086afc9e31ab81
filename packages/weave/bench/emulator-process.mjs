// Serves the bench calls from its own process, so that the readers' peak RSS is theirs alone. Seeds one project
// per count (`bench/calls-<count>`) with a week of support-bot traffic, then prints {url, apiKey} as one line.
import { startWeaveEmulator } from '@slokit/testkit/weave';

const counts = (process.env.BENCH_COUNTS ?? '100000').split(',').map(Number);
const emulator = await startWeaveEmulator();
for (const count of counts) {
  emulator.seedSupportBotCalls({
    project: `bench/calls-${count}`,
    seed: 'slokit-bench',
    start: '2026-11-19T14:00:00Z',
    end: '2026-11-26T14:00:00Z',
    count,
  });
}
process.stdout.write(`${JSON.stringify({ url: emulator.url, apiKey: emulator.apiKey })}\n`);
process.on('SIGTERM', async () => {
  await emulator.stop();
  process.exit(0);
});
