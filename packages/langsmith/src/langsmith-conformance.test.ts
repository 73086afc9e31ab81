import { testPublisher, testSource } from '@slokit/core/testing';
import { startLangSmithEmulator } from '@slokit/testkit/langsmith';
import { publisherFor, sourceFor, withRecordIds } from './test-support/langsmith-fixture.js';
import { sdkClient, writeRecordsWithSdk } from './test-support/write-records-with-sdk.js';

// LangSmith averages feedback scores: a boolean score reads back as 1 or 0 (feedback_stats.avg).
const lacks = { booleanScores: true };

testSource({
  name: 'langsmith (v2 runs query)',
  lacks,
  setup: async (records) => {
    const emulator = await startLangSmithEmulator({ seed: false });
    await writeRecordsWithSdk(sdkClient(emulator), 'conformance', records);
    const source = await sourceFor(emulator, { project: 'conformance', pageSize: 50 });
    return { source: withRecordIds(source, records), teardown: () => emulator.stop() };
  },
});

testSource({
  name: 'langsmith (legacy runs query, a server without v2)',
  lacks,
  setup: async (records) => {
    const emulator = await startLangSmithEmulator({ seed: false, apiV2: false });
    await writeRecordsWithSdk(sdkClient(emulator), 'conformance', records);
    const source = await sourceFor(emulator, { project: 'conformance', pageSize: 50 });
    return { source: withRecordIds(source, records), teardown: () => emulator.stop() };
  },
});

testPublisher({
  name: 'langsmith',
  secrets: ['lsv2_pt_conformance_secret_key_0001'],
  setup: async () => {
    const emulator = await startLangSmithEmulator({
      seed: false,
      apiKey: 'lsv2_pt_conformance_secret_key_0001',
    });
    await sdkClient(emulator).createProject({ projectName: 'support-bot' });
    const publisher = await publisherFor(emulator, { project: 'support-bot' });
    return {
      publisher,
      readPublished: async () => {
        const published = [];
        for await (const feedback of sdkClient(emulator).listFeedback()) {
          if (!feedback.key.startsWith('slo.')) continue;
          published.push({
            slo: feedback.key.slice('slo.'.length),
            value: feedback.score as number | null,
            status: String(feedback.value),
          });
        }
        return published;
      },
      dumpBackend: async () => emulator.dump(),
      teardown: () => emulator.stop(),
    };
  },
});
