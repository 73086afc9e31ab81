import { type PublishedResult, testPublisher } from '@slokit/core/testing';
import { startMlflowEmulator } from '@slokit/testkit/mlflow';
import { MlflowClient } from '../client/mlflow-client.js';
import { createMlflowPublisher, defaultPublishExperiment } from './create-mlflow-publisher.js';

const username = 'slo-bot';
const password = 'mlflow-publisher-password-1234';

testPublisher({
  name: 'mlflow',
  secrets: [password, Buffer.from(`${username}:${password}`).toString('base64')],
  async setup() {
    const emulator = await startMlflowEmulator({ auth: { users: [{ username, password }] } });
    const env = {
      MLFLOW_TRACKING_URI: emulator.url,
      MLFLOW_TRACKING_USERNAME: username,
      MLFLOW_TRACKING_PASSWORD: password,
    };
    const publisher = createMlflowPublisher(
      'prod',
      { type: 'mlflow', experiment: 'support-bot-prod', traces: true },
      { baseDir: '.', env },
    );
    const client = new MlflowClient({
      trackingUri: emulator.url,
      auth: { type: 'basic', username, password },
    });
    return {
      publisher,
      async readPublished() {
        const experiment = await client.getExperimentByName(defaultPublishExperiment);
        const { items: runs } = await client.searchRuns({ experimentIds: [experiment!.experiment_id] });
        const results: PublishedResult[] = [];
        for (const run of runs) {
          const metrics = new Map((run.data?.metrics ?? []).map((metric) => [metric.key, metric.value]));
          for (const tag of run.data?.tags ?? []) {
            const match = /^slo\.(.+)\.status$/.exec(tag.key);
            if (!match) continue;
            results.push({
              slo: match[1]!,
              value: metrics.get(`slo.${match[1]}.value`) ?? null,
              status: tag.value!,
            });
          }
        }
        return results;
      },
      dumpBackend: async () => emulator.dump(),
      teardown: () => emulator.stop(),
    };
  },
});
